package e2e_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/askui"
	"github.com/slopgui/slopgui/internal/ctl"
)

// ctlAsync runs `slopgui ctl ARGS` in the background.
func (s *session) ctlAsync(args ...string) <-chan ctlResult {
	ch := make(chan ctlResult, 1)
	go func() { ch <- s.ctl(args...) }()
	return ch
}

// askModal polls ctl ui until the ask modal is drawn with an item of kind
// labelled label (or, for an input, whose key is label) at the same place
// in two trees (a modal that fits its contents is placed in its second
// frame), and returns the modal's items and that item.
func askModal(t *testing.T, s *session, kind uitree.Kind, label string) ([]uitree.Item, uitree.Item) {
	t.Helper()
	var last uitree.Rect
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if w, err := uiTree(t, s).Only(askui.Title); err == nil {
			for _, it := range w.Items() {
				if it.Kind == kind && (it.Label == label || it.Key == label) {
					if it.Rect == last {
						return w.Items(), it
					}
					last = it.Rect
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the ask modal with %s %q was not drawn", kind, label)
		}
	}
}

// askGone polls ctl ui until the ask modal is no longer drawn.
func askGone(t *testing.T, s *session) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if _, err := uiTree(t, s).Only(askui.Title); err != nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the ask modal is still drawn")
		}
	}
}

func answered(t *testing.T, ch <-chan ctlResult) ctlResult {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(60 * time.Second):
		t.Fatal("slopgui ctl ask did not return")
	}
	return ctlResult{}
}

