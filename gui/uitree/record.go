package uitree

import (
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/imgui"
	"github.com/slopgui/slopgui/mdoc"
)

// Probe reads what ImGui knows of the item just drawn and of the current
// window. The host's is cimgui-go's; tests use a fake.
type Probe interface {
	// LastItem is the ID and rectangle of the item just submitted.
	LastItem() (id uint32, r Rect)
	// CurrentWindow is the window being drawn.
	CurrentWindow() (x, y, w, h float32, focused, collapsed bool)
	// Focus gives the item just drawn the keyboard focus (from the next
	// frame on), as Tab would.
	Focus()
}

// MenuProbe is what a Probe may also do for menus: open the menu just
// drawn (from the next frame on), and close the menus and popups the
// item just drawn is in, as a click on a menu item does.
type MenuProbe interface {
	OpenMenu(label string)
	ClosePopup()
}

// ActKind is what a pending action does to its item.
type ActKind int

// Pending actions.
const (
	// Press makes a button, selectable, menu item or checkbox report
	// that it was clicked (a checkbox toggles its value): the view's own
	// callbacks run, as for a click.
	Press ActKind = iota + 1
	// Focus gives the item the keyboard focus (an input, to type into).
	Focus
	// Select sets a combo's selection (to the item whose text is the
	// action's value) or a slider's value (a number, kept in its range);
	// the widget reports a change, so the view's callbacks run.
	Select
)

// action is one pending action and where its outcome goes.
type action struct {
	kind  ActKind
	id    string
	value string    // Select's
	done  chan bool // buffered: whether the item was drawn
}

// Recorder wraps the widget and immediate-mode backends. Install its
// Widgets and Calls in place of the real ones; Want makes the next frame
// recorded, Take hands it over.
type Recorder struct {
	W     gui.Backend
	C     imgui.Backend
	Probe Probe

	want        atomic.Bool
	tab         atomic.Pointer[string] // a tab to select, by label
	tabSelected atomic.Bool            // the asked-for tab was found and selected
	recording   bool
	frame       uint64
	tree        Tree
	stack       []int // indexes of open windows in tree.Windows
	done        chan Tree

	pending atomic.Pointer[action] // asked for by Act, taken by BeginFrame
	act     *action                // this frame's
	hit     bool                   // act's item was drawn this frame
	sel     *string                // a Select for the item just recorded
}

// NewRecorder wraps w and c.
func NewRecorder(w gui.Backend, c imgui.Backend, p Probe) *Recorder {
	return &Recorder{W: w, C: c, Probe: p, done: make(chan Tree, 1)}
}

// Want asks for the next whole frame to be recorded; any goroutine may call
// it. The tree arrives on Done after that frame.
func (r *Recorder) Want() { r.want.Store(true) }

// Done delivers recorded trees, one per frame asked for (the oldest is
// dropped if nobody took it).
func (r *Recorder) Done() <-chan Tree { return r.done }

// BeginFrame is called by the host at the start of each frame, on the
// render thread.
func (r *Recorder) BeginFrame(frame uint64) {
	r.frame = frame
	r.act, r.hit = r.pending.Swap(nil), false
	r.recording = r.want.Swap(false)
	if r.recording {
		r.tree = Tree{Frame: frame}
		r.stack = r.stack[:0]
	}
}

// Redraw is called by the host when it throws a frame's drawing away and
// draws it again (a view panicked): what was recorded so far goes.
func (r *Recorder) Redraw() {
	r.hit = false // what it did was undone: do it again
	if r.recording {
		r.tree = Tree{Frame: r.frame}
		r.stack = r.stack[:0]
	}
}

// EndFrame is called by the host after the frame's views have drawn.
func (r *Recorder) EndFrame() {
	if r.act != nil {
		r.act.done <- r.hit
		r.act = nil
	}
	if !r.recording {
		return
	}
	r.recording = false
	select {
	case <-r.done:
	default:
	}
	r.done <- r.tree
}

// Act makes the item whose ID is id (as Tree items have it) take the
// action in the next frame drawn; any goroutine may call it. The channel
// receives, at the end of that frame, whether the item was drawn (and so
// acted on). A later Act replaces one not yet taken.
func (r *Recorder) Act(kind ActKind, id string) <-chan bool {
	return r.ActValue(kind, id, "")
}

// ActValue is Act with a value (Select's).
func (r *Recorder) ActValue(kind ActKind, id, value string) <-chan bool {
	a := &action{kind: kind, id: id, value: value, done: make(chan bool, 1)}
	if old := r.pending.Swap(a); old != nil {
		old.done <- false
	}
	return a.done
}

