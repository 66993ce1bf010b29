package mma

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	g "github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/imgui"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ui"
)

// okPrefix marks a confirmation in Forms.MMAMessage; anything else there
// is a refusal, drawn in red.
const okPrefix = "OK: "

// statusColor is the colour a ticket's status is drawn in: the theme's
// meaning colours for done (OK), blocked (a warning) and failed (an
// error); work under way in blue, work not started in light grey.
func statusColor(s state.TicketStatus) color.RGBA {
	switch s {
	case state.StatusDone:
		return ui.OkColor()
	case state.StatusInProgress:
		return color.RGBA{R: 90, G: 160, B: 255, A: 255}
	case state.StatusBlocked:
		return ui.WarnColor()
	case state.StatusFailed:
		return ui.ErrorColor()
	default:
		return color.RGBA{R: 200, G: 200, B: 200, A: 255}
	}
}

// MMADashboard shows the multi-agent tracks: a list of tracks, step mode,
// and the active track's tickets in dependency order with their status,
// dependencies, Retry / Skip, a dependency editor (cycles refused) and a
// form to add tickets. With the engine running (f.MMA) it also plans
// tracks from a goal (the "Plan" pane), splits an accepted track into
// tickets (each proposed ticket editable in the "Proposed ticket" window
// before Accept), runs, pauses and steps it, shows the tokens per tier, a
// selected ticket in a window of its own ("MMA ticket") and every question
// of the engine in the "MMA approval" window, whether the dashboard is
// open or not.
func MMADashboard(f *contract.Frame) {
	u := f.UI
	var v *contract.MMAView
	if f.MMA != nil {
		view := f.MMA.MMAView()
		v = &view
		pick(u, v)
		ticketWindow(f, v)
		ticketEditWindow(f, v)
		// Drawn after the dashboard, so that a question arriving with it
		// is on top.
		defer approvalWindow(f, v)
	}
	open, done := ui.Window(f, state.WindowMMA)
	defer done()
	if !*open {
		return
	}
	var action func() // changes to u.Tracks run after the window is drawn

	g.Window(state.WindowMMA).IsOpen(open).Pos(640, f.Top+260).Size(630, 250).Layout(
		g.Row(
			g.Child().ID("##tracks").Border(true).Size(130, -1).Layout(tracksPane(u, v, &action)...),
			g.Child().ID("##tickets").Size(-1, -1).Layout(rightPane(f, v)...),
		),
	)
	if action != nil {
		action()
	}
}

// pick makes the track just accepted (Forms.MMAPick) the active one once
// the engine's event has put it in the tracks.
func pick(u *state.UI, v *contract.MMAView) {
	id := u.Forms.MMAPick
	if id == "" {
		return
	}
	if i := slices.IndexFunc(u.Tracks, func(t state.Track) bool { return t.ID == id }); i >= 0 {
		u.ActiveTrack, u.Forms.MMAPick, u.Forms.DepsTicket = int32(i), "", ""
		if len(v.Proposals) == 0 {
			u.Forms.MMAPane = ""
		}
	}
}

// rightPane is what the left pane chose: the plan, the tokens or the
// active track, under the last message.
func rightPane(f *contract.Frame, v *contract.MMAView) []g.Widget {
	u := f.UI // the frame's state
	out := messageLine(u)
	if v != nil && len(v.Questions) > 0 {
		n := len(v.Questions)
		s := fmt.Sprintf("%d questions wait for you in the MMA approval window", n)
		if n == 1 {
			s = "1 question waits for you in the MMA approval window"
		}
		out = append(out, ui.ColorText(ui.WarnColor(), s))
	}
	switch {
	case v != nil && u.Forms.MMAPane == panePlan:
		return append(out, planPane(f, v)...)
	case v != nil && u.Forms.MMAPane == paneTokens:
		return append(out, tokensPane(v))
	}
	return append(out, ticketsPane(f, v)...)
}

// The panes besides the active track (Forms.MMAPane).
const (
	panePlan   = "plan"
	paneTokens = "tokens"
)

