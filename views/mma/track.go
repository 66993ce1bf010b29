package mma

import (
	"fmt"
	"strings"

	g "github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/imgui"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ui"
)

// trackControls is an engine track's line of controls: Make tickets (tier
// 2), Run (the auto-queue), Pause / Unpause, its step mode and the
// workers running.
func trackControls(f *contract.Frame, v *contract.MMAView, tr *state.Track) []g.Widget {
	u, eng, id := f.UI, f.MMA, tr.ID
	busy := v.Tickets[id].Busy
	step := tr.StepMode
	var ws []g.Widget
	ws = append(ws,
		ui.ColorText(ui.OkColor(), tr.Name),
		ui.Tooltip(trackTip(*tr)+"\n"+tr.Brief),
		ui.Button("Make tickets", "make-tickets-"+id, func() {
			report(u, eng.MakeTickets(id), "")
		}).Disabled(busy),
		ui.Tooltip("Ask the tier-2 model to split this track into tickets (shown for you to accept)"),
	)
	switch {
	case !tr.Running:
		ws = append(ws, ui.Button("Run", "run-"+id, func() { report(u, eng.Run(id), tr.Name+" runs") }).Disabled(len(tr.Tickets) == 0),
			ui.Tooltip("Start workers on the ready tickets, at most the worker limit at once"))
	case tr.Paused:
		ws = append(ws, ui.Button("Unpause", "unpause-"+id, func() { report(u, eng.MMAResume(id), tr.Name+" goes on") }),
			ui.Tooltip("Let the paused track start workers and turns again"))
	default:
		ws = append(ws, ui.Button("Pause", "pause-"+id, func() { report(u, eng.MMAPause(id), tr.Name+" paused") }),
			ui.Tooltip("No new workers or model turns in this track; running requests finish"))
	}
	ws = append(ws,
		g.Checkbox("Step##step-"+id, &step).OnChange(func() { report(u, eng.MMAStep(id, step), "") }),
		ui.Tooltip("Step mode: every spawn, model turn and tool call of this track waits for your approval"),
		ui.ColorText(ui.DimColor(), fmt.Sprintf("%d/%d workers", v.Workers, v.Limit)),
	)
	return []g.Widget{ui.Row(ws...)}
}

// proposedTickets is tier 2's answer for a track: busy (with its text as
// it streams), failed (Retry), or the tickets for Accept / Reject.
func proposedTickets(f *contract.Frame, tr *state.Track, tk contract.MMATickets) []g.Widget {
	u, eng, id := f.UI, f.MMA, tr.ID
	switch {
	case tk.Busy:
		return []g.Widget{
			ui.ColorText(ui.WarnColor(), "making tickets… (tier 2 is splitting the track)"),
			streamBox("##tier2-stream-"+id, tk.Stream, -1),
		}
	case tk.Err != "":
		return []g.Widget{
			ui.WrappedColorText(ui.ErrorColor(), tk.Err),
			ui.Row(
				ui.Button("Retry", "tickets-retry-"+id, func() { report(u, eng.MakeTickets(id), "") }),
				ui.Button("Dismiss", "tickets-dismiss-"+id, func() { eng.RejectTickets(id) }),
			),
		}
	}
	return []g.Widget{
		ui.Row(
			g.Labelf("%d tickets proposed:", len(tk.Proposed)),
			ui.Button("Accept tickets", "tickets-accept-"+id, func() {
				report(u, eng.AcceptTickets(id), fmt.Sprintf("%d tickets in %s", len(tk.Proposed), tr.Name))
			}),
			ui.Tooltip("Put these tickets in the track (replacing its tickets); nothing runs until Run"),
			ui.Button("Reject", "tickets-reject-"+id, func() { eng.RejectTickets(id) }),
		),
		g.Custom(func() {
			flags := imgui.TableFlagsBordersInnerH | imgui.TableFlagsRowBg | imgui.TableFlagsScrollY |
				imgui.TableFlagsSizingFixedFit | imgui.TableFlagsNoSavedSettings
			if !imgui.BeginTableV("##proposed-tickets", 5, flags, imgui.Vec2{Y: max(imgui.ContentRegionAvail().Y, imgui.FrameHeightWithSpacing()*3)}, 0) {
				return
			}
			defer imgui.EndTable()
			imgui.TableSetupColumnV("ID", imgui.TableColumnFlagsWidthFixed, 0, 0)
			imgui.TableSetupColumnV("Title", imgui.TableColumnFlagsWidthStretch, 2, 0)
			imgui.TableSetupColumnV("Description", imgui.TableColumnFlagsWidthStretch, 3, 0)
			imgui.TableSetupColumnV("Targets", imgui.TableColumnFlagsWidthStretch, 1, 0)
			imgui.TableSetupColumnV("Needs", imgui.TableColumnFlagsWidthFixed, 0, 0)
			imgui.TableSetupScrollFreeze(0, 1)
			imgui.TableHeadersRow()
			for _, p := range tk.Proposed {
				imgui.TableNextRow()
				cell := func(s string) {
					imgui.TableNextColumn()
					imgui.TextUnformatted(singleLine(s))
					ui.Tooltip(s).Build()
				}
				cell(p.ID)
				cell(p.Title)
				cell(p.Description)
				cell(strings.Join(p.Targets, ", "))
				needs := strings.Join(p.DependsOn, ", ")
				if needs == "" {
					needs = "-"
				}
				cell(needs)
			}
		}),
	}
}

