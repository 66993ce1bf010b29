package app

import (
	"fmt"
	"image/color"
	"path/filepath"
	"strings"
	"time"

	"github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/gui/giubackend"
	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/theme"
)

// ToolbarHeight is the height of the host's toolbar at the top.
const ToolbarHeight = 40

// drawToolbar draws the Hot Reload button and the status line.
func (a *App) drawToolbar(st hot.Status) {
	vp := imgui.MainViewport()
	size := vp.Size()
	g.Window("##toolbar").
		Flags(g.WindowFlagsNoTitleBar|g.WindowFlagsNoResize|g.WindowFlagsNoMove|
			g.WindowFlagsNoCollapse|g.WindowFlagsNoSavedSettings|g.WindowFlagsNoScrollbar|
			g.WindowFlagsNoBringToFrontOnFocus).
		Pos(0, menuBarHeight()).Size(size.X, ToolbarHeight).
		Layout(giubackend.Within(a.rec, "Toolbar", g.Row(
			giubackend.ButtonW(a.rec, "Hot Reload", a.ReloadAll),
			g.Tooltip("Rebuild the views from source and swap them in (Ctrl+Alt+R)"),
			g.Style().SetColor(g.StyleColorText, statusColor(st, a.rs != nil, a.viewFault(st.Generation) != "")).To(giubackend.LabelW(a.rec, a.statusLine(st))),
		)))
}

// statusColor is the status line's colour: the theme's meaning colours
// for an error, a warning and all well; a reload under way in yellow.
func statusColor(st hot.Status, restartable, viewFault bool) color.RGBA {
	switch {
	case st.Busy:
		return color.RGBA{R: 255, G: 210, B: 80, A: 255}
	case st.IsError || viewFault:
		return theme.Error()
	case st.Ahead.Error != "" && !(restartable && st.Ahead.Reason == hot.ReasonStableChanged):
		// The saved views do not build: a warning, not the error state
		// (nothing was swapped; the running code is fine).
		return theme.Warn()
	default:
		return theme.OK()
	}
}

var spinner = []string{"|", "/", "-", "\\"}

// statusLine is the one-line reload status: generation, last result and
// timings, or the progress of a reload under way.
func (a *App) statusLine(st hot.Status) string {
	var b strings.Builder
	if st.Busy {
		el := a.now().Sub(st.Since)
		fmt.Fprintf(&b, "%s Reloading: %s (%.1f s)", spinner[int(el/(150*time.Millisecond))%len(spinner)], st.Phase, el.Seconds())
		fmt.Fprintf(&b, "  |  running generation %d", st.Generation)
		b.WriteString(a.saveState())
		b.WriteString(a.restartLine())
		return b.String()
	}
	fmt.Fprintf(&b, "Generation %d", st.Generation)
	fault := a.viewFault(st.Generation)
	switch {
	case st.IsError:
		fmt.Fprintf(&b, "  |  last reload FAILED (%s)", st.Reason)
	case fault != "":
		fmt.Fprintf(&b, "  |  VIEW FAILED: %s (see its panel)", fault)
	case st.Stats.Reloads > 0:
		b.WriteString("  |  last reload OK")
	default:
		b.WriteString("  |  built in")
	}
	if n := len(st.History); n > 0 {
		h := st.History[n-1]
		fmt.Fprintf(&b, "  |  build %d ms, load %d ms, swap %.2f ms", h.Build.Milliseconds(), h.Load.Milliseconds(), float64(h.Swap.Microseconds())/1000)
	}
	fmt.Fprintf(&b, "  |  %d reloads, %d failed", st.Stats.Reloads, st.Stats.Failures)
	if s := aheadText(st, a.rs != nil); s != "" {
		b.WriteString("  |  " + s)
	}
	b.WriteString(a.saveState())
	b.WriteString(a.restartLine())
	b.WriteString(a.prefsState())
	return b.String()
}

