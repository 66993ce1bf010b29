package giubackend_test

import (
	"strings"
	"testing"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/internal/headless"
)

func TestWrapFlags(t *testing.T) {
	const other = gui.InputTextFlagsAllowTabInput
	for _, c := range []struct {
		name  string
		n     int
		flags gui.InputTextFlags
		want  gui.InputTextFlags
	}{
		{"short text keeps wrapping", 10, gui.InputTextFlagsWordWrap | other, gui.InputTextFlagsWordWrap | other},
		{"at the limit keeps wrapping", gui.WrapLimit, gui.InputTextFlagsWordWrap, gui.InputTextFlagsWordWrap},
		{"over the limit is unwrapped", gui.WrapLimit + 1, gui.InputTextFlagsWordWrap | other, other},
		{"no wrap asked stays so", 5 << 20, other, other},
	} {
		if got := gui.WrapFlags(strings.Repeat("x", c.n), c.flags); got != c.want {
			t.Errorf("%s: flags %d, want %d", c.name, got, c.want)
		}
	}
}

// A focused text box whose text crosses gui.WrapLimit while the user
// types (wrapping turns off, then on again as they delete) keeps editing
// where the cursor is: typed, moved over and deleted characters end up as
// they would in any text box.
func TestEditingAcrossTheWrapLimit(t *testing.T) {
	ctx := headless.New(t, 600, 400)
	start := strings.Repeat("word ", gui.WrapLimit/5-2) // 10 bytes under the limit
	text := start
	draw := func() {
		imgui.SetNextWindowPosV(imgui.Vec2{}, imgui.CondAlways, imgui.Vec2{})
		imgui.SetNextWindowSizeV(imgui.Vec2{X: 600, Y: 400}, imgui.CondAlways)
		imgui.Begin("w")
		gui.InputTextMultiline(&text).ID("##box").Size(-1, -1).Flags(gui.InputTextFlagsWordWrap).Build()
		imgui.End()
	}
	io := ctx.IO()
	press := func(k imgui.Key, times int) {
		for range times {
			io.AddKeyEvent(k, true)
			if err := ctx.Frame(draw); err != nil {
				t.Fatal(err)
			}
			io.AddKeyEvent(k, false)
			if err := ctx.Frame(draw); err != nil {
				t.Fatal(err)
			}
		}
	}
	typed := func(s string) {
		io.AddInputCharactersUTF8(s)
		if err := ctx.Frames(2, draw); err != nil {
			t.Fatal(err)
		}
	}
	if err := ctx.Click(100, 100, draw); err != nil { // focus it
		t.Fatal(err)
	}
	io.AddKeyEvent(imgui.ModCtrl, true)
	press(imgui.KeyEnd, 1) // Ctrl+End: the end of the text
	io.AddKeyEvent(imgui.ModCtrl, false)
	typed(strings.Repeat("x", 20)) // over the limit: unwrapped from here
	if len(text) <= gui.WrapLimit {
		t.Fatalf("the text is %d bytes after typing, want it over the limit %d", len(text), gui.WrapLimit)
	}
	press(imgui.KeyLeftArrow, 5)
	typed("M")
	press(imgui.KeyEnd, 1)
	press(imgui.KeyBackspace, 40) // under the limit again: wrapped
	typed("END")
	want := (start + strings.Repeat("x", 15) + "M" + strings.Repeat("x", 5))
	want = want[:len(want)-40] + "END"
	if text != want {
		t.Errorf("the text ends %q (%d bytes), want it to end %q (%d bytes)", text[max(0, len(text)-40):], len(text), want[len(want)-40:], len(want))
	}
}

// BenchmarkTextBoxFrame is one headless frame of a focused multi-line text
// box holding a 5 MB paste (the composer after a big paste), drawn with
// the word wrap the composer asks for: as ImGui does it ("wrapped") and
// through gui.InputTextMultiline, which leaves a text over gui.WrapLimit
// unwrapped.
func BenchmarkTextBoxFrame(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 5<<20 {
		sb.WriteString("pasted line of a very large clipboard, to see the composer keep up\n")
	}
	for _, c := range []struct {
		name string
		draw func(text *string)
	}{
		{"wrapped", func(text *string) {
			imgui.InputTextMultiline("##box", text, imgui.Vec2{X: -1, Y: -1}, imgui.InputTextFlagsWordWrap, nil)
		}},
		{"gui", func(text *string) {
			gui.InputTextMultiline(text).ID("##box").Size(-1, -1).Flags(gui.InputTextFlagsWordWrap).Build()
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			ctx := headless.New(b, 600, 400)
			text := sb.String()
			draw := func() {
				imgui.Begin("w")
				c.draw(&text)
				imgui.End()
			}
			if err := ctx.Click(100, 100, draw); err != nil { // focus it
				b.Fatal(err)
			}
			for b.Loop() { // times only the loop

				if err := ctx.Frame(draw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
