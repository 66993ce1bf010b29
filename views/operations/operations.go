package operations

import (
	"fmt"
	"slices"

	g "github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/imgui"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ui"
)

// The Operations tabs, in order; UI.Forms.OpsTab is an index into them.
const (
	tabComms = iota
	tabTools
	tabDiagnostics
)

// Operations shows what happens under the hood: the comms history with
// the provider, the tool calls the model made, and diagnostics
// (frame times, memory, reload statistics).
func Operations(f *contract.Frame) {
	u := f.UI
	open, done := ui.Window(f, state.WindowOps)
	defer done()
	if !*open {
		return
	}
	// tab is one tab; in the frame the window appears it selects the tab
	// saved in OpsTab (clicks choose tabs after that).
	saved := u.Forms.OpsTab
	tab := func(label string, n int32, appearing bool, layout ...g.Widget) *g.TabItemWidget {
		var flags g.TabItemFlags
		if appearing && n == saved {
			flags = g.TabItemFlagsSetSelected
		}
		mark := g.Custom(func() { u.Forms.OpsTab = n })
		return g.TabItem(label).Flags(flags).Layout(append([]g.Widget{mark}, layout...)...)
	}

	g.Window(state.WindowOps).IsOpen(open).Pos(960, f.Top+515).Size(310, 790-f.Top-515).Layout(
		g.Custom(func() {
			appearing := imgui.IsWindowAppearing()
			g.TabBar().ID("##ops-tabs").TabItems(
				tab("Comms History", tabComms, appearing, commsTable(u)),
				tab("Tool Log", tabTools, appearing, toolTable(u)),
				tab("Diagnostics", tabDiagnostics, appearing, diagnostics(f)),
			).Build()
		}),
	)
}

// logTable is a scrolling table of time, then cols, newest at the bottom.
func logTable(id string, cols []string, rows [][]string) g.Widget {
	columns := []*g.TableColumnWidget{g.TableColumn("Time").Flags(g.TableColumnFlagsWidthFixed)}
	for _, c := range cols[:len(cols)-1] {
		columns = append(columns, g.TableColumn(c).Flags(g.TableColumnFlagsWidthFixed))
	}
	columns = append(columns, g.TableColumn(cols[len(cols)-1]).Flags(g.TableColumnFlagsWidthStretch))
	trs := make([]*g.TableRowWidget, 0, len(rows))
	for _, r := range rows {
		cells := make([]g.Widget, 0, len(r))
		for j, c := range r {
			if j == len(r)-1 {
				cells = append(cells, g.Label(c).Wrapped(true))
			} else {
				cells = append(cells, g.Label(c))
			}
		}
		trs = append(trs, g.TableRow(cells...))
	}
	return g.Table().ID(g.ID(id)).
		Flags(g.TableFlagsBorders|g.TableFlagsRowBg|g.TableFlagsResizable|g.TableFlagsScrollY|g.TableFlagsSizingFixedFit).
		Freeze(0, 1).Columns(columns...).Rows(trs...)
}

func commsTable(u *state.UI) g.Widget {
	if len(u.Comms) == 0 {
		return ui.WrappedColorText(ui.DimColor(), "No requests yet: comms appear here once the AI provider is wired in.")
	}
	rows := make([][]string, len(u.Comms))
	for i, c := range u.Comms {
		rows[i] = []string{c.Time.Format("15:04:05"), c.Direction, c.Kind, c.Text}
	}
	return logTable("##comms", []string{"Direction", "Kind", "Text"}, rows)
}

func toolTable(u *state.UI) g.Widget {
	if len(u.ToolLog) == 0 {
		return ui.WrappedColorText(ui.DimColor(), "No tool calls yet: tool calls appear here once the AI provider is wired in.")
	}
	rows := make([][]string, len(u.ToolLog))
	for i, c := range u.ToolLog {
		rows[i] = []string{c.Time.Format("15:04:05"), c.Tool, c.Args, c.Result}
	}
	return logTable("##tools", []string{"Tool", "Args", "Result"}, rows)
}

// diagnostics shows frame rate, a plot of recent frame times, memory and
// reload statistics.
func diagnostics(f *contract.Frame) g.Widget {
	d, r := f.Diag, f.Reload
	var plot g.Widget = ui.ColorText(ui.DimColor(), "No frame times yet.")
	if len(d.FrameMs) > 0 {
		top := slices.Max(d.FrameMs)
		top = max(top*1.2, 20)
		plot = g.Plot("##frame-times").Size(-1, 110).
			Flags(g.PlotFlagsNoLegend|g.PlotFlagsNoMenus|g.PlotFlagsNoBoxSelect).
			XAxeFlags(g.PlotAxisFlagsNoTickLabels).
			AxisLimits(0, float64(max(len(d.FrameMs)-1, 1)), 0, top, g.ConditionAlways).
			Plots(g.Line("frame ms", d.FrameMs))
	}
	last := 0.0
	if n := len(d.FrameMs); n > 0 {
		last = d.FrameMs[n-1]
	}
	return g.Layout{
		g.Labelf("%.0f FPS, last frame %.1f ms", d.FPS, last),
		plot,
		g.Labelf("Heap %.1f MB, RSS %.1f MB", d.HeapMB, d.RSSMB),
		g.Labelf("Goroutines %d", d.Goroutines),
		g.Separator(),
		g.Labelf("Views generation %d", r.Generation),
		g.Labelf("Reloads %d: %d OK, %d failed", r.Reloads, r.Successes, r.Failures),
		g.Label(fmt.Sprintf("View panics %d", r.ViewPanics)),
	}
}