// streamBox shows streaming text read-only, scrolled to its end; height
// -1 fills what is left.
func streamBox(id, text string, height float32) g.Widget {
	return g.Child().ID(g.ID(id)).Border(true).Size(-1, height).Layout(g.Custom(func() {
		if text == "" {
			ui.ColorText(ui.DimColor(), "waiting for the model…").Build()
			return
		}
		imgui.PushTextWrapPosV(0)
		imgui.TextUnformatted(text)
		imgui.PopTextWrapPos()
		imgui.SetScrollHereYV(1)
	}))
}

// tokensPane is the token table: per tier and model, in, out and the
// estimated cost where the model's price is known ("–" where not).
func tokensPane(v *contract.MMAView) g.Widget {
	return g.Custom(func() {
		if len(v.Usage) == 0 {
			ui.ColorText(ui.DimColor(), "No tokens used yet.").Build()
			return
		}
		flags := imgui.TableFlagsBordersInnerH | imgui.TableFlagsRowBg | imgui.TableFlagsSizingFixedFit | imgui.TableFlagsNoSavedSettings
		if !imgui.BeginTableV("##tokens", 5, flags, imgui.Vec2{}, 0) {
			return
		}
		defer imgui.EndTable()
		imgui.TableSetupColumnV("Tier", imgui.TableColumnFlagsWidthFixed, 0, 0)
		imgui.TableSetupColumnV("Model", imgui.TableColumnFlagsWidthStretch, 1, 0)
		imgui.TableSetupColumnV("In", imgui.TableColumnFlagsWidthFixed, 0, 0)
		imgui.TableSetupColumnV("Out", imgui.TableColumnFlagsWidthFixed, 0, 0)
		imgui.TableSetupColumnV("Cost", imgui.TableColumnFlagsWidthFixed, 0, 0)
		imgui.TableHeadersRow()
		var in, out int
		var cost float64
		priced := true
		row := func(tier, model string, in, out int, cost string) {
			imgui.TableNextRow()
			for _, s := range []string{tier, model, fmt.Sprint(in), fmt.Sprint(out), cost} {
				imgui.TableNextColumn()
				imgui.TextUnformatted(s)
			}
		}
		for _, x := range v.Usage {
			in, out, cost, priced = in+x.In, out+x.Out, cost+x.Cost, priced && x.Priced
			row(fmt.Sprint(x.Tier), x.Model, x.In, x.Out, costText(x.Cost, x.Priced))
		}
		total := costText(cost, priced)
		if !priced && cost > 0 {
			total = costText(cost, true) + " + unpriced"
		}
		row("all", "", in, out, total)
	})
}

// costText is a cost in dollars, or "–" when the model's price is unknown.
func costText(c float64, priced bool) string {
	if !priced {
		return "–"
	}
	if c < 0.01 {
		return fmt.Sprintf("$%.4f", c)
	}
	return fmt.Sprintf("$%.2f", c)
}
