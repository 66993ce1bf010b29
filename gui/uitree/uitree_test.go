package uitree_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/imgui"
	"github.com/slopgui/slopgui/gui/uitree"
)

// fake draws nothing: containers build their bodies, the first tab (or the
// one flagged SetSelected) shows, and clicks are scripted by label.
type fake struct {
	click string
}

func (f *fake) Label(string, bool)                     {}
func (f *fake) Button(l string, _ gui.ID, _ bool) bool { return l == f.click }
func (f *fake) ArrowButton(gui.Direction, gui.ID) bool { return false }
func (f *fake) InputText(v *string, _ gui.ID, _ string, _ float32, _ gui.InputTextFlags, _ bool) bool {
	return false
}
func (f *fake) InputTextMultiline(*string, gui.ID, float32, float32, gui.InputTextFlags) bool {
	return false
}
func (f *fake) InputInt(*int32, gui.ID, float32, int32, int32) bool                  { return false }
func (f *fake) SliderFloat(*float32, float32, float32, gui.ID, string, float32) bool { return false }
func (f *fake) Combo(string, gui.ID, string, []string, *int32, float32) bool         { return false }
func (f *fake) Checkbox(string, *bool) bool                                          { return false }
func (f *fake) Selectable(string, bool) (bool, bool)                                 { return false, false }
func (f *fake) MenuItem(string, string, bool, bool) bool                             { return false }
func (f *fake) Menu(_ string, b gui.Widget)                                          { b.Build() }
func (f *fake) MainMenuBar(b gui.Widget)                                             { b.Build() }
func (f *fake) Separator()                                                           {}
func (f *fake) Spacing()                                                             {}
func (f *fake) Window(_ gui.WindowSpec, b gui.Widget)                                { b.Build() }
func (f *fake) Child(_ gui.ID, _ bool, _, _ float32, b gui.Widget)                   { b.Build() }
func (f *fake) Row(ws []gui.Widget) {
	for _, w := range ws {
		w.Build()
	}
}
func (f *fake) Table(gui.TableSpec) {}
func (f *fake) TabBar(_ gui.ID, items []gui.TabItemSpec) {
	sel := 0
	for i, it := range items {
		if it.Flags&gui.TabItemFlagsSetSelected != 0 {
			sel = i
		}
	}
	if len(items) > 0 {
		items[sel].Body.Build()
	}
}
func (f *fake) SplitLayout(_ gui.ID, _ gui.SplitDirection, _ *float32, a, b gui.Widget) {
	a.Build()
	b.Build()
}
func (f *fake) Plot(gui.PlotSpec) {}
func (f *fake) Bar(gui.BarSpec)   {}

type fakeCalls struct{ imgui.Backend }

func (fakeCalls) Button(string) bool      { return false }
func (fakeCalls) SmallButton(string) bool { return false }
func (fakeCalls) TextUnformatted(string)  {}

type probe struct {
	n       uint32
	focused []uint32 // the items given the focus
}

func (p *probe) Focus() { p.focused = append(p.focused, p.n) }

func (p *probe) LastItem() (uint32, uitree.Rect) {
	p.n++
	if p.n > 100 { // IDs are stable from frame to frame
		p.n = 1
	}
	return p.n, uitree.Rect{X0: float32(p.n * 10), Y0: 5, X1: float32(p.n*10 + 8), Y1: 15}
}
func (p *probe) CurrentWindow() (float32, float32, float32, float32, bool, bool) {
	return 1, 2, 300, 200, true, false
}

// app is a tiny view: a window with a counter button, a text box, a
// checkbox, a combo, two tabs and an immediate-mode button.
type app struct {
	clicks  int
	name    string
	enabled bool
	pick    int32
}

func (a *app) draw() {
	gui.Window("Demo##w").Layout(
		gui.Label("clicked "+string(rune('0'+a.clicks))),
		gui.Button("Add").OnClick(func() { a.clicks++ }),
		gui.InputText(&a.name).ID("##name").Hint("your name"),
		gui.Checkbox("Enabled", &a.enabled),
		gui.Combo("Model", "", []string{"small", "large"}, &a.pick),
		gui.TabBar().TabItems(
			gui.TabItem("First").Layout(gui.Button("Same")),
			gui.TabItem("Second").Layout(gui.Label("second tab")),
		),
		gui.Custom(func() { imgui.SmallButton("Same") }),
	)
}

func setup(t *testing.T) (*uitree.Recorder, *fake) {
	r, f, _ := setupProbe(t)
	return r, f
}

func setupProbe(t *testing.T) (*uitree.Recorder, *fake, *probe) {
	t.Helper()
	f := &fake{}
	p := &probe{}
	r := uitree.NewRecorder(f, fakeCalls{}, p)
	gui.SetBackend(r.Widgets())
	imgui.SetBackend(r.Calls())
	return r, f, p
}

