package e2e_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/ctl"
	"github.com/slopgui/slopgui/internal/testutil"
)

// actView adds to the Discussion Hub a button that appends to the
// composer, and two buttons labelled alike.
func actView(s *session) {
	s.edit("views/discussion/discussion.go", `g.Label("Composer"),`, `g.Label("Composer"),
					g.Button("Fill by ctl").OnClick(func() { u.ComposerText += "filled by ctl" }),
					g.Button("Twin##one").OnClick(func() { u.ComposerText += "[one]" }),
					g.Button("Twin##two").OnClick(func() { u.ComposerText += "[two]" }),`)
}

// composer reads ComposerText with slopgui ctl state.
func composer(t *testing.T, s *session) string {
	t.Helper()
	r := s.ctl("--json", "state", "ComposerText")
	var v string
	if r.code != 0 || json.Unmarshal(r.resp.State, &v) != nil {
		t.Fatalf("state ComposerText: exit %d, %s %s", r.code, r.stdout, r.stderr)
	}
	return v
}

// uiTree reads the widget tree with slopgui ctl ui.
func uiTree(t *testing.T, s *session) uitree.Tree {
	t.Helper()
	r := s.ctl("--json", "ui")
	var tree uitree.Tree
	if r.code != 0 || json.Unmarshal(r.resp.UI, &tree) != nil {
		t.Fatalf("ui: exit %d, %s", r.code, r.stderr)
	}
	return tree
}

// composerValue is the value the composer input shows in tree.
func composerValue(tree uitree.Tree) (string, bool) {
	it, err := tree.Find("##composer", uitree.Input)
	if err != nil {
		return "", false
	}
	v, ok := it.Value.(string)
	return v, ok
}

