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
// form to add tickets.
func MMADashboard(f *contract.Frame) {
	u := f.UI
	open, done := ui.Window(f, state.WindowMMA)
	defer done()
	if !*open {
		return
	}
	var action func() // changes to u.Tracks run after the window is drawn

	g.Window(state.WindowMMA).IsOpen(open).Pos(640, f.Top+260).Size(630, 250).Layout(
		g.Row(
			g.Child().ID("##tracks").Border(true).Size(110, -1).Layout(tracksPane(u, &action)...),
			g.Child().ID("##tickets").Size(-1, -1).Layout(ticketsPane(u)...),
		),
	)
	if action != nil {
		action()
	}
}

// tracksPane lists the tracks, adds one, and holds the step-mode switch.
func tracksPane(u *state.UI, action *func()) []g.Widget {
	out := []g.Widget{g.Label("Tracks")}
	for i, tr := range u.Tracks {
		done := 0
		for _, tk := range tr.Tickets {
			if tk.Status == state.StatusDone {
				done++
			}
		}
		label := fmt.Sprintf("%s (%d/%d)##track-%d", tr.Name, done, len(tr.Tickets), i)
		out = append(out, g.Selectable(label).Selected(int(u.ActiveTrack) == i).OnClick(func() {
			u.ActiveTrack = int32(i)
			u.Forms.DepsTicket = ""
		}))
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
				u.Forms.NewTrackName = ""
				u.Forms.MMAMessage = okPrefix + "added track " + name
			}
		}
	}
	out = append(out,
		g.Spacing(),
		ui.InputWith(g.InputText(&u.Forms.NewTrackName).ID("##new-track").Hint("new track").
			Flags(g.InputTextFlagsEnterReturnsTrue).OnChange(add),
			ui.ButtonWidth("Add"), ui.Button("Add", "add-track", add)),
		g.Checkbox("Step mode", &u.StepMode),
		ui.Tooltip("Run one ticket at a time and wait for you between steps."),
	)
	return out
}

// ticketsPane is the active track: message, ticket table, dependency
// editor and the new-ticket form.
func ticketsPane(u *state.UI) []g.Widget {
	out := []g.Widget{}
	if msg := u.Forms.MMAMessage; msg != "" {
		c := ui.ErrorColor()
		if strings.HasPrefix(msg, okPrefix) {
			c, msg = ui.OkColor(), strings.TrimPrefix(msg, okPrefix)
		}
		out = append(out, g.Custom(func() {
			ui.Button("x", "clear-msg", func() { u.Forms.MMAMessage = "" }).Build()
			ui.Tooltip("Clear the message").Build()
			imgui.SameLine()
			imgui.PushTextWrapPosV(0)
			ui.ColorText(c, msg).Build()
			imgui.PopTextWrapPos()
		}))
	}
	tr := u.ActiveTrk()
	if tr == nil {
		if len(u.Tracks) == 0 {
			return append(out, ui.WrappedColorText(ui.DimColor(), "No tracks yet: add one on the left, then add its tickets here."))
		}
		return append(out, ui.ColorText(ui.DimColor(), "Choose a track on the left."))
	}

	ordered, orderErr := tr.Ordered()
	depth := tr.Depth()
	if orderErr != nil {
		ordered = tr.Tickets // show them anyway, in track order
		out = append(out, ui.WrappedColorText(ui.ErrorColor(), "This track has a "+orderErr.Error()+": fix a ticket's dependencies."))
	}
	out = append(out, g.Labelf("%s: %d tickets, in dependency order", tr.Name, len(tr.Tickets)))

	if len(ordered) == 0 {
		out = append(out, ui.ColorText(ui.DimColor(), "No tickets yet: add one below."))
	} else {
		out = append(out, ticketTable(u, tr, ordered, depth))
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
// for all of it).
func ticketTable(u *state.UI, tr *state.Track, ordered []state.Ticket, depth map[string]int) g.Widget {
	return g.Custom(func() {
		st := imgui.CurrentStyle()
		below := 2 // the separator and the new-ticket form
		if tr.Ticket(u.Forms.DepsTicket) != nil {
			below++
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
				ticketRow(u, tr, tk, min(depth[tk.ID], maxIndent), indent)
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
