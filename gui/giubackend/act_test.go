package giubackend_test

import (
	"testing"

	"github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/giubackend"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/headless"
)

// With real ImGui frames (headless): a pending press runs the button's
// OnClick; a pending focus makes the input the active item, and keys and
// characters queued by Keyboard are typed into it where its text ends.
func TestActionsInRealFrames(t *testing.T) {
	c := headless.New(t, 800, 600)
	rec := giubackend.InstallRecording()
	clicks, text := 0, "abc"
	draw := func() {
		rec.BeginFrame(0)
		gui.Window("Act").Pos(0, 0).Size(400, 300).Layout(
			gui.Button("Press me").OnClick(func() { clicks++ }),
			gui.InputText(&text).ID("##field"),
		)
		rec.EndFrame()
	}
	frame := func() {
		t.Helper()
		if err := c.Frame(draw); err != nil {
			t.Fatal(err)
		}
	}
	rec.Want()
	frame()
	tree := <-rec.Done()
	btn, err := tree.Find("Press me")
	if err != nil {
		t.Fatal(err)
	}
	field, err := tree.Find("##field")
	if err != nil {
		t.Fatal(err)
	}

	done := rec.Act(uitree.Press, btn.ID)
	frame()
	if !<-done || clicks != 1 {
		t.Fatalf("press: hit/clicks = %d", clicks)
	}
	frame()
	if clicks != 1 {
		t.Fatalf("pressed twice: %d", clicks)
	}

	var kb giubackend.Keyboard
	done = rec.Act(uitree.Focus, field.ID)
	frame()
	if !<-done {
		t.Fatal("focus: the input was not drawn")
	}
	active := false
	for range 10 {
		frame()
		if active = uitree.HexID(kb.Active()) == field.ID; active {
			break
		}
	}
	if !active {
		t.Fatalf("the input never became active (active %#x, want %s)", kb.Active(), field.ID)
	}
	kb.Press(uitree.EndOfText)
	kb.Type("def")
	for i := 0; i < 20 && (kb.Queued() > 0 || text != "abcdef"); i++ {
		frame()
	}
	if text != "abcdef" {
		t.Errorf("typed: %q, want %q", text, "abcdef")
	}
}
