package glwindow

/*
extern void glwindowDraw(void);
*/
import "C"

import "github.com/AllenDang/cimgui-go/imgui"

// warmText is what the warm-up frame writes: every printable ASCII
// character, so their glyphs are in the font atlas before the first real
// frame.
const warmText = ` !"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_` + "`" + `abcdefghijklmnopqrstuvwxyz{|}~`

//export glwindowDraw
func glwindowDraw() {
	imgui.SetNextWindowPos(imgui.Vec2{})
	imgui.SetNextWindowSize(imgui.Vec2{X: 400, Y: 100})
	imgui.BeginV("##slopgui-warm-up", nil, imgui.WindowFlagsNoSavedSettings|imgui.WindowFlagsNoDecoration)
	imgui.TextUnformatted(warmText)
	imgui.End()
}
