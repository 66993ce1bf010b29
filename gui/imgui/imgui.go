// Package imgui is the part of Dear ImGui's immediate-mode API that views
// call directly (layout queries, text, tables, popups), with the same
// names and meanings as cimgui-go's imgui package, but none of its code.
//
// Views import this package instead of cimgui-go so that a views plugin
// links only the views: a Go plugin contains every package it imports, and
// cimgui-go with giu would make each reload link ~20 MB (about 0.5 s of the
// link, and that much memory per reload, since plugins never unload). The
// host installs the real implementation with SetBackend before the first
// frame (see gui/giubackend); this package is stable, like contract/.
package imgui

// Vec2 is a 2D vector, as ImGui's ImVec2.
type Vec2 struct{ X, Y float32 }

// Vec4 is a 4D vector (a colour: X, Y, Z, W = R, G, B, A in 0..1).
type Vec4 struct{ X, Y, Z, W float32 }

// Flag and enum types, with ImGui's values.
type (
	Col              int32
	Cond             int32
	HoveredFlags     int32
	Key              int32
	KeyChord         int32
	TableFlags       int32
	TableColumnFlags int32
	WindowFlags      int32
	ID               uint32
)

// The values used by views; TestValuesMatchImGui (gui/giubackend) checks
// each one against cimgui-go.
const (
	ColText                       Col              = 0
	CondAppearing                 Cond             = 8
	HoveredFlagsAllowWhenDisabled HoveredFlags     = 1024
	ModCtrl                       Key              = 4096
	ModShift                      Key              = 8192
	KeyS                          Key              = 564
	KeyY                          Key              = 570
	KeyZ                          Key              = 571
	TableColumnFlagsWidthFixed    TableColumnFlags = 16
	TableColumnFlagsWidthStretch  TableColumnFlags = 8
	TableFlagsResizable           TableFlags       = 1
	TableFlagsNoSavedSettings     TableFlags       = 16
	TableFlagsRowBg               TableFlags       = 64
	TableFlagsBordersInnerH       TableFlags       = 128
	TableFlagsBorders             TableFlags       = 1920
	TableFlagsSizingFixedFit      TableFlags       = 8192
	TableFlagsScrollY             TableFlags       = 33554432
	WindowFlagsNoCollapse         WindowFlags      = 32
	WindowFlagsAlwaysAutoResize   WindowFlags      = 64
	WindowFlagsNoSavedSettings    WindowFlags      = 256
)

// Style is the part of ImGui's current style views measure with.
type Style struct {
	framePadding, itemSpacing Vec2
	scrollbarSize             float32
}

// NewStyle is for backends.
func NewStyle(framePadding, itemSpacing Vec2, scrollbarSize float32) *Style {
	return &Style{framePadding, itemSpacing, scrollbarSize}
}

func (s *Style) FramePadding() Vec2     { return s.framePadding }
func (s *Style) ItemSpacing() Vec2      { return s.itemSpacing }
func (s *Style) ScrollbarSize() float32 { return s.scrollbarSize }

// Viewport is the main viewport's rectangle.
type Viewport struct{ pos, size Vec2 }

// NewViewport is for backends.
func NewViewport(pos, size Vec2) *Viewport { return &Viewport{pos, size} }

func (v *Viewport) Pos() Vec2    { return v.pos }
func (v *Viewport) Size() Vec2   { return v.size }
func (v *Viewport) Center() Vec2 { return Vec2{v.pos.X + v.size.X/2, v.pos.Y + v.size.Y/2} }

// ListClipper draws only the visible rows of a long list.
type ListClipper interface {
	Begin(items int32)
	Step() bool
	DisplayStart() int32
	DisplayEnd() int32
	Destroy()
}

// Backend is the real ImGui, installed by the host.
type Backend interface {
	AlignTextToFramePadding()
	BeginPopupModalV(name string, open *bool, flags WindowFlags) bool
	BeginTableV(id string, columns int32, flags TableFlags, outerSize Vec2, innerWidth float32) bool
	BeginTooltip() bool
	Button(label string) bool
	CalcTextSizeV(text string, hideAfterDoubleHash bool, wrapWidth float32) Vec2
	CloseCurrentPopup()
	ContentRegionAvail() Vec2
	CurrentStyle() *Style
	CursorPosX() float32
	CursorPosY() float32
	Dummy(size Vec2)
	EndPopup()
	EndTable()
	EndTooltip()
	FontSize() float32
	FrameHeight() float32
	FrameHeightWithSpacing() float32
	Indent(w float32)
	Unindent(w float32)
	SetClipboardText(text string)
	IsAnyItemActive() bool
	IsItemHoveredV(flags HoveredFlags) bool
	IsKeyChordPressed(chord KeyChord) bool
	IsPopupOpenStr(id string) bool
	IsWindowAppearing() bool
	MainViewport() *Viewport
	NewListClipper() ListClipper
	OpenPopupStr(id string)
	PopID()
	PopStyleColor()
	PopTextWrapPos()
	PushIDInt(id int32)
	PushStyleColorVec4(idx Col, col Vec4)
	PushTextWrapPosV(wrapLocalPosX float32)
	SameLineV(offsetFromStartX, spacing float32)
	ScrollY() float32
	SetScrollHereYV(centerYRatio float32)
	SetCursorPosX(x float32)
	SetCursorPosY(y float32)
	SetKeyboardFocusHere()
	SetNextWindowPosV(pos Vec2, cond Cond, pivot Vec2)
	SmallButton(label string) bool
	TableHeadersRow()
	TableNextColumn() bool
	TableNextRow()
	TableSetupColumnV(label string, flags TableColumnFlags, widthOrWeight float32, userID ID)
	TableSetupScrollFreeze(cols, rows int32)
	TextLineHeight() float32
	TextLineHeightWithSpacing() float32
	TextUnformatted(text string)
	WindowHeight() float32
}

