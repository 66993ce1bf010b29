package giubackend_test

import (
	"math"
	"testing"
	"unsafe"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/internal/headless"
)

// In real ImGui frames (headless): the line is drawn in the theme's plot
// colour, its highest value highest, at its index; the mouse over the
// plot opens the tooltip, and off it there is none.
func TestPlotInRealFrames(t *testing.T) {
	c := headless.New(t, 800, 600)
	draw := func() {
		gui.Window("Plot").Pos(0, 0).Size(400, 300).Layout(
			gui.Plot("##p").Size(300, 200).Flags(gui.PlotFlagsNoLegend).Plots(gui.Line("ms", []float64{10, 30, 20, 15, 12})),
		)
	}
	if err := c.Frames(2, draw); err != nil {
		t.Fatal(err)
	}
	win := imgui.InternalFindWindowByName("Plot")
	if win == nil || win.CData == nil {
		t.Fatal("no window")
	}
	line := imgui.ColorU32Col(imgui.ColPlotLines)
	var top imgui.Vec2
	top.Y = float32(math.Inf(1))
	minX, maxX := float32(math.Inf(1)), float32(math.Inf(-1))
	n := 0
	for _, v := range vertices(win.DrawList()) {
		if v.col != line {
			continue
		}
		n++
		p := imgui.Vec2{X: v.x, Y: v.y}
		minX, maxX = min(minX, p.X), max(maxX, p.X)
		if p.Y < top.Y {
			top = p
		}
	}
	if n == 0 {
		t.Fatal("no vertex in the plot line's colour")
	}
	// Index 1 of 0..4: a quarter of the way along the line.
	if want := minX + (maxX-minX)/4; math.Abs(float64(top.X-want)) > 4 {
		t.Errorf("highest point at x=%.1f, want %.1f (line from %.1f to %.1f)", top.X, want, minX, maxX)
	}

	tooltip := func() bool {
		w := imgui.InternalFindWindowByName("##Tooltip_00")
		return w != nil && w.CData != nil && w.Active() // a window not found wraps nil
	}
	if tooltip() {
		t.Fatal("a tooltip before the mouse came")
	}
	c.IO().AddMousePosEvent(top.X, top.Y+20)
	if err := c.Frames(2, draw); err != nil {
		t.Fatal(err)
	}
	if !tooltip() {
		t.Error("no tooltip with the mouse over the plot")
	}
	c.IO().AddMousePosEvent(700, 500)
	if err := c.Frames(2, draw); err != nil {
		t.Fatal(err)
	}
	if tooltip() {
		t.Error("the tooltip stayed after the mouse left")
	}
}

// vertex is Dear ImGui's ImDrawVert: position, texture coordinate, colour.
type vertex struct {
	x, y, u, v float32
	col        uint32
}

// vertices are dl's vertices. cimgui-go's VtxBuffer().Slice() cannot
// give them (its elements wrap C pointers; only the first is set), so they
// are read from the C array it points to.
func vertices(dl *imgui.DrawList) []vertex {
	buf := dl.VtxBuffer()
	if buf.Size == 0 || buf.Data == nil || buf.Data.CData == nil {
		return nil
	}
	return unsafe.Slice((*vertex)(unsafe.Pointer(buf.Data.CData)), buf.Size)
}