// TestCtlAct drives a view an agent just added with no X tools: the
// button is reloaded in, listed by ctl ui, clicked by ctl click (its
// OnClick changes the state ctl state shows and the next ctl ui draws);
// an ambiguous label lists the candidates and one is clicked by its ID;
// ctl type types into the composer as keys.
func TestCtlAct(t *testing.T) {
	t.Parallel()
	s, _ := startCtlSession(t)

	// ctrl+s goes through ImGui's input as the keys would: File > Save's
	// shortcut writes the project file (not written yet: nothing changed).
	project := filepath.Join(s.config, "slopgui", "projects", "default.toml")
	if _, err := os.Stat(project); err == nil {
		t.Fatal("the project file was written before any change or save")
	}
	if r := s.ctl("key", "ctrl+s"); r.code != 0 {
		t.Fatalf("key ctrl+s: exit %d, %s", r.code, r.stderr)
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if _, err := os.Stat(project); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("ctl key ctrl+s did not save the project")
		}
	}
	// Real keys, sent at once: xdotool lets Ctrl go before S (Ctrl down,
	// S down, Ctrl up, S up), as a quick hand does. Every one saves: about
	// half were lost while the views asked ImGui alone whether Ctrl was
	// down in the frame that took S down.
	for i := 1; i <= 4; i++ {
		before, err := os.Stat(project)
		if err != nil {
			t.Fatal(err)
		}
		s.click(neutralPoint.X, neutralPoint.Y) // and a frame drawn: Ctrl's press draws one alone
		s.xdotool("key", "ctrl+s")
		testutil.Eventually(t, 20*time.Second, fmt.Sprintf("xdotool key ctrl+s #%d to write the project", i), func() bool {
			after, err := os.Stat(project)
			return err == nil && !os.SameFile(before, after) // written anew and renamed over it
		})
	}

	actView(s)
	if r := s.ctl("reload", "--wait", "--timeout", "14m"); r.code != 0 {
		t.Fatalf("reload: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	tree := uiTree(t, s)
	btn, err := tree.Find("Fill by ctl", uitree.Button)
	if err != nil || btn.Window != "Discussion Hub" {
		t.Fatalf("ui after the reload: %+v, %v", btn, err)
	}
	if got := composer(t, s); got != "" {
		t.Fatalf("composer before the click = %q", got)
	}

	r := s.ctl("--json", "click", "Fill by ctl")
	if r.code != 0 {
		t.Fatalf("click: exit %d, %s %s", r.code, r.stdout, r.stderr)
	}
	found := false
	for _, it := range r.resp.Changed {
		found = found || (it.Kind == uitree.Input && it.Value == "filled by ctl")
	}
	if !found {
		t.Errorf("click: the changed items %+v do not hold the composer's new text", r.resp.Changed)
	}
	if got := composer(t, s); got != "filled by ctl" {
		t.Errorf("composer after the click = %q, want %q", got, "filled by ctl")
	}
	if v, _ := composerValue(uiTree(t, s)); v != "filled by ctl" {
		t.Errorf("ui after the click: the composer shows %q", v)
	}

	// Ambiguous and missing labels say what there is; an ID picks one.
	amb := s.ctl("click", "Twin")
	if amb.code != 1 || !strings.Contains(amb.stderr, `"Twin" matches 2 items`) {
		t.Fatalf("click Twin: exit %d, %q", amb.code, amb.stderr)
	}
	var ids []string
	for _, it := range uiTree(t, s).Items() {
		if it.Label == "Twin" {
			ids = append(ids, it.ID)
			if !strings.Contains(amb.stderr, it.ID) {
				t.Errorf("the ambiguity error does not list %s: %q", it.ID, amb.stderr)
			}
		}
	}
	if len(ids) != 2 {
		t.Fatalf("Twin buttons: %v", ids)
	}
	if r := s.ctl("click", ids[1]); r.code != 0 {
		t.Fatalf("click %s: exit %d, %s", ids[1], r.code, r.stderr)
	}
	if got := composer(t, s); got != "filled by ctl[two]" {
		t.Errorf("composer after clicking the second twin = %q", got)
	}
	miss := s.ctl("click", "No Such Button")
	if miss.code != 1 || !strings.Contains(miss.stderr, `nothing drawn is called "No Such Button"`) || !strings.Contains(miss.stderr, `"Fill by ctl"`) {
		t.Errorf("click a missing label: exit %d, %q", miss.code, miss.stderr)
	}

	// Typed as keys into the composer: appended where the text ends.
	ty := s.ctl("--json", "type", "##composer", " and typed")
	if ty.code != 0 {
		t.Fatalf("type: exit %d, %s %s", ty.code, ty.stdout, ty.stderr)
	}
	if got, want := composer(t, s), "filled by ctl[two] and typed"; got != want {
		t.Errorf("composer after ctl type = %q, want %q", got, want)
	}
	// A key goes to the focused composer: Backspace deletes.
	if r := s.ctl("key", "backspace"); r.code != 0 {
		t.Fatalf("key backspace: exit %d, %s", r.code, r.stderr)
	}
	if got, want := composer(t, s), "filled by ctl[two] and type"; got != want {
		t.Errorf("composer after ctl key backspace = %q, want %q", got, want)
	}
	if r := s.ctl("key", "ctrl+nope"); r.code != 2 || !strings.Contains(r.stderr, `no key "nope"`) {
		t.Errorf("key ctrl+nope: exit %d, %q", r.code, r.stderr)
	}

	// select-tab shows the Operations window's Diagnostics tab: the view
	// remembers it (Forms.OpsTab) and the next frame draws it selected.
	if r := s.ctl("select-tab", "Diagnostics"); r.code != 0 {
		t.Fatalf("select-tab: exit %d, %s", r.code, r.stderr)
	}
	if tab, err := uiTree(t, s).Find("Diagnostics", uitree.Tab); err != nil || tab.Value != true {
		t.Errorf("after select-tab the Diagnostics tab is %+v, %v", tab, err)
	}
	var forms struct{ OpsTab int32 }
	if r := s.ctl("--json", "state", "Forms"); json.Unmarshal(r.resp.State, &forms) != nil || forms.OpsTab != 2 {
		t.Errorf("Forms.OpsTab after select-tab = %d (%s)", forms.OpsTab, r.resp.State)
	}

	// wait-for waits (without blocking actions) until the text is drawn:
	// here, until set puts it in the composer.
	waited := make(chan ctlResult, 1)
	go func() { waited <- s.ctl("--json", "wait-for", "[later]", "--timeout", "2m") }()
	if r := s.ctl("set", "ComposerText", `"set by ctl [later]"`); r.code != 0 {
		t.Fatalf("set ComposerText: exit %d, %s", r.code, r.stderr)
	}
	if w := <-waited; w.code != 0 || len(w.resp.Changed) != 1 || w.resp.Changed[0].Value != "set by ctl [later]" {
		t.Errorf("wait-for: exit %d, %s %s", w.code, w.stdout, w.stderr)
	}
	if got := composer(t, s); got != "set by ctl [later]" {
		t.Errorf("composer after set = %q", got)
	}
	if w := s.ctl("wait-for", "never drawn anywhere", "--timeout", "1s"); w.code != 1 || !strings.Contains(w.stderr, "not drawn") {
		t.Errorf("wait-for a text never drawn: exit %d, %q", w.code, w.stderr)
	}
	for _, c := range []struct{ key, value, want string }{
		{"ApproveAgentReloads", "false", "read-only"},
		{"NoSuchKey", "1", `no state key "NoSuchKey"`},
		{"ComposerText", "5", "wants string"},
	} {
		if r := s.ctl("set", c.key, c.value); r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("set %s %s: exit %d, %q; want %q", c.key, c.value, r.code, r.stderr, c.want)
		}
	}
}

