// Package views holds slopgui's render functions: the reloadable code.
//
// Each view is a contract.View, a function of the state it is handed. The
// host links this package statically as generation 0; when the user presses
// Ctrl+Alt+R, hot/ rebuilds this directory as a Go plugin under a fresh
// import path and swaps every target in Targets at once, between frames.
//
// Rules for code here: keep no state of your own (package-level variables
// are reset by every reload; put state in state.UI instead), and import only
// stable packages (contract, state, theme, assets, and gui and gui/imgui to
// draw: giu's and ImGui's API without their code, so a plugin links only the
// views) and other view packages. TestViewsImportOnlyStablePackages checks.
package views

import (
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/views/ai"
	"github.com/slopgui/slopgui/views/discussion"
	"github.com/slopgui/slopgui/views/hotreload"
	"github.com/slopgui/slopgui/views/menu"
	"github.com/slopgui/slopgui/views/mma"
	"github.com/slopgui/slopgui/views/operations"
	"github.com/slopgui/slopgui/views/project"
)

// APIVersion is the contract.APIVersion this code was written against. The
// host refuses a generation whose APIVersion differs from its own.
const APIVersion = 5

// Targets maps each delegation target (contract.Targets names them, in
// drawing order) to its function. The host looks targets up here, in
// generation 0 and in every reloaded generation. Typed, so a view with the
// wrong signature does not compile.
var Targets = map[string]contract.View{
	"MainMenu":        menu.MainMenu,
	"ProjectSettings": project.ProjectSettings,
	"DiscussionHub":   discussion.DiscussionHub,
	"AISettings":      ai.AISettings,
	"Operations":      operations.Operations,
	"MMADashboard":    mma.MMADashboard,
	"HotReloadPanel":  hotreload.HotReloadPanel,
}
