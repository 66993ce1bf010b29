// Package gui is the widget toolkit views draw with: giu's API (widgets are
// values with Build, layouts are lists, setters chain), as plain values with
// none of giu's or cimgui-go's code. The host installs the real drawing with
// SetBackend (gui/giubackend draws each widget with giu), so a views plugin
// links only the views, not giu and Dear ImGui: see gui/imgui for why.
//
// The names and meanings follow giu, so giu's documentation applies; only
// the subset views use is here. Add a widget here and in gui/giubackend.
// This package is stable, like contract/: changing it needs a restart.
package gui

import (
	"fmt"
	"image/color"

	"github.com/slopgui/slopgui/gui/imgui"
)

// Widget is anything that draws itself.
type Widget interface{ Build() }

// Layout is a list of widgets, drawn in order.
type Layout []Widget

// Build draws every widget.
func (l Layout) Build() {
	for _, w := range l {
		if w != nil {
			w.Build()
		}
	}
}

// ID is an ImGui ID string ("##name" hides it).
type ID string

// Flag types, with giu's (and ImGui's) values: TestValuesMatchImGui in
// gui/giubackend checks each one.
type (
	WindowFlags      = imgui.WindowFlags
	TableFlags       = imgui.TableFlags
	TableColumnFlags = imgui.TableColumnFlags
	InputTextFlags   int32
	TabItemFlags     int32
	PlotFlags        int32
	PlotAxisFlags    int32
	ExecCondition    uint8
	Direction        uint8
	SplitDirection   uint8
)

const (
	WindowFlagsNoCollapse        = imgui.WindowFlagsNoCollapse
	WindowFlagsNoSavedSettings   = imgui.WindowFlagsNoSavedSettings
	TableFlagsResizable          = imgui.TableFlagsResizable
	TableFlagsRowBg              = imgui.TableFlagsRowBg
	TableFlagsBordersInnerH      = imgui.TableFlagsBordersInnerH
	TableFlagsBorders            = imgui.TableFlagsBorders
	TableFlagsSizingFixedFit     = imgui.TableFlagsSizingFixedFit
	TableFlagsScrollY            = imgui.TableFlagsScrollY
	TableColumnFlagsWidthFixed   = imgui.TableColumnFlagsWidthFixed
	TableColumnFlagsWidthStretch = imgui.TableColumnFlagsWidthStretch

	InputTextFlagsAllowTabInput    InputTextFlags = 32
	InputTextFlagsEnterReturnsTrue InputTextFlags = 64
	InputTextFlagsReadOnly         InputTextFlags = 512
	InputTextFlagsWordWrap         InputTextFlags = 16777216

	TabItemFlagsSetSelected TabItemFlags = 2

	PlotFlagsNoLegend         PlotFlags     = 2
	PlotFlagsNoMenus          PlotFlags     = 16
	PlotFlagsNoBoxSelect      PlotFlags     = 32
	PlotAxisFlagsNoTickLabels PlotAxisFlags = 8

	ConditionAlways ExecCondition = 1

	DirectionLeft  Direction = 0
	DirectionRight Direction = 1
	DirectionUp    Direction = 2
	DirectionDown  Direction = 3

	DirectionHorizontal SplitDirection = 1
	DirectionVertical   SplitDirection = 2
)

// Backend draws widgets; the host installs one before the first frame.
// Methods that take a body draw it (body.Build()) inside the container.
// Methods returning bool report giu's event (clicked, changed).
type Backend interface {
	Label(text string, wrapped bool)
	Button(label string, id ID, disabled bool) bool
	ArrowButton(dir Direction, id ID) bool
	InputText(value *string, id ID, hint string, width float32, flags InputTextFlags, focus bool) bool
	InputTextMultiline(value *string, id ID, width, height float32, flags InputTextFlags) bool
	InputInt(value *int32, id ID, width float32, step, stepFast int32) bool
	SliderFloat(value *float32, lo, hi float32, id ID, format string, width float32) bool
	Combo(label string, id ID, preview string, items []string, selected *int32, width float32) bool
	Checkbox(label string, value *bool) bool
	Selectable(label string, selected bool) (clicked, doubleClicked bool)
	MenuItem(label, shortcut string, selected, enabled bool) bool
	Menu(label string, body Widget)
	MainMenuBar(body Widget)
	Separator()
	Spacing()
	Window(w WindowSpec, body Widget)
	Child(id ID, border bool, width, height float32, body Widget)
	Row(widgets []Widget)
	Table(t TableSpec)
	TabBar(id ID, items []TabItemSpec)
	SplitLayout(id ID, dir SplitDirection, pos *float32, first, second Widget)
	Plot(p PlotSpec)
	Bar(b BarSpec)
}