// SelectTab selects the tab labelled label the next time its tab bar is
// drawn; TabSelected then reports true.
func (r *Recorder) SelectTab(label string) {
	r.tabSelected.Store(false)
	r.tab.Store(&label)
}

// TabSelected reports whether the tab asked for by SelectTab was found and
// selected.
func (r *Recorder) TabSelected() bool { return r.tabSelected.Load() }

func (r *Recorder) takeTab() string {
	if p := r.tab.Load(); p != nil {
		// Kept until a tab bar holding it is drawn: the first bar drawn
		// may not be the one.
		return *p
	}
	return ""
}

// Widgets is the gui.Backend to install.
func (r *Recorder) Widgets() gui.Backend { return widgets{r} }

// Calls is the imgui.Backend to install.
func (r *Recorder) Calls() imgui.Backend { return calls{r.C, r} }

// add records the item just drawn, when recording, and reports whether
// the pending action is for it (Press: it is pressed this frame).
func (r *Recorder) add(kind Kind, label, key string, enabled bool, value any, text string) (pressed bool) {
	r.sel = nil // only ever for the item just recorded
	if !r.recording && r.act == nil {
		return false
	}
	id, rect := r.Probe.LastItem()
	if a := r.act; a != nil && !r.hit && a.id == hexID(id) && enabled && kind != Text {
		r.hit = true
		if a.kind == Focus {
			r.Probe.Focus()
		}
		pressed = a.kind == Press
		if a.kind == Select {
			r.sel = &a.value
		}
	}
	if !r.recording {
		return pressed
	}
	if key == "" && strings.Contains(label, "##") {
		key = label // a checkbox, selectable or menu item named by its whole label
	}
	win := ""
	if n := len(r.stack); n > 0 {
		win = r.tree.Windows[r.stack[n-1]].Title
	}
	it := Item{Kind: kind, Label: visible(label), Key: key, ID: hexID(id), Rect: rect, Enabled: enabled, Value: value, Text: text, Window: win}
	if n := len(r.stack); n > 0 {
		w := &r.tree.Windows[r.stack[n-1]]
		w.Items = append(w.Items, it)
		return pressed
	}
	// Drawn outside any window (the main menu bar): a window of its own.
	if len(r.tree.Windows) == 0 || r.tree.Windows[len(r.tree.Windows)-1].Title != "" {
		r.tree.Windows = append(r.tree.Windows, Window{})
	}
	w := &r.tree.Windows[len(r.tree.Windows)-1]
	w.Items = append(w.Items, it)
	return pressed
}

// addOptions records a combo with the items it offers.
func (r *Recorder) addOptions(kind Kind, label, key string, value any, options []string) {
	r.add(kind, label, key, true, value, "")
	if r.recording {
		if n := len(r.stack); n > 0 {
			w := &r.tree.Windows[r.stack[n-1]]
			w.Items[len(w.Items)-1].Options = slices.Clone(options)
		} else if n := len(r.tree.Windows); n > 0 {
			w := &r.tree.Windows[n-1]
			w.Items[len(w.Items)-1].Options = slices.Clone(options)
		}
	}
}

// addAt records an item ImGui gives no rectangle for (a tab that is not
// shown, say): no probe, the ID string as key.
func (r *Recorder) addAt(kind Kind, label, key string, value any) {
	if !r.recording {
		return
	}
	it := Item{Kind: kind, Label: visible(label), Key: key, ID: "tab:" + key + "/" + visible(label), Enabled: true, Value: value}
	if n := len(r.stack); n > 0 {
		w := &r.tree.Windows[r.stack[n-1]]
		it.Window = w.Title
		w.Items = append(w.Items, it)
	}
}

// HexID is how items show an ImGui ID: 0x and 8 hex digits.
func HexID(id uint32) string { return hexID(id) }

func hexID(id uint32) string {
	const digits = "0123456789abcdef"
	b := []byte("0x00000000")
	for i := 9; i >= 2; i-- {
		b[i] = digits[id&15]
		id >>= 4
	}
	return string(b)
}

// window wraps a window's body so its items land in its record.
func (r *Recorder) window(title string, body gui.Widget) gui.Widget {
	return gui.Custom(func() {
		if !r.recording {
			if body != nil {
				body.Build()
			}
			return
		}
		x, y, w, h, focused, collapsed := r.Probe.CurrentWindow()
		r.tree.Windows = append(r.tree.Windows, Window{Title: title, X: x, Y: y, Width: w, Height: h, Focused: focused, Collapsed: collapsed})
		r.stack = append(r.stack, len(r.tree.Windows)-1)
		if body != nil {
			body.Build()
		}
		r.stack = r.stack[:len(r.stack)-1]
	})
}

