// Package giubackend draws gui's widgets with giu and answers gui/imgui's
// calls with cimgui-go: the host's half of the toolkit views use. Install
// it once, before the first frame. It lives in the host and is never part
// of a views plugin.
package giubackend

import (
	"image/color"

	imgui "github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/gui"
	// Every binary that draws links cimgui-go; make it link on glibc < 2.38.
	vi "github.com/slopgui/slopgui/gui/imgui"
	_ "github.com/slopgui/slopgui/internal/linkfix"
)

// Install makes gui and gui/imgui draw with giu and cimgui-go.
func Install() {
	gui.SetBackend(widgets{})
	vi.SetBackend(calls{})
}

var (
	_ gui.Backend = widgets{}
	_ vi.Backend  = calls{}
)

// widgets draws gui's widgets as the giu widgets of the same name.
type widgets struct{}

// wrap makes a gui widget a giu one.
func wrap(w gui.Widget) g.Widget {
	if w == nil {
		return nil
	}
	return g.Custom(w.Build)
}

func wrapAll(ws []gui.Widget) []g.Widget {
	out := make([]g.Widget, len(ws))
	for i, w := range ws {
		out[i] = wrap(w)
	}
	return out
}

func (widgets) Label(text string, wrapped bool) { g.Label(text).Wrapped(wrapped).Build() }

func (widgets) Button(label string, id gui.ID, disabled bool) (clicked bool) {
	b := g.Button(label).Disabled(disabled).OnClick(func() { clicked = true })
	if id != "" {
		b.ID(g.ID(id))
	}
	b.Build()
	return clicked
}

func (widgets) ArrowButton(dir gui.Direction, id gui.ID) (clicked bool) {
	b := g.ArrowButton(g.Direction(dir)).OnClick(func() { clicked = true })
	if id != "" {
		b.ID(g.ID(id))
	}
	b.Build()
	return clicked
}

// keepUnchanged puts old back in *value when the text box did not change
// it. cimgui-go hands back a new copy of the text every frame, edited or
// not: a new string for the same text defeats everything keyed on a
// string's memory (the discussion's height cache) and makes the per-frame
// comparison that notices edits compare every byte, so a 5 MB composer or
// a 1 MB answer cost their length every frame. With EnterReturnsTrue
// changed only says Enter was pressed, so the texts are compared.
func keepUnchanged(value *string, old string, changed bool, flags gui.InputTextFlags) {
	if flags&gui.InputTextFlagsEnterReturnsTrue != 0 {
		changed = *value != old
	}
	if !changed {
		*value = old
	}
}

func (widgets) InputText(value *string, id gui.ID, hint string, width float32, flags gui.InputTextFlags, focus bool) (changed bool) {
	old := *value
	defer func() { keepUnchanged(value, old, changed, flags) }()
	w := g.InputText(value).Hint(hint).Size(width).Flags(g.InputTextFlags(flags)).Focus(focus).
		OnChange(func() { changed = true })
	if id != "" {
		w.ID(g.ID(id))
	}
	w.Build()
	return changed
}

func (widgets) InputTextMultiline(value *string, id gui.ID, width, height float32, flags gui.InputTextFlags) (changed bool) {
	old := *value
	defer func() { keepUnchanged(value, old, changed, flags) }()
	w := g.InputTextMultiline(value).Size(width, height).Flags(g.InputTextFlags(flags)).
		OnChange(func() { changed = true })
	if id != "" {
		w.ID(g.ID(id))
	}
	w.Build()
	return changed
}

func (widgets) InputInt(value *int32, id gui.ID, width float32, step, stepFast int32) (changed bool) {
	w := g.InputInt(value).Size(width).StepSize(int(step)).StepSizeFast(int(stepFast)).
		OnChange(func() { changed = true })
	if id != "" {
		w.ID(g.ID(id))
	}
	w.Build()
	return changed
}

func (widgets) SliderFloat(value *float32, lo, hi float32, id gui.ID, format string, width float32) (changed bool) {
	w := g.SliderFloat(value, lo, hi).Format(format).Size(width).OnChange(func() { changed = true })
	if id != "" {
		w.ID(g.ID(id))
	}
	w.Build()
	return changed
}

