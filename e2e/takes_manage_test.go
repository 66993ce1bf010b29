package e2e_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/persist"
	"github.com/slopgui/slopgui/state"
)

// Issue 19 item 2's take management with the real mouse and keyboard:
// Branch from here makes a second take; Rename take gives it the name
// typed (its tab shows it); Promote makes it the main line (the first
// tab, and it stays shown); Delete take on the other asks first (Cancel
// keeps it, Yes removes it, the last take's Delete is greyed out);
// Edit > Undo offers "Undo delete take" and Ctrl+Z takes the delete
// back; autosave writes the result to the project file.
func TestTakesRenamePromoteDelete(t *testing.T) {
	t.Parallel()
	proj := writeTakesProject(t, "Manage Takes", ".", "http://127.0.0.1:9/v1")
	s, _ := startCtlSession(t, "-project", proj)
	const wait = 30 * time.Second

	// Branch from the first answer: the new take is shown.
	s.clickItem(s.waitItem("entry 2's ...", wait, byKey("...##more-1")))
	s.clickItem(s.waitItem("Branch from here", wait, byKey("Branch from here##branch-1")))
	s.waitItem("the take 2 tab", wait, byLabel(uitree.Tab, "take 2"))
	waitTakes(t, s, "after the branch", []string{"main", "take 2"}, "take 2", 2)

	// Rename it: the box holds the old name; select it all and type.
	s.clickItem(s.waitItem("Rename take", wait, byKey("Rename take##take-rename")))
	box := s.waitItem("the rename box", wait, byKey("##take-rename-to"))
	if box.Value != "take 2" {
		t.Errorf("the rename box holds %q, want the take's name", box.Value)
	}
	s.clickItem(box)
	s.keyCombo("ctrl", "a")
	s.xdotool("type", "--delay", "30", "Experiment")
	s.waitItem("the typed name", wait, func(it uitree.Item) bool { return it.Key == "##take-rename-to" && it.Value == "Experiment" })
	s.clickItem(s.waitItem("the rename's OK", wait, byKey("OK##take-rename-ok")))
	s.waitItem("the Experiment tab", wait, byLabel(uitree.Tab, "Experiment"))
	waitTakes(t, s, "after the rename", []string{"main", "Experiment"}, "Experiment", 2)
	waitNoItem(t, s, "the rename box after OK", "##take-rename-to")

	// Promote: Experiment is the first tab and still the one shown.
	s.clickItem(s.waitItem("Promote", wait, byKey("Promote##take-promote")))
	// The mouse leaves Promote: its tooltip says "main line", and OCR
	// must find main's tab, not that.
	s.xdotool("mousemove", "1270", "45")
	waitTakes(t, s, "after Promote", []string{"Experiment", "main"}, "Experiment", 2)
	if tabs := tabNames(t, s); !slices.Equal(tabs, []string{"Experiment", "main"}) {
		t.Fatalf("the tabs drawn: %q", tabs)
	}
	if it := findItem(t, s, "Promote##take-promote"); it.Enabled {
		t.Error("Promote is enabled on the main line")
	}
	_, text := s.waitScreenText("promoted", wait, "Experiment", "main", "Firstanswer")
	if strings.Contains(text, "Mainfollowup") {
		t.Errorf("the promoted take shows main's third entry:\n%s", text)
	}
	// On screen the Experiment tab is left of main's (the tree has no
	// rectangles for tabs).
	mainTab := s.findText("main", wait)
	if e := s.findText("Experiment", wait); e.X >= mainTab.X || abs(e.Y-mainTab.Y) > 10 {
		t.Fatalf("the tabs on screen: Experiment at %v, main at %v; want Experiment first on the row", e, mainTab)
	}

	// Delete main (now the second tab): Cancel keeps it.
	s.click(mainTab.X, mainTab.Y)
	waitTakes(t, s, "main shown", []string{"Experiment", "main"}, "main", 3)
	s.clickItem(s.waitItem("Delete take", wait, byKey("Delete take##take-delete")))
	cancel := s.waitItem("the confirm's Cancel", wait, byKey("Cancel##take-delete-cancel"))
	s.waitScreen("the confirm", wait, `Delete take "main" and its 3 entries?`, "Yes, delete")
	s.clickItem(cancel)
	waitNoItem(t, s, "the confirm after Cancel", "Yes, delete##take-delete-yes")
	waitTakes(t, s, "after Cancel", []string{"Experiment", "main"}, "main", 3)

	// Yes removes it; Experiment is shown; the last take cannot go.
	s.clickItem(s.waitItem("Delete take", wait, byKey("Delete take##take-delete")))
	s.clickItem(s.waitItem("the confirm's Yes", wait, byKey("Yes, delete##take-delete-yes")))
	waitTakes(t, s, "after the delete", []string{"Experiment"}, "Experiment", 2)
	s.waitScreenWithout("deleted", wait, "Mainfollowup")
	if it := findItem(t, s, "Delete take##take-delete"); it.Enabled {
		t.Error("Delete take is enabled on the last take")
	}
	if tabs := tabNames(t, s); !slices.Equal(tabs, []string{"Experiment"}) {
		t.Errorf("tabs after the delete: %q", tabs)
	}
	waitSaved(t, proj, "after the delete", []string{"Experiment"}, "Experiment") // autosaved

	// Edit > Undo says what Ctrl+Z takes back; it brings main back,
	// shown, second.
	s.clickItem(s.waitItem("the Edit menu", wait, byLabel(uitree.Menu, "Edit")))
	s.waitItem("Edit > Undo delete take", wait, byLabel(uitree.MenuItem, "Undo delete take"))
	s.xdotool("key", "Escape")
	undoKey(s, "ctrl+z")
	waitTakes(t, s, "after Ctrl+Z", []string{"Experiment", "main"}, "main", 3)
	s.waitScreen("undone", wait, "Mainfollowup", "Experiment")

	// Autosave writes it to the project file (a second after the last
	// change).
	d := waitSaved(t, proj, "after Ctrl+Z", []string{"Experiment", "main"}, "main")
	if got := entryTexts(d.TakeEntries(0)); !slices.Equal(got, []string{"Firstquestion please", "Firstanswer given"}) {
		t.Errorf("Experiment's saved entries %q", got)
	}
	if got := entryTexts(d.TakeEntries(1)); !slices.Equal(got, []string{"Firstquestion please", "Firstanswer given", "Mainfollowup only"}) {
		t.Errorf("main's saved entries %q", got)
	}
}

