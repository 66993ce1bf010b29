package giubackend

import (
	"math"
	"slices"
	"testing"

	"github.com/slopgui/slopgui/gui"
)

func TestNiceTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		n      int
		want   []float64
	}{
		{0, 20, 4, []float64{0, 5, 10, 15, 20}},
		{0, 20, 2, []float64{0, 10, 20}},
		{0, 100, 3, []float64{0, 50, 100}},
		{-1.1, 1.1, 4, []float64{-1, -0.5, 0, 0.5, 1}},
		{0, 36, 4, []float64{0, 10, 20, 30}},
		{0.02, 0.09, 3, []float64{0.02, 0.04, 0.06, 0.08}},
		{3, 3, 4, nil},
		{0, 1, 0, nil},
		{math.Inf(-1), 0, 3, nil},
	} {
		got := niceTicks(c.lo, c.hi, c.n)
		if len(got) != len(c.want) {
			t.Errorf("niceTicks(%v, %v, %d) = %v, want %v", c.lo, c.hi, c.n, got, c.want)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-c.want[i]) > 1e-9 {
				t.Errorf("niceTicks(%v, %v, %d) = %v, want %v", c.lo, c.hi, c.n, got, c.want)
				break
			}
		}
	}
}

func TestTickLabel(t *testing.T) {
	for _, c := range []struct {
		t     float64
		ticks []float64
		want  string
	}{
		{10, []float64{0, 5, 10}, "10"},
		{0.5, []float64{0, 0.5, 1}, "0.5"},
		{0.04, []float64{0.02, 0.04}, "0.04"},
		{7, []float64{7}, "7"},
	} {
		if got := tickLabel(c.t, c.ticks); got != c.want {
			t.Errorf("tickLabel(%v, %v) = %q, want %q", c.t, c.ticks, got, c.want)
		}
	}
}

func TestPlotRange(t *testing.T) {
	for _, c := range []struct {
		name string
		p    gui.PlotSpec
		want axisRange
	}{
		{"limits", gui.PlotSpec{HasLimits: true, XMax: 9, YMax: 20, Lines: []gui.LineSpec{{Values: []float64{50}}}}, axisRange{0, 9, 0, 20}},
		{"fit with a tenth above and below", gui.PlotSpec{Lines: []gui.LineSpec{{Values: []float64{10, 20, 15}}}}, axisRange{0, 2, 9, 21}},
		{"longest line, NaN skipped", gui.PlotSpec{Lines: []gui.LineSpec{{Values: []float64{1, 3}}, {Values: []float64{2, math.NaN(), 2, 2}}}}, axisRange{0, 3, 0.8, 3.2}},
		{"flat", gui.PlotSpec{Lines: []gui.LineSpec{{Values: []float64{5, 5}}}}, axisRange{0, 1, 4, 6}},
		{"empty", gui.PlotSpec{}, axisRange{0, 1, 0, 1}},
		{"empty limits fit instead", gui.PlotSpec{HasLimits: true, Lines: []gui.LineSpec{{Values: []float64{1, 2}}}}, axisRange{0, 1, 0.9, 2.1}},
	} {
		got := plotRange(c.p)
		if math.Abs(got.xmin-c.want.xmin)+math.Abs(got.xmax-c.want.xmax)+math.Abs(got.ymin-c.want.ymin)+math.Abs(got.ymax-c.want.ymax) > 1e-9 {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestPlotPoints(t *testing.T) {
	a := plotRect{x0: 100, y0: 50, x1: 300, y1: 150}
	r := axisRange{0, 4, 0, 10}
	pts := a.points(r, []float64{0, 10, 5, math.NaN(), 1})
	var got [][2]float32
	for _, p := range pts {
		got = append(got, [2]float32{p.X, p.Y})
	}
	want := [][2]float32{{100, 150}, {150, 50}, {200, 100}} // the NaN ends the line
	if !slices.Equal(got, want) {
		t.Errorf("points = %v, want %v", got, want)
	}
	for _, c := range []struct {
		x    float32
		want int
	}{{100, 0}, {124, 0}, {126, 1}, {300, 4}} {
		if got := a.index(r, c.x); got != c.want {
			t.Errorf("index(%v) = %d, want %d", c.x, got, c.want)
		}
	}
}

func TestPlotTip(t *testing.T) {
	lines := []gui.LineSpec{{Label: "frame ms##a", Values: []float64{16.66666, 33}}, {Label: "gc", Values: []float64{1}}}
	for _, c := range []struct {
		i    int
		want string
	}{
		{0, "#0\nframe ms: 16.67\ngc: 1"},
		{1, "#1\nframe ms: 33"},
		{2, ""},
		{-1, ""},
	} {
		if got := plotTip(lines, c.i); got != c.want {
			t.Errorf("plotTip(%d) = %q, want %q", c.i, got, c.want)
		}
	}
}