var be Backend

// SetBackend installs the drawing; the host calls it once, at start.
func SetBackend(b Backend) { be = b }

// Custom runs fn where it stands in a layout (ImGui calls, usually).
func Custom(fn func()) *CustomWidget { return &CustomWidget{fn} }

// CustomWidget is the widget Custom returns.
type CustomWidget struct{ fn func() }

// Build implements Widget.
func (c *CustomWidget) Build() {
	if c.fn != nil {
		c.fn()
	}
}

// LabelWidget is a line of text.
type LabelWidget struct {
	text    string
	wrapped bool
}

// Label is text.
func Label(text string) *LabelWidget { return &LabelWidget{text: text} }

// Labelf is formatted text.
func Labelf(format string, args ...any) *LabelWidget { return Label(fmt.Sprintf(format, args...)) }

// Wrapped wraps the text at the window's edge.
func (l *LabelWidget) Wrapped(w bool) *LabelWidget { l.wrapped = w; return l }

// Build implements Widget.
func (l *LabelWidget) Build() { be.Label(l.text, l.wrapped) }

// ButtonWidget is a push button.
type ButtonWidget struct {
	label    string
	id       ID
	onClick  func()
	disabled bool
}

// Button is a button labelled label.
func Button(label string) *ButtonWidget { return &ButtonWidget{label: label} }

func (b *ButtonWidget) ID(id ID) *ButtonWidget          { b.id = id; return b }
func (b *ButtonWidget) OnClick(fn func()) *ButtonWidget { b.onClick = fn; return b }
func (b *ButtonWidget) Disabled(d bool) *ButtonWidget   { b.disabled = d; return b }
func (b *ButtonWidget) Build() {
	if be.Button(b.label, b.id, b.disabled) && b.onClick != nil {
		b.onClick()
	}
}

// ArrowButtonWidget is a square button with an arrow.
type ArrowButtonWidget struct {
	dir     Direction
	id      ID
	onClick func()
}

// ArrowButton is a button with an arrow pointing dir.
func ArrowButton(dir Direction) *ArrowButtonWidget { return &ArrowButtonWidget{dir: dir} }

func (b *ArrowButtonWidget) ID(id ID) *ArrowButtonWidget          { b.id = id; return b }
func (b *ArrowButtonWidget) OnClick(fn func()) *ArrowButtonWidget { b.onClick = fn; return b }
func (b *ArrowButtonWidget) Build() {
	if be.ArrowButton(b.dir, b.id) && b.onClick != nil {
		b.onClick()
	}
}

// InputTextWidget is a one-line text input.
type InputTextWidget struct {
	value    *string
	id       ID
	hint     string
	width    float32
	flags    InputTextFlags
	onChange func()
	focus    bool
}

// InputText edits *value.
func InputText(value *string) *InputTextWidget { return &InputTextWidget{value: value} }

func (i *InputTextWidget) ID(id ID) *InputTextWidget               { i.id = id; return i }
func (i *InputTextWidget) Hint(h string) *InputTextWidget          { i.hint = h; return i }
func (i *InputTextWidget) Size(width float32) *InputTextWidget     { i.width = width; return i }
func (i *InputTextWidget) Flags(f InputTextFlags) *InputTextWidget { i.flags = f; return i }
func (i *InputTextWidget) OnChange(fn func()) *InputTextWidget     { i.onChange = fn; return i }
func (i *InputTextWidget) Focus(focus bool) *InputTextWidget       { i.focus = focus; return i }
func (i *InputTextWidget) Build() {
	if be.InputText(i.value, i.id, i.hint, i.width, i.flags, i.focus) && i.onChange != nil {
		i.onChange()
	}
}

// InputTextMultilineWidget is a text box.
type InputTextMultilineWidget struct {
	value         *string
	id            ID
	width, height float32
	flags         InputTextFlags
}

// InputTextMultiline edits *value in a box.
func InputTextMultiline(value *string) *InputTextMultilineWidget {
	return &InputTextMultilineWidget{value: value}
}

