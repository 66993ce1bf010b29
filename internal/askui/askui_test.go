package askui_test

import (
	"context"

	"errors"
	imgui "github.com/AllenDang/cimgui-go/imgui"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/gui/giubackend"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/ask"
	"github.com/slopgui/slopgui/internal/askui"
	"github.com/slopgui/slopgui/internal/headless"
)

type outcome struct {
	answer string
	err    error
}

// harness draws the modal in real (headless) ImGui frames with the
// widget tree recorded.
type harness struct {
	t   *testing.T
	c   *headless.Context
	rec *uitree.Recorder
	q   *ask.Queue
	s   askui.State
	n   uint64
	// other, when set, draws something else first (a view's modal).
	other func()
}

func newHarness(t *testing.T) *harness {
	c := headless.New(t, 1000, 700)
	return &harness{t: t, c: c, rec: giubackend.InstallRecording(), q: &ask.Queue{}}
}

func (h *harness) draw() {
	h.n++
	h.rec.BeginFrame(h.n)
	if h.other != nil {
		h.other()
	}
	askui.Draw(h.q, &h.s, h.rec)
	h.rec.EndFrame()
}

func (h *harness) frame() {
	h.t.Helper()
	if err := h.c.Frame(h.draw); err != nil {
		h.t.Fatal(err)
	}
}

// tree draws a recorded frame and returns the modal's items.
func (h *harness) tree() []uitree.Item {
	h.t.Helper()
	h.rec.Want()
	h.frame()
	t := <-h.rec.Done()
	w, err := t.Only(askui.Title)
	if err != nil {
		return nil
	}
	return w.Items()
}

func (h *harness) ask(ctx context.Context, qu ask.Question) <-chan outcome {
	ch := make(chan outcome, 1)
	n := len(h.q.Pending())
	go func() {
		a, err := h.q.Ask(ctx, qu, 0)
		ch <- outcome{a, err}
	}()
	for deadline := time.Now().Add(10 * time.Second); len(h.q.Pending()) == n; {
		if time.Now().After(deadline) {
			h.t.Fatal("the question was not queued")
		}
		time.Sleep(time.Millisecond)
	}
	return ch
}

// result draws frames until the ask returns.
func (h *harness) result(ch <-chan outcome) outcome {
	h.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		h.frame()
		select {
		case o := <-ch:
			return o
		default:
		}
	}
	h.t.Fatal("no outcome")
	return outcome{}
}

func find(items []uitree.Item, kind uitree.Kind, label string) (uitree.Item, bool) {
	i := slices.IndexFunc(items, func(it uitree.Item) bool {
		return it.Kind == kind && (it.Label == label || (kind == uitree.Text && strings.Contains(it.Text, label)))
	})
	if i < 0 {
		return uitree.Item{}, false
	}
	return items[i], true
}

// A question with choices shows who asks, the question and a button per
// choice; a pending press (ctl click) on one answers with it; two waiting
// show "1 of 2"; the next question follows.
func TestChoicesPressed(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	first := h.ask(ctx, ask.Question{Text: "Ship it?", Choices: []string{"yes", "no"}, Asker: "claude", PID: 123})
	second := h.ask(ctx, ask.Question{Text: "Name?", Asker: "codex", PID: 9})
	items := h.tree()
	for _, want := range []string{"1 of 2", "claude (pid 123) asks:", "Ship it?"} {
		if _, ok := find(items, uitree.Text, want); !ok {
			t.Errorf("the modal does not say %q: %+v", want, items)
		}
	}
	yes, ok := find(items, uitree.Button, "yes")
	if _, ok2 := find(items, uitree.Button, "Dismiss"); !ok || !ok2 {
		t.Fatalf("no yes / Dismiss buttons: %+v", items)
	}
	if yes.Rect.X1 <= yes.Rect.X0 {
		t.Errorf("yes has no rectangle: %+v", yes.Rect)
	}
	done := h.rec.Act(uitree.Press, yes.ID)
	if o := h.result(first); o.answer != "yes" || o.err != nil {
		t.Fatalf("first: %+v", o)
	}
	if !<-done {
		t.Error("the press was not reported as done")
	}
	items = h.tree()
	if _, ok := find(items, uitree.Text, "codex (pid 9) asks:"); !ok {
		t.Fatalf("the second question is not shown: %+v", items)
	}
	if _, ok := find(items, uitree.Text, "1 of"); ok {
		t.Error("'1 of' shown with one question waiting")
	}
	dismiss, _ := find(items, uitree.Button, "Dismiss")
	x, y := dismiss.Rect.Center()
	if err := h.c.Click(x, y, h.draw); err != nil { // a real mouse click
		t.Fatal(err)
	}
	if o := h.result(second); !errors.Is(o.err, ask.ErrDismissed) {
		t.Fatalf("second: %+v, want dismissed", o)
	}
	if items := h.tree(); items != nil {
		t.Errorf("the modal is still drawn: %+v", items)
	}
}

