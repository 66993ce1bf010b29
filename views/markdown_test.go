package views_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/gui/giubackend"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/discussion"
)

// hub draws the Discussion Hub headless with the widget tree recorded.
type hub struct {
	t    *testing.T
	hc   *headless.Context
	rec  *uitree.Recorder
	n    uint64
	draw func()
}

func newHub(t *testing.T, ui state.UI) (*hub, *host, *state.UI) {
	hc := headless.New(t, 1280, 900)
	rec := giubackend.InstallRecording()
	t.Cleanup(giubackend.Install)
	f := frameWith(ui)
	h := &hub{t: t, hc: hc, rec: rec}
	h.draw = func() {
		h.n++
		rec.BeginFrame(h.n)
		discussion.DiscussionHub(f)
		rec.EndFrame()
	}
	h.frames(2)
	return h, f.Host.(*host), f.UI
}

func (h *hub) frames(n int) {
	h.t.Helper()
	if err := h.hc.Frames(n, h.draw); err != nil {
		h.t.Fatal(err)
	}
}

func (h *hub) tree() uitree.Tree {
	h.t.Helper()
	h.rec.Want()
	h.frames(1)
	return <-h.rec.Done()
}

// press presses the item key as a click would, in the next frame.
func (h *hub) press(key string) {
	h.t.Helper()
	it, err := h.tree().Find(key)
	if err != nil {
		h.t.Fatal(err)
	}
	done := h.rec.Act(uitree.Press, it.ID)
	h.frames(1)
	if !<-done {
		h.t.Fatalf("%s was not drawn to press", key)
	}
	h.frames(1)
}

const answerMD = "# Result\n\nRead [the docs](https://go.dev/doc) first.\n\n```go\nx := 1\n```\n"

// An AI entry is drawn rendered (its code block as code, with Copy),
// other entries as text boxes; Edit shows the answer's raw text and Read
// renders it again.
func TestHubRendersAnswers(t *testing.T) {
	ui := state.Fresh("md")
	d := &ui.Discussions[0]
	d.Add(state.RoleUser, "a *question*", now)
	d.Add(state.RoleAI, answerMD, now)
	h, _, u := newHub(t, ui)

	kinds := func() (codes, inputs []string) {
		for _, it := range h.tree().Items() {
			switch it.Kind {
			case uitree.Code:
				codes = append(codes, it.Text)
			case uitree.Input:
				if v, ok := it.Value.(string); ok {
					inputs = append(inputs, v)
				}
			}
		}
		return codes, inputs
	}
	codes, inputs := kinds()
	if len(codes) != 1 || codes[0] != "x := 1\n" {
		t.Errorf("code blocks drawn %q, want the answer's", codes)
	}
	if !contains(inputs, "a *question*") || contains(inputs, answerMD) {
		t.Errorf("text boxes %q: want the User entry's raw, not the answer's", inputs)
	}
	h.press("Edit##readedit-1")
	if !u.Discussions[0].Entries[1].Editing {
		t.Fatal("Edit did not switch the entry to its text")
	}
	codes, inputs = kinds()
	if len(codes) != 0 || !contains(inputs, answerMD) {
		t.Errorf("in Edit: code blocks %q, text boxes %q", codes, inputs)
	}
	h.press("Read##readedit-1")
	if codes, _ = kinds(); len(codes) != 1 {
		t.Errorf("Read did not render the answer again: %q", codes)
	}
}

// A click on a link asks first; Open has the host open it, Cancel does
// not; a failure to open is shown in the dialog, which stays.
func TestHubLinkAsksFirst(t *testing.T) {
	ui := state.Fresh("md")
	ui.Discussions[0].Add(state.RoleAI, answerMD, now)
	h, host, u := newHub(t, ui)

	var para uitree.Item
	for _, it := range h.tree().Items() {
		if it.Kind == uitree.Text && strings.HasPrefix(it.Text, "Read the docs") {
			para = it
		}
	}
	if para.Text == "" {
		t.Fatal("the paragraph with the link is not drawn")
	}
	// "the docs" starts after "Read ": a little in from the left.
	space := para.Rect.Y1 - para.Rect.Y0
	if err := h.hc.Click(para.Rect.X0+space*3, para.Rect.Y0+space/3, h.draw); err != nil {
		t.Fatal(err)
	}
	h.frames(1)
	if u.Forms.OpenLink != "https://go.dev/doc" {
		t.Fatalf("a click on the link left OpenLink %q", u.Forms.OpenLink)
	}
	if len(host.opened) != 0 {
		t.Fatal("the link was opened before the user confirmed")
	}
	if !hasText(h.tree(), "https://go.dev/doc") {
		t.Error("the dialog does not show the address")
	}
	h.press("Cancel##link-cancel")
	if u.Forms.OpenLink != "" || len(host.opened) != 0 {
		t.Fatalf("Cancel: OpenLink %q, opened %q", u.Forms.OpenLink, host.opened)
	}

	u.Forms.OpenLink = "https://go.dev/doc"
	host.openErr = errors.New("xdg-open is not installed: install xdg-utils")
	h.press("Open##link-open")
	if u.Forms.OpenLink == "" || !strings.Contains(u.Forms.LinkError, "xdg-open is not installed") {
		t.Fatalf("a failed open: OpenLink %q, LinkError %q", u.Forms.OpenLink, u.Forms.LinkError)
	}
	if !hasTextContaining(h.tree(), "xdg-open is not installed") {
		t.Error("the failure is not shown in the dialog")
	}
	host.openErr = nil
	h.press("Open##link-open")
	if u.Forms.OpenLink != "" || u.Forms.LinkError != "" || !contains(host.opened, "url:https://go.dev/doc") {
		t.Fatalf("Open: OpenLink %q, LinkError %q, opened %q", u.Forms.OpenLink, u.Forms.LinkError, host.opened)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasText(t uitree.Tree, text string) bool {
	for _, it := range t.Items() {
		if it.Kind == uitree.Text && it.Text == text {
			return true
		}
	}
	return false
}

func hasTextContaining(t uitree.Tree, text string) bool {
	for _, it := range t.Items() {
		if it.Kind == uitree.Text && strings.Contains(it.Text, text) {
			return true
		}
	}
	return false
}