func (widgets) Combo(label string, id gui.ID, preview string, items []string, selected *int32, width float32) (changed bool) {
	w := g.Combo(label, preview, items, selected).Size(width).OnChange(func() { changed = true })
	if id != "" {
		w.ID(g.ID(id))
	}
	w.Build()
	return changed
}

func (widgets) Checkbox(label string, value *bool) (changed bool) {
	g.Checkbox(label, value).OnChange(func() { changed = true }).Build()
	return changed
}

func (widgets) Selectable(label string, selected bool) (clicked, dclicked bool) {
	g.Selectable(label).Selected(selected).OnClick(func() { clicked = true }).
		OnDClick(func() { dclicked = true }).Build()
	return clicked, dclicked
}

func (widgets) MenuItem(label, shortcut string, selected, enabled bool) (clicked bool) {
	g.MenuItem(label).Shortcut(shortcut).Selected(selected).Enabled(enabled).OnClick(func() { clicked = true }).Build()
	return clicked
}

// Menu is drawn with ImGui directly, not giu's (which adds an automatic
// "##N" to the label): its popup is then named by its label, so a pending
// press can open it (Probe.OpenMenu).
func (widgets) Menu(label string, body gui.Widget) {
	if imgui.BeginMenu(label) {
		if body != nil {
			body.Build()
		}
		imgui.EndMenu()
	}
}

func (widgets) MainMenuBar(body gui.Widget) { g.MainMenuBar().Layout(wrap(body)).Build() }

func (widgets) Separator() { g.Separator().Build() }

func (widgets) Spacing() { g.Spacing().Build() }

func (widgets) Window(s gui.WindowSpec, body gui.Widget) {
	w := g.Window(s.Title).Flags(g.WindowFlags(s.Flags))
	if s.Open != nil {
		w.IsOpen(s.Open)
	}
	if s.HasPos {
		w.Pos(s.X, s.Y)
	}
	if s.HasSize {
		w.Size(s.Width, s.Height)
	}
	w.Layout(wrap(body))
}

func (widgets) Child(id gui.ID, border bool, width, height float32, body gui.Widget) {
	c := g.Child().Border(border).Size(width, height).Layout(wrap(body))
	if id != "" {
		c.ID(g.ID(id))
	}
	c.Build()
}

func (widgets) Row(ws []gui.Widget) { g.Row(wrapAll(ws)...).Build() }

func (widgets) Table(s gui.TableSpec) {
	cols := make([]*g.TableColumnWidget, len(s.Columns))
	for i, c := range s.Columns {
		cols[i] = g.TableColumn(c.Label).Flags(g.TableColumnFlags(c.ColumnFlags)).InnerWidthOrWeight(c.WidthOrWeight)
	}
	rows := make([]*g.TableRowWidget, len(s.Rows))
	for i, r := range s.Rows {
		rows[i] = g.TableRow(wrapAll(r.Cells)...)
	}
	t := g.Table().Flags(g.TableFlags(s.Flags)).Size(s.Width, s.Height).
		Freeze(s.FreezeCols, s.FreezeRows).Columns(cols...).Rows(rows...)
	if s.ID != "" {
		t.ID(g.ID(s.ID))
	}
	t.Build()
}

func (widgets) TabBar(id gui.ID, items []gui.TabItemSpec) {
	tabs := make([]*g.TabItemWidget, len(items))
	for i, it := range items {
		tabs[i] = g.TabItem(it.Label).Flags(g.TabItemFlags(it.Flags)).Layout(wrap(it.Body))
	}
	t := g.TabBar().TabItems(tabs...)
	if id != "" {
		t.ID(g.ID(id))
	}
	t.Build()
}

func (widgets) SplitLayout(id gui.ID, dir gui.SplitDirection, pos *float32, first, second gui.Widget) {
	s := g.SplitLayout(g.SplitDirection(dir), pos, wrap(first), wrap(second))
	if id != "" {
		s.ID(g.ID(id))
	}
	s.Build()
}

