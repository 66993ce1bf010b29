package views_test

import (
	"slices"
	"testing"

	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/discussion"
)

// A discussion the user creates records the commit the project's root is
// at (Host.GitStamp); drawing one never stamps it (an opened project stays
// as it was: one from before stamps existed shows "not recorded" until
// Stamp is pressed).
func TestNewDiscussionIsStamped(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	// Drawing stamps nothing: opening a project leaves it as it was.
	f := emptyFrame()
	if err := hc.Frames(2, func() { discussion.DiscussionHub(f) }); err != nil {
		t.Fatal(err)
	}
	if got := f.UI.Discussions[0].Created; got != (state.Stamp{}) {
		t.Errorf("drawing stamped the discussion: %+v", got)
	}
	// A discussion the user creates is stamped with the commit.
	f.UI.Forms.NewDiscussionName = "later"
	discussion.CreateDiscussion(f)
	d := f.UI.Discussions[len(f.UI.Discussions)-1]
	if d.Name != "later" || d.Created.Commit != "0123456789abcdef0123456789abcdef01234567" {
		t.Errorf("created discussion %q stamped %+v", d.Name, d.Created)
	}
}

// Take management drawn headless with real ImGui tab bars: a rename, a
// promote and a delete keep the take shown that should be (a renamed
// tab is the same tab to ImGui, not a new one that loses the selection),
// Delete asks first, and the last take's Delete is greyed out.
func TestTakesBarKeepsTheShownTake(t *testing.T) {
	ui := state.Fresh("takes")
	d := &ui.Discussions[0]
	d.Add(state.RoleUser, "first", now)
	d.Add(state.RoleAI, "answer", now)
	d.Add(state.RoleUser, "followup", now)
	h, _, u := newHub(t, ui)
	disc := func() *state.Discussion { return &u.Discussions[0] }
	want := func(when string, names []string, shown string, n int) {
		t.Helper()
		h.frames(3) // ImGui settles the tab bar's selection
		d := disc()
		if !slices.Equal(d.TakeNames(), names) || d.ShownTakeName() != shown || len(d.Entries) != n {
			t.Fatalf("%s: takes %q, shown %q with %d entries; want %q, %q with %d",
				when, d.TakeNames(), d.ShownTakeName(), len(d.Entries), names, shown, n)
		}
	}
	enabled := func(key string) bool {
		t.Helper()
		it, err := h.tree().Find(key)
		if err != nil {
			t.Fatal(err)
		}
		return it.Enabled
	}

	h.press("...##more-1")
	h.press("Branch from here##branch-1")
	want("after the branch", []string{"main", "take 2"}, "take 2", 2)

	h.press("Rename take##take-rename")
	if u.Forms.TakeRenameTo != "take 2" {
		t.Fatalf("the rename box holds %q", u.Forms.TakeRenameTo)
	}
	u.Forms.TakeRenameTo = "Experiment"
	h.press("OK##take-rename-ok")
	want("after the rename", []string{"main", "Experiment"}, "Experiment", 2)

	h.press("Promote##take-promote")
	want("after Promote", []string{"Experiment", "main"}, "Experiment", 2)
	if enabled("Promote##take-promote") {
		t.Error("Promote is enabled on the main line")
	}

	h.rec.SelectTab("main") // as a click on the tab does
	h.frames(1)
	if !h.rec.TabSelected() {
		t.Fatal("main's tab is not drawn")
	}
	want("main's tab clicked", []string{"Experiment", "main"}, "main", 3)

	h.press("Delete take##take-delete")
	if !u.Forms.TakeDeleting {
		t.Fatal("Delete take did not ask")
	}
	h.press("Cancel##take-delete-cancel")
	want("after Cancel", []string{"Experiment", "main"}, "main", 3)
	h.press("Delete take##take-delete")
	h.press("Yes, delete##take-delete-yes")
	want("after Yes", []string{"Experiment"}, "Experiment", 2)
	if enabled("Delete take##take-delete") {
		t.Error("Delete take is enabled on the last take")
	}
}