// waitApproval polls ctl mma status until an action approval is pending.
func waitApproval(t *testing.T, s *session) ctl.Approval {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		r := s.ctl("--json", "mma", "status")
		if r.code != 0 || r.resp.MMA == nil {
			t.Fatalf("mma status: exit %d, %s", r.code, r.stderr)
		}
		for _, a := range r.resp.MMA.Approvals {
			if a.Kind == "action" {
				return a
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no action approval is pending: %+v", r.resp.MMA.Approvals)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestCtlActApproval: with approval on, a click waits for the user in the
// one approval queue; denied (ctl mma deny), the state is as it was;
// approved, the click is done. Read-only calls never ask. Every action is
// in the Hot Reload panel's history with the client's name and PID.
func TestCtlActApproval(t *testing.T) {
	t.Parallel()
	s, _ := startCtlSession(t, "-approve-agent-reloads")
	var step uitree.Item
	for _, it := range uiTree(t, s).Items() {
		if it.Kind == uitree.Checkbox && it.Label == "Step mode" && it.Window == "MMA Dashboard" && step.ID == "" {
			step = it
		}
	}
	if step.ID == "" {
		t.Fatal("no Step mode checkbox in the MMA Dashboard")
	}
	stepMode := func() bool {
		t.Helper()
		var v bool
		if r := s.ctl("--json", "state", "StepMode"); r.code != 0 || json.Unmarshal(r.resp.State, &v) != nil {
			t.Fatalf("state StepMode: exit %d, %s", r.code, r.stderr)
		}
		return v
	}
	if stepMode() {
		t.Fatal("step mode is on before any click")
	}
	click := func() <-chan ctlResult {
		ch := make(chan ctlResult, 1)
		go func() { ch <- s.ctl("click", step.ID) }()
		return ch
	}

	done := click()
	a := waitApproval(t, s)
	if !strings.Contains(a.Title, `click checkbox "Step mode"`) || a.AskerPID == 0 {
		t.Errorf("the approval asked: %+v", a)
	}
	select {
	case r := <-done:
		t.Fatalf("the click did not wait for the user: exit %d, %s", r.code, r.stderr)
	default:
	}
	if r := s.ctl("mma", "deny", a.ID); r.code != 0 {
		t.Fatalf("mma deny: exit %d, %s", r.code, r.stderr)
	}
	if r := <-done; r.code != 3 || !strings.Contains(r.stderr, "denied by the user") {
		t.Errorf("a denied click: exit %d, %q", r.code, r.stderr)
	}
	if stepMode() {
		t.Error("a denied click changed the state")
	}

	// Read only: never asks.
	if r := s.ctl("wait-for", "Step mode", "--timeout", "30s"); r.code != 0 {
		t.Errorf("wait-for with approval on: exit %d, %s", r.code, r.stderr)
	}

	done = click()
	a = waitApproval(t, s)
	if r := s.ctl("mma", "approve", a.ID); r.code != 0 {
		t.Fatalf("mma approve: exit %d, %s", r.code, r.stderr)
	}
	if r := <-done; r.code != 0 {
		t.Fatalf("an approved click: exit %d, %s", r.code, r.stderr)
	}
	if !stepMode() {
		t.Error("the approved click did not turn step mode on")
	}

	// set, approved, opens the Hot Reload panel: its history shows both
	// clicks with the client.
	var shown map[string]bool
	if r := s.ctl("--json", "state", "ShowWindows"); r.code != 0 || json.Unmarshal(r.resp.State, &shown) != nil {
		t.Fatalf("state ShowWindows: exit %d, %s", r.code, r.stderr)
	}
	shown["Hot Reload"] = true
	b, _ := json.Marshal(shown)
	set := make(chan ctlResult, 1)
	go func() { set <- s.ctl("set", "ShowWindows", string(b)) }()
	a = waitApproval(t, s)
	if !strings.Contains(a.Title, "set ShowWindows") {
		t.Errorf("the set's approval: %+v", a)
	}
	s.ctl("mma", "approve", a.ID)
	if r := <-set; r.code != 0 {
		t.Fatalf("set ShowWindows: exit %d, %s", r.code, r.stderr)
	}
	tree, err := uiTree(t, s).Only("Hot Reload")
	if err != nil {
		t.Fatal(err)
	}
	var logged []string
	for _, it := range tree.Items() {
		if strings.Contains(it.Text, `click checkbox "Step mode"`) {
			logged = append(logged, it.Text)
		}
	}
	if len(logged) != 2 || !strings.Contains(logged[0]+logged[1], "denied by the user") || !strings.Contains(logged[0], "(pid ") {
		t.Errorf("the Hot Reload panel's history: %q", logged)
	}
}
