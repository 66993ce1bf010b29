package ai

import (
	"slices"

	g "github.com/slopgui/slopgui/gui"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ui"
)

// The range AI Settings accepts for the maximum number of tokens.
const (
	minTokens = 1
	maxTokens = 1_000_000
)

// AISettings edits the provider, model and tunings in UI.AI.
func AISettings(f *contract.Frame) {
	u := f.UI
	open, done := ui.Window(f, state.WindowAI)
	defer done()
	if !*open {
		return
	}
	ai := &u.AI
	provider := int32(slices.Index(state.Providers, ai.Provider))
	preview := ai.Provider
	if preview == "" {
		preview = "(choose)"
	}
	clamp := func() { ai.MaxTokens = min(max(ai.MaxTokens, minTokens), maxTokens) }

	const indent = 100
	g.Window(state.WindowAI).IsOpen(open).Pos(640, f.Top+515).Size(310, 790-f.Top-515).Layout(
		ui.Field("Provider", indent, g.Combo("##provider", preview, state.Providers, &provider).Size(-1).
			OnChange(func() { ai.Provider = state.Providers[provider] })),
		ui.Field("Model", indent, g.InputText(&ai.Model).ID("##model").Hint("model name").Size(-1)),
		ui.Field("Temperature", indent, g.SliderFloat(&ai.Temperature, 0, 2).ID("##temperature").Format("%.2f").Size(-1)),
		ui.Field("Max tokens", indent, g.InputInt(&ai.MaxTokens).ID("##max-tokens").Size(-1).StepSize(256).StepSizeFast(4096).OnChange(clamp)),
		g.Label("System prompt"),
		g.InputTextMultiline(&ai.SystemPrompt).ID("##system-prompt").Size(-1, -1).
			Flags(g.InputTextFlagsWordWrap|g.InputTextFlagsAllowTabInput),
	)
	clamp()
}
