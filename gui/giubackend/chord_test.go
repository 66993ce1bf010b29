package giubackend_test

import (
	"strings"
	"testing"

	"github.com/AllenDang/cimgui-go/imgui"

	vi "github.com/slopgui/slopgui/gui/imgui"
	"github.com/slopgui/slopgui/internal/headless"
)

// keyEvent is one event as imgui_impl_glfw queues it: a modifier's key
// comes with its ImGuiMod_ (the order GLFW's key callback gives them).
func keyEvent(io *imgui.IO, name string, down bool) {
	switch name {
	case "ctrl":
		io.AddKeyEvent(imgui.ModCtrl, down)
		io.AddKeyEvent(imgui.KeyLeftCtrl, down)
	case "shift":
		io.AddKeyEvent(imgui.ModShift, down)
		io.AddKeyEvent(imgui.KeyLeftShift, down)
	case "s":
		io.AddKeyEvent(imgui.KeyS, down)
	case "z":
		io.AddKeyEvent(imgui.KeyZ, down)
	default:
		panic(name)
	}
}

// In real ImGui frames (headless), fed as GLFW feeds them: each string is
// the events one poll queued before a frame ("+ctrl" down, "-ctrl" up); a
// chord counts once per press, including a Ctrl+S whose Ctrl was let go
// before the S came up in the same poll (what xdotool key ctrl+s sends,
// and a quick hand), which ImGui's own IsKeyChordPressed missed.
func TestIsKeyChordPressed(t *testing.T) {
	ctrlS := vi.KeyChord(vi.ModCtrl | vi.KeyS)
	ctrlZ := vi.KeyChord(vi.ModCtrl | vi.KeyZ)
	ctrlShiftZ := vi.KeyChord(vi.ModCtrl | vi.ModShift | vi.KeyZ)
	for _, tc := range []struct {
		name  string
		polls []string
		chord vi.KeyChord
		want  int
	}{
		{"held over the key, one poll", []string{"+ctrl +s -s -ctrl"}, ctrlS, 1},
		{"held over the key, a poll each", []string{"+ctrl", "+s", "-s", "-ctrl"}, ctrlS, 1},
		{"ctrl let go first, one poll", []string{"+ctrl +s -ctrl -s"}, ctrlS, 1},
		{"ctrl let go first, after a frame of ctrl", []string{"+ctrl", "+s -ctrl -s"}, ctrlS, 1},
		{"ctrl let go a frame before", []string{"+ctrl", "-ctrl", "+s -s"}, ctrlS, 0},
		{"plain s", []string{"+s -s"}, ctrlS, 0},
		{"s held and repeating counts once", []string{"+ctrl", "+s", "", "", "", "", "", "", "-s -ctrl"}, ctrlS, 1},
		{"two presses", []string{"+ctrl", "+s -ctrl -s", "+ctrl", "+s -ctrl -s"}, ctrlS, 2},
		{"ctrl+shift+z is not ctrl+z", []string{"+ctrl +shift", "+z -z", "-shift -ctrl"}, ctrlZ, 0},
		{"ctrl+shift+z", []string{"+ctrl +shift", "+z -z", "-shift -ctrl"}, ctrlShiftZ, 1},
		{"ctrl+shift+z, shift let go first", []string{"+ctrl +shift", "+z -shift -z -ctrl"}, ctrlShiftZ, 1},
		{"ctrl+shift+z, shift let go first, is not ctrl+z", []string{"+ctrl +shift", "+z -shift -z -ctrl"}, ctrlZ, 0},
		{"ctrl+z is not ctrl+shift+z", []string{"+ctrl", "+z -ctrl -z"}, ctrlShiftZ, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := headless.New(t, 400, 300)
			got := 0
			frame := func() {
				t.Helper()
				if err := c.Frame(func() {
					if vi.IsKeyChordPressed(tc.chord) {
						got++
					}
				}); err != nil {
					t.Fatal(err)
				}
			}
			frame()
			for _, poll := range tc.polls {
				for _, ev := range strings.Fields(poll) {
					keyEvent(c.IO(), ev[1:], ev[0] == '+')
				}
				frame()
			}
			for range 4 { // what is still queued
				frame()
			}
			if got != tc.want {
				t.Errorf("pressed %d times, want %d", got, tc.want)
			}
		})
	}
}
