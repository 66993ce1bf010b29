package operations

import (
	"fmt"
	"slices"
	"strings"

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

// logTable is a scrolling table of time, then cols, newest at the bottom;
// each row has a button that calls open with its index.
func logTable(id string, cols []string, rows [][]string, open func(i int)) g.Widget {
	columns := []*g.TableColumnWidget{g.TableColumn("").Flags(g.TableColumnFlagsWidthFixed),
		g.TableColumn("Time").Flags(g.TableColumnFlagsWidthFixed)}
	for _, c := range cols[:len(cols)-1] {
		columns = append(columns, g.TableColumn(c).Flags(g.TableColumnFlagsWidthFixed))
	}
	columns = append(columns, g.TableColumn(cols[len(cols)-1]).Flags(g.TableColumnFlagsWidthStretch))
	trs := make([]*g.TableRowWidget, 0, len(rows))
	for i, r := range rows {
		cells := make([]g.Widget, 0, len(r)+1)
		cells = append(cells, ui.Button("View", fmt.Sprintf("%s-view-%d", id, i), func() { open(i) }))
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
		return ui.WrappedColorText(ui.DimColor(), "No requests yet: every request to the model and its response appear here.")
	}
	rows := make([][]string, len(u.Comms))
	for i, c := range u.Comms {
		status := c.Status
		if status == "" {
			status = c.Direction + " " + c.Kind
		}
		model := c.Model
		if c.Provider != "" {
			model = c.Provider + " " + c.Model
		}
		rows[i] = []string{c.Time.Format("15:04:05"), fmt.Sprintf("%d/%d", c.TokensIn, c.TokensOut) + cacheTokens(c, "cache %d read, %d written"),
			fmt.Sprintf("%d ms", c.LatencyMs), status, model}
	}
	last := u.Comms[len(u.Comms)-1]
	return g.Layout{
		ui.WrappedColorText(ui.DimColor(), fmt.Sprintf("Last: %s %s %s, %d in / %d out tokens%s, %d ms, %s",
			last.Time.Format("15:04:05"), last.Provider, last.Model, last.TokensIn, last.TokensOut,
			cacheTokens(last, "cache read %d / write %d tokens"), last.LatencyMs, last.Status)),
		ui.Row(
			g.Labelf("%d of at most %d kept", len(u.Comms), u.AI.Comms()),
			ui.Button("Show last", "comms-last", func() { u.Forms.CommsShown = int32(len(u.Comms)) }),
			ui.Button("Clear", "comms-clear", func() { u.Comms = nil; u.Forms.CommsShown = 0 }),
		),
		payload(u),
		logTable("##comms", []string{"In/Out", "Latency", "Status", "Model"}, rows,
			func(i int) { u.Forms.CommsShown = int32(i + 1) }),
	}
}

// cacheTokens is ", " and the prompt-cache tokens c reports, as format
// (read, written), or "" when the provider reported none.
func cacheTokens(c state.CommsEntry, format string) string {
	if c.CacheRead == 0 && c.CacheWrite == 0 {
		return ""
	}
	return ", " + fmt.Sprintf(format, c.CacheRead, c.CacheWrite)
}

// payload shows the chosen comms entry's request and response (JSON; the
// key never reaches them).
func payload(u *state.UI) g.Widget {
	i := int(u.Forms.CommsShown) - 1
	if i < 0 || i >= len(u.Comms) {
		return g.Layout{}
	}
	c := u.Comms[i]
	req, resp := c.Request, c.Response
	return g.Layout{
		ui.Row(g.Labelf("Exchange %d, %s: request", i+1, c.Time.Format("15:04:05")),
			ui.Button("Hide", "comms-hide", func() { u.Forms.CommsShown = 0 })),
		g.InputTextMultiline(&req).ID("##comms-request").Size(-1, 120).Flags(g.InputTextFlagsReadOnly),
		g.Label("Response"),
		g.InputTextMultiline(&resp).ID("##comms-response").Size(-1, 90).Flags(g.InputTextFlagsReadOnly),
	}
}

func toolTable(u *state.UI) g.Widget {
	if len(u.ToolLog) == 0 {
		return ui.WrappedColorText(ui.DimColor(), "No tool calls yet: every tool call the model asks for, your decision and its result appear here.")
	}
	rows := make([][]string, len(u.ToolLog))
	for i, c := range u.ToolLog {
		rows[i] = []string{c.Time.Format("15:04:05"), c.Tool, c.Decision, fmt.Sprintf("%d ms", c.DurationMs),
			c.Args + " → " + firstLine(c.Result, 80)}
	}
	var shown g.Widget = g.Layout{}
	if i := int(u.Forms.ToolShown) - 1; i >= 0 && i < len(u.ToolLog) {
		res := u.ToolLog[i].Result
		shown = g.Layout{
			ui.Row(g.Labelf("Call %d: %s, result", i+1, u.ToolLog[i].Tool),
				ui.Button("Hide", "tool-hide", func() { u.Forms.ToolShown = 0 })),
			g.InputTextMultiline(&res).ID("##tool-result").Size(-1, 140).Flags(g.InputTextFlagsReadOnly),
		}
	}
	return g.Layout{shown,
		logTable("##tools", []string{"Tool", "Decision", "Took", "Args → result"}, rows,
			func(i int) { u.Forms.ToolShown = int32(i + 1) })}
}

// firstLine is the start of s's first line, at most n runes.
func firstLine(s string, n int) string {
	line, more, _ := strings.Cut(s, "\n")
	if r := []rune(line); len(r) > n {
		return string(r[:n]) + "…"
	}
	if more != "" {
		return line + " …"
	}
	return line
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