// waitSaved waits until the project file at path holds the takes names
// (tab order) with shown shown in its first discussion, and returns it.
func waitSaved(t *testing.T, path, when string, names []string, shown string) state.Discussion {
	t.Helper()
	var d state.Discussion
	for deadline := time.Now().Add(30 * time.Second); ; {
		p, err := persist.LoadProject(path)
		if err == nil {
			d = p.Discussions[0]
			if slices.Equal(d.TakeNames(), names) && d.ShownTakeName() == shown {
				return d
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: the saved file has takes %q, shown %q (%v); want %q, %q", when, d.TakeNames(), d.ShownTakeName(), err, names, shown)
		}
		time.Sleep(100 * time.Millisecond) // polling the file, with a deadline
	}
}

// waitTakes waits until the first discussion has the takes names (tab
// order) with shown shown, holding n entries.
func waitTakes(t *testing.T, s *session, when string, names []string, shown string, n int) {
	t.Helper()
	var d state.Discussion
	for deadline := time.Now().Add(30 * time.Second); ; {
		r := s.ctl("--json", "state", "Discussions")
		var ds []state.Discussion
		if r.code != 0 || json.Unmarshal(r.resp.State, &ds) != nil || len(ds) == 0 {
			t.Fatalf("%s: state Discussions: exit %d, %s", when, r.code, r.stderr)
		}
		d = ds[0]
		if slices.Equal(d.TakeNames(), names) && d.ShownTakeName() == shown && len(d.Entries) == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: takes %q, shown %q with %d entries; want %q, %q with %d",
				when, d.TakeNames(), d.ShownTakeName(), len(d.Entries), names, shown, n)
		}
		time.Sleep(50 * time.Millisecond) // polling the app, with a deadline
	}
}

// waitNoItem waits until no item keyed key is drawn.
func waitNoItem(t *testing.T, s *session, what, key string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); slices.ContainsFunc(uiTree(t, s).Items(), byKey(key)); {
		if time.Now().After(deadline) {
			t.Fatalf("%s is still drawn", what)
		}
		time.Sleep(50 * time.Millisecond) // polling the app, with a deadline
	}
}

// tabNames is the takes' tabs in the order drawn.
func tabNames(t *testing.T, s *session) []string {
	t.Helper()
	var names []string
	for _, it := range uiTree(t, s).Items() {
		if it.Kind == uitree.Tab && strings.HasPrefix(it.Key, "##takes-") { // the takes' bar, not another
			names = append(names, it.Label)
		}
	}
	return names
}

// findItem is the item keyed key in the window now, enabled or not.
func findItem(t *testing.T, s *session, key string) uitree.Item {
	t.Helper()
	for _, it := range uiTree(t, s).Items() {
		if it.Key == key {
			return it
		}
	}
	t.Fatalf("%s is not drawn", key)
	return uitree.Item{}
}

// entryTexts lists the entries' texts.
func entryTexts(es []state.Entry) []string {
	var texts []string
	for _, e := range es {
		texts = append(texts, e.Text)
	}
	return texts
}
