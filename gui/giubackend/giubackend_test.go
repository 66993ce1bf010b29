package giubackend

import (
	"testing"

	imgui "github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/gui"
	vi "github.com/slopgui/slopgui/gui/imgui"
	"github.com/slopgui/slopgui/gui/uitree"
)

// TestValuesMatchImGui checks that every flag and enum value gui and
// gui/imgui declare is the value giu and cimgui-go use: the backend passes
// them through by conversion.
func TestValuesMatchImGui(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want int64
	}{
		{"ColText", int64(vi.ColText), int64(imgui.ColText)},
		{"CondAppearing", int64(vi.CondAppearing), int64(imgui.CondAppearing)},
		{"HoveredFlagsAllowWhenDisabled", int64(vi.HoveredFlagsAllowWhenDisabled), int64(imgui.HoveredFlagsAllowWhenDisabled)},
		{"ModCtrl", int64(vi.ModCtrl), int64(imgui.ModCtrl)},
		{"KeyS", int64(vi.KeyS), int64(imgui.KeyS)},
		{"KeyY", int64(vi.KeyY), int64(imgui.KeyY)},
		{"KeyZ", int64(vi.KeyZ), int64(imgui.KeyZ)},
		{"ModShift", int64(vi.ModShift), int64(imgui.ModShift)},
		{"TableColumnFlagsWidthFixed", int64(vi.TableColumnFlagsWidthFixed), int64(imgui.TableColumnFlagsWidthFixed)},
		{"TableColumnFlagsWidthStretch", int64(vi.TableColumnFlagsWidthStretch), int64(imgui.TableColumnFlagsWidthStretch)},
		{"TableFlagsResizable", int64(vi.TableFlagsResizable), int64(imgui.TableFlagsResizable)},
		{"TableFlagsNoSavedSettings", int64(vi.TableFlagsNoSavedSettings), int64(imgui.TableFlagsNoSavedSettings)},
		{"TableFlagsRowBg", int64(vi.TableFlagsRowBg), int64(imgui.TableFlagsRowBg)},
		{"TableFlagsBordersInnerH", int64(vi.TableFlagsBordersInnerH), int64(imgui.TableFlagsBordersInnerH)},
		{"TableFlagsBorders", int64(vi.TableFlagsBorders), int64(imgui.TableFlagsBorders)},
		{"TableFlagsSizingFixedFit", int64(vi.TableFlagsSizingFixedFit), int64(imgui.TableFlagsSizingFixedFit)},
		{"TableFlagsScrollY", int64(vi.TableFlagsScrollY), int64(imgui.TableFlagsScrollY)},
		{"WindowFlagsNoCollapse", int64(vi.WindowFlagsNoCollapse), int64(imgui.WindowFlagsNoCollapse)},
		{"WindowFlagsAlwaysAutoResize", int64(vi.WindowFlagsAlwaysAutoResize), int64(imgui.WindowFlagsAlwaysAutoResize)},
		{"WindowFlagsNoSavedSettings", int64(vi.WindowFlagsNoSavedSettings), int64(imgui.WindowFlagsNoSavedSettings)},
		{"gui.InputTextFlagsAllowTabInput", int64(gui.InputTextFlagsAllowTabInput), int64(g.InputTextFlagsAllowTabInput)},
		{"gui.InputTextFlagsEnterReturnsTrue", int64(gui.InputTextFlagsEnterReturnsTrue), int64(g.InputTextFlagsEnterReturnsTrue)},
		{"gui.InputTextFlagsReadOnly", int64(gui.InputTextFlagsReadOnly), int64(g.InputTextFlagsReadOnly)},
		{"gui.InputTextFlagsWordWrap", int64(gui.InputTextFlagsWordWrap), int64(g.InputTextFlagsWordWrap)},
		{"gui.TabItemFlagsSetSelected", int64(gui.TabItemFlagsSetSelected), int64(g.TabItemFlagsSetSelected)},
		{"gui.PlotFlagsNoLegend", int64(gui.PlotFlagsNoLegend), int64(g.PlotFlagsNoLegend)},
		{"gui.PlotFlagsNoMenus", int64(gui.PlotFlagsNoMenus), int64(g.PlotFlagsNoMenus)},
		{"gui.PlotFlagsNoBoxSelect", int64(gui.PlotFlagsNoBoxSelect), int64(g.PlotFlagsNoBoxSelect)},
		{"gui.PlotAxisFlagsNoTickLabels", int64(gui.PlotAxisFlagsNoTickLabels), int64(g.PlotAxisFlagsNoTickLabels)},
		{"gui.ConditionAlways", int64(gui.ConditionAlways), int64(g.ConditionAlways)},
		{"gui.DirectionLeft", int64(gui.DirectionLeft), int64(g.DirectionLeft)},
		{"gui.DirectionRight", int64(gui.DirectionRight), int64(g.DirectionRight)},
		{"gui.DirectionUp", int64(gui.DirectionUp), int64(g.DirectionUp)},
		{"gui.DirectionDown", int64(gui.DirectionDown), int64(g.DirectionDown)},
		{"gui.DirectionHorizontal", int64(gui.DirectionHorizontal), int64(g.DirectionHorizontal)},
		{"gui.DirectionVertical", int64(gui.DirectionVertical), int64(g.DirectionVertical)},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, giu/cimgui-go say %d", c.name, c.got, c.want)
		}
	}
}

// TestKeyCodesMatchImGui checks the key codes uitree.ParseCombo uses
// against cimgui-go's (Keyboard passes them through by conversion).
func TestKeyCodesMatchImGui(t *testing.T) {
	for name, want := range map[string]imgui.Key{
		"tab": imgui.KeyTab, "end": imgui.KeyEnd, "enter": imgui.KeyEnter, "escape": imgui.KeyEscape,
		"space": imgui.KeySpace, "backspace": imgui.KeyBackspace, "down": imgui.KeyDownArrow,
		"a": imgui.KeyA, "z": imgui.KeyZ, "0": imgui.Key0, "9": imgui.Key9, "f1": imgui.KeyF1, "f12": imgui.KeyF12,
		"ctrl+a": imgui.ModCtrl, "shift+a": imgui.ModShift, "alt+a": imgui.ModAlt, "super+a": imgui.ModSuper,
	} {
		c, err := uitree.ParseCombo(name)
		if err != nil || imgui.Key(c.Keys[0]) != want {
			t.Errorf("%s = %v, %v; cimgui-go has %d", name, c.Keys, err, want)
		}
	}
	if imgui.Key(uitree.EndOfText.Keys[1]) != imgui.KeyEnd {
		t.Error("EndOfText does not end in End")
	}
}