// Bar draws the segments as filled rectangles on the window's draw list
// over a frame-coloured track, and reserves their space as one item.
func (widgets) Bar(b gui.BarSpec) {
	w, h := b.Width, b.Height
	if w <= 0 {
		w = imgui.ContentRegionAvail().X
	}
	if h <= 0 {
		h = imgui.FrameHeight()
	}
	p := imgui.CursorScreenPos()
	dl := imgui.WindowDrawList()
	col := func(c color.RGBA) uint32 {
		return imgui.ColorU32Vec4(imgui.Vec4{X: float32(c.R) / 255, Y: float32(c.G) / 255, Z: float32(c.B) / 255, W: float32(c.A) / 255})
	}
	dl.AddRectFilled(p, imgui.Vec2{X: p.X + w, Y: p.Y + h}, imgui.ColorU32Col(imgui.ColFrameBg))
	x := p.X
	for _, s := range b.Segments {
		sw := min(max(s.Fraction, 0), 1) * w
		if x+sw > p.X+w {
			sw = p.X + w - x
		}
		if sw > 0 {
			dl.AddRectFilled(imgui.Vec2{X: x, Y: p.Y}, imgui.Vec2{X: x + sw, Y: p.Y + h}, col(s.Color))
		}
		x += sw
	}
	if b.Mark > 0 && b.Mark < 1 {
		mx := p.X + b.Mark*w
		dl.AddRectFilled(imgui.Vec2{X: mx - 1, Y: p.Y - 2}, imgui.Vec2{X: mx + 1, Y: p.Y + h + 2}, imgui.ColorU32Col(imgui.ColText))
	}
	if b.Text != "" {
		ts := imgui.CalcTextSize(b.Text)
		dl.AddTextVec2(imgui.Vec2{X: p.X + max((w-ts.X)/2, 2), Y: p.Y + (h-ts.Y)/2}, imgui.ColorU32Col(imgui.ColText), b.Text)
	}
	imgui.Dummy(imgui.Vec2{X: w, Y: h})
}

// calls answers gui/imgui with cimgui-go.
type calls struct{}

func v2(v imgui.Vec2) vi.Vec2  { return vi.Vec2{X: v.X, Y: v.Y} }
func iv2(v vi.Vec2) imgui.Vec2 { return imgui.Vec2{X: v.X, Y: v.Y} }

func (calls) AlignTextToFramePadding() { imgui.AlignTextToFramePadding() }
func (calls) BeginPopupModalV(name string, open *bool, flags vi.WindowFlags) bool {
	return imgui.BeginPopupModalV(name, open, imgui.WindowFlags(flags))
}
func (calls) BeginTableV(id string, columns int32, flags vi.TableFlags, outer vi.Vec2, inner float32) bool {
	return imgui.BeginTableV(id, columns, imgui.TableFlags(flags), iv2(outer), inner)
}
func (calls) BeginTooltip() bool       { return imgui.BeginTooltip() }
func (calls) Button(label string) bool { return imgui.Button(label) }
func (calls) CalcTextSizeV(text string, hide bool, wrap float32) vi.Vec2 {
	return v2(imgui.CalcTextSizeV(text, hide, wrap))
}
func (calls) CloseCurrentPopup()          { imgui.CloseCurrentPopup() }
func (calls) ContentRegionAvail() vi.Vec2 { return v2(imgui.ContentRegionAvail()) }
func (calls) CurrentStyle() *vi.Style {
	st := imgui.CurrentStyle()
	return vi.NewStyle(v2(st.FramePadding()), v2(st.ItemSpacing()), st.ScrollbarSize())
}
func (calls) CursorPosX() float32             { return imgui.CursorPosX() }
func (calls) CursorPosY() float32             { return imgui.CursorPosY() }
func (calls) Dummy(size vi.Vec2)              { imgui.Dummy(iv2(size)) }
func (calls) EndPopup()                       { imgui.EndPopup() }
func (calls) EndTable()                       { imgui.EndTable() }
func (calls) EndTooltip()                     { imgui.EndTooltip() }
func (calls) FontSize() float32               { return imgui.FontSize() }
func (calls) FrameHeight() float32            { return imgui.FrameHeight() }
func (calls) FrameHeightWithSpacing() float32 { return imgui.FrameHeightWithSpacing() }
func (calls) Indent(w float32)                { imgui.IndentV(w) }
func (calls) Unindent(w float32)              { imgui.UnindentV(w) }
func (calls) SetClipboardText(text string)    { imgui.SetClipboardText(text) }
func (calls) IsItemHoveredV(flags vi.HoveredFlags) bool {
	return imgui.IsItemHoveredV(imgui.HoveredFlags(flags))
}
func (calls) IsAnyItemActive() bool { return imgui.IsAnyItemActive() }

