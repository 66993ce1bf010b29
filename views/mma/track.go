package mma

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
			if u.Forms.MMATkTrack == id {
				endTicketEdit(&u.Forms)
			}
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
// it streams), failed (Retry), or the tickets for Accept / Reject, each
// with Edit (its ID, title, description, targets and dependencies in a
// window of its own, ticketEditWindow) and Delete. Accept puts the
// tickets as edited in the track (an open edit is saved first). A refused
// edit keeps the form as typed and says why.
func proposedTickets(f *contract.Frame, tr *state.Track, tk contract.MMATickets) []g.Widget {
	u, eng, id := f.UI, f.MMA, tr.ID
	fm := &u.Forms
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
	editing := fm.MMATkTrack == id && fm.MMATkEdit > 0 && int(fm.MMATkEdit) <= len(tk.Proposed)
	save := func() bool { return saveTicketEdit(u, eng, id, tk.Proposed) }
	del := func(i int) {
		ps, done := deleteProposed(tk.Proposed, i)
		if !setProposed(u, eng, id, ps, done) {
			return
		}
		if fm.MMATkTrack == id {
			switch {
			case fm.MMATkEdit == int32(i+1):
				endTicketEdit(fm)
			case fm.MMATkEdit > int32(i+1):
				fm.MMATkEdit--
			}
		}
	}
	out := []g.Widget{
		ui.Row(
			g.Labelf("%d tickets proposed:", len(tk.Proposed)),
			ui.Button("Accept tickets", "tickets-accept-"+id, func() {
				if editing && !save() {
					return
				}
				n := len(tk.Proposed)
				if err := eng.AcceptTickets(id); err != nil {
					fm.MMAMessage = err.Error()
					return
				}
				if fm.MMATkTrack == id {
					endTicketEdit(fm)
				}
				fm.MMAMessage = okPrefix + fmt.Sprintf("%d tickets in %s", n, tr.Name)
			}),
			ui.Tooltip("Put these tickets, as edited, in the track (replacing its tickets); nothing runs until Run"),
			ui.Button("Reject", "tickets-reject-"+id, func() {
				eng.RejectTickets(id)
				if fm.MMATkTrack == id {
					endTicketEdit(fm)
				}
			}),
		),
	}
	out = append(out, g.Custom(func() {
		flags := imgui.TableFlagsBordersInnerH | imgui.TableFlagsRowBg | imgui.TableFlagsScrollY |
			imgui.TableFlagsSizingFixedFit | imgui.TableFlagsNoSavedSettings
		if !imgui.BeginTableV("##proposed-tickets", 6, flags, imgui.Vec2{Y: max(imgui.ContentRegionAvail().Y, imgui.FrameHeightWithSpacing()*3)}, 0) {
			return
		}
		defer imgui.EndTable()
		imgui.TableSetupColumnV("ID", imgui.TableColumnFlagsWidthFixed, 0, 0)
		imgui.TableSetupColumnV("Title", imgui.TableColumnFlagsWidthStretch, 2, 0)
		imgui.TableSetupColumnV("Description", imgui.TableColumnFlagsWidthStretch, 3, 0)
		imgui.TableSetupColumnV("Targets", imgui.TableColumnFlagsWidthStretch, 1, 0)
		imgui.TableSetupColumnV("Needs", imgui.TableColumnFlagsWidthFixed, 0, 0)
		imgui.TableSetupColumnV("", imgui.TableColumnFlagsWidthFixed, 0, 0)
		imgui.TableSetupScrollFreeze(0, 1)
		imgui.TableHeadersRow()
		for i, p := range tk.Proposed {
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
			imgui.TableNextColumn()
			if editing && int(fm.MMATkEdit) == i+1 {
				ui.ColorText(ui.WarnColor(), "editing").Build()
				continue
			}
			ui.Button("Edit", fmt.Sprintf("tk-edit-%s-%d", id, i), func() {
				fm.MMATkTrack, fm.MMATkEdit = id, int32(i+1)
				fm.MMATkID, fm.MMATkTitle, fm.MMATkDesc = p.ID, p.Title, p.Description
				fm.MMATkTargets, fm.MMATkDeps = strings.Join(p.Targets, ", "), strings.Join(p.DependsOn, ", ")
			}).Build()
			ui.Tooltip("Change this ticket's ID, title, description, targets or dependencies before accepting").Build()
			imgui.SameLine()
			ui.Button("Delete", fmt.Sprintf("tk-delete-%s-%d", id, i), func() { del(i) }).Build()
			ui.Tooltip("Drop this ticket from the proposal (the tickets that need it no longer do)").Build()
		}
	}))
	return out
}

// TicketEditWindow is the title of the window a proposed ticket is
// edited in.
const TicketEditWindow = "Proposed ticket"

