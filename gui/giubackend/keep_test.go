package giubackend_test

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/internal/headless"
)

// A text box that does not change its text hands back the same string
// (its memory, not only its bytes): caches keyed on a string's memory and
// the per-frame comparison that notices edits then cost nothing, however
// long the text.
func TestInputTextKeepsAnUnchangedString(t *testing.T) {
	ctx := headless.New(t, 800, 600)
	long := strings.Repeat("a line of text in a long answer\n", 1<<15) // 1 MB
	multi, single, enter := long, strings.Clone("single"), strings.Clone("enter")
	wantSingle, wantEnter := single, enter
	draw := func() {
		imgui.Begin("w")
		gui.InputTextMultiline(&multi).ID("##multi").Size(-1, 200).Flags(gui.InputTextFlagsWordWrap).Build()
		gui.InputText(&single).ID("##single").Size(100).Build()
		gui.InputText(&enter).ID("##enter").Size(100).Flags(gui.InputTextFlagsEnterReturnsTrue).Build()
		imgui.End()
	}
	if err := ctx.Frames(3, draw); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, got, want string }{
		{"multiline", multi, long}, {"single line", single, wantSingle}, {"enter returns true", enter, wantEnter},
	} {
		if c.got != c.want {
			t.Fatalf("%s: text changed to %.40q", c.name, c.got)
		}
		if unsafe.StringData(c.got) != unsafe.StringData(c.want) {
			t.Errorf("%s: an unchanged text came back as a new string", c.name)
		}
	}
}