// tracksPane lists the tracks, adds one, and holds the step-mode switch;
// with the engine, the Plan and Tokens panes are chosen here too.
func tracksPane(u *state.UI, v *contract.MMAView, action *func()) []g.Widget {
	out := []g.Widget{}
	if v != nil {
		label := "Plan"
		switch {
		case v.Planning:
			label = "Plan (planning…)"
		case len(v.Proposals) > 0:
			label = fmt.Sprintf("Plan (%d proposed)", len(v.Proposals))
		}
		out = append(out,
			g.Selectable(label+"##pane-plan").Selected(u.Forms.MMAPane == panePlan).OnClick(func() { u.Forms.MMAPane = panePlan }),
			ui.Tooltip("Write a goal: a model proposes tracks toward it, for you to accept, edit or reject."),
		)
	}
	out = append(out, g.Label("Tracks"))
	for i, tr := range u.Tracks {
		done := 0
		for _, tk := range tr.Tickets {
			if tk.Status == state.StatusDone {
				done++
			}
		}
		mark := ""
		if tr.ID != "" && tr.Running && !tr.Paused {
			mark = "> "
		}
		label := fmt.Sprintf("%s%s (%d/%d)##track-%d", mark, tr.Name, done, len(tr.Tickets), i)
		out = append(out, g.Selectable(label).Selected(int(u.ActiveTrack) == i && u.Forms.MMAPane == "").OnClick(func() {
			u.ActiveTrack = int32(i)
			u.Forms.DepsTicket, u.Forms.MMAPane = "", ""
		}))
		if tr.ID != "" {
			out = append(out, ui.Tooltip(trackTip(tr)))
		}
	}
	if len(u.Tracks) == 0 {
		out = append(out, ui.ColorText(ui.DimColor(), "No tracks yet."))
	}
	add := func() {
		name := strings.TrimSpace(u.Forms.NewTrackName)
		switch {
		case name == "":
			u.Forms.MMAMessage = "a track needs a name"
		case slices.ContainsFunc(u.Tracks, func(t state.Track) bool { return t.Name == name }):
			u.Forms.MMAMessage = fmt.Sprintf("a track called %q already exists", name)
		default:
			*action = func() {
				u.Tracks = append(u.Tracks, state.Track{Name: name})
				u.ActiveTrack = int32(len(u.Tracks) - 1)
				u.Forms.NewTrackName, u.Forms.MMAPane = "", ""
				u.Forms.MMAMessage = okPrefix + "added track " + name
			}
		}
	}
	out = append(out,
		g.Spacing(),
		ui.InputWith(g.InputText(&u.Forms.NewTrackName).ID("##new-track").Hint("new track").
			Flags(g.InputTextFlagsEnterReturnsTrue).OnChange(add),
			ui.ButtonWidth("Add"), ui.Button("Add", "add-track", add)),
	)
	if v != nil {
		out = append(out,
			g.Checkbox("Step mode##step-new-tracks", &u.StepMode),
			ui.Tooltip("Tracks accepted from a plan start in step mode: each worker's spawn, model turn and tool call waits for you.\n"+
				"Each track has its own Step switch beside Run."),
		)
	}
	if v != nil {
		out = append(out,
			g.Selectable(fmt.Sprintf("Tokens (%d)##pane-tokens", totalTokens(v.Usage))).Selected(u.Forms.MMAPane == paneTokens).
				OnClick(func() { u.Forms.MMAPane = paneTokens }),
			ui.Tooltip("Tokens and cost per tier and model"),
		)
	}
	return out
}

// trackTip describes an engine track for its tooltip.
func trackTip(tr state.Track) string {
	s := tr.ID + ": " + tr.Name
	switch {
	case tr.Running && tr.Paused:
		s += " (paused)"
	case tr.Running:
		s += " (running)"
	}
	if tr.StepMode {
		s += ", step mode"
	}
	if tr.Goal != "" {
		s += "\ngoal: " + tr.Goal
	}
	return s
}