func (i *InputTextMultilineWidget) ID(id ID) *InputTextMultilineWidget { i.id = id; return i }
func (i *InputTextMultilineWidget) Size(w, h float32) *InputTextMultilineWidget {
	i.width, i.height = w, h
	return i
}
func (i *InputTextMultilineWidget) Flags(f InputTextFlags) *InputTextMultilineWidget {
	i.flags = f
	return i
}
func (i *InputTextMultilineWidget) Build() {
	be.InputTextMultiline(i.value, i.id, i.width, i.height, WrapFlags(*i.value, i.flags))
}

// WrapLimit is the longest text a multi-line box wraps at its width.
// Dear ImGui finds the wrap points of the whole text on every frame,
// focused or not, at about 3 ms per megabyte on this kind of machine (a
// 5 MB paste into the composer made every frame 40 ms and typing two
// frames late); a longer text is drawn with its lines unwrapped (scroll
// sideways), which costs a memchr per line.
const WrapLimit = 256 << 10

// WrapFlags is flags without InputTextFlagsWordWrap when text is longer
// than WrapLimit.
func WrapFlags(text string, flags InputTextFlags) InputTextFlags {
	if len(text) > WrapLimit {
		return flags &^ InputTextFlagsWordWrap
	}
	return flags
}

// InputIntWidget edits an integer.
type InputIntWidget struct {
	value          *int32
	id             ID
	width          float32
	step, stepFast int32
	onChange       func()
}

// InputInt edits *value.
func InputInt(value *int32) *InputIntWidget {
	return &InputIntWidget{value: value, step: 1, stepFast: 100}
}

func (i *InputIntWidget) ID(id ID) *InputIntWidget             { i.id = id; return i }
func (i *InputIntWidget) Size(w float32) *InputIntWidget       { i.width = w; return i }
func (i *InputIntWidget) StepSize(s int32) *InputIntWidget     { i.step = s; return i }
func (i *InputIntWidget) StepSizeFast(s int32) *InputIntWidget { i.stepFast = s; return i }
func (i *InputIntWidget) OnChange(fn func()) *InputIntWidget   { i.onChange = fn; return i }
func (i *InputIntWidget) Build() {
	if be.InputInt(i.value, i.id, i.width, i.step, i.stepFast) && i.onChange != nil {
		i.onChange()
	}
}

// SliderFloatWidget drags a float between two bounds.
type SliderFloatWidget struct {
	value  *float32
	lo, hi float32
	id     ID
	format string
	width  float32
}

// SliderFloat edits *value between lo and hi.
func SliderFloat(value *float32, lo, hi float32) *SliderFloatWidget {
	return &SliderFloatWidget{value: value, lo: lo, hi: hi, format: "%.3f"}
}

func (s *SliderFloatWidget) ID(id ID) *SliderFloatWidget        { s.id = id; return s }
func (s *SliderFloatWidget) Format(f string) *SliderFloatWidget { s.format = f; return s }
func (s *SliderFloatWidget) Size(w float32) *SliderFloatWidget  { s.width = w; return s }
func (s *SliderFloatWidget) Build() {
	be.SliderFloat(s.value, s.lo, s.hi, s.id, s.format, s.width)
}

// ComboWidget chooses one of items.
type ComboWidget struct {
	label, preview string
	id             ID
	items          []string
	selected       *int32
	width          float32
	onChange       func()
}

// Combo shows preview and, opened, items; *selected is the chosen index.
func Combo(label, preview string, items []string, selected *int32) *ComboWidget {
	return &ComboWidget{label: label, preview: preview, items: items, selected: selected}
}

func (c *ComboWidget) ID(id ID) *ComboWidget           { c.id = id; return c }
func (c *ComboWidget) Size(w float32) *ComboWidget     { c.width = w; return c }
func (c *ComboWidget) OnChange(fn func()) *ComboWidget { c.onChange = fn; return c }
func (c *ComboWidget) Build() {
	if be.Combo(c.label, c.id, c.preview, c.items, c.selected, c.width) && c.onChange != nil {
		c.onChange()
	}
}

// CheckboxWidget toggles a bool.
type CheckboxWidget struct {
	label    string
	value    *bool
	onChange func()
}

// Checkbox toggles *value.
func Checkbox(label string, value *bool) *CheckboxWidget {
	return &CheckboxWidget{label: label, value: value}
}

