package views_test

import (
	"testing"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/views/menu"
)

// The undo keys reach the host: Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y
// redo; plain Z and Shift+Z do nothing.
func TestUndoKeys(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	for _, tc := range []struct {
		name string
		keys []imgui.Key
		want int // host.undos after: -1 undo, +1 redo
	}{
		{"Ctrl+Z", []imgui.Key{imgui.ModCtrl, imgui.KeyLeftCtrl, imgui.KeyZ}, -1},
		{"Ctrl+Shift+Z", []imgui.Key{imgui.ModCtrl, imgui.KeyLeftCtrl, imgui.ModShift, imgui.KeyLeftShift, imgui.KeyZ}, 1},
		{"Ctrl+Y", []imgui.Key{imgui.ModCtrl, imgui.KeyLeftCtrl, imgui.KeyY}, 1},
		{"Z", []imgui.Key{imgui.KeyZ}, 0},
		{"Shift+Z", []imgui.Key{imgui.ModShift, imgui.KeyLeftShift, imgui.KeyZ}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFrame()
			h := f.Host.(*host)
			draw := func() { menu.MainMenu(f) }
			if err := hc.Frames(2, draw); err != nil {
				t.Fatal(err)
			}
			for _, k := range tc.keys {
				hc.IO().AddKeyEvent(k, true)
			}
			if err := hc.Frames(1, draw); err != nil {
				t.Fatal(err)
			}
			for _, k := range tc.keys {
				hc.IO().AddKeyEvent(k, false)
			}
			if err := hc.Frames(2, draw); err != nil {
				t.Fatal(err)
			}
			if h.undos != tc.want {
				t.Fatalf("after %s: undos %d, want %d", tc.name, h.undos, tc.want)
			}
		})
	}
}

func TestUndoItem(t *testing.T) {
	for _, tc := range []struct{ verb, what, want string }{
		{"Undo", "delete entry", "Undo delete entry"},
		{"Redo", "", "Redo"},
	} {
		if got := menu.UndoItem(tc.verb, tc.what); got != tc.want {
			t.Errorf("UndoItem(%q, %q) = %q, want %q", tc.verb, tc.what, got, tc.want)
		}
	}
}