// messageLine is the last refusal or confirmation, with a button to clear it.
func messageLine(u *state.UI) []g.Widget {
	msg := u.Forms.MMAMessage
	if msg == "" {
		return nil
	}
	c := ui.ErrorColor()
	if strings.HasPrefix(msg, okPrefix) {
		c, msg = ui.OkColor(), strings.TrimPrefix(msg, okPrefix)
	}
	return []g.Widget{g.Custom(func() {
		ui.Button("x", "clear-msg", func() { u.Forms.MMAMessage = "" }).Build()
		ui.Tooltip("Clear the message").Build()
		imgui.SameLine()
		imgui.PushTextWrapPosV(0)
		ui.ColorText(c, msg).Build()
		imgui.PopTextWrapPos()
	})}
}

// report puts err (or, on success, okText) in Forms.MMAMessage.
func report(u *state.UI, err error, okText string) {
	if err != nil {
		u.Forms.MMAMessage = err.Error()
		return
	}
	if okText != "" {
		u.Forms.MMAMessage = okPrefix + okText
	}
}

// ticketsPane is the active track: its engine controls (a track with an
// ID, while the engine runs), the ticket table, and for a hand-made track
// the dependency editor and the new-ticket form.
func ticketsPane(f *contract.Frame, v *contract.MMAView) []g.Widget {
	u := f.UI // the frame's state
	var out []g.Widget
	tr := u.ActiveTrk()
	if tr == nil {
		if len(u.Tracks) == 0 {
			if v != nil {
				return append(out, ui.WrappedColorText(ui.DimColor(), "No tracks yet: choose Plan on the left to have a model propose some, or add one by hand."))
			}
			return append(out, ui.WrappedColorText(ui.DimColor(), "No tracks yet: add one on the left, then add its tickets here."))
		}
		return append(out, ui.ColorText(ui.DimColor(), "Choose a track on the left."))
	}
	engine := v != nil && tr.ID != ""
	if engine {
		out = append(out, trackControls(f, v, tr)...)
		if tk, ok := v.Tickets[tr.ID]; ok && (tk.Busy || tk.Err != "" || len(tk.Proposed) > 0) {
			return append(out, proposedTickets(f, tr, tk)...)
		}
	}

	ordered, orderErr := tr.Ordered()
	depth := tr.Depth()
	if orderErr != nil {
		ordered = tr.Tickets // show them anyway, in track order
		out = append(out, ui.WrappedColorText(ui.ErrorColor(), "This track has a "+orderErr.Error()+": fix a ticket's dependencies."))
	}
	if !engine {
		out = append(out, g.Labelf("%s: %d tickets, in dependency order", tr.Name, len(tr.Tickets)))
	}

	switch {
	case len(ordered) == 0 && engine:
		out = append(out, ui.WrappedColorText(ui.DimColor(), "No tickets yet: Make tickets asks a model to split the track."))
	case len(ordered) == 0:
		out = append(out, ui.ColorText(ui.DimColor(), "No tickets yet: add one below."))
	default:
		var eng contract.MMA
		if engine {
			eng = f.MMA
		}
		out = append(out, ticketTable(u, eng, tr, ordered, depth))
	}
	if engine {
		return out
	}
	if tr.Ticket(u.Forms.DepsTicket) != nil {
		out = append(out, depsEditor(u, tr))
	}
	out = append(out, g.Separator(), newTicketForm(u, tr))
	return out
}

// maxIndent is how many dependency levels the ID column shows as indent.
const maxIndent = 3