func (c *CheckboxWidget) OnChange(fn func()) *CheckboxWidget { c.onChange = fn; return c }
func (c *CheckboxWidget) Build() {
	if be.Checkbox(c.label, c.value) && c.onChange != nil {
		c.onChange()
	}
}

// SelectableWidget is a line that can be selected.
type SelectableWidget struct {
	label             string
	selected          bool
	onClick, onDClick func()
}

// Selectable is a selectable line of text.
func Selectable(label string) *SelectableWidget { return &SelectableWidget{label: label} }

func (s *SelectableWidget) Selected(v bool) *SelectableWidget    { s.selected = v; return s }
func (s *SelectableWidget) OnClick(fn func()) *SelectableWidget  { s.onClick = fn; return s }
func (s *SelectableWidget) OnDClick(fn func()) *SelectableWidget { s.onDClick = fn; return s }
func (s *SelectableWidget) Build() {
	click, dclick := be.Selectable(s.label, s.selected)
	if click && s.onClick != nil {
		s.onClick()
	}
	if dclick && s.onDClick != nil {
		s.onDClick()
	}
}

// MenuItemWidget is an entry of a menu.
type MenuItemWidget struct {
	label, shortcut string
	selected        bool
	disabled        bool
	onClick         func()
}

// MenuItem is a menu entry.
func MenuItem(label string) *MenuItemWidget { return &MenuItemWidget{label: label} }

// Disabled greys the entry out: it cannot be clicked.
func (m *MenuItemWidget) Disabled(d bool) *MenuItemWidget { m.disabled = d; return m }

func (m *MenuItemWidget) Selected(v bool) *MenuItemWidget   { m.selected = v; return m }
func (m *MenuItemWidget) Shortcut(s string) *MenuItemWidget { m.shortcut = s; return m }
func (m *MenuItemWidget) OnClick(fn func()) *MenuItemWidget { m.onClick = fn; return m }
func (m *MenuItemWidget) Build() {
	if be.MenuItem(m.label, m.shortcut, m.selected, !m.disabled) && m.onClick != nil {
		m.onClick()
	}
}

// MenuWidget is a menu of a menu bar.
type MenuWidget struct {
	label string
	body  Layout
}

// Menu is a menu called label.
func Menu(label string) *MenuWidget { return &MenuWidget{label: label} }

func (m *MenuWidget) Layout(widgets ...Widget) *MenuWidget { m.body = widgets; return m }
func (m *MenuWidget) Build()                               { be.Menu(m.label, m.body) }

// MainMenuBarWidget is the window's menu bar.
type MainMenuBarWidget struct{ body Layout }

// MainMenuBar is the menu bar at the top of the window.
func MainMenuBar() *MainMenuBarWidget { return &MainMenuBarWidget{} }

func (m *MainMenuBarWidget) Layout(widgets ...Widget) *MainMenuBarWidget { m.body = widgets; return m }
func (m *MainMenuBarWidget) Build()                                      { be.MainMenuBar(m.body) }

type separator struct{}

func (separator) Build() { be.Separator() }

// Separator is a horizontal line.
func Separator() Widget { return separator{} }

type spacing struct{}

func (spacing) Build() { be.Spacing() }

// Spacing is a little vertical space.
func Spacing() Widget { return spacing{} }

// WindowSpec is what a window is drawn with.
type WindowSpec struct {
	Title           string
	Open            *bool
	Flags           WindowFlags
	X, Y            float32
	Width, Height   float32
	HasPos, HasSize bool
}

// WindowWidget is a window; Layout draws it.
type WindowWidget struct{ s WindowSpec }

// Window is a window titled title.
func Window(title string) *WindowWidget { return &WindowWidget{WindowSpec{Title: title}} }

func (w *WindowWidget) IsOpen(open *bool) *WindowWidget   { w.s.Open = open; return w }
func (w *WindowWidget) Flags(f WindowFlags) *WindowWidget { w.s.Flags = f; return w }
func (w *WindowWidget) Pos(x, y float32) *WindowWidget {
	w.s.X, w.s.Y, w.s.HasPos = x, y, true
	return w
}
func (w *WindowWidget) Size(width, height float32) *WindowWidget {
	w.s.Width, w.s.Height, w.s.HasSize = width, height, true
	return w
}

// Layout draws the window with widgets in it, as giu's does.
func (w *WindowWidget) Layout(widgets ...Widget) { be.Window(w.s, Layout(widgets)) }

