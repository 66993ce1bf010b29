// Package views holds slopgui's render functions: the reloadable code.
//
// Each view is a contract.View, a function of the state it is handed. The
// host links this package statically as generation 0; when the user presses
// Ctrl+Alt+R, hot/ rebuilds this directory as a Go plugin under a fresh
// import path and swaps every target in Targets at once, between frames.
//
// Rules for code here: keep no state of your own (package-level variables
// are reset by every reload; put state in state.UI instead), and import only
// stable packages (contract, state, theme, assets, giu, cimgui-go) and other
// view packages.
package views

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/contract"
)

// APIVersion is the contract.APIVersion this code was written against. The
// host refuses a generation whose APIVersion differs from its own.
const APIVersion = 1

// Targets maps each delegation target name to its function. The host
// looks targets up here, in generation 0 and in every reloaded generation,
// and checks each one's type (func(*contract.Frame)) when it loads.
var Targets = map[string]any{
	contract.TargetMainMenu:        MainMenu,
	contract.TargetProjectSettings: ProjectSettings,
	contract.TargetDiscussionHub:   DiscussionHub,
	contract.TargetAISettings:      AISettings,
	contract.TargetOperations:      Operations,
	contract.TargetMMADashboard:    MMADashboard,
	contract.TargetHotReloadPanel:  HotReloadPanel,
}

// window returns whether a view's window is shown, and a func that stores
// the user's choice back when they close it.
func window(f *contract.Frame, name string) (open *bool, done func()) {
	v := f.UI.ShowWindows[name]
	return &v, func() {
		if f.UI.ShowWindows == nil {
			f.UI.ShowWindows = map[string]bool{}
		}
		f.UI.ShowWindows[name] = v
	}
}

// The colours views use for meaning. Functions, not variables: views keep
// no package-level state.
func errorColor() color.RGBA { return color.RGBA{R: 240, G: 80, B: 70, A: 255} }
func warnColor() color.RGBA  { return color.RGBA{R: 230, G: 190, B: 50, A: 255} }
func okColor() color.RGBA    { return color.RGBA{R: 100, G: 200, B: 100, A: 255} }
func dimColor() color.RGBA   { return color.RGBA{R: 150, G: 150, B: 150, A: 255} }

// colorText draws s in colour c. In a g.Row it lines up with the inputs
// beside it; wrapped text wraps at the window's edge.
func colorText(c color.RGBA, s string) g.Widget {
	return g.Custom(func() {
		imgui.PushStyleColorVec4(imgui.ColText, g.ToVec4Color(c))
		imgui.AlignTextToFramePadding()
		imgui.TextUnformatted(s)
		imgui.PopStyleColor()
	})
}

// alignedText draws s lined up with inputs and buttons beside it.
func alignedText(s string) g.Widget {
	return g.Custom(func() {
		imgui.AlignTextToFramePadding()
		imgui.TextUnformatted(s)
	})
}

// wrappedColorText draws s in colour c, wrapped at the window's edge.
func wrappedColorText(c color.RGBA, s string) g.Widget {
	return g.Custom(func() {
		imgui.PushStyleColorVec4(imgui.ColText, g.ToVec4Color(c))
		imgui.PushTextWrapPosV(0)
		imgui.TextUnformatted(s)
		imgui.PopTextWrapPos()
		imgui.PopStyleColor()
	})
}

// field draws a label and, at a fixed indent after it, w (which should
// fill the rest of the line, e.g. with Size(-1)), so forms line up.
func field(label string, indent float32, w g.Widget) g.Widget {
	return g.Custom(func() {
		imgui.AlignTextToFramePadding()
		imgui.TextUnformatted(label)
		imgui.SameLineV(indent, -1)
		w.Build()
	})
}

// tipWidget shows a tooltip for the previous item, even a disabled one.
type tipWidget struct{ tip string }

// tooltip shows tip when the previous item is hovered, even when it is
// disabled (giu's Tooltip does not show on disabled items).
func tooltip(tip string) g.Widget { return tipWidget{tip} }

// Build implements g.Widget.
func (t tipWidget) Build() {
	if imgui.IsItemHoveredV(imgui.HoveredFlagsAllowWhenDisabled) {
		imgui.BeginTooltip()
		imgui.PushTextWrapPosV(imgui.FontSize() * 30)
		imgui.TextUnformatted(t.tip)
		imgui.PopTextWrapPos()
		imgui.EndTooltip()
	}
}

// row is g.Row that also knows tooltip: a tooltip stays with the item
// before it instead of starting a new item on the line.
func row(widgets ...g.Widget) g.Widget {
	return g.Custom(func() {
		first := true
		for _, w := range widgets {
			switch w.(type) {
			case tipWidget, *g.TooltipWidget:
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

// button is a button whose visible label is label and whose ID is id, so
// buttons with the same label in one window do not clash.
func button(label, id string, onClick func()) *g.ButtonWidget {
	return g.Button(label).ID(g.ID(label + "##" + id)).OnClick(onClick)
}

// firstLines returns at most n lines of s, with a note of how many more
// there are.
func firstLines(s string, n int) string {
	s = strings.TrimRight(s, "\n")
	lines := strings.Split(s, "\n")
	if len(lines) <= n {
		return s
	}
	return fmt.Sprintf("%s\n... (%d more lines)", strings.Join(lines[:n], "\n"), len(lines)-n)
}

// ago says how long before now t was, briefly.
func ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Second:
		return "just now"
	case d < time.Minute:
		return fmt.Sprintf("%d s ago", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	}
	return t.Format("2006-01-02 15:04")
}

// buttonWidth is the width of a button labelled label, plus the spacing
// before it.
func buttonWidth(label string) float32 {
	st := imgui.CurrentStyle()
	return imgui.CalcTextSizeV(label, true, -1).X + st.FramePadding().X*2 + st.ItemSpacing().X
}

// textWidth is the width of s, plus the spacing before it.
func textWidth(s string) float32 {
	return imgui.CalcTextSizeV(s, true, -1).X + imgui.CurrentStyle().ItemSpacing().X
}

// inputWith draws input filling the line, followed by the widgets after
// it, whose total width (from buttonWidth / textWidth) is reserve.
func inputWith(input *g.InputTextWidget, reserve float32, after ...g.Widget) g.Widget {
	return g.Custom(func() {
		input.Size(-reserve).Build()
		for _, w := range after {
			imgui.SameLine()
			w.Build()
		}
	})
}