// ticketTable draws the tickets in dependency order: ID (indented by
// depth), title, status, what it needs, and its buttons. A track can hold
// thousands of tickets, so every row is one line high and only the rows in
// view are drawn (ImGui's list clipper); the table scrolls inside itself,
// with the header frozen. Columns keep their shape whatever the text: ID,
// Status and the buttons are fixed (sized to what they hold), Title and
// Needs share the rest, 4 to 1, and clip what does not fit (hover a title
// for all of it). An engine track's tickets (eng not nil) have the
// engine's buttons instead: View, and Stop, Resume or Retry; a blocked,
// failed or interrupted ticket shows its reason in place of its needs.
func ticketTable(u *state.UI, eng contract.MMA, tr *state.Track, ordered []state.Ticket, depth map[string]int) g.Widget {
	return g.Custom(func() {
		st := imgui.CurrentStyle()
		below := 2 // the separator and the new-ticket form
		if tr.Ticket(u.Forms.DepsTicket) != nil {
			below++
		}
		if eng != nil {
			below = 0
		}
		h := imgui.ContentRegionAvail().Y - imgui.FrameHeightWithSpacing()*float32(below) - st.ItemSpacing().Y
		h = max(h, imgui.FrameHeightWithSpacing()*4)
		flags := imgui.TableFlagsBordersInnerH | imgui.TableFlagsRowBg | imgui.TableFlagsScrollY |
			imgui.TableFlagsSizingFixedFit | imgui.TableFlagsNoSavedSettings
		if !imgui.BeginTableV("##ticket-table", 5, flags, imgui.Vec2{Y: h}, 0) {
			return
		}
		defer imgui.EndTable()
		longest, deepest := "ID", 0
		for _, tk := range ordered {
			if len(tk.ID) > len(longest) {
				longest = tk.ID
			}
			deepest = max(deepest, min(depth[tk.ID], maxIndent))
		}
		indent := float32(6)
		idW := imgui.CalcTextSizeV(longest, false, -1).X + float32(deepest)*indent
		actionsW := smallButtonWidth("Retry") + smallButtonWidth("Skip") + smallButtonWidth("Deps")
		if eng != nil {
			actionsW = smallButtonWidth("View") + smallButtonWidth("Resume")
		}
		imgui.TableSetupColumnV("ID", imgui.TableColumnFlagsWidthFixed, idW, 0)
		imgui.TableSetupColumnV("Title", imgui.TableColumnFlagsWidthStretch, 4, 0)
		imgui.TableSetupColumnV("Status", imgui.TableColumnFlagsWidthFixed, imgui.CalcTextSizeV(string(state.StatusInProgress), false, -1).X, 0)
		imgui.TableSetupColumnV("Needs", imgui.TableColumnFlagsWidthStretch, 1, 0)
		imgui.TableSetupColumnV("##actions", imgui.TableColumnFlagsWidthFixed, actionsW, 0)
		imgui.TableSetupScrollFreeze(0, 1)
		imgui.TableHeadersRow()
		clip := imgui.NewListClipper()
		defer clip.Destroy()
		clip.Begin(int32(len(ordered)))
		for clip.Step() {
			for r := clip.DisplayStart(); r < clip.DisplayEnd(); r++ {
				tk := ordered[r]
				imgui.TableNextRow()
				if eng != nil {
					engineRow(u, eng, tr, tk, min(depth[tk.ID], maxIndent), indent)
				} else {
					ticketRow(u, tr, tk, min(depth[tk.ID], maxIndent), indent)
				}
			}
		}
	})
}

// ticketRow draws one ticket's cells. The buttons change the ticket in
// tr.Tickets, not the copy Ordered returned.
func ticketRow(u *state.UI, tr *state.Track, tk state.Ticket, depth int, indent float32) {
	id := tk.ID
	act := func(op func(*state.Ticket) error, done string) func() {
		return func() {
			i := slices.IndexFunc(tr.Tickets, func(t state.Ticket) bool { return t.ID == id })
			if i < 0 {
				return
			}
			if err := op(&tr.Tickets[i]); err != nil {
				u.Forms.MMAMessage = err.Error()
				return
			}
			u.Forms.MMAMessage = okPrefix + id + " " + done
		}
	}
	imgui.TableNextColumn()
	imgui.AlignTextToFramePadding()
	if depth > 0 {
		imgui.SetCursorPosX(imgui.CursorPosX() + float32(depth)*indent)
	}
	imgui.TextUnformatted(id)
	imgui.TableNextColumn()
	imgui.AlignTextToFramePadding()
	imgui.TextUnformatted(singleLine(tk.Title))
	ui.Tooltip(tk.Title).Build() // the whole title, when the column clips it
	imgui.TableNextColumn()
	ui.ColorText(statusColor(tk.Status), string(tk.Status)).Build()
	imgui.TableNextColumn()
	needs := "-"
	if len(tk.DependsOn) > 0 {
		needs = strings.Join(tk.DependsOn, ", ")
	}
	ui.ColorText(ui.DimColor(), needs).Build()
	if len(tk.DependsOn) > 0 {
		ui.Tooltip("needs: " + needs).Build()
	}
	imgui.TableNextColumn()
	smallButton("Retry", "retry-"+id, act((*state.Ticket).Retry, "back to todo")).Build()
	ui.Tooltip("Put a failed or blocked ticket back to todo").Build()
	imgui.SameLine()
	smallButton("Skip", "skip-"+id, act((*state.Ticket).Skip, "marked done without doing it")).Build()
	ui.Tooltip("Mark the ticket done without doing it").Build()
	imgui.SameLine()
	smallButton("Deps", "deps-"+id, func() {
		u.Forms.DepsTicket = id
		u.Forms.DepsText = strings.Join(tk.DependsOn, ", ")
	}).Build()
	ui.Tooltip("Edit what this ticket needs").Build()
}

