package giubackend

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/gui"
)

// Plot draws p as a line chart on the window's draw list: each line's
// values over their index, in a frame with grid lines and tick labels, a
// legend (unless gui.PlotFlagsNoLegend), the title above (unless it is
// all ID: "##frame-times"), and, under the mouse, a tooltip with each
// line's value at that index. giu's Plot (ImPlot) is not linked into
// slopgui (see third_party/giu); limits set with AxisLimits hold whatever
// their condition, as the chart has no zoom or pan to change them.
func (widgets) Plot(p gui.PlotSpec) {
	w, h := float32(p.Width), float32(p.Height)
	if w <= 0 {
		w = imgui.ContentRegionAvail().X
	}
	if h <= 0 {
		h = 250
	}
	origin := imgui.CursorScreenPos()
	imgui.Dummy(imgui.Vec2{X: w, Y: h})
	hovered := imgui.IsItemHovered()

	dl := imgui.WindowDrawList()
	text := imgui.ColorU32Col(imgui.ColText)
	lineH := imgui.TextLineHeight()
	top := origin.Y
	if title, _, _ := strings.Cut(p.Title, "##"); title != "" {
		ts := imgui.CalcTextSize(title)
		dl.AddTextVec2(imgui.Vec2{X: origin.X + (w-ts.X)/2, Y: top}, text, title)
		top += lineH + 2
	}
	r := plotRange(p)
	yTicks := niceTicks(r.ymin, r.ymax, max(2, int((origin.Y+h-top)/(2*lineH))))
	yLabels, ySizes := make([]string, len(yTicks)), make([]imgui.Vec2, len(yTicks))
	labelW := float32(0)
	for i, t := range yTicks {
		yLabels[i] = tickLabel(t, yTicks)
		ySizes[i] = imgui.CalcTextSize(yLabels[i])
		labelW = max(labelW, ySizes[i].X)
	}
	area := plotRect{x0: origin.X + labelW + 6, y0: top + 2, x1: origin.X + w - 2, y1: origin.Y + h - 2}
	xLabels := p.XAxisFlags&gui.PlotAxisFlagsNoTickLabels == 0
	if xLabels {
		area.y1 -= lineH + 2
	}
	if area.x1-area.x0 < 4 || area.y1-area.y0 < 4 {
		return // too small to draw into
	}

	dl.AddRectFilled(imgui.Vec2{X: area.x0, Y: area.y0}, imgui.Vec2{X: area.x1, Y: area.y1}, imgui.ColorU32Col(imgui.ColFrameBg))
	grid := imgui.ColorU32Col(imgui.ColBorder)
	for i, t := range yTicks {
		_, y := area.point(r, r.xmin, t)
		dl.AddLine(imgui.Vec2{X: area.x0, Y: y}, imgui.Vec2{X: area.x1, Y: y}, grid)
		dl.AddTextVec2(imgui.Vec2{X: area.x0 - 4 - ySizes[i].X, Y: y - ySizes[i].Y/2}, text, yLabels[i])
	}
	if xLabels {
		xTicks := niceTicks(r.xmin, r.xmax, max(2, int((area.x1-area.x0)/80)))
		for _, t := range xTicks {
			x, _ := area.point(r, t, r.ymin)
			l := tickLabel(t, xTicks)
			ts := imgui.CalcTextSize(l)
			dl.AddTextVec2(imgui.Vec2{X: x - ts.X/2, Y: area.y1 + 2}, text, l)
		}
	}
	dl.AddRect(imgui.Vec2{X: area.x0, Y: area.y0}, imgui.Vec2{X: area.x1, Y: area.y1}, grid)

	dl.PushClipRect(imgui.Vec2{X: area.x0, Y: area.y0}, imgui.Vec2{X: area.x1, Y: area.y1})
	for i, l := range p.Lines {
		pts := area.points(r, l.Values)
		if len(pts) > 1 {
			// Point by point: cimgui-go's AddPolyline hands the C side
			// a copy of its first point only, and ImGui reads past it.
			for _, pt := range pts {
				dl.PathLineTo(pt)
			}
			dl.PathStrokeV(lineColor(i), 0, 1.5)
		} else if len(pts) == 1 {
			dl.AddCircleFilled(pts[0], 2, lineColor(i))
		}
	}
	dl.PopClipRect()

	if p.Flags&gui.PlotFlagsNoLegend == 0 {
		y := area.y0 + 4
		for i, l := range p.Lines {
			label, _, _ := strings.Cut(l.Label, "##")
			if label == "" {
				continue
			}
			ts := imgui.CalcTextSize(label)
			x := area.x1 - 4 - ts.X
			dl.AddRectFilled(imgui.Vec2{X: x - 12, Y: y + ts.Y/2 - 3}, imgui.Vec2{X: x - 4, Y: y + ts.Y/2 + 3}, lineColor(i))
			dl.AddTextVec2(imgui.Vec2{X: x, Y: y}, text, label)
			y += ts.Y + 2
		}
	}

	if mouse := imgui.MousePos(); hovered && mouse.X >= area.x0 && mouse.X <= area.x1 && mouse.Y >= area.y0 && mouse.Y <= area.y1 {
		if tip := plotTip(p.Lines, area.index(r, mouse.X)); tip != "" {
			dl.AddLine(imgui.Vec2{X: mouse.X, Y: area.y0}, imgui.Vec2{X: mouse.X, Y: area.y1}, grid)
			if imgui.BeginTooltip() {
				imgui.TextUnformatted(tip)
				imgui.EndTooltip()
			}
		}
	}
}