// aheadText says what the build of the saved views is doing: it informs
// only; nothing is swapped before Ctrl+Alt+R. With hot restart available
// (restartable), a changed stable package is no error: the key restarts.
func aheadText(st hot.Status, restartable bool) string {
	switch {
	case restartable && st.Ahead.Reason == hot.ReasonStableChanged:
		return "stable code changed: Ctrl+Alt+R restarts, keeping your state"
	case st.Ahead.Building:
		return "building views…"
	case st.Ahead.Error != "" && !(restartable && st.Ahead.Reason == hot.ReasonStableChanged):
		return "build error: " + hot.FirstProblem(st.Ahead.Error)
	case st.Ahead.Ready:
		return "views ready — Ctrl+Alt+R"
	case st.SourcesChanged:
		return "views edited: Ctrl+Alt+R"
	}
	return ""
}

// drawErrorPanel shows the last reload error in one line at the bottom,
// which leaves the views (running the last good code) in sight; the full
// message, copyable, opens in a window of its own on request (remembered).
func (a *App) drawErrorPanel(st hot.Status) {
	if !st.IsError {
		a.shownErr = ""
		return
	}
	w := g.Window("Reload error##bar").Pos(10, 742).Size(1260, 54)
	if st.Error != a.shownErr {
		a.shownErr, a.errBuf = st.Error, st.Error
		w.BringToFront()
	}
	details := map[bool]string{false: "Show details", true: "Hide details"}[a.ReloadErrorDetails]
	w.Flags(g.WindowFlagsNoTitleBar | g.WindowFlagsNoScrollbar).Layout(giubackend.Within(a.rec, "Reload error", g.Row(
		giubackend.ButtonW(a.rec, "Copy error", func() { imgui.SetClipboardText(st.Error) }),
		giubackend.ButtonW(a.rec, "Retry", a.ReloadAll),
		giubackend.ButtonW(a.rec, details+"##reload-error-details", func() { a.ReloadErrorDetails = !a.ReloadErrorDetails }),
		giubackend.LabelW(a.rec, fmt.Sprintf("Reload FAILED (%s): %s  (generation %d still running)", st.Reason, hot.FirstProblem(st.Error), st.Generation)),
	)))
	if a.ReloadErrorDetails {
		g.Window("Reload error details").IsOpen(&a.ReloadErrorDetails).Pos(10, 500).Size(1260, 236).Layout(
			g.InputTextMultiline(&a.errBuf).ID("##reload-error-text").Size(-1, -1).Flags(g.InputTextFlagsReadOnly))
	}
}

// drawTint covers the whole window in the theme's error tint, above
// everything else, while the last reload has failed.
func (a *App) drawTint(st hot.Status) {
	if !st.IsError {
		return
	}
	vp := imgui.MainViewport()
	pos, size := vp.Pos(), vp.Size()
	c := a.ActiveTheme().ErrorTint
	col := uint32(c.A)<<24 | uint32(c.B)<<16 | uint32(c.G)<<8 | uint32(c.R)
	imgui.ForegroundDrawListViewportPtr().AddRectFilled(pos, imgui.Vec2{X: pos.X + size.X, Y: pos.Y + size.Y}, col)
}

// saveState is the project file's state for the status line.
func (a *App) saveState() string {
	if a.files == nil {
		return ""
	}
	p := a.ProjectInfo()
	switch {
	case p.Opening != "":
		return "  |  opening " + p.Opening + "…"
	case p.SavingAs != "":
		return "  |  saving to " + filepath.Base(p.SavingAs) + "…"
	case a.files.writes.Load() > 0:
		return "  |  saving…"
	case p.SaveError != "":
		return "  |  SAVE FAILED: " + firstLines(p.SaveError, 1)
	case a.files.heldBy != 0:
		return fmt.Sprintf("  |  also open in slopgui process %d", a.files.heldBy)
	case p.Dirty:
		return "  |  unsaved changes"
	case !p.SavedAt.IsZero():
		return "  |  saved " + p.SavedAt.Format("15:04:05")
	}
	return ""
}