// engineRow draws one ticket of an engine track: its ID selects it (the
// MMA ticket window shows it), its status is coloured, the reason of a
// ticket that is not going on shows where its needs would, and its button
// is what the engine can do with it now.
func engineRow(u *state.UI, eng contract.MMA, tr *state.Track, tk state.Ticket, depth int, indent float32) {
	id, key := tk.ID, tr.ID+"/"+tk.ID
	sel := func() { selectTicket(u, tr, tk) }
	imgui.TableNextColumn()
	imgui.AlignTextToFramePadding()
	if depth > 0 {
		imgui.SetCursorPosX(imgui.CursorPosX() + float32(depth)*indent)
	}
	g.Selectable(id + "##sel-" + id).Selected(u.Forms.MMASelected == key).OnClick(sel).Build()
	imgui.TableNextColumn()
	imgui.AlignTextToFramePadding()
	imgui.TextUnformatted(singleLine(tk.Title))
	ui.Tooltip(tk.Title).Build()
	imgui.TableNextColumn()
	status := string(tk.Status)
	if tk.Interrupted {
		status = "interrupted"
		if tk.Reason == "stopped" {
			status = "stopped"
		}
	}
	ui.ColorText(statusColor(tk.Status), status).Build()
	if tk.Reason != "" {
		ui.Tooltip(tk.Reason).Build()
	}
	imgui.TableNextColumn()
	needs := "-"
	if len(tk.DependsOn) > 0 {
		needs = strings.Join(tk.DependsOn, ", ")
	}
	if tk.Reason != "" && tk.Reason != status && tk.Status != state.StatusDone {
		ui.ColorText(statusColor(tk.Status), singleLine(tk.Reason)).Build()
		ui.Tooltip(tk.Reason + "\nneeds: " + needs).Build()
	} else {
		ui.ColorText(ui.DimColor(), needs).Build()
		if len(tk.DependsOn) > 0 {
			ui.Tooltip("needs: " + needs).Build()
		}
	}
	imgui.TableNextColumn()
	smallButton("View", "view-"+id, sel).Build()
	ui.Tooltip("Show this ticket: description, live stream, conversation").Build()
	if label, tip, op := ticketAction(eng, tr.ID, tk); op != nil {
		imgui.SameLine()
		smallButton(label, strings.ToLower(label)+"-"+id, func() { report(u, op(), id+": "+strings.ToLower(label)) }).Build()
		ui.Tooltip(tip).Build()
	}
}

// ticketAction is what the engine can do with a ticket now: Stop one that
// runs, Resume one that was stopped or interrupted, Retry one that is
// blocked or failed; nil for none.
func ticketAction(eng contract.MMA, track string, tk state.Ticket) (label, tip string, op func() error) {
	id := tk.ID
	switch {
	case tk.Status == state.StatusInProgress:
		return "Stop", "Stop its worker: what it applied stays; Resume goes on from its conversation",
			func() error { return eng.StopTicket(track, id) }
	case tk.Interrupted:
		return "Resume", "Start its worker again from its conversation (edit it first in the MMA ticket window)",
			func() error { return eng.ResumeTicket(track, id) }
	case tk.Status == state.StatusBlocked || tk.Status == state.StatusFailed:
		return "Retry", "Start it again from scratch (and the tickets its block held)",
			func() error { return eng.RetryTicket(track, id) }
	}
	return "", "", nil
}

