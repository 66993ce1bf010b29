package mma

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ui"
)

// okPrefix marks a confirmation in Forms.MMAMessage; anything else there
// is a refusal, drawn in red.
const okPrefix = "OK: "

// statusColor is the colour a ticket's status is drawn in.
func statusColor(s state.TicketStatus) color.RGBA {
	switch s {
	case state.StatusDone:
		return color.RGBA{R: 90, G: 200, B: 90, A: 255}
	case state.StatusInProgress:
		return color.RGBA{R: 90, G: 160, B: 255, A: 255}
	case state.StatusBlocked:
		return color.RGBA{R: 230, G: 180, B: 40, A: 255}
	case state.StatusFailed:
		return color.RGBA{R: 240, G: 70, B: 60, A: 255}
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
			g.Child().ID("##tracks").Border(true).Size(150, -1).Layout(tracksPane(u, &action)...),
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
		rows := make([]*g.TableRowWidget, 0, len(ordered))
		for _, tk := range ordered {
			rows = append(rows, ticketRow(u, tr, tk, depth[tk.ID]))
		}
		out = append(out, g.Table().ID("##ticket-table").
			Flags(g.TableFlagsBordersInnerH|g.TableFlagsRowBg|g.TableFlagsSizingFixedFit).
			Columns(
				g.TableColumn("ID"),
				g.TableColumn("Title").Flags(g.TableColumnFlagsWidthStretch),
				g.TableColumn("Status"),
				g.TableColumn("Needs"),
				g.TableColumn("##actions"),
			).Rows(rows...))
	}

	if tr.Ticket(u.Forms.DepsTicket) != nil {
		out = append(out, depsEditor(u, tr))
	}
	out = append(out, g.Separator(), newTicketForm(u, tr))
	return out
}

// ticketRow is one ticket: ID (indented by its depth), title, status,
// what it needs, and its buttons. The buttons change the ticket in
// tr.Tickets, not the copy Ordered returned.
func ticketRow(u *state.UI, tr *state.Track, tk state.Ticket, depth int) *g.TableRowWidget {
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
	needs := "-"
	if len(tk.DependsOn) > 0 {
		needs = "needs: " + strings.Join(tk.DependsOn, ", ")
	}
	return g.TableRow(
		g.Custom(func() {
			imgui.AlignTextToFramePadding()
			if depth > 0 {
				imgui.IndentV(float32(depth) * 12)
				defer imgui.UnindentV(float32(depth) * 12)
			}
			imgui.TextUnformatted(id)
		}),
		g.Label(tk.Title).Wrapped(true),
		ui.ColorText(statusColor(tk.Status), string(tk.Status)),
		ui.ColorText(ui.DimColor(), needs),
		g.Custom(func() {
			ui.Button("Retry", "retry-"+id, act((*state.Ticket).Retry, "back to todo")).Build()
			ui.Tooltip("Put a failed or blocked ticket back to todo").Build()
			imgui.SameLine()
			ui.Button("Skip", "skip-"+id, act((*state.Ticket).Skip, "marked done without doing it")).Build()
			ui.Tooltip("Mark the ticket done without doing it").Build()
			imgui.SameLine()
			ui.Button("Deps", "deps-"+id, func() {
				u.Forms.DepsTicket = id
				u.Forms.DepsText = strings.Join(tk.DependsOn, ", ")
			}).Build()
			ui.Tooltip("Edit what this ticket needs").Build()
		}),
	)
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