// plotPalette colours a plot's lines after the first, which takes the
// theme's PlotLines colour.
var plotPalette = []imgui.Vec4{
	{X: 0.35, Y: 0.75, Z: 0.95, W: 1}, {X: 0.95, Y: 0.55, Z: 0.25, W: 1},
	{X: 0.55, Y: 0.85, Z: 0.45, W: 1}, {X: 0.85, Y: 0.45, Z: 0.75, W: 1},
}

func lineColor(i int) uint32 {
	if i == 0 {
		return imgui.ColorU32Col(imgui.ColPlotLines)
	}
	return imgui.ColorU32Vec4(plotPalette[(i-1)%len(plotPalette)])
}

// axisRange is the data a plot's area spans.
type axisRange struct{ xmin, xmax, ymin, ymax float64 }

// plotRange is p's limits, or when it sets none, its lines' indices and
// the span of their values with a tenth of it added above and below.
func plotRange(p gui.PlotSpec) axisRange {
	if p.HasLimits && p.XMax > p.XMin && p.YMax > p.YMin {
		return axisRange{p.XMin, p.XMax, p.YMin, p.YMax}
	}
	r := axisRange{0, 1, math.Inf(1), math.Inf(-1)}
	for _, l := range p.Lines {
		r.xmax = max(r.xmax, float64(len(l.Values)-1))
		for _, v := range l.Values {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				r.ymin, r.ymax = min(r.ymin, v), max(r.ymax, v)
			}
		}
	}
	switch {
	case r.ymin > r.ymax: // no values
		r.ymin, r.ymax = 0, 1
	case r.ymin == r.ymax:
		r.ymin, r.ymax = r.ymin-1, r.ymax+1
	default:
		pad := (r.ymax - r.ymin) / 10
		r.ymin, r.ymax = r.ymin-pad, r.ymax+pad
	}
	return r
}

// plotRect is a plot's drawing area in screen pixels (y grows down).
type plotRect struct{ x0, y0, x1, y1 float32 }

// point is where data (x, y) falls in the area.
func (a plotRect) point(r axisRange, x, y float64) (float32, float32) {
	fx := (x - r.xmin) / (r.xmax - r.xmin)
	fy := (y - r.ymin) / (r.ymax - r.ymin)
	return a.x0 + float32(fx)*(a.x1-a.x0), a.y1 - float32(fy)*(a.y1-a.y0)
}

// points are values' points, the ith at x = i; a value that is not a
// number ends the line there (the rest is not drawn).
func (a plotRect) points(r axisRange, values []float64) []imgui.Vec2 {
	pts := make([]imgui.Vec2, 0, len(values))
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			break
		}
		x, y := a.point(r, float64(i), v)
		pts = append(pts, imgui.Vec2{X: x, Y: y})
	}
	return pts
}

// index is the value index nearest to screen x.
func (a plotRect) index(r axisRange, x float32) int {
	f := float64((x - a.x0) / (a.x1 - a.x0))
	return int(math.Round(r.xmin + f*(r.xmax-r.xmin)))
}

// plotTip is the tooltip at value index i: "#i" and each line's value
// there ("" when no line has one).
func plotTip(lines []gui.LineSpec, i int) string {
	var b strings.Builder
	for _, l := range lines {
		if i < 0 || i >= len(l.Values) {
			continue
		}
		label, _, _ := strings.Cut(l.Label, "##")
		if b.Len() == 0 {
			fmt.Fprintf(&b, "#%d", i)
		}
		fmt.Fprintf(&b, "\n%s: %s", label, strconv.FormatFloat(l.Values[i], 'g', 4, 64))
	}
	return b.String()
}

// niceTicks are about n+1 evenly spaced round values from lo to hi: the
// step is the one of 1, 2 or 5 times a power of ten nearest (hi-lo)/n.
func niceTicks(lo, hi float64, n int) []float64 {
	if !(hi > lo) || n < 1 || math.IsInf(hi-lo, 0) {
		return nil
	}
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []struct{ below, step float64 }{{1.5, 1}, {3, 2}, {7, 5}} {
		if raw/mag < m.below {
			step = m.step * mag
			break
		}
	}
	var ticks []float64
	for t := math.Ceil(lo/step) * step; t <= hi+step*1e-9; t += step {
		if math.Abs(t) < step*1e-9 {
			t = 0
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// tickLabel writes tick t with as many decimals as its axis's step needs.
func tickLabel(t float64, ticks []float64) string {
	prec := 0
	if len(ticks) > 1 {
		if step := ticks[1] - ticks[0]; step < 1 {
			prec = int(math.Ceil(-math.Log10(step) - 1e-9))
		}
	}
	return strconv.FormatFloat(t, 'f', prec, 64)
}