type widgets struct{ r *Recorder }

var (
	_ gui.Backend   = widgets{}
	_ imgui.Backend = calls{}
)

func (w widgets) Label(text string, wrapped bool) {
	w.r.W.Label(text, wrapped)
	w.r.add(Text, "", "", true, nil, text)
}

func (w widgets) Button(label string, id gui.ID, disabled bool) bool {
	c := w.r.W.Button(label, id, disabled)
	return w.r.add(Button, label, string(id), !disabled, nil, "") || c
}

func (w widgets) ArrowButton(dir gui.Direction, id gui.ID) bool {
	c := w.r.W.ArrowButton(dir, id)
	return w.r.add(Button, [...]string{"<", ">", "^", "v"}[dir&3], string(id), true, nil, "") || c
}

func (w widgets) InputText(value *string, id gui.ID, hint string, width float32, flags gui.InputTextFlags, focus bool) bool {
	c := w.r.W.InputText(value, id, hint, width, flags, focus)
	w.r.add(Input, hint, string(id), flags&gui.InputTextFlagsReadOnly == 0, *value, "")
	return c
}

func (w widgets) InputTextMultiline(value *string, id gui.ID, width, height float32, flags gui.InputTextFlags) bool {
	c := w.r.W.InputTextMultiline(value, id, width, height, flags)
	w.r.add(Input, "", string(id), flags&gui.InputTextFlagsReadOnly == 0, *value, "")
	return c
}

func (w widgets) InputInt(value *int32, id gui.ID, width float32, step, stepFast int32) bool {
	c := w.r.W.InputInt(value, id, width, step, stepFast)
	w.r.add(Input, "", string(id), true, *value, "")
	return c
}

func (w widgets) SliderFloat(value *float32, lo, hi float32, id gui.ID, format string, width float32) bool {
	c := w.r.W.SliderFloat(value, lo, hi, id, format, width)
	w.r.add(Slider, "", string(id), true, *value, "")
	if v, ok := w.r.takeSelect(); ok {
		if f, err := strconv.ParseFloat(v, 32); err == nil {
			*value, c = min(max(float32(f), lo), hi), true
		}
	}
	return c
}

// takeSelect returns the value of a Select for the item just recorded.
func (r *Recorder) takeSelect() (string, bool) {
	p := r.sel
	r.sel = nil
	if p == nil {
		return "", false
	}
	return *p, true
}

func (w widgets) Combo(label string, id gui.ID, preview string, items []string, selected *int32, width float32) bool {
	c := w.r.W.Combo(label, id, preview, items, selected, width)
	var v any = preview
	if s := int(*selected); s >= 0 && s < len(items) {
		v = items[s]
	}
	w.r.addOptions(Combo, label, string(id), v, items)
	if s, ok := w.r.takeSelect(); ok {
		if i := slices.Index(items, s); i >= 0 {
			*selected, c = int32(i), true
		}
	}
	return c
}

func (w widgets) Checkbox(label string, value *bool) bool {
	c := w.r.W.Checkbox(label, value)
	if w.r.add(Checkbox, label, "", true, *value, "") {
		*value, c = !*value, true
	}
	return c
}

func (w widgets) Selectable(label string, selected bool) (bool, bool) {
	c, d := w.r.W.Selectable(label, selected)
	return w.r.add(Selectable, label, "", true, selected, "") || c, d
}

func (w widgets) MenuItem(label, shortcut string, selected, enabled bool) bool {
	c := w.r.W.MenuItem(label, shortcut, selected, enabled)
	if w.r.add(MenuItem, label, "", enabled, nil, "") && enabled {
		if m, ok := w.r.Probe.(MenuProbe); ok {
			m.ClosePopup() // as a click does
		}
		return true
	}
	return c
}

func (w widgets) Menu(label string, body gui.Widget) {
	w.r.W.Menu(label, body)
	if w.r.add(Menu, label, "", true, nil, "") { // pressed: it opens
		if m, ok := w.r.Probe.(MenuProbe); ok {
			m.OpenMenu(label)
		}
	}
}

func (w widgets) MainMenuBar(body gui.Widget) { w.r.W.MainMenuBar(body) }
func (w widgets) Separator()                  { w.r.W.Separator() }
func (w widgets) Spacing()                    { w.r.W.Spacing() }