// TestCtlAsk: an agent asks the user with slopgui ctl ask; the question is
// on screen in a modal with who asks; the user (xdotool here) clicks a
// choice and the agent's call prints it; with --timeout and no answer the
// call exits with the timeout code and the modal goes; without choices
// the user types the answer and presses Enter; an agent-side ctl click
// answers too; every question is in the Hot Reload panel's history.
func TestCtlAsk(t *testing.T) {
	t.Parallel()
	s, _ := startCtlSession(t)

	ch := s.ctlAsync("ask", "Ship it?", "--choices", "yes,no")
	items, yes := askModal(t, s, uitree.Button, "yes")
	asks := false
	for _, it := range items {
		asks = asks || (it.Kind == uitree.Text && strings.Contains(it.Text, "(pid ") && strings.HasSuffix(it.Text, " asks:"))
	}
	if !asks {
		t.Errorf("the modal does not say who asks: %+v", items)
	}
	s.waitScreen("ask-shown", 30*time.Second, "Ship it?", "Dismiss")
	x, y := yes.Rect.Center()
	s.click(int(x), int(y))
	if r := answered(t, ch); r.code != 0 || r.stdout != "yes\n" {
		t.Fatalf("ask answered by a click: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	askGone(t, s)

	r := s.ctl("ask", "Anyone there?", "--timeout", "2s")
	if r.code != ctl.ExitTimeout || !strings.Contains(r.stderr, "no answer from the user within 2s") || r.stdout != "" {
		t.Fatalf("ask --timeout 2s: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	askGone(t, s)

	ch = s.ctlAsync("ask", "Which colour?")
	_, field := askModal(t, s, uitree.Input, "##ask-answer")
	x, y = field.Rect.Center()
	s.click(int(x), int(y))
	s.xdotool("type", "--delay", "50", "teal")
	s.xdotool("key", "Return")
	if r := answered(t, ch); r.code != 0 || r.stdout != "teal\n" {
		t.Fatalf("ask answered by typing: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	askGone(t, s)

	// An agent-side test answers with ctl click; Dismiss exits 4.
	ch = s.ctlAsync("ask", "Pick one", "--choices", "left,right")
	askModal(t, s, uitree.Button, "right")
	if r := s.ctl("click", "right"); r.code != 0 {
		t.Fatalf("click right: exit %d, %s", r.code, r.stderr)
	}
	if r := answered(t, ch); r.code != 0 || r.stdout != "right\n" {
		t.Fatalf("ask answered by ctl click: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	ch = s.ctlAsync("ask", "Go on?", "--choices", "go")
	askModal(t, s, uitree.Button, "Dismiss")
	if r := s.ctl("click", "Dismiss"); r.code != 0 {
		t.Fatalf("click Dismiss: exit %d, %s", r.code, r.stderr)
	}
	if r := answered(t, ch); r.code != ctl.ExitDismissed || !strings.Contains(r.stderr, "dismissed") {
		t.Fatalf("dismissed ask: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}

	// The Hot Reload panel's history lists the questions and answers.
	var shown map[string]bool
	if r := s.ctl("--json", "state", "ShowWindows"); r.code != 0 || json.Unmarshal(r.resp.State, &shown) != nil {
		t.Fatalf("state ShowWindows: exit %d, %s", r.code, r.stderr)
	}
	shown["Hot Reload"] = true
	b, _ := json.Marshal(shown)
	if r := s.ctl("set", "ShowWindows", string(b)); r.code != 0 {
		t.Fatalf("set ShowWindows: exit %d, %s", r.code, r.stderr)
	}
	if r := s.ctl("wait-for", `ask "Ship it?" (choices: yes, no), answered "yes"`, "--timeout", "30s"); r.code != 0 {
		t.Errorf("the history does not show the answered question: %s", r.stderr)
	}
	if r := s.ctl("wait-for", `ask "Which colour?", answered "teal"`, "--timeout", "30s"); r.code != 0 {
		t.Errorf("the history does not show the typed answer: %s", r.stderr)
	}
	if r := s.ctl("wait-for", `ask "Anyone there?": no answer from the user within 2s`, "--timeout", "30s"); r.code != 0 {
		t.Errorf("the history does not show the unanswered question: %s", r.stderr)
	}
	if r := s.ctl("wait-for", "agent: unanswered", "--timeout", "30s"); r.code != 0 {
		t.Errorf("the unanswered question is not marked so: %s", r.stderr)
	}
}

// TestCtlChrome: ctl click opens a menu and presses one of its items (the
// menu closes, as after a click); ctl select picks a combo's option; the
// host's toolbar is in the widget tree, and its Hot Reload button is
// pressed by ctl click as by the mouse.
func TestCtlChrome(t *testing.T) {
	t.Parallel()
	s, _ := startCtlSession(t)
	if _, err := uiTree(t, s).Find("NERV", uitree.MenuItem); err == nil {
		t.Fatal("the Theme menu's items are drawn before it is opened")
	}
	if r := s.ctl("--json", "click", "Theme"); r.code != 0 || !hasItem(r.resp.Changed, uitree.MenuItem, "NERV") {
		t.Fatalf("click Theme: exit %d, %s; changed %+v", r.code, r.stderr, r.resp.Changed)
	}
	if r := s.ctl("click", "NERV"); r.code != 0 {
		t.Fatalf("click NERV: exit %d, %s", r.code, r.stderr)
	}
	if r := s.ctl("--json", "state", "Theme"); string(r.resp.State) != `"NERV"` {
		t.Errorf("Theme after clicking NERV: %s", r.resp.State)
	}
	if _, err := uiTree(t, s).Find("NERV", uitree.MenuItem); err == nil {
		t.Error("the Theme menu stayed open after its item was clicked")
	}
	combo, err := uiTree(t, s).Find("##provider", uitree.Combo)
	if err != nil || len(combo.Options) < 2 {
		t.Fatalf("the provider combo: %+v, %v", combo, err)
	}
	pick := combo.Options[1]
	if r := s.ctl("select", combo.ID, pick); r.code != 0 {
		t.Fatalf("select %s %s: exit %d, %s", combo.ID, pick, r.code, r.stderr)
	}
	if it, err := uiTree(t, s).Find(combo.ID); err != nil || it.Value != pick {
		t.Errorf("the provider combo after select: %+v, %v", it, err)
	}
	if r := s.ctl("select", combo.ID, "no such provider"); r.code != 1 || !strings.Contains(r.stderr, "offers no") {
		t.Errorf("select a missing option: exit %d, %s", r.code, r.stderr)
	}
	tree := uiTree(t, s)
	btn, err := tree.Find("Hot Reload", uitree.Button)
	if err != nil || btn.Window != "Toolbar" {
		t.Fatalf("ui: the toolbar's Hot Reload button: %+v, %v", btn, err)
	}
	if _, err := tree.Only("Toolbar"); err != nil {
		t.Fatal(err)
	}
	st := s.ctl("--json", "status")
	if st.code != 0 || st.resp.Status == nil || st.resp.Status.Busy {
		t.Fatalf("status: exit %d, %s", st.code, st.stderr)
	}
	n0 := st.resp.Status.Reloads
	if r := s.ctl("click", "Hot Reload"); r.code != 0 {
		t.Fatalf("click Hot Reload: exit %d, %s", r.code, r.stderr)
	}
	// The click started a reload (its build is not waited for).
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		st := s.ctl("--json", "status")
		if st.resp.Status != nil && (st.resp.Status.Busy || st.resp.Status.Reloads > n0) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("clicking Hot Reload started no reload")
		}
	}
}

func hasItem(items []uitree.Item, kind uitree.Kind, label string) bool {
	for _, it := range items {
		if it.Kind == kind && it.Label == label {
			return true
		}
	}
	return false
}

// TestApprovalModalInTree: with approval on, the approval modal's Approve
// and Deny are in ctl ui with their rectangles; the user clicking Deny
// there (xdotool) denies the reload (exit 3). A question asked meanwhile
// waits behind the approval and is shown once it is answered.
func TestApprovalModalInTree(t *testing.T) {
	t.Parallel()
	s, _ := startCtlSession(t, "-approve-agent-reloads")
	reload := s.ctlAsync("reload", "--wait")
	var deny, last uitree.Item
	for deadline := time.Now().Add(30 * time.Second); deny.ID == "" || deny.Rect != last.Rect; time.Sleep(50 * time.Millisecond) {
		if w, err := uiTree(t, s).Only("Agent request"); err == nil {
			if _, err := w.Find("Approve", uitree.Button); err != nil {
				t.Fatalf("no Approve: %v", err)
			}
			last = deny
			deny, _ = w.Find("Deny", uitree.Button)
		}
		if time.Now().After(deadline) {
			t.Fatal("the approval modal's buttons are not in ctl ui")
		}
	}
	// A client cannot answer the approval by clicking it (its own request
	// would approve itself); it is refused at once, the modal stays.
	for _, b := range []string{"Approve", "Deny"} {
		if r := s.ctl("click", b); r.code != ctl.ExitDenied || !strings.Contains(r.stderr, "the user's to click") {
			t.Fatalf("ctl click %s on the approval modal: exit %d, %s", b, r.code, r.stderr)
		}
	}
	if _, err := uiTree(t, s).Only("Agent request"); err != nil {
		t.Fatalf("the approval modal went after a refused click: %v", err)
	}
	ask := s.ctlAsync("ask", "After the approval?", "--choices", "ok")
	x, y := deny.Rect.Center()
	s.click(int(x), int(y))
	if r := answered(t, reload); r.code != ctl.ExitDenied {
		t.Fatalf("reload: exit %d, %s", r.code, r.stderr)
	}
	_, ok := askModal(t, s, uitree.Button, "ok")
	x, y = ok.Rect.Center()
	s.click(int(x), int(y))
	if r := answered(t, ask); r.code != 0 || r.stdout != "ok\n" {
		t.Fatalf("ask: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}
