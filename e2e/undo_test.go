package e2e_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/state"
)

// Undo and redo as a user does them: delete an entry with its Delete
// button, Ctrl+Z brings it back (on screen and in the state), Ctrl+Shift+Z
// deletes it again, and Edit > Undo, which says what it undoes, brings it
// back once more.
func TestUndoDeleteEntry(t *testing.T) {
	t.Parallel()
	s, _ := startCtlSession(t)
	discs := []state.Discussion{{Name: "main", Entries: []state.Entry{
		{ID: "keep01", Role: state.RoleUser, Text: "Lighthouse keeper question"},
		{ID: "gone02", Role: state.RoleAI, Text: "Pelican migration answer"},
	}}}
	b, _ := json.Marshal(discs)
	if r := s.ctl("set", "Discussions", string(b)); r.code != 0 { // from outside the views: no undo step
		t.Fatalf("set Discussions: exit %d, %s", r.code, r.stderr)
	}
	s.waitScreen("entries", 60*time.Second, "Pelican", "Lighthouse")

	// The Delete button of entry #2, clicked with the mouse.
	del, err := uiTree(t, s).Find("Delete##del-1", uitree.Button)
	if err != nil {
		t.Fatal(err)
	}
	x, y := del.Rect.Center()
	s.click(int(x), int(y))
	s.waitScreenWithout("deleted", 30*time.Second, "Pelican")
	wantEntries(t, s, "after the delete", "keep01")

	undoKey(s, "ctrl+z")
	s.waitScreen("undone", 30*time.Second, "Pelican")
	wantEntries(t, s, "after Ctrl+Z", "keep01", "gone02")

	undoKey(s, "ctrl+shift+z")
	s.waitScreenWithout("redone", 30*time.Second, "Pelican")
	wantEntries(t, s, "after Ctrl+Shift+Z", "keep01")

	// Edit > Undo says what it undoes.
	edit, err := uiTree(t, s).Find("Edit", uitree.Menu)
	if err != nil {
		t.Fatal(err)
	}
	x, y = edit.Rect.Center()
	s.click(int(x), int(y))
	s.waitScreen("edit-menu", 30*time.Second, "Undo delete entry")
	item, err := uiTree(t, s).Find("Undo delete entry", uitree.MenuItem)
	if err != nil || !item.Enabled {
		t.Fatalf("the Undo item: %+v, %v", item, err)
	}
	x, y = item.Rect.Center()
	s.click(int(x), int(y))
	s.waitScreen("menu-undone", 30*time.Second, "Pelican")
	wantEntries(t, s, "after Edit > Undo", "keep01", "gone02")

	// Nothing more to undo: the item is greyed out, plain "Undo"; Redo
	// offers the delete again.
	x, y = edit.Rect.Center()
	s.click(int(x), int(y))
	s.waitScreen("edit-menu-again", 30*time.Second, "Redo delete entry")
	tree := uiTree(t, s)
	if it, err := tree.Find("Undo", uitree.MenuItem); err != nil || it.Enabled {
		t.Errorf("with nothing to undo the Undo item is %+v, %v; want it disabled", it, err)
	}
	s.xdotool("key", "Escape")
}

// Ctrl+Z while the model answers: the delete made before the Send is
// undone, the question sent and the answer arriving stay, and the answer
// goes on streaming into its entry to the end.
func TestUndoMidStream(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var once sync.Once
	done := func() { once.Do(func() { close(release) }) }
	t.Cleanup(done) // a failure must not leave the server waiting
	srv := newModelServer(t, func(w http.ResponseWriter) {
		sseText(w, "Streaming answer begins ")
		select {
		case <-release:
		case <-time.After(10 * time.Minute):
		}
		sseText(w, "and finishes nicely.")
		sseEnd(w)
	})
	proj := writeModelProject(t, "undo.toml", "Undo Project", ".", srv.URL+"/v1", `[[Discussions]]
  Name = "main"
  [[Discussions.Entries]]
    ID = "keep01"
    Role = "User"
    Text = "Lighthouse keeper question"
`)
	s := startSessionArgs(t, []string{"XDG_RUNTIME_DIR=" + t.TempDir(), "OPENAI_API_KEY=" + e2eKey, "OPENAI_BASE_URL="},
		[]string{"-project", proj})
	s.waitScreen("opened", 60*time.Second, "Lighthouse", "Undo Project")

	del, err := uiTree(t, s).Find("Delete##del-0", uitree.Button)
	if err != nil {
		t.Fatal(err)
	}
	x, y := del.Rect.Center()
	s.click(int(x), int(y))
	s.waitScreenWithout("deleted", 30*time.Second, "Lighthouse")

	s.typeComposer("Hello model")
	s.clickText("Send")
	s.waitScreen("streaming", 30*time.Second, "begins", "streaming")

	undoKey(s, "ctrl+z")
	_, text := s.waitScreenText("undone mid-stream", 30*time.Second, "Lighthouse", "begins", "Hello model")
	if strings.Contains(text, "finishes") {
		t.Fatal("the end of the answer is on screen before the server sent it")
	}
	done()
	s.waitScreen("finished", 30*time.Second, "Lighthouse", "finishes", "nicely")
	r := s.ctl("--json", "state", "Discussions")
	var ds []state.Discussion
	if r.code != 0 || json.Unmarshal(r.resp.State, &ds) != nil || len(ds) != 1 {
		t.Fatalf("state Discussions: exit %d, %s", r.code, r.resp.State)
	}
	es := ds[0].Entries
	if len(es) != 3 || es[0].ID != "keep01" || es[1].Text != "Hello model" ||
		es[2].Text != "Streaming answer begins and finishes nicely." || es[2].Status != "" {
		t.Fatalf("entries after the undo and the end of the answer: %+v", es)
	}
}

// undoKey presses keys (Ctrl+Z…) with the window focused and the
// pointer on the toolbar's empty end, where it hovers nothing (as the
// other key tests do: a window key wants the window focused).
func undoKey(s *session, keys string) {
	s.click(1270, 45)
	s.xdotool("key", keys) // sent at once: the modifiers are let go first

}

// wantEntries checks the IDs of the first discussion's entries, as
// `slopgui ctl state Discussions` reports them.
func wantEntries(t *testing.T, s *session, when string, ids ...string) {
	t.Helper()
	r := s.ctl("--json", "state", "Discussions")
	var ds []state.Discussion
	if r.code != 0 || json.Unmarshal(r.resp.State, &ds) != nil || len(ds) == 0 {
		t.Fatalf("%s: state Discussions: exit %d, %s %s", when, r.code, r.resp.State, r.stderr)
	}
	var got []string
	for _, e := range ds[0].Entries {
		got = append(got, e.ID)
	}
	if strings.Join(got, ",") != strings.Join(ids, ",") {
		t.Fatalf("%s: entries %v, want %v", when, got, ids)
	}
}