func (w widgets) Window(s gui.WindowSpec, body gui.Widget) {
	w.r.W.Window(s, w.r.window(s.Title, body))
}

func (w widgets) Child(id gui.ID, border bool, width, height float32, body gui.Widget) {
	w.r.W.Child(id, border, width, height, body)
}

func (w widgets) Row(ws []gui.Widget) { w.r.W.Row(ws) }
func (w widgets) Table(t gui.TableSpec) {
	w.r.W.Table(t)
}

func (w widgets) TabBar(id gui.ID, items []gui.TabItemSpec) {
	// Every tab is listed with whether it is the one shown (its body ran);
	// a tab asked for by SelectTab is selected this frame.
	shown := make([]bool, len(items))
	wrapped := make([]gui.TabItemSpec, len(items))
	want := w.r.takeTab()
	for i, it := range items {
		wrapped[i] = it
		if want != "" && visible(it.Label) == want {
			wrapped[i].Flags |= gui.TabItemFlagsSetSelected
			w.r.tab.Store(nil)
			w.r.tabSelected.Store(true)
		}
		body := it.Body
		wrapped[i].Body = gui.Custom(func() {
			shown[i] = true
			if body != nil {
				body.Build()
			}
		})
	}
	w.r.W.TabBar(id, wrapped)
	for i, it := range items {
		w.r.addAt(Tab, it.Label, string(id), shown[i])
	}
}

func (w widgets) SplitLayout(id gui.ID, dir gui.SplitDirection, pos *float32, first, second gui.Widget) {
	w.r.W.SplitLayout(id, dir, pos, first, second)
}

func (w widgets) Plot(p gui.PlotSpec) { w.r.W.Plot(p) }

func (w widgets) Bar(b gui.BarSpec) {
	w.r.W.Bar(b)
	fr := make([]float32, len(b.Segments))
	for i, s := range b.Segments {
		fr[i] = s.Fraction
	}
	w.r.add(Bar, "", string(b.ID), true, fr, b.Text)
}

// calls records the immediate-mode items views draw themselves.
type calls struct {
	imgui.Backend
	r *Recorder
}

func (c calls) Button(label string) bool {
	clicked := c.Backend.Button(label)
	return c.r.add(Button, label, "", true, nil, "") || clicked
}

func (c calls) SmallButton(label string) bool {
	clicked := c.Backend.SmallButton(label)
	return c.r.add(Button, label, "", true, nil, "") || clicked
}

func (c calls) TextUnformatted(text string) {
	c.Backend.TextUnformatted(text)
	c.r.add(Text, "", "", true, nil, text)
}

// Item records an item the host drew itself with ImGui (its chrome: the
// toolbar, the error bar, modals), as the widget backends record the
// views': call it right after the item is drawn. It reports whether a
// pending press is for this item (act as if it was clicked). A nil
// Recorder records nothing.
func (r *Recorder) Item(kind Kind, label string, enabled bool, value any, text string) (pressed bool) {
	if r == nil {
		return false
	}
	return r.add(kind, label, "", enabled, value, text)
}

// Within records what body draws as the items of a window titled title;
// call it inside that ImGui window (or popup). A nil Recorder just runs
// body.
func (r *Recorder) Within(title string, body func()) {
	if r == nil {
		body()
		return
	}
	r.window(title, gui.Custom(body)).Build()
}

// Code is a code block of rendered markdown (its text is the code).
const Code Kind = "code"

var _ gui.MarkdownBackend = widgets{}

// RichText records the text drawn (links, as text) as a text item.
func (w widgets) RichText(spans []mdoc.Span, st gui.TextStyle) string {
	mb, ok := w.r.W.(gui.MarkdownBackend)
	if !ok {
		return ""
	}
	url := mb.RichText(spans, st)
	if w.r.recording {
		var b strings.Builder
		for _, s := range spans {
			b.WriteString(s.Text)
		}
		w.r.add(Text, "", "", true, nil, b.String())
	}
	return url
}

// CodeBlock records a code item: its text, and its language as the value.
func (w widgets) CodeBlock(b *mdoc.Block) {
	if mb, ok := w.r.W.(gui.MarkdownBackend); ok {
		mb.CodeBlock(b)
		w.r.add(Code, "", "", true, b.Lang, b.Text)
	}
}

// QuoteBar is drawn, not recorded.
func (w widgets) QuoteBar(x, y0, y1 float32) {
	if mb, ok := w.r.W.(gui.MarkdownBackend); ok {
		mb.QuoteBar(x, y0, y1)
	}
}
