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
