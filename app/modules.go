package app

import (
	"slices"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/rulesmod"
	"github.com/slopgui/slopgui/views"
)

// viewsModule is the hot module of the views package.
const viewsModule = "views"

// StateKeys is the state keys inventory: every App field a user would miss
// after a reload. They are captured before each swap and restored when the
// new code fails in its first frame. Keep it in step with state.UI; the
// test TestStateKeysCoverUI fails when a UI field is missing here.
var StateKeys = []string{
	"Project",             // name, root, file patterns
	"Discussions",         // every discussion and its entries
	"ActiveDiscussion",    // which discussion is shown
	"ComposerRole",        // role selected in the composer
	"ComposerText",        // text being composed
	"AI",                  // provider, model, tunings, system prompt
	"StepMode",            // MMA step mode
	"Comms",               // comms history
	"ToolLog",             // tool calls
	"Chat",                // the request under way, its error, the approval asked for
	"Forms",               // half-typed inputs in every view
	"Dialogs",             // which dialogs are open
	"DiscussionSplit",     // history / composer split position
	"Tracks",              // MMA tracks and tickets
	"ActiveTrack",         // which track is shown
	"ShowWindows",         // which windows are open
	"Theme",               // theme name
	"ApproveAgentReloads", // agent reloads wait for approval
	"ReloadErrorDetails",  // the reload error's full message is shown
	"Prices",              // the user's model prices (config.toml)
}

// ViewPackages are the packages of the views module, root first. Each is
// compiled on its own: a reload recompiles only the packages whose sources
// (or whose hot imports) changed. A new package under views/ goes here;
// TestViewPackagesListed fails when one is missing.
var ViewPackages = []string{"views", "views/ui", "views/menu", "views/project",
	"views/discussion", "views/ai", "views/operations", "views/mma", "views/hotreload"}

// viewTargets are the views' delegation targets, in drawing order: the one
// list, contract.Targets. App.delegate calls each.
var viewTargets = contract.Targets

// ViewsModule describes the views package as a hot module.
func ViewsModule() hot.Module {
	m := hot.Module{Name: viewsModule, SourceDirs: ViewPackages, StateKeys: StateKeys, Linked: views.Sources}
	for _, t := range viewTargets {
		m.DelegationTargets = append(m.DelegationTargets, hot.TargetOf[contract.View](t))
	}
	return m
}

// hotModules are the app's hot modules: the views, and the MMA engine's
// rules (internal/rulesmod), which a.rules points the engine at.
func hotModules() []hot.Module { return []hot.Module{ViewsModule(), rulesmod.Module()} }

// hotDirs are the hot modules' sources: an edit there reloads, anywhere
// else it is a stable edit (a restart).
func hotDirs() []string { return append(slices.Clone(ViewPackages), rulesmod.SourceDirs...) }

// staticViews is generation 0: the views and rules linked into this binary.
func staticViews() map[string]hot.Symbols {
	return map[string]hot.Symbols{viewsModule: {APIVersion: views.APIVersion, Targets: hot.AnyTargets(views.Targets)},
		rulesmod.Name: rulesmod.Static()}
}
