// Package ui holds the small widgets and helpers every view package
// uses: colours for meaning, aligned and coloured text, rows with tooltips,
// buttons with stable IDs. It is reloadable like every package in views/:
// keep no state here.
package ui

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	g "github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/imgui"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/theme"
)

// vec4 is c as ImGui's colour vector.
func vec4(c color.RGBA) imgui.Vec4 {
	return imgui.Vec4{X: float32(c.R) / 255, Y: float32(c.G) / 255, Z: float32(c.B) / 255, W: float32(c.A) / 255}
}

// Window returns whether a view's window is shown, and a func that stores
// the user's choice back when they close it.
func Window(f *contract.Frame, name string) (open *bool, done func()) {
	v := f.UI.ShowWindows[name]
	return &v, func() {
		if f.UI.ShowWindows == nil {
			f.UI.ShowWindows = map[string]bool{}
		}
		f.UI.ShowWindows[name] = v
	}
}

// The colours views use for meaning, from theme/.
func ErrorColor() color.RGBA { return theme.Error() }
func WarnColor() color.RGBA  { return theme.Warn() }
func OkColor() color.RGBA    { return theme.OK() }
func DimColor() color.RGBA   { return theme.Dim() }

// ColorText draws s in colour c. In a g.Row it lines up with the inputs
// beside it; wrapped text wraps at the window's edge.
func ColorText(c color.RGBA, s string) g.Widget {
	return g.Custom(func() {
		imgui.PushStyleColorVec4(imgui.ColText, vec4(c))
		imgui.AlignTextToFramePadding()
		imgui.TextUnformatted(s)
		imgui.PopStyleColor()
	})
}

// AlignedText draws s lined up with inputs and buttons beside it.
func AlignedText(s string) g.Widget {
	return g.Custom(func() {
		imgui.AlignTextToFramePadding()
		imgui.TextUnformatted(s)
	})
}

// WrappedColorText draws s in colour c, wrapped at the window's edge.
func WrappedColorText(c color.RGBA, s string) g.Widget {
	return g.Custom(func() {
		imgui.PushStyleColorVec4(imgui.ColText, vec4(c))
		imgui.PushTextWrapPosV(0)
		imgui.TextUnformatted(s)
		imgui.PopTextWrapPos()
		imgui.PopStyleColor()
	})
}

// Field draws a label and, at a fixed indent after it, w (which should
// fill the rest of the line, e.g. with Size(-1)), so forms line up.
func Field(label string, indent float32, w g.Widget) g.Widget {
	return g.Custom(func() {
		imgui.AlignTextToFramePadding()
		imgui.TextUnformatted(label)
		imgui.SameLineV(indent, -1)
		w.Build()
	})
}

// TipWidget shows a tooltip for the previous item, even a disabled one.
type TipWidget struct{ tip string }

// Tooltip shows tip when the previous item is hovered, even when it is
// disabled (giu's Tooltip does not show on disabled items).
func Tooltip(tip string) g.Widget { return TipWidget{tip} }

// Build implements g.Widget.
func (t TipWidget) Build() {
	if imgui.IsItemHoveredV(imgui.HoveredFlagsAllowWhenDisabled) {
		imgui.BeginTooltip()
		imgui.PushTextWrapPosV(imgui.FontSize() * 30)
		imgui.TextUnformatted(t.tip)
		imgui.PopTextWrapPos()
		imgui.EndTooltip()
	}
}

// Row is g.Row that also knows tooltip: a tooltip stays with the item
// before it instead of starting a new item on the line.
func Row(widgets ...g.Widget) g.Widget {
	return g.Custom(func() {
		first := true
		for _, w := range widgets {
			switch w.(type) {
			case TipWidget:
			default:
				if _, ok := w.(*g.LabelWidget); ok {
					imgui.AlignTextToFramePadding()
				}
				if !first {
					imgui.SameLine()
				}
				first = false
			}
			w.Build()
		}
	})
}

// Button is a button whose visible label is label and whose ID is id, so
// buttons with the same label in one window do not clash.
func Button(label, id string, onClick func()) *g.ButtonWidget {
	return g.Button(label).ID(g.ID(label + "##" + id)).OnClick(onClick)
}

// FirstLines returns at most n lines of s, with a note of how many more
// there are.
func FirstLines(s string, n int) string {
	s = strings.TrimRight(s, "\n")
	lines := strings.Split(s, "\n")
	if len(lines) <= n {
		return s
	}
	return fmt.Sprintf("%s\n... (%d more lines)", strings.Join(lines[:n], "\n"), len(lines)-n)
}

// Ago says how long before now t was, briefly.
func Ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Second:
		return "just now"
	case d < time.Minute:
		return fmt.Sprintf("%d s Ago", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%d min Ago", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h Ago", int(d/time.Hour))
	}
	return t.Format("2006-01-02 15:04")
}

// ButtonWidth is the width of a button labelled label, plus the spacing
// before it.
func ButtonWidth(label string) float32 {
	st := imgui.CurrentStyle()
	return imgui.CalcTextSizeV(label, true, -1).X + st.FramePadding().X*2 + st.ItemSpacing().X
}

// TextWidth is the width of s, plus the spacing before it.
func TextWidth(s string) float32 {
	return imgui.CalcTextSizeV(s, true, -1).X + imgui.CurrentStyle().ItemSpacing().X
}

// InputWith draws input filling the line, followed by the widgets after
// it, whose total width (from ButtonWidth / TextWidth) is reserve.
func InputWith(input *g.InputTextWidget, reserve float32, after ...g.Widget) g.Widget {
	return g.Custom(func() {
		input.Size(-reserve).Build()
		for _, w := range after {
			imgui.SameLine()
			w.Build()
		}
	})
}
