// Package ai draws AI Settings: provider, base URL, model (typed or picked
// from the provider's list), tunings, limits, system prompt, and where the
// API key comes from, with a Test connection button; then the MMA models:
// a provider and model per tier, the tier-3 escalation list and the
// worker limit (mma.go).
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
	// The limits are clamped when edited only: drawing never changes the
	// project (0, from older files, means the default).
	clampLimits := func() {
		ai.CommsLimit = min(max(ai.CommsLimit, 1), 100_000)
		ai.CommandTimeout = min(max(ai.CommandTimeout, 1), 3600)
	}
	clampWindow := func() { ai.ContextWindow = min(max(ai.ContextWindow, 0), 100_000_000) }

	const indent = 100
	g.Window(state.WindowAI).IsOpen(open).Pos(640, f.Top+515).Size(310, 790-f.Top-515).Layout(
		ui.Field("Provider", indent, g.Combo("##provider", preview, state.Providers, &provider).Size(-1).
			OnChange(func() { ai.Provider = state.Providers[provider]; u.Chat.Models = nil })),
		ui.Field("Base URL", indent, g.InputText(&ai.BaseURL).ID("##base-url").Size(-1).Hint(baseHint(f))),
		ui.Field("Model", indent, modelField(f)),
		ui.Row(
			ui.Button("Fetch models", "ai-models", f.Host.FetchModels).Disabled(u.Chat.ConnBusy),
			ui.Button("Test connection", "ai-test", f.Host.TestConnection).Disabled(u.Chat.ConnBusy),
		),
		connStatus(f),
		ui.Field("Temperature", indent, g.SliderFloat(&ai.Temperature, 0, 2).ID("##temperature").Format("%.2f").Size(-1)),
		ui.Field("Max tokens", indent, g.InputInt(&ai.MaxTokens).ID("##max-tokens").Size(-1).StepSize(256).StepSizeFast(4096).OnChange(clamp)),
		ui.Field("Comms kept", indent, g.InputInt(&ai.CommsLimit).ID("##comms-limit").Size(-1).StepSize(50).OnChange(clampLimits)),
		ui.Tooltip("Comms History keeps this many exchanges; the oldest are dropped"),
		ui.Field("Command s", indent, g.InputInt(&ai.CommandTimeout).ID("##command-timeout").Size(-1).StepSize(5).OnChange(clampLimits)),
		ui.Tooltip("run_command is killed after this many seconds"),
		ui.Field("Window", indent, g.InputInt(&ai.ContextWindow).ID("##context-window").Size(-1).StepSize(1024).StepSizeFast(32768).OnChange(clampWindow)),
		ui.Tooltip("The model's context window in tokens, the token budget's 100%; 0: the model's known window"),
		g.Label("System prompt"),
		g.InputTextMultiline(&ai.SystemPrompt).ID("##system-prompt").Size(-1, 160).
			Flags(g.InputTextFlagsWordWrap|g.InputTextFlagsAllowTabInput),
		mmaModels(&ai.MMA, indent),
	)
	clamp()
}

// baseHint says what an empty base URL means.
func baseHint(f *contract.Frame) string {
	if b := f.Host.AIContext().BaseURL; b != "" {
		return b
	}
	return "provider's default"
}

// modelField is the model's name, typed, with a list to pick from once
// the provider's models are fetched.
func modelField(f *contract.Frame) g.Widget {
	ai := &f.UI.AI
	models := f.UI.Chat.Models
	if len(models) == 0 {
		return g.InputText(&ai.Model).ID("##model").Hint("model name").Size(-1)
	}
	sel := int32(slices.Index(models, ai.Model))
	return g.Layout{
		g.InputText(&ai.Model).ID("##model").Hint("model name").Size(-1),
		g.Combo("##model-list", "pick from the provider's list", models, &sel).Size(-1).
			OnChange(func() { ai.Model = models[sel] }),
	}
}

// connStatus shows where the key comes from and the last check's result.
func connStatus(f *contract.Frame) g.Widget {
	c := f.Host.AIContext()
	var out g.Layout
	switch {
	case c.KeyProblem != "":
		out = append(out, ui.WrappedColorText(ui.ErrorColor(), "Key: "+c.KeyProblem))
	case c.KeySource != "":
		out = append(out, ui.WrappedColorText(ui.DimColor(), "Key: "+c.KeySource))
	}
	if s := f.UI.Chat.ConnStatus; s != "" {
		col := ui.OkColor()
		if len(s) >= 6 && s[:6] == "Failed" {
			col = ui.ErrorColor()
		}
		out = append(out, ui.WrappedColorText(col, s))
	}
	return out
}