func frame(r *uitree.Recorder, n uint64, draw func()) {
	if p, ok := r.Probe.(*probe); ok {
		p.n = 0
	}
	r.BeginFrame(n)
	draw()
	r.EndFrame()
}

func TestRecordsAFrameWhenAsked(t *testing.T) {
	r, f := setup(t)
	a := &app{name: "ann", pick: 1}
	frame(r, 1, a.draw)
	select {
	case <-r.Done():
		t.Fatal("a frame nobody asked for was recorded")
	default:
	}
	r.Want()
	frame(r, 2, a.draw)
	tree := <-r.Done()
	if tree.Frame != 2 || len(tree.Windows) != 1 {
		t.Fatalf("tree = %+v", tree)
	}
	w := tree.Windows[0]
	if w.Title != "Demo##w" || w.Width != 300 || !w.Focused {
		t.Errorf("window = %+v", w)
	}
	var got []string
	for _, it := range w.Items {
		got = append(got, string(it.Kind)+":"+it.Label+it.Text)
	}
	want := "text:clicked 0|button:Add|input:your name|checkbox:Enabled|combo:Model|button:Same|tab:First|tab:Second|button:Same"
	if strings.Join(got, "|") != want {
		t.Fatalf("items\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	in, err := tree.Find("##name")
	if err != nil || in.Value != "ann" || !in.Enabled || in.Window != "Demo##w" {
		t.Errorf("Find(##name) = %+v, %v", in, err)
	}
	if c, _ := tree.Find("model"); c.Value != "large" {
		t.Errorf("combo value = %v, want the selected item", c.Value)
	}
	if tab, _ := tree.Find("Second", uitree.Tab); tab.Value != false {
		t.Errorf("the hidden tab = %+v", tab)
	}

	// Ambiguous: both "Same" buttons, with their IDs; one ID picks one.
	_, err = tree.Find("Same")
	var amb *uitree.AmbiguousError
	if !errors.As(err, &amb) || len(amb.Candidates) != 2 || !strings.Contains(err.Error(), amb.Candidates[1].ID) {
		t.Fatalf("Find(Same) = %v, want an ambiguity listing both IDs", err)
	}
	if it, err := tree.Find(amb.Candidates[1].ID); err != nil || it.Rect != amb.Candidates[1].Rect {
		t.Errorf("Find by ID = %+v, %v", it, err)
	}
	if _, err := tree.Find("Nope"); err == nil || !strings.Contains(err.Error(), `nothing drawn is called "Nope"`) {
		t.Errorf("Find(Nope) = %v", err)
	}
	if _, err := tree.Only("Other"); err == nil || !strings.Contains(err.Error(), "windows: Demo") {
		t.Errorf("Only(Other) = %v", err)
	}

	// A click changes the label: Changed names it.
	f.click = "Add"
	frame(r, 3, a.draw)
	f.click = ""
	r.Want()
	frame(r, 4, a.draw)
	after := <-r.Done()
	changed := uitree.Changed(tree, after)
	if len(changed) != 1 || changed[0].Text != "clicked 1" {
		t.Fatalf("changed = %+v, want the label only", changed)
	}

	// SelectTab shows the other tab in the next frame drawn.
	r.SelectTab("Second")
	r.Want()
	frame(r, 5, a.draw)
	sel := <-r.Done()
	if tab, _ := sel.Find("Second", uitree.Tab); tab.Value != true || !r.TabSelected() {
		t.Errorf("after SelectTab: %+v, selected %v", tab, r.TabSelected())
	}
	found := false
	for _, it := range sel.Items() {
		found = found || it.Text == "second tab"
	}
	if !found {
		t.Error("the selected tab's body was not drawn")
	}
}

// Checkboxes, selectables and menu items have no ID string of their own:
// one whose label carries "##id" is found by that whole label, so two with
// the same visible label can be told apart.
func TestLabelIDsAreKeys(t *testing.T) {
	r, _ := setup(t)
	var a, b bool
	r.Want()
	frame(r, 1, func() {
		gui.Window("Demo").Layout(
			gui.Checkbox("Step mode##track", &a),
			gui.Checkbox("Step mode##ticket", &b),
			gui.Checkbox("Plain", &a),
		)
	})
	tree := <-r.Done()
	var amb *uitree.AmbiguousError
	if _, err := tree.Find("Step mode"); !errors.As(err, &amb) {
		t.Fatalf("Find(Step mode) = %v, want an ambiguity", err)
	}
	it, err := tree.Find("Step mode##ticket")
	if err != nil || it.Key != "Step mode##ticket" || it.Label != "Step mode" {
		t.Fatalf("Find(Step mode##ticket) = %+v, %v", it, err)
	}
	if p, _ := tree.Find("Plain"); p.Key != "" {
		t.Errorf("a label without ##: key %q, want none", p.Key)
	}
}

// A pending action is done by the item it names in the next frame drawn,
// through the view's own callbacks, and only there.
func TestPendingActions(t *testing.T) {
	r, _, p := setupProbe(t)
	a := &app{name: "ann"}
	r.Want()
	frame(r, 1, a.draw)
	tree := <-r.Done()
	find := func(q string, kinds ...uitree.Kind) uitree.Item {
		t.Helper()
		it, err := tree.Find(q, kinds...)
		if err != nil {
			t.Fatal(err)
		}
		return it
	}
	add, box, name := find("Add"), find("Enabled"), find("##name")
	_, err := tree.Find("Same", uitree.Button)
	var amb *uitree.AmbiguousError
	if !errors.As(err, &amb) {
		t.Fatalf("Find(Same) = %v, want ambiguous", err)
	}
	same := amb.Candidates[1] // the immediate-mode one

	tests := []struct {
		name   string
		kind   uitree.ActKind
		id     string
		hit    bool
		clicks int
		on     bool
		focus  int
	}{
		{"press a button: its OnClick runs", uitree.Press, add.ID, true, 1, false, 0},
		{"press a checkbox: it toggles", uitree.Press, box.ID, true, 1, true, 0},
		{"press an immediate-mode button", uitree.Press, same.ID, true, 1, true, 0},
		{"focus an input", uitree.Focus, name.ID, true, 1, true, 1},
		{"an ID not drawn", uitree.Press, "0x0000ffff", false, 1, true, 1},
	}
	for i, tc := range tests {
		done := r.Act(tc.kind, tc.id)
		frame(r, uint64(i+2), a.draw)
		if hit := <-done; hit != tc.hit {
			t.Errorf("%s: hit = %v, want %v", tc.name, hit, tc.hit)
		}
		if a.clicks != tc.clicks || a.enabled != tc.on || len(p.focused) != tc.focus {
			t.Errorf("%s: clicks %d enabled %v focused %v", tc.name, a.clicks, a.enabled, p.focused)
		}
	}
	// Done once: the next frame does nothing.
	frame(r, 10, a.draw)
	if a.clicks != 1 || !a.enabled {
		t.Errorf("an action was done twice: clicks %d enabled %v", a.clicks, a.enabled)
	}
}

func TestParseCombo(t *testing.T) {
	for _, tc := range []struct {
		in   string
		keys []int32
		err  string
	}{
		{"ctrl+s", []int32{4096, 564}, ""},
		{"Enter", []int32{525}, ""},
		{"ctrl+shift+z", []int32{4096, 8192, 571}, ""},
		{"f5", []int32{576}, ""},
		{"7", []int32{543}, ""},
		{"ctrl+", nil, `no key ""`},
		{"foo+s", nil, `"foo" is not a modifier`},
		{"f13", nil, `no key "f13"`},
	} {
		c, err := uitree.ParseCombo(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseCombo(%q) = %v, want error %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || fmt.Sprint(c.Keys) != fmt.Sprint(tc.keys) {
			t.Errorf("ParseCombo(%q) = %v, %v; want %v", tc.in, c.Keys, err, tc.keys)
		}
	}
}

// A pending Select sets a combo to the item with that text (the combo
// lists what it offers) or a slider to a number kept in its range, and the
// widget reports the change so the view's OnChange runs; a value the
// combo does not offer changes nothing.
func TestSelect(t *testing.T) {
	r, _, _ := setupProbe(t)
	var pick int32
	var temp float32 = 0.5
	changes := 0
	draw := func() {
		gui.Window("Settings").Layout(
			gui.Combo("Provider", "", []string{"anthropic", "gemini", "openai"}, &pick).OnChange(func() { changes++ }),
			gui.SliderFloat(&temp, 0, 2).ID("##temp"),
			gui.Button("Other"),
		)
	}
	r.Want()
	frame(r, 1, draw)
	tree := <-r.Done()
	combo, err := tree.Find("Provider", uitree.Combo)
	if err != nil || strings.Join(combo.Options, ",") != "anthropic,gemini,openai" || combo.Value != "anthropic" {
		t.Fatalf("combo: %+v, %v", combo, err)
	}
	slider, err := tree.Find("##temp", uitree.Slider)
	if err != nil {
		t.Fatal(err)
	}
	for i, tc := range []struct {
		id, value string
		pick      int32
		temp      float32
		changes   int
	}{
		{combo.ID, "openai", 2, 0.5, 1},
		{combo.ID, "nope", 2, 0.5, 1},
		{slider.ID, "1.25", 2, 1.25, 1},
		{slider.ID, "9", 2, 2, 1},
	} {
		done := r.ActValue(uitree.Select, tc.id, tc.value)
		frame(r, uint64(i+2), draw)
		if !<-done || pick != tc.pick || temp != tc.temp || changes != tc.changes {
			t.Errorf("select %s = %s: pick %d temp %v changes %d; want %d %v %d", tc.id, tc.value, pick, temp, changes, tc.pick, tc.temp, tc.changes)
		}
	}
	frame(r, 10, draw)
	if pick != 2 || changes != 1 {
		t.Error("a select was done twice")
	}
}