// Without choices: a text field takes typed keys; Enter answers with the
// text.
func TestTextAnswer(t *testing.T) {
	h := newHarness(t)
	ch := h.ask(context.Background(), ask.Question{Text: "Which colour?", Asker: "claude", PID: 1})
	items := h.tree()
	field, ok := find(items, uitree.Input, "your answer")
	if _, ok2 := find(items, uitree.Button, "OK"); !ok || !ok2 {
		t.Fatalf("no field / OK: %+v", items)
	}
	var kb giubackend.Keyboard
	for i := 0; uitree.HexID(kb.Active()) != field.ID; i++ {
		if i == 20 {
			t.Fatalf("the field did not take the focus (active %#x, field %s)", kb.Active(), field.ID)
		}
		h.frame()
	}
	kb.Type("teal")
	h.frame()
	h.frame()
	enter, _ := uitree.ParseCombo("enter")
	kb.Press(enter)
	if o := h.result(ch); o.answer != "teal" || o.err != nil {
		t.Fatalf("got %+v, want teal", o)
	}
}

// An asker that goes away withdraws its question: the modal closes.
func TestWithdrawnCloses(t *testing.T) {
	h := newHarness(t)
	ctx, cancel := context.WithCancel(context.Background())
	ch := h.ask(ctx, ask.Question{Text: "Still there?", Choices: []string{"yes"}, Asker: "x", PID: 2})
	if items := h.tree(); items == nil {
		t.Fatal("the modal is not drawn")
	}
	cancel()
	if o := h.result(ch); !errors.Is(o.err, context.Canceled) {
		t.Fatalf("got %+v", o)
	}
	h.frame()
	if items := h.tree(); items != nil {
		t.Errorf("the modal is still drawn: %+v", items)
	}
}

// While another modal is open (a view's dialog) the question waits, and
// that dialog stays open; once it closes, the question is shown.
func TestWaitsForAnotherModal(t *testing.T) {
	h := newHarness(t)
	dialog, opened, stillOpen := true, false, false
	h.other = func() {
		stillOpen = imgui.IsPopupOpenStr("Save as")
		if dialog && !opened {
			imgui.OpenPopupStr("Save as")
			opened = true
		}
		if imgui.BeginPopupModalV("Save as", nil, 0) {
			if !dialog {
				imgui.CloseCurrentPopup()
			}
			imgui.EndPopup()
		}
	}
	ch := h.ask(context.Background(), ask.Question{Text: "Ship it?", Choices: []string{"yes"}, Asker: "claude", PID: 3})
	for range 3 {
		if items := h.tree(); items != nil {
			t.Fatalf("the question is drawn over the open dialog: %+v", items)
		}
	}
	h.frame()
	if !stillOpen {
		t.Fatal("the dialog was closed by the question")
	}
	dialog = false
	h.frame()
	_, yes := askModal(h)
	h.rec.Act(uitree.Press, yes.ID)
	if o := h.result(ch); o.answer != "yes" {
		t.Fatalf("got %+v", o)
	}
}

// askModal draws frames until the modal's yes button is recorded.
func askModal(h *harness) ([]uitree.Item, uitree.Item) {
	h.t.Helper()
	for range 10 {
		items := h.tree()
		if yes, ok := find(items, uitree.Button, "yes"); ok {
			return items, yes
		}
	}
	h.t.Fatal("the question is not shown")
	return nil, uitree.Item{}
}

// Escape dismisses the question.
func TestEscapeDismisses(t *testing.T) {
	h := newHarness(t)
	ch := h.ask(context.Background(), ask.Question{Text: "Sure?", Choices: []string{"yes"}, Asker: "x", PID: 4})
	askModal(h)
	esc, _ := uitree.ParseCombo("escape")
	giubackend.Keyboard{}.Press(esc)
	if o := h.result(ch); !errors.Is(o.err, ask.ErrDismissed) {
		t.Fatalf("got %+v, want dismissed", o)
	}
}