// ticketEditWindow is the form of the proposed ticket being edited
// (Forms.MMATkTrack, MMATkEdit): its ID, title, targets, dependencies and
// description, Save (checked by the ticket rules: a refusal is shown here
// and keeps what was typed) and Cancel. The edit ends when the proposal
// goes (accepted, rejected, asked again).
func ticketEditWindow(f *contract.Frame, v *contract.MMAView) {
	u, eng := f.UI, f.MMA
	fm := &u.Forms
	if fm.MMATkEdit == 0 {
		return
	}
	track := fm.MMATkTrack
	tk, ok := v.Tickets[track]
	if !ok || tk.Busy || int(fm.MMATkEdit) > len(tk.Proposed) {
		endTicketEdit(fm)
		return
	}
	field := func(label string, v *string, key, hint string) g.Widget {
		return ui.Field(label, 90, g.InputText(v).ID(g.ID("##tk-"+key+"-"+track)).Hint(hint).Size(-1))
	}
	ws := []g.Widget{
		ui.Row(
			ui.Button("Save", "tk-save-"+track, func() { saveTicketEdit(u, eng, track, tk.Proposed) }),
			ui.Tooltip("Keep this edit of the ticket (checked: unique IDs, known dependencies, no cycle); Accept tickets puts the edited list in the track"),
			ui.Button("Cancel", "tk-cancel-"+track, func() { endTicketEdit(fm) }),
			ui.ColorText(ui.WarnColor(), fmt.Sprintf("editing proposed ticket %d of %s", fm.MMATkEdit, track)),
		),
	}
	if msg := fm.MMAMessage; msg != "" && !strings.HasPrefix(msg, okPrefix) {
		ws = append(ws, ui.WrappedColorText(ui.ErrorColor(), msg))
	}
	ws = append(ws,
		field("ID", &fm.MMATkID, "id", "e.g. T1"),
		field("Title", &fm.MMATkTitle, "title", "what the ticket does"),
		field("Targets", &fm.MMATkTargets, "targets", "paths, comma separated"),
		field("Depends on", &fm.MMATkDeps, "deps", "ticket IDs, comma separated"),
		g.Label("Description"),
		g.InputTextMultiline(&fm.MMATkDesc).ID(g.ID("##tk-desc-"+track)).Size(-1, -1).Flags(g.InputTextFlagsWordWrap),
	)
	open := true
	g.Window(TicketEditWindow).IsOpen(&open).Flags(g.WindowFlagsNoCollapse).
		Pos(640, f.Top+28).Size(630, 228).Layout(ws...)
	if !open {
		endTicketEdit(fm)
	}
}

// saveTicketEdit sets the open edit of a track's proposed tickets; false
// when refused (the form stays as typed, the reason in Forms.MMAMessage).
func saveTicketEdit(u *state.UI, eng contract.MMA, track string, proposed []contract.MMATicketProposal) bool {
	fm := &u.Forms
	i := int(fm.MMATkEdit) - 1
	if fm.MMATkTrack != track || i < 0 || i >= len(proposed) {
		return true // nothing open
	}
	ps, done := editProposed(proposed, i, contract.MMATicketProposal{ID: strings.TrimSpace(fm.MMATkID),
		Title: strings.TrimSpace(fm.MMATkTitle), Description: strings.TrimSpace(fm.MMATkDesc),
		Targets: splitList(fm.MMATkTargets), DependsOn: splitList(fm.MMATkDeps)})
	if !setProposed(u, eng, track, ps, done) {
		return false
	}
	endTicketEdit(fm)
	return true
}

// setProposed sets a track's proposed tickets, saying done or why not.
func setProposed(u *state.UI, eng contract.MMA, track string, ps []contract.MMATicketProposal, done string) bool {
	if err := eng.SetProposedTickets(track, ps); err != nil {
		u.Forms.MMAMessage = err.Error()
		return false
	}
	u.Forms.MMAMessage = okPrefix + done
	return true
}

// endTicketEdit closes the proposed ticket's form.
func endTicketEdit(fm *state.Forms) {
	fm.MMATkTrack, fm.MMATkEdit = "", 0
	fm.MMATkID, fm.MMATkTitle, fm.MMATkDesc, fm.MMATkTargets, fm.MMATkDeps = "", "", "", "", ""
}

// editProposed is ps with ticket i replaced by p; a renamed ticket's
// dependents follow its new ID. It also says what changed.
func editProposed(ps []contract.MMATicketProposal, i int, p contract.MMATicketProposal) ([]contract.MMATicketProposal, string) {
	out := cloneProposals(ps)
	old := out[i].ID
	out[i] = p
	done := "ticket " + p.ID + " changed"
	if p.ID != old && p.ID != "" {
		var moved []string
		for j := range out {
			if j != i && slices.Contains(out[j].DependsOn, old) {
				out[j].DependsOn = slices.Clone(out[j].DependsOn)
				for k, d := range out[j].DependsOn {
					if d == old {
						out[j].DependsOn[k] = p.ID
					}
				}
				moved = append(moved, out[j].ID)
			}
		}
		done = "ticket " + old + " is now " + p.ID
		if len(moved) > 0 {
			done += "; " + strings.Join(moved, ", ") + " now depend on " + p.ID
		}
	}
	return out, done
}

// deleteProposed is ps without ticket i, and without it in the others'
// dependencies. It also says what changed.
func deleteProposed(ps []contract.MMATicketProposal, i int) ([]contract.MMATicketProposal, string) {
	gone := ps[i].ID
	out := slices.Delete(cloneProposals(ps), i, i+1)
	var freed []string
	for j := range out {
		if slices.Contains(out[j].DependsOn, gone) {
			out[j].DependsOn = slices.DeleteFunc(slices.Clone(out[j].DependsOn), func(d string) bool { return d == gone })
			freed = append(freed, out[j].ID)
		}
	}
	done := "deleted proposed ticket " + gone
	if len(freed) > 0 {
		done += "; " + strings.Join(freed, ", ") + " no longer depend on it"
	}
	return out, done
}

func cloneProposals(ps []contract.MMATicketProposal) []contract.MMATicketProposal {
	out := slices.Clone(ps)
	for i := range out {
		out[i].Targets, out[i].DependsOn = slices.Clone(out[i].Targets), slices.Clone(out[i].DependsOn)
	}
	return out
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