// selectTicket shows tk in the MMA ticket window.
func selectTicket(u *state.UI, tr *state.Track, tk state.Ticket) {
	u.Forms.MMASelected = tr.ID + "/" + tk.ID
	u.Forms.MMAModel = tk.Model
	u.Forms.MMAMsgEdit, u.Forms.MMAMsgText = 0, ""
}

// depsEditor edits Forms.DepsTicket's dependencies; a change that would
// make a cycle is refused with the cycle in Forms.MMAMessage.
func depsEditor(u *state.UI, tr *state.Track) g.Widget {
	apply := func() {
		id := u.Forms.DepsTicket
		if err := tr.SetDependencies(id, state.ParseIDs(u.Forms.DepsText)); err != nil {
			u.Forms.MMAMessage = err.Error()
			return
		}
		deps := strings.Join(tr.Ticket(id).DependsOn, ", ")
		if deps == "" {
			deps = "nothing"
		}
		u.Forms.MMAMessage = okPrefix + id + " now needs " + deps
		u.Forms.DepsTicket, u.Forms.DepsText = "", ""
	}
	return g.Custom(func() {
		imgui.AlignTextToFramePadding()
		imgui.TextUnformatted(u.Forms.DepsTicket + " needs")
		imgui.SameLine()
		ui.InputWith(g.InputText(&u.Forms.DepsText).ID("##deps-text").Hint("IDs, e.g. T1, T2").
			Flags(g.InputTextFlagsEnterReturnsTrue).OnChange(apply),
			ui.ButtonWidth("Apply")+ui.ButtonWidth("Cancel"),
			ui.Button("Apply", "deps-apply", apply),
			ui.Button("Cancel", "deps-cancel", func() { u.Forms.DepsTicket, u.Forms.DepsText = "", "" }),
		).Build()
	})
}

// newTicketForm adds a ticket to tr from Forms.NewTicket*.
func newTicketForm(u *state.UI, tr *state.Track) g.Widget {
	add := func() {
		fm := &u.Forms
		id := strings.TrimSpace(fm.NewTicketID)
		if err := tr.AddTicket(id, fm.NewTicketTitle, state.ParseIDs(fm.NewTicketDeps)); err != nil {
			fm.MMAMessage = err.Error()
			return
		}
		fm.MMAMessage = okPrefix + "added " + id
		fm.NewTicketID, fm.NewTicketTitle, fm.NewTicketDeps = "", "", ""
	}
	return g.Custom(func() {
		imgui.AlignTextToFramePadding()
		imgui.TextUnformatted("New ticket")
		imgui.SameLine()
		g.InputText(&u.Forms.NewTicketID).ID("##new-ticket-id").Hint("ID").Size(50).Build()
		imgui.SameLine()
		depsW := float32(110)
		g.InputText(&u.Forms.NewTicketTitle).ID("##new-ticket-title").Hint("title").
			Size(-(depsW + imgui.CurrentStyle().ItemSpacing().X + ui.ButtonWidth("Add"))).Build()
		imgui.SameLine()
		g.InputText(&u.Forms.NewTicketDeps).ID("##new-ticket-deps").Hint("needs, e.g. T1 T2").Size(depsW).Build()
		imgui.SameLine()
		ui.Button("Add", "add-ticket", add).Build()
	})
}

// smallButton is button without vertical frame padding, for table rows.
func smallButton(label, id string, onClick func()) g.Widget {
	return g.Custom(func() {
		if imgui.SmallButton(label+"##"+id) && onClick != nil {
			onClick()
		}
	})
}

// totalTokens is every tier's tokens, in and out.
func totalTokens(us []contract.MMAUsage) int {
	n := 0
	for _, x := range us {
		n += x.In + x.Out
	}
	return n
}

// smallButtonWidth is the width of a smallButton, plus the spacing before it.
func smallButtonWidth(label string) float32 {
	st := imgui.CurrentStyle()
	return imgui.CalcTextSizeV(label, true, -1).X + st.FramePadding().X*2 + st.ItemSpacing().X
}

// singleLine is s with its line breaks and tabs as spaces, so a table row
// stays one line high.
func singleLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}
