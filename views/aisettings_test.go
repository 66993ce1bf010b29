package views_test

import (
	"slices"
	"testing"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/gui/giubackend"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ai"
)

// aiForm drives AI Settings headless: the widget tree says where each
// input is drawn, and clicks and keys go where a user's would.
type aiForm struct {
	t    *testing.T
	hc   *headless.Context
	rec  *uitree.Recorder
	ui   *state.UI
	n    uint64
	draw func()
}

func newAIForm(t *testing.T, ui state.UI) *aiForm {
	// Tall enough that a combo near the window's bottom opens downwards.
	hc := headless.New(t, 1280, 1400)
	rec := giubackend.InstallRecording()
	t.Cleanup(giubackend.Install)
	f := frameWith(ui)
	a := &aiForm{t: t, hc: hc, rec: rec, ui: f.UI}
	a.draw = func() {
		a.n++
		rec.BeginFrame(a.n)
		ai.AISettings(f)
		rec.EndFrame()
	}
	// The MMA section is below the system prompt: scroll the window down
	// with the mouse wheel.
	a.frames(2)
	hc.IO().AddMousePosEvent(700, 700)
	a.frames(1)
	hc.IO().AddMouseWheelEvent(0, -100)
	a.frames(3)
	return a
}

func (a *aiForm) frames(n int) {
	a.t.Helper()
	if err := a.hc.Frames(n, a.draw); err != nil {
		a.t.Fatal(err)
	}
}

// item is the widget whose ID is key, as drawn in the next frame.
func (a *aiForm) item(key string) uitree.Item {
	a.t.Helper()
	a.rec.Want()
	a.frames(1)
	tree := <-a.rec.Done()
	it, err := tree.Find(key)
	if err != nil {
		a.t.Fatal(err)
	}
	return it
}

func (a *aiForm) click(x, y float32) {
	a.t.Helper()
	if err := a.hc.Click(x, y, a.draw); err != nil {
		a.t.Fatal(err)
	}
}

// typeInto clicks the input key (an InputInt selects its text) and types.
func (a *aiForm) typeInto(key, text string) {
	a.t.Helper()
	x, y := a.item(key).Rect.Center()
	a.click(x, y)
	a.hc.IO().AddInputCharactersUTF8(text)
	a.frames(2)
	a.hc.IO().AddKeyEvent(imgui.KeyEnter, true) // leave the input (Escape would revert it)
	a.frames(1)
	a.hc.IO().AddKeyEvent(imgui.KeyEnter, false)
	a.frames(1)
}

// choose opens the combo key and clicks its choice-th line.
func (a *aiForm) choose(key string, choice int) {
	a.t.Helper()
	it := a.item(key)
	x, y := it.Rect.Center()
	a.click(x, y)
	st := imgui.CurrentStyle()
	line := imgui.FontSize() + st.ItemSpacing().Y
	a.click(x, it.Rect.Y1+st.WindowPadding().Y+float32(choice)*line+imgui.FontSize()/2)
}

// The MMA models section of AI Settings: each tier's provider combo and
// model input, the tier-3 escalation list and the worker limit write the
// project's MMA settings; drawing alone writes nothing.
func TestAISettingsMMAModels(t *testing.T) {
	ui := state.Fresh("x")
	ui.AI.MMA = state.MMASettings{}
	a := newAIForm(t, ui)
	s := &a.ui.AI.MMA
	if *s != (state.MMASettings{}) {
		t.Fatalf("drawing AI Settings changed the MMA settings: %+v", *s)
	}
	if got := a.item("##mma-limit").Value; got != int32(2) {
		t.Errorf("the worker limit shows %v, want the default 2", got)
	}
	if got := a.item("##mma-tier1-provider").Value; got != "project's" {
		t.Errorf("an empty tier-1 provider shows %v, want project's", got)
	}

	anthropic := 1 + slices.Index(state.Providers, "anthropic")
	gemini := 1 + slices.Index(state.Providers, "gemini")
	a.choose("##mma-tier1-provider", anthropic)
	a.typeInto("##mma-tier1-model", "claude-opus-4-1")
	a.typeInto("##mma-tier2-model", "claude-sonnet-4")
	a.choose("##mma-tier3-provider", gemini)
	a.typeInto("##mma-tier3-model", "gemini-2.5-flash, gemini-2.5-pro")
	a.typeInto("##mma-tier4-model", "gpt-4o-mini")
	a.typeInto("##mma-limit", "3")
	want := state.MMASettings{
		Tier1: state.TierModel{Provider: "anthropic", Model: "claude-opus-4-1"},
		Tier2: state.TierModel{Model: "claude-sonnet-4"},
		Tier3: "gemini-2.5-flash, gemini-2.5-pro", Tier3Provider: "gemini",
		Tier4: state.TierModel{Model: "gpt-4o-mini"},
		Limit: 3,
	}
	if *s != want {
		t.Fatalf("settings %+v\nwant      %+v", *s, want)
	}
	if got := a.item("##mma-tier1-provider").Value; got != "anthropic" {
		t.Errorf("the tier-1 combo shows %v", got)
	}

	// Back to the project's provider; a limit out of range is clamped.
	a.choose("##mma-tier1-provider", 0)
	a.typeInto("##mma-limit", "99")
	if s.Tier1.Provider != "" || s.Limit != 16 {
		t.Errorf("tier 1 provider %q, limit %d; want the project's and 16", s.Tier1.Provider, s.Limit)
	}
}
