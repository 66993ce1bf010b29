package giubackend_test

import (
	"testing"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/gui"

	"github.com/slopgui/slopgui/gui/giubackend"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/headless"
)

// The host's chrome, drawn with giu and ImGui directly, is recorded
// through the helpers: its window, buttons and label are in the tree, and
// a pending press clicks a button (once).
func TestChromeRecorded(t *testing.T) {
	c := headless.New(t, 800, 600)
	rec := giubackend.InstallRecording()
	reloads, retries := 0, 0
	draw := func() {
		rec.BeginFrame(0)
		g.Window("##toolbar").Pos(0, 0).Size(800, 40).Layout(giubackend.Within(rec, "Toolbar", g.Row(
			giubackend.ButtonW(rec, "Hot Reload", func() { reloads++ }),
			giubackend.LabelW(rec, "Generation 0"),
		)))
		g.Window("##modal").Pos(0, 100).Size(400, 100).Layout(g.Custom(func() {
			rec.Within("Agent request", func() {
				if giubackend.Button(rec, "Retry", 140, 0) {
					retries++
				}
			})
		}))
		rec.EndFrame()
	}
	rec.Want()
	if err := c.Frame(draw); err != nil {
		t.Fatal(err)
	}
	tree := <-rec.Done()
	btn, err := tree.Find("Hot Reload", uitree.Button)
	if err != nil || btn.Window != "Toolbar" || btn.Rect.X1 <= btn.Rect.X0 {
		t.Fatalf("Hot Reload: %+v, %v", btn, err)
	}
	w, err := tree.Only("Toolbar")
	if items := w.Items(); err != nil || len(items) != 2 || items[1].Text != "Generation 0" {
		t.Fatalf("the toolbar: %+v, %v", w, err)
	}
	retry, err := tree.Find("Retry")
	if err != nil || retry.Window != "Agent request" || retry.Rect.X1-retry.Rect.X0 != 140 {
		t.Fatalf("Retry: %+v, %v", retry, err)
	}
	for _, it := range []uitree.Item{btn, retry} {
		done := rec.Act(uitree.Press, it.ID)
		if err := c.Frames(2, draw); err != nil {
			t.Fatal(err)
		}
		if !<-done {
			t.Errorf("%s was not pressed", it.Label)
		}
	}
	if reloads != 1 || retries != 1 {
		t.Errorf("clicks: Hot Reload %d, Retry %d; want 1 each", reloads, retries)
	}
	var none *uitree.Recorder // drawing without a recorder works too
	ran := false
	none.Within("x", func() { ran = true })
	if !ran || none.Item(uitree.Button, "x", true, nil, "") {
		t.Error("a nil Recorder does not just draw")
	}
}

// In real frames: a pending press on a menu opens it (its items are drawn
// and recorded from the next frame); a press on one of its items runs the
// item's OnClick and closes the menu, as a click does.
func TestMenuPressed(t *testing.T) {
	c := headless.New(t, 800, 600)
	rec := giubackend.InstallRecording()
	saves := 0
	draw := func() {
		rec.BeginFrame(0)
		gui.MainMenuBar().Layout(gui.Menu("File").Layout(
			gui.MenuItem("Save").OnClick(func() { saves++ }),
		)).Build()
		rec.EndFrame()
	}
	tree := func() uitree.Tree {
		t.Helper()
		rec.Want()
		if err := c.Frame(draw); err != nil {
			t.Fatal(err)
		}
		return <-rec.Done()
	}
	file, err := tree().Find("File", uitree.Menu)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tree().Find("Save"); err == nil {
		t.Fatal("the closed menu's item is drawn")
	}
	done := rec.Act(uitree.Press, file.ID)
	if err := c.Frame(draw); err != nil {
		t.Fatal(err)
	}
	if !<-done {
		t.Fatal("the menu was not pressed")
	}
	tr := tree()
	save, err := tr.Find("Save", uitree.MenuItem)
	if err != nil {
		t.Fatalf("the pressed menu did not open: %v", err)
	}
	done = rec.Act(uitree.Press, save.ID)
	if err := c.Frames(2, draw); err != nil {
		t.Fatal(err)
	}
	if !<-done || saves != 1 {
		t.Fatalf("Save: saves = %d", saves)
	}
	if _, err := tree().Find("Save"); err == nil {
		t.Error("the menu stayed open after its item was pressed")
	}
	if saves != 1 {
		t.Errorf("saved %d times", saves)
	}
}
