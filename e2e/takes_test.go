package e2e_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/persist"
	"github.com/slopgui/slopgui/state"
)

// The commit the test's hand-made checkout is at (gitstamp reads .git's
// files; no git command runs).
const takesCommit = "abcdef1234567890abcdef1234567890abcdef12"

// Issue 19 items 2, 3 and 7 in the window: the discussion header shows the
// commit of the project's root (a git checkout) after Stamp; "Branch from
// here" on the first answer makes a take shown as a second tab; a Send
// there carries the branch's entries and its answer arrives in that take
// only; the main tab still holds what it held; "Insert above" adds an
// entry before the first; a role of the user's is added and offered by
// the composer; all of it is in the project file after quitting.
func TestTakesStampInsertRoles(t *testing.T) {
	t.Parallel()
	srv := newModelServer(t, func(w http.ResponseWriter) { sseText(w, "Branchanswer arrived here."); sseEnd(w) })
	root := t.TempDir()
	for name, text := range map[string]string{
		".git/HEAD":             "ref: refs/heads/trunk\n",
		".git/refs/heads/trunk": takesCommit + "\n",
		"notes.txt":             "notes\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	proj := writeTakesProject(t, "Takes Project", root, srv.URL+"/v1")
	rt := t.TempDir()
	s := startSessionArgs(t, []string{"OPENAI_API_KEY=" + e2eKey, "OPENAI_BASE_URL=", "XDG_RUNTIME_DIR=" + rt}, []string{"-project", proj})
	s.waitScreen("opened", 30*time.Second, "Takes", "Mainfollowup")
	const wait = 30 * time.Second

	// Stamp: the header shows the commit's short hash and the branch.
	s.clickItem(s.waitItem("Stamp", wait, byLabel(uitree.Button, "Stamp")))
	s.waitItem("the stamp text", wait, func(it uitree.Item) bool {
		return it.Kind == uitree.Text && strings.Contains(it.Text, "now at abcdef12 (trunk) ")
	})
	s.waitScreen("stamped", wait, "abcdef12", "(trunk)")

	// Branch from the first answer (entry #2): its "..." row, then the button.
	s.clickItem(s.waitItem("entry 2's ...", wait, byKey("...##more-1")))
	s.clickItem(s.waitItem("Branch from here", wait, byKey("Branch from here##branch-1")))
	s.waitItem("the take 2 tab", wait, byLabel(uitree.Tab, "take 2"))
	// The tab is in the tree in the frame that switches; the screen may
	// still show main for a frame: main's third entry must go, in time.
	for deadline := time.Now().Add(wait); ; {
		_, text := s.waitScreenText("branched", wait, "main", "take", "Firstanswer")
		if !strings.Contains(text, "Mainfollowup") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the branch shows main's third entry:\n%s", text)
		}
	}

	// Send in the new take: the request carries the branch's entries.
	s.typeComposer("Branchquestion now")
	s.clickText("Send")
	s.waitScreen("answered", wait, "Branchanswer", "Branchquestion")
	reqs := srv.requests()
	if len(reqs) != 1 || !strings.Contains(reqs[0], "Firstanswer") || !strings.Contains(reqs[0], "Branchquestion") ||
		strings.Contains(reqs[0], "Mainfollowup") {
		t.Fatalf("the branch's request: %q", reqs)
	}

	// Both takes are tabs on screen; main still holds its own entries
	// and not the answer.
	mt := s.findText("main", wait)
	s.click(mt.X, mt.Y)
	_, text := s.waitScreenText("main again", wait, "Mainfollowup", "take")
	if strings.Contains(text, "Branchanswer") {
		t.Fatalf("the branch's answer is in main:\n%s", text)
	}

	// Insert above the first entry of main.
	s.clickItem(s.waitItem("entry 1's ...", wait, byKey("...##more-0")))
	s.clickItem(s.waitItem("Insert above", wait, byKey("Insert above##ins-above-0")))
	s.waitItem("the count of 4 entries", wait, func(it uitree.Item) bool { return it.Text == "4 entries" })
	s.waitScreen("inserted", wait, "entries", "#4", "Mainfollowup")

	// A role of the user's: Roles, type it, Add role; the composer offers it.
	s.clickItem(s.waitItem("Roles", wait, byLabel(uitree.Button, "Roles")))
	s.clickItem(s.waitItem("the new role box", wait, byKey("##new-role")))
	s.xdotool("type", "--delay", "30", "Reviewer")
	s.clickItem(s.waitItem("Add role", wait, byLabel(uitree.Button, "Add role")))
	s.waitItem("the composer's role", wait, func(it uitree.Item) bool {
		return it.Key == "##composer-role" && slices.Contains(it.Options, "Reviewer") && fmt.Sprint(it.Value) == "Reviewer"
	})
	s.waitScreen("role added", wait, "Reviewer", "Remove")

	var forms state.Forms
	if r := s.ctl("--json", "state", "Forms"); json.Unmarshal(r.resp.State, &forms) != nil || forms.TakeMessage != "" {
		t.Errorf("forms %+v (exit %d %s)", forms, r.code, r.stderr)
	}

	// Everything is in the project file.
	s.quitFromMenu()
	p, err := persist.LoadProject(proj)
	if err != nil {
		t.Fatal(err)
	}
	d := p.Discussions[0]
	if names := d.TakeNames(); !slices.Equal(names, []string{"main", "take 2"}) || d.ShownTakeName() != "main" {
		t.Fatalf("saved takes %q, shown %q", names, d.ShownTakeName())
	}
	var mainTexts, branchTexts []string
	for _, e := range d.TakeEntries(0) {
		mainTexts = append(mainTexts, e.Text)
	}
	for _, e := range d.TakeEntries(1) {
		branchTexts = append(branchTexts, e.Text)
	}
	if !slices.Equal(mainTexts, []string{"", "Firstquestion please", "Firstanswer given", "Mainfollowup only"}) {
		t.Errorf("main's entries %q", mainTexts)
	}
	if len(branchTexts) != 4 || branchTexts[1] != "Firstanswer given" || branchTexts[2] != "Branchquestion now" ||
		branchTexts[3] != "Branchanswer arrived here." {
		t.Errorf("the branch's entries %q", branchTexts)
	}
	if d.Stamped.Commit != takesCommit || d.Stamped.Branch != "trunk" {
		t.Errorf("stamp %+v", d.Stamped)
	}
	if !slices.Equal(p.Project.Roles, []string{"Reviewer"}) {
		t.Errorf("roles %q", p.Project.Roles)
	}
}

// writeTakesProject writes the takes tests' project (a discussion of three
// entries: question, answer, follow-up) and returns its path.
func writeTakesProject(t *testing.T, name, root, baseURL string) string {
	t.Helper()
	return writeModelProject(t, "takes.toml", name, root, baseURL, `[[Discussions]]
  Name = "design"
  [[Discussions.Entries]]
    ID = "e00000000001"
    Role = "User"
    Text = "Firstquestion please"
  [[Discussions.Entries]]
    ID = "e00000000002"
    Role = "AI"
    Text = "Firstanswer given"
  [[Discussions.Entries]]
    ID = "e00000000003"
    Role = "User"
    Text = "Mainfollowup only"
`)
}
