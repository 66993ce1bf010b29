package views_test

import (
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