var be Backend

// SetBackend installs the implementation every function here calls. The
// host calls it once, before the first frame.
func SetBackend(b Backend) { be = b }

func AlignTextToFramePadding() { be.AlignTextToFramePadding() }
func BeginPopupModalV(name string, open *bool, flags WindowFlags) bool {
	return be.BeginPopupModalV(name, open, flags)
}
func BeginTableV(id string, columns int32, flags TableFlags, outerSize Vec2, innerWidth float32) bool {
	return be.BeginTableV(id, columns, flags, outerSize, innerWidth)
}
func BeginTooltip() bool       { return be.BeginTooltip() }
func Button(label string) bool { return be.Button(label) }
func CalcTextSizeV(text string, hideAfterDoubleHash bool, wrapWidth float32) Vec2 {
	return be.CalcTextSizeV(text, hideAfterDoubleHash, wrapWidth)
}
func CloseCurrentPopup()                                { be.CloseCurrentPopup() }
func ContentRegionAvail() Vec2                          { return be.ContentRegionAvail() }
func CurrentStyle() *Style                              { return be.CurrentStyle() }
func CursorPosX() float32                               { return be.CursorPosX() }
func CursorPosY() float32                               { return be.CursorPosY() }
func Dummy(size Vec2)                                   { be.Dummy(size) }
func EndPopup()                                         { be.EndPopup() }
func EndTable()                                         { be.EndTable() }
func EndTooltip()                                       { be.EndTooltip() }
func FontSize() float32                                 { return be.FontSize() }
func FrameHeight() float32                              { return be.FrameHeight() }
func FrameHeightWithSpacing() float32                   { return be.FrameHeightWithSpacing() }
func IsAnyItemActive() bool                             { return be.IsAnyItemActive() }
func IsItemHoveredV(flags HoveredFlags) bool            { return be.IsItemHoveredV(flags) }
func IsKeyChordPressed(chord KeyChord) bool             { return be.IsKeyChordPressed(chord) }
func IsPopupOpenStr(id string) bool                     { return be.IsPopupOpenStr(id) }
func IsWindowAppearing() bool                           { return be.IsWindowAppearing() }
func MainViewport() *Viewport                           { return be.MainViewport() }
func NewListClipper() ListClipper                       { return be.NewListClipper() }
func OpenPopupStr(id string)                            { be.OpenPopupStr(id) }
func PopID()                                            { be.PopID() }
func PopStyleColor()                                    { be.PopStyleColor() }
func PopTextWrapPos()                                   { be.PopTextWrapPos() }
func PushIDInt(id int32)                                { be.PushIDInt(id) }
func PushStyleColorVec4(idx Col, col Vec4)              { be.PushStyleColorVec4(idx, col) }
func PushTextWrapPosV(wrapLocalPosX float32)            { be.PushTextWrapPosV(wrapLocalPosX) }
func SameLine()                                         { be.SameLineV(0, -1) }
func SameLineV(offsetFromStartX, spacing float32)       { be.SameLineV(offsetFromStartX, spacing) }
func ScrollY() float32                                  { return be.ScrollY() }
func SetCursorPosX(x float32)                           { be.SetCursorPosX(x) }
func SetCursorPosY(y float32)                           { be.SetCursorPosY(y) }
func SetKeyboardFocusHere()                             { be.SetKeyboardFocusHere() }
func SetNextWindowPosV(pos Vec2, cond Cond, pivot Vec2) { be.SetNextWindowPosV(pos, cond, pivot) }
func SmallButton(label string) bool                     { return be.SmallButton(label) }
func TableHeadersRow()                                  { be.TableHeadersRow() }
func TableNextColumn() bool                             { return be.TableNextColumn() }
func TableNextRow()                                     { be.TableNextRow() }
func TableSetupColumnV(label string, flags TableColumnFlags, widthOrWeight float32, userID ID) {
	be.TableSetupColumnV(label, flags, widthOrWeight, userID)
}
func TableSetupScrollFreeze(cols, rows int32) { be.TableSetupScrollFreeze(cols, rows) }
func TextLineHeight() float32                 { return be.TextLineHeight() }
func TextLineHeightWithSpacing() float32      { return be.TextLineHeightWithSpacing() }
func TextUnformatted(text string)             { be.TextUnformatted(text) }
func WindowHeight() float32                   { return be.WindowHeight() }

// Indent moves the layout's left edge right by w; Unindent moves it back.
func Indent(w float32)   { be.Indent(w) }
func Unindent(w float32) { be.Unindent(w) }

// SetClipboardText puts text on the clipboard (ImGui's platform hook).
func SetClipboardText(text string) { be.SetClipboardText(text) }

// SetScrollHereYV scrolls the current window so the cursor is at
// centerYRatio of its height (1: the bottom).
func SetScrollHereYV(centerYRatio float32) { be.SetScrollHereYV(centerYRatio) }