// ChildWidget is a scrolling region.
type ChildWidget struct {
	id            ID
	border        bool
	width, height float32
	body          Layout
}

// Child is a region that scrolls on its own.
func Child() *ChildWidget { return &ChildWidget{} }

func (c *ChildWidget) ID(id ID) *ChildWidget                 { c.id = id; return c }
func (c *ChildWidget) Border(b bool) *ChildWidget            { c.border = b; return c }
func (c *ChildWidget) Size(w, h float32) *ChildWidget        { c.width, c.height = w, h; return c }
func (c *ChildWidget) Layout(widgets ...Widget) *ChildWidget { c.body = widgets; return c }
func (c *ChildWidget) Build()                                { be.Child(c.id, c.border, c.width, c.height, c.body) }

type row struct{ widgets []Widget }

func (r row) Build() { be.Row(r.widgets) }

// Row draws widgets on one line.
func Row(widgets ...Widget) Widget { return row{widgets} }

// TableColumnWidget is a column of a table.
type TableColumnWidget struct {
	Label         string
	ColumnFlags   TableColumnFlags
	WidthOrWeight float32
}

// TableColumn is a column headed label.
func TableColumn(label string) *TableColumnWidget { return &TableColumnWidget{Label: label} }

func (c *TableColumnWidget) Flags(f TableColumnFlags) *TableColumnWidget { c.ColumnFlags = f; return c }
func (c *TableColumnWidget) InnerWidthOrWeight(w float32) *TableColumnWidget {
	c.WidthOrWeight = w
	return c
}

// TableRowWidget is a row of cells.
type TableRowWidget struct{ Cells []Widget }

// TableRow is a row of a table, one widget per column.
func TableRow(cells ...Widget) *TableRowWidget { return &TableRowWidget{cells} }

// TableSpec is what a table is drawn with.
type TableSpec struct {
	ID                     ID
	Flags                  TableFlags
	Width, Height          float32
	FreezeCols, FreezeRows int
	Columns                []*TableColumnWidget
	Rows                   []*TableRowWidget
}

// TableWidget is a table.
type TableWidget struct{ s TableSpec }

// Table is a table; giu draws only the rows in view.
func Table() *TableWidget { return &TableWidget{} }

func (t *TableWidget) ID(id ID) *TableWidget           { t.s.ID = id; return t }
func (t *TableWidget) Flags(f TableFlags) *TableWidget { t.s.Flags = f; return t }
func (t *TableWidget) Size(w, h float32) *TableWidget  { t.s.Width, t.s.Height = w, h; return t }
func (t *TableWidget) Freeze(cols, rows int) *TableWidget {
	t.s.FreezeCols, t.s.FreezeRows = cols, rows
	return t
}
func (t *TableWidget) Columns(c ...*TableColumnWidget) *TableWidget { t.s.Columns = c; return t }
func (t *TableWidget) Rows(r ...*TableRowWidget) *TableWidget       { t.s.Rows = r; return t }
func (t *TableWidget) Build()                                       { be.Table(t.s) }

// TabItemSpec is one tab of a tab bar.
type TabItemSpec struct {
	Label string
	Flags TabItemFlags
	Body  Widget
}

// TabItemWidget is a tab.
type TabItemWidget struct{ s TabItemSpec }

// TabItem is a tab labelled label.
func TabItem(label string) *TabItemWidget { return &TabItemWidget{TabItemSpec{Label: label}} }

func (t *TabItemWidget) Flags(f TabItemFlags) *TabItemWidget { t.s.Flags = f; return t }
func (t *TabItemWidget) Layout(widgets ...Widget) *TabItemWidget {
	t.s.Body = Layout(widgets)
	return t
}

// TabBarWidget is a row of tabs.
type TabBarWidget struct {
	id    ID
	items []TabItemSpec
}

// TabBar is a bar of tabs.
func TabBar() *TabBarWidget { return &TabBarWidget{} }

func (t *TabBarWidget) ID(id ID) *TabBarWidget { t.id = id; return t }
func (t *TabBarWidget) TabItems(items ...*TabItemWidget) *TabBarWidget {
	for _, it := range items {
		t.items = append(t.items, it.s)
	}
	return t
}
func (t *TabBarWidget) Build() { be.TabBar(t.id, t.items) }

