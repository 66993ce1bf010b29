package hotreload

import (
	"fmt"
	"sort"
	"strings"
	"time"

	g "github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/imgui"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ui"
)

// HotReloadPanel shows the reloader: the running generation, a reload
// under way, the last error, a Reload button and every reload so far,
// newest first.
func HotReloadPanel(f *contract.Frame) {
	open, done := ui.Window(f, state.WindowHotReload)
	defer done()
	if !*open {
		return
	}
	r := f.Reload

	var status g.Widget
	switch {
	case r.Busy:
		status = ui.ColorText(ui.WarnColor(), fmt.Sprintf("Reloading: %s (%.1f s)", r.Phase, r.Elapsed.Seconds()))
	case r.Error != "":
		status = ui.ColorText(ui.ErrorColor(), "Last reload failed: the previous code is still running")
	default:
		status = ui.ColorText(ui.OkColor(), "Up to date")
	}

	var lastErr g.Widget = g.Custom(func() {})
	if r.Error != "" {
		reason := r.Reason
		if reason == "" {
			reason = "error"
		}
		lastErr = g.Layout{
			ui.ColorText(ui.ErrorColor(), "Last error ("+reason+"):"),
			g.Child().ID("##last-error").Border(true).Size(-1, imgui.TextLineHeightWithSpacing()*6+8).Layout(
				ui.WrappedColorText(ui.ErrorColor(), ui.FirstLines(r.Error, 6)),
			),
		}
	}

	loaded := map[int]bool{}
	for _, n := range r.Loaded {
		loaded[n] = true
	}
	// Reloads and agents' actions, newest first.
	type row struct {
		when time.Time
		w    *g.TableRowWidget
	}
	all := make([]row, 0, len(r.History)+len(r.Actions))
	for _, a := range r.Actions {
		result := ui.ColorText(ui.WarnColor(), "agent")
		switch {
		case a.Result != "ok" && strings.HasPrefix(a.Action, "ask "): // dismissed, timed out, withdrawn
			result = ui.ColorText(ui.WarnColor(), "agent: unanswered")
		case a.Result != "ok":
			result = ui.ColorText(ui.ErrorColor(), "agent: refused")
		}
		all = append(all, row{a.When, g.TableRow(g.Label(""), g.Label(a.When.Format("15:04:05")), g.Label(""), result,
			g.Label(""), g.Label(""), g.Label(""),
			g.Label(fmt.Sprintf("%s (pid %d): %s: %s", a.Client, a.PID, a.Action, a.Result)).Wrapped(true))})
	}
	for i := len(r.History) - 1; i >= 0; i-- {
		h := r.History[i]
		var action g.Widget = g.Label("")
		if h.OK && loaded[h.Generation] && h.Generation != r.Generation {
			gen := h.Generation
			action = g.Button(fmt.Sprintf("Roll back##rb%d", i)).OnClick(func() {
				if err := f.Host.Rollback(gen); err != nil {
					f.UI.Forms.RollbackError = err.Error()
				}
			})
		}
		result := ui.ColorText(ui.OkColor(), "OK")
		if h.Rollback {
			result = ui.ColorText(ui.OkColor(), "rollback")
		}
		if !h.OK {
			why := h.Reason
			if why == "" {
				why = "failed"
			}
			result = ui.ColorText(ui.ErrorColor(), why)
		}
		all = append(all, row{h.When, g.TableRow(
			action,
			g.Label(h.When.Format("15:04:05")),
			g.Labelf("%d", h.Generation),
			result,
			g.Label(ms(h.Build)),
			g.Label(ms(h.Load)),
			g.Labelf("%.2f", float64(h.Swap.Microseconds())/1000),
			g.Label(ui.FirstLines(h.Error, 2)).Wrapped(true),
		)})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].when.After(all[j].when) })
	rows := make([]*g.TableRowWidget, len(all))
	for i, r := range all {
		rows[i] = r.w
	}
	var history g.Widget = ui.ColorText(ui.DimColor(), "No reloads yet: press Reload views or Ctrl+Alt+R.")
	if len(rows) > 0 {
		fixed := func(name string) *g.TableColumnWidget {
			return g.TableColumn(name).Flags(g.TableColumnFlagsWidthFixed)
		}
		history = g.Table().ID("##reload-history").
			Flags(g.TableFlagsBorders|g.TableFlagsRowBg|g.TableFlagsResizable|g.TableFlagsScrollY|g.TableFlagsSizingFixedFit).
			Freeze(0, 1).
			Columns(fixed(""), fixed("Time"), fixed("Gen"), fixed("Result"), fixed("Build ms"), fixed("Load ms"), fixed("Swap ms"),
				g.TableColumn("Error").Flags(g.TableColumnFlagsWidthStretch)).
			Rows(rows...)
	}

	g.Window(state.WindowHotReload).IsOpen(open).Pos(330, f.Top+100).Size(620, 420).Layout(
		ui.Row(
			ui.Button("Reload views", "reload", f.Host.ReloadAll),
			ui.Tooltip("Rebuild the views from source and swap them in (Ctrl+Alt+R)"),
			g.Labelf("Generation %d", r.Generation),
			status,
		),
		g.Labelf("%d reloads: %d OK, %d failed; %d view panics", r.Reloads, r.Successes, r.Failures, r.ViewPanics),
		ui.Row(
			g.Checkbox("Ask me before an agent reloads", &f.UI.ApproveAgentReloads),
			ui.Tooltip("Reloads and rollbacks asked by slopgui ctl or slopgui mcp (a coding agent) wait for your Approve / Deny in a dialog showing the diff. Ctrl+Alt+R and this panel never ask."),
		),
		rollbackErr(f),
		lastErr,
		g.Separator(),
		g.Label("History (newest first)"),
		history,
	)
}

// rollbackErr shows why the last Roll back click failed, with a dismiss
// button.
func rollbackErr(f *contract.Frame) g.Widget {
	if f.UI.Forms.RollbackError == "" {
		return g.Custom(func() {})
	}
	return ui.Row(
		ui.ColorText(ui.ErrorColor(), "Roll back failed: "+f.UI.Forms.RollbackError),
		g.SmallButton("OK##rollback-error").OnClick(func() { f.UI.Forms.RollbackError = "" }),
	)
}

// ms formats a duration in whole milliseconds.
func ms(d time.Duration) string { return fmt.Sprintf("%d", d.Milliseconds()) }
