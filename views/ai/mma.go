package ai

import (
	"slices"

	g "github.com/slopgui/slopgui/gui"

	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ui"
)

// projects is the provider combo's first choice: the tier uses the
// project's provider (TierModel.Provider "").
const projects = "project's"

// defaultLimit is the engine's worker limit when the setting is 0
// (mma.DefaultLimit; views do not import the engine).
const defaultLimit = 2

// maxLimit bounds the worker limit AI Settings accepts.
const maxLimit = 16

// mmaModels is the "MMA models" section: a provider and a model for tiers
// 1, 2 and 4, the tier-3 provider and escalation list, and how many
// workers run at once. Empty means the project's provider and model.
// Drawing writes nothing; only an edit does.
func mmaModels(s *state.MMASettings, indent float32) g.Widget {
	limit := s.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	return g.Layout{
		g.Separator(),
		g.Label("MMA models"),
		ui.Tooltip("The multi-model engine's tiers; an empty provider or model is the project's (above)"),
		tierField("Tier 1 plan", "mma-tier1", &s.Tier1.Provider, &s.Tier1.Model, "project's model", indent),
		tierField("Tier 2 split", "mma-tier2", &s.Tier2.Provider, &s.Tier2.Model, "project's model", indent),
		tierField("Tier 3 work", "mma-tier3", &s.Tier3Provider, &s.Tier3, "small, larger, largest", indent),
		ui.Tooltip("The workers' escalation list, comma separated: a ticket blocked twice moves to the next model"),
		tierField("Tier 4 QA", "mma-tier4", &s.Tier4.Provider, &s.Tier4.Model, "project's model", indent),
		ui.Field("Workers", indent, g.InputInt(&limit).ID("##mma-limit").Size(-1).StepSize(1).
			OnChange(func() { s.Limit = min(max(limit, 1), maxLimit) })),
		ui.Tooltip("How many tickets are worked on at once"),
	}
}

// tierField is a tier's provider combo ("project's" for none) and its
// model (or model list) input, on one line after label.
func tierField(label, id string, provider, model *string, hint string, indent float32) g.Widget {
	items := append([]string{projects}, state.Providers...)
	sel := int32(0)
	if i := slices.Index(state.Providers, *provider); i >= 0 {
		sel = int32(i + 1)
	}
	preview := items[sel]
	if sel == 0 && *provider != "" {
		preview = *provider // a name AI Settings does not offer, kept as it is
	}
	return ui.Field(label, indent, ui.Row(
		g.Combo("##"+id+"-provider", preview, items, &sel).ID(g.ID("##"+id+"-provider")).Size(80).OnChange(func() {
			*provider = ""
			if sel > 0 {
				*provider = state.Providers[sel-1]
			}
		}),
		g.InputText(model).ID(g.ID("##"+id+"-model")).Hint(hint).Size(-1),
	))
}
