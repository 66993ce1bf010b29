package mma

import (
	"encoding/json"
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

// TicketWindow is the title of the window a selected ticket is shown in.
const TicketWindow = "MMA ticket"

// ticketWindow shows the ticket Forms.MMASelected names ("track/ticket"):
// its status and reason, what the engine can do with it (Stop, Resume,
// Retry), its own step mode and model, description, targets and summary,
// the worker's text as it streams, and its conversation message by
// message. While no worker runs on it (stopped or interrupted), or its
// worker is held before a turn (MMAView.Held: its track paused, or the
// turn waiting for approval), each message can be edited or deleted,
// Manual Slop's memory mutator: Resume goes on from the edited
// conversation. Closing the window unselects.
func ticketWindow(f *contract.Frame, v *contract.MMAView) {
	fm := &f.UI.Forms
	if fm.MMASelected == "" {
		return
	}
	trackID, ticketID, _ := strings.Cut(fm.MMASelected, "/")
	i := slices.IndexFunc(f.UI.Tracks, func(t state.Track) bool { return t.ID == trackID && t.ID != "" })
	if i < 0 || f.UI.Tracks[i].Ticket(ticketID) == nil {
		fm.MMASelected, fm.MMAMsgEdit = "", 0
		return
	}
	tr := &f.UI.Tracks[i]
	tk := *tr.Ticket(ticketID)
	open := true
	g.Window(TicketWindow).IsOpen(&open).Flags(g.WindowFlagsNoCollapse).
		Pos(24, f.Top+28).Size(600, 790-f.Top-28).Layout(ticketBody(f, v, tr, tk)...)
	if !open {
		fm.MMASelected, fm.MMAMsgEdit, fm.MMAMsgText = "", 0, ""
	}
}

// ticketBody is the MMA ticket window's content.
func ticketBody(f *contract.Frame, v *contract.MMAView, tr *state.Track, tk state.Ticket) []g.Widget {
	u, eng := f.UI, f.MMA
	fm := &u.Forms
	id := tk.ID
	status := string(tk.Status)
	if tk.Interrupted {
		status += " (" + tk.Reason + ")"
	}
	head := []g.Widget{ui.ColorText(ui.OkColor(), tr.Name+" / "+id), g.Label(singleLine(tk.Title))}
	out := []g.Widget{ui.Row(head...), ui.Row(g.Label("Status:"), ui.ColorText(statusColor(tk.Status), status))}
	if tk.Reason != "" && !tk.Interrupted {
		out = append(out, ui.WrappedColorText(statusColor(tk.Status), "Reason: "+tk.Reason))
	}

	step := tk.StepMode
	ctl := []g.Widget{}
	if label, tip, op := ticketAction(eng, tr.ID, tk); op != nil {
		ctl = append(ctl, ui.Button(label, "ticket-"+strings.ToLower(label), func() { report(u, op(), id+": "+strings.ToLower(label)) }), ui.Tooltip(tip))
	}
	ctl = append(ctl,
		g.Checkbox("Step mode##ticket-step", &step).OnChange(func() { report(u, eng.SetTicket(tr.ID, id, step, tk.Model), "") }),
		ui.Tooltip("Every spawn, model turn and tool call of this ticket waits for your approval"),
		g.Label("Model"),
		g.Custom(func() {
			g.InputText(&fm.MMAModel).ID("##ticket-model").Hint("tier-3 default").Size(140).Build()
		}),
		ui.Button("Set model", "ticket-set-model", func() {
			report(u, eng.SetTicket(tr.ID, id, tk.StepMode, fm.MMAModel), id+"'s model set (from its next start)")
		}).Disabled(strings.TrimSpace(fm.MMAModel) == tk.Model),
		ui.Tooltip("This ticket's own model; empty for the tier-3 list's first. Taken at the worker's next start"),
	)
	out = append(out, ui.Row(ctl...))

	info := g.Custom(func() {
		imgui.PushTextWrapPosV(0)
		if tk.Description != "" {
			imgui.TextUnformatted(tk.Description)
		}
		targets := "none"
		if len(tk.Targets) > 0 {
			targets = strings.Join(tk.Targets, ", ")
		}
		ui.ColorText(ui.DimColor(), "Targets: "+targets).Build()
		if tk.Escalation > 0 {
			ui.ColorText(ui.WarnColor(), fmt.Sprintf("Escalated %d times", tk.Escalation)).Build()
		}
		if tk.Summary != "" {
			ui.ColorText(ui.OkColor(), "Summary: "+tk.Summary).Build()
		}
		imgui.PopTextWrapPos()
	})
	out = append(out, info)
	if tk.Status == state.StatusInProgress {
		out = append(out, g.Label("Live"), streamBox("##live-"+tr.ID+"-"+id, v.Live[tr.ID+"/"+id], imgui.TextLineHeight()*7))
	}
	held := v.Held[tr.ID+"/"+id]
	editable := held || (tk.Interrupted && tk.Status != state.StatusInProgress)
	title := fmt.Sprintf("Conversation: %d messages", len(tk.Transcript))
	if len(tk.Transcript) == 1 {
		title = "Conversation: 1 message"
	}
	switch {
	case held:
		out = append(out, ui.WrappedColorText(ui.WarnColor(), "Paused: the worker waits before its next model turn. "+
			"Edit or delete messages now: on Resume (Unpause, or approving its turn in step mode) it goes on from your edit."))
	case editable && len(tk.Transcript) > 0:
		title += " (stopped: edit or delete messages, then Resume)"
	}
	out = append(out, g.Separator(), g.Label(title),
		g.Child().ID("##transcript").Size(-1, -1).Layout(transcript(u, eng, tr.ID, tk, editable)))
	return out
}

// transcript draws a worker's conversation message by message: text,
// tool calls with their arguments, results; with Edit / Delete on each
// when editable.
func transcript(u *state.UI, eng contract.MMA, track string, tk state.Ticket, editable bool) g.Widget {
	fm := &u.Forms
	set := func(msgs []state.TicketMsg, done string) {
		if err := eng.SetTranscript(track, tk.ID, msgs); err != nil {
			fm.MMAMessage = err.Error()
			return
		}
		fm.MMAMsgEdit, fm.MMAMsgText = 0, ""
		fm.MMAMessage = okPrefix + done
	}
	return g.Custom(func() {
		if len(tk.Transcript) == 0 {
			ui.ColorText(ui.DimColor(), "No conversation yet.").Build()
			return
		}
		for i, m := range tk.Transcript {
			imgui.PushIDInt(int32(i))
			roleC := ui.OkColor()
			if m.Role == "user" {
				roleC = color.RGBA{R: 90, G: 160, B: 255, A: 255}
			}
			ui.ColorText(roleC, fmt.Sprintf("#%d %s", i+1, m.Role)).Build()
			if editable && fm.MMAMsgEdit != int32(i+1) {
				imgui.SameLine()
				ui.Button("Edit", fmt.Sprintf("msg-edit-%d", i), func() {
					fm.MMAMsgEdit, fm.MMAMsgText = int32(i+1), editText(m)
				}).Build()
				ui.Tooltip("Change this message before the worker goes on").Build()
				imgui.SameLine()
				ui.Button("Delete", fmt.Sprintf("msg-delete-%d", i), func() {
					msgs := slices.Delete(state.CloneTranscript(tk.Transcript), i, i+1)
					set(msgs, fmt.Sprintf("deleted message %d of %s", i+1, tk.ID))
				}).Build()
				ui.Tooltip("Remove this message from the worker's memory").Build()
			}
			if editable && fm.MMAMsgEdit == int32(i+1) {
				plain := len(m.Calls) == 0 && len(m.Results) == 0
				if !plain {
					ui.WrappedColorText(ui.DimColor(), "Text, tool calls and results as JSON:").Build()
				}
				g.InputTextMultiline(&fm.MMAMsgText).ID("##msg-text").Size(-1, imgui.TextLineHeight()*10).
					Flags(g.InputTextFlagsWordWrap | g.InputTextFlagsAllowTabInput).Build()
				ui.Button("Save", "msg-save", func() {
					msgs := state.CloneTranscript(tk.Transcript)
					if err := applyEdit(&msgs[i], fm.MMAMsgText); err != nil {
						fm.MMAMessage = err.Error()
						return
					}
					set(msgs, fmt.Sprintf("message %d of %s changed", i+1, tk.ID))
				}).Build()
				imgui.SameLine()
				ui.Button("Cancel", "msg-cancel", func() { fm.MMAMsgEdit, fm.MMAMsgText = 0, "" }).Build()
			} else {
				message(m)
			}
			g.Separator().Build()
			imgui.PopID()
		}
	})
}

// message draws one message of a conversation.
func message(m state.TicketMsg) {
	imgui.PushTextWrapPosV(0)
	defer imgui.PopTextWrapPos()
	if m.Text != "" {
		imgui.TextUnformatted(ui.FirstLines(m.Text, 60))
	}
	for _, c := range m.Calls {
		ui.ColorText(ui.WarnColor(), "→ "+c.Name+" "+ui.FirstLines(c.Args, 20)).Build()
	}
	for _, r := range m.Results {
		c := ui.DimColor()
		if r.IsError {
			c = ui.ErrorColor()
		}
		ui.ColorText(c, "← "+r.Name+": "+ui.FirstLines(r.Content, 20)).Build()
	}
}

// msgJSON is how a message with tool calls or results is edited.
type msgJSON struct {
	Text    string               `json:"text"`
	Calls   []state.TicketCall   `json:"calls,omitempty"`
	Results []state.TicketResult `json:"results,omitempty"`
}

// editText is a message as its editor shows it: its text alone, or, with
// tool calls or results, all of it as indented JSON.
func editText(m state.TicketMsg) string {
	if len(m.Calls) == 0 && len(m.Results) == 0 {
		return m.Text
	}
	b, _ := json.MarshalIndent(msgJSON{m.Text, m.Calls, m.Results}, "", "  ")
	return string(b)
}

// applyEdit puts the editor's text into m, as editText made it.
func applyEdit(m *state.TicketMsg, text string) error {
	if len(m.Calls) == 0 && len(m.Results) == 0 {
		m.Text = text
		return nil
	}
	var j msgJSON
	if err := json.Unmarshal([]byte(text), &j); err != nil {
		return fmt.Errorf("the message is not valid JSON: %w", err)
	}
	m.Text, m.Calls, m.Results = j.Text, j.Calls, j.Results
	return nil
}