// SplitLayoutWidget is two panes with a draggable sash.
type SplitLayoutWidget struct {
	id            ID
	dir           SplitDirection
	pos           *float32
	first, second Widget
}

// SplitLayout splits the space in two at *pos.
func SplitLayout(dir SplitDirection, pos *float32, first, second Widget) *SplitLayoutWidget {
	return &SplitLayoutWidget{dir: dir, pos: pos, first: first, second: second}
}

func (s *SplitLayoutWidget) ID(id ID) *SplitLayoutWidget { s.id = id; return s }
func (s *SplitLayoutWidget) Build()                      { be.SplitLayout(s.id, s.dir, s.pos, s.first, s.second) }

// LineSpec is one line of a plot.
type LineSpec struct {
	Label  string
	Values []float64
}

// Line is a line plot of values.
func Line(label string, values []float64) LineSpec { return LineSpec{label, values} }

// PlotSpec is what a plot is drawn with.
type PlotSpec struct {
	Title                  string
	Width, Height          int
	Flags                  PlotFlags
	XAxisFlags             PlotAxisFlags
	XMin, XMax, YMin, YMax float64
	LimitsCond             ExecCondition
	HasLimits              bool
	Lines                  []LineSpec
}

// PlotWidget is a plot.
type PlotWidget struct{ s PlotSpec }

// Plot is a plot titled title.
func Plot(title string) *PlotWidget {
	return &PlotWidget{PlotSpec{Title: title, Width: -1, Height: 250}}
}

func (p *PlotWidget) Size(w, h int) *PlotWidget             { p.s.Width, p.s.Height = w, h; return p }
func (p *PlotWidget) Flags(f PlotFlags) *PlotWidget         { p.s.Flags = f; return p }
func (p *PlotWidget) XAxeFlags(f PlotAxisFlags) *PlotWidget { p.s.XAxisFlags = f; return p }
func (p *PlotWidget) AxisLimits(xmin, xmax, ymin, ymax float64, cond ExecCondition) *PlotWidget {
	p.s.XMin, p.s.XMax, p.s.YMin, p.s.YMax, p.s.LimitsCond, p.s.HasLimits = xmin, xmax, ymin, ymax, cond, true
	return p
}
func (p *PlotWidget) Plots(lines ...LineSpec) *PlotWidget { p.s.Lines = lines; return p }
func (p *PlotWidget) Build()                              { be.Plot(p.s) }

// SmallButtonWidget is a button without frame padding.
type SmallButtonWidget struct {
	label   string
	onClick func()
}

// SmallButton is a small button labelled label ("label##id" sets its ID).
func SmallButton(label string) *SmallButtonWidget { return &SmallButtonWidget{label: label} }

// OnClick sets what a click does.
func (b *SmallButtonWidget) OnClick(fn func()) *SmallButtonWidget { b.onClick = fn; return b }

// Build implements Widget.
func (b *SmallButtonWidget) Build() {
	if imgui.SmallButton(b.label) && b.onClick != nil {
		b.onClick()
	}
}

// BarSegment is one part of a segmented bar: its share of the bar's
// width (0 to 1) in its colour.
type BarSegment struct {
	Fraction float32
	Color    color.RGBA
}

// BarSpec is what a segmented bar is drawn with: the segments left to
// right over a dim track, Text centred on it.
type BarSpec struct {
	ID            ID
	Segments      []BarSegment
	Text          string
	Width, Height float32 // -1 width: the rest of the row; 0 height: a frame's
	Mark          float32 // where a thin line marks a limit (0 to 1); 0: none
}

// BarWidget is a segmented bar (a stacked progress bar): how a whole
// is split, each part its own colour, e.g. a request's tokens by part
// against the model's window.
type BarWidget struct{ s BarSpec }

// Bar is a segmented bar of segs.
func Bar(segs ...BarSegment) *BarWidget { return &BarWidget{BarSpec{Segments: segs, Width: -1}} }

func (b *BarWidget) ID(id ID) *BarWidget          { b.s.ID = id; return b }
func (b *BarWidget) Text(t string) *BarWidget     { b.s.Text = t; return b }
func (b *BarWidget) Size(w, h float32) *BarWidget { b.s.Width, b.s.Height = w, h; return b }
func (b *BarWidget) Mark(at float32) *BarWidget   { b.s.Mark = at; return b }
func (b *BarWidget) Build()                       { be.Bar(b.s) }