// IsKeyChordPressed is ImGui's, made to also hold for a chord whose modifier
// was let go in the frame its key went down (and to tell Ctrl+Shift+Z whose
// Shift was let go then from Ctrl+Z). ImGui takes its input queue a
// frame at a time, and a quick Ctrl+S released Ctrl first (X delivers Ctrl
// down, S down, Ctrl up, S up: xdotool every time, a quick hand often):
// when S went down after the frame that saw Ctrl, that frame took S down
// and Ctrl up at once, and ImGui's check saw a plain S. A modifier down, or
// released this frame, counts as held when the key went down.
func (calls) IsKeyChordPressed(chord vi.KeyChord) bool {
	mods := []imgui.Key{imgui.ModCtrl, imgui.ModShift, imgui.ModAlt, imgui.ModSuper}
	key := imgui.Key(chord)
	for _, m := range mods {
		key &^= m
	}
	if key == 0 || !imgui.IsKeyPressedBoolV(key, false) {
		return false
	}
	for _, m := range mods {
		held := imgui.IsKeyDown(m) || imgui.IsKeyReleased(m)
		if held != (imgui.Key(chord)&m != 0) {
			return false
		}
	}
	return true
}
func (calls) IsPopupOpenStr(id string) bool { return imgui.IsPopupOpenStr(id) }
func (calls) IsWindowAppearing() bool       { return imgui.IsWindowAppearing() }
func (calls) MainViewport() *vi.Viewport {
	vp := imgui.MainViewport()
	return vi.NewViewport(v2(vp.Pos()), v2(vp.Size()))
}
func (calls) NewListClipper() vi.ListClipper { return imgui.NewListClipper() }
func (calls) OpenPopupStr(id string)         { imgui.OpenPopupStr(id) }
func (calls) PopID()                         { imgui.PopID() }
func (calls) PopStyleColor()                 { imgui.PopStyleColor() }
func (calls) PopTextWrapPos()                { imgui.PopTextWrapPos() }
func (calls) PushIDInt(id int32)             { imgui.PushIDInt(id) }
func (calls) PushStyleColorVec4(idx vi.Col, c vi.Vec4) {
	imgui.PushStyleColorVec4(imgui.Col(idx), imgui.Vec4{X: c.X, Y: c.Y, Z: c.Z, W: c.W})
}
func (calls) PushTextWrapPosV(x float32)        { imgui.PushTextWrapPosV(x) }
func (calls) SameLineV(offset, spacing float32) { imgui.SameLineV(offset, spacing) }
func (calls) ScrollY() float32                  { return imgui.ScrollY() }
func (calls) SetScrollHereYV(r float32)         { imgui.SetScrollHereYV(r) }
func (calls) SetCursorPosX(x float32)           { imgui.SetCursorPosX(x) }
func (calls) SetCursorPosY(y float32)           { imgui.SetCursorPosY(y) }
func (calls) SetKeyboardFocusHere()             { imgui.SetKeyboardFocusHere() }
func (calls) SetNextWindowPosV(pos vi.Vec2, cond vi.Cond, pivot vi.Vec2) {
	imgui.SetNextWindowPosV(iv2(pos), imgui.Cond(cond), iv2(pivot))
}
func (calls) SmallButton(label string) bool { return imgui.SmallButton(label) }
func (calls) TableHeadersRow()              { imgui.TableHeadersRow() }
func (calls) TableNextColumn() bool         { return imgui.TableNextColumn() }
func (calls) TableNextRow()                 { imgui.TableNextRow() }
func (calls) TableSetupColumnV(label string, flags vi.TableColumnFlags, w float32, id vi.ID) {
	imgui.TableSetupColumnV(label, imgui.TableColumnFlags(flags), w, imgui.ID(id))
}
func (calls) TableSetupScrollFreeze(cols, rows int32) { imgui.TableSetupScrollFreeze(cols, rows) }
func (calls) TextLineHeight() float32                 { return imgui.TextLineHeight() }
func (calls) TextLineHeightWithSpacing() float32      { return imgui.TextLineHeightWithSpacing() }
func (calls) TextUnformatted(text string)             { imgui.TextUnformatted(text) }
func (calls) WindowHeight() float32                   { return imgui.WindowHeight() }
