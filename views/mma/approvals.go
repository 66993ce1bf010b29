package mma

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	g "github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/imgui"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ui"
)

// ApprovalWindow is the title of the window the engine's questions wait
// in.
const ApprovalWindow = "MMA approval"

// approvalWindow shows the engine's questions (the oldest first, or the
// one chosen in its list): what is asked, its detail (a write's diff, the
// request a step-mode turn sends) and its arguments, editable before
// Approve: a JSON object of strings is edited field by field (a spawn's
// system prompt and context, a write's path and content, a command), any
// other as raw text. Forms.MMAAskID is the question shown and
// Forms.MMAAskArgs its arguments as edited; what Approve sends is them.
// It opens whenever a question waits, whether the dashboard is open or
// not, and has no close button: Approve or Abort answers.
func approvalWindow(f *contract.Frame, v *contract.MMAView) {
	fm := &f.UI.Forms
	qs := v.Questions
	if len(qs) == 0 {
		if fm.MMAAskID != "" {
			fm.MMAAskID, fm.MMAAskArgs = "", ""
		}
		return
	}
	cur := slices.IndexFunc(qs, func(q contract.MMAQuestion) bool { return q.ID == fm.MMAAskID })
	if cur < 0 {
		cur = 0
		fm.MMAAskID, fm.MMAAskArgs = qs[0].ID, qs[0].Args
	}
	q := qs[cur]
	answer := func(yes bool) {
		args := ""
		if yes {
			args = fm.MMAAskArgs
		}
		if err := f.MMA.Answer(q.ID, yes, args); err != nil {
			fm.MMAMessage = err.Error()
			return
		}
		fm.MMAAskID, fm.MMAAskArgs = "", ""
	}
	c := imgui.MainViewport().Center()
	const w, h = 680, 480
	g.Window(ApprovalWindow).Flags(g.WindowFlagsNoCollapse|g.WindowFlagsNoSavedSettings).
		Pos(c.X-w/2, max(f.Top+10, c.Y-h/2)).Size(w, h).Layout(
		questionList(fm, qs, cur),
		ui.Row(ui.ColorText(ui.WarnColor(), kindLabel(q.Kind)), g.Label(q.Title)),
		ui.WrappedColorText(ui.DimColor(), kindHelp(q)),
		g.Custom(func() {
			buttons := imgui.FrameHeightWithSpacing() + imgui.CurrentStyle().ItemSpacing().Y
			avail := imgui.ContentRegionAvail().Y - buttons
			fs, ok := fields(fm.MMAAskArgs)
			showDetail := q.Detail != "" && q.Kind != "spawn"
			hasArgs := strings.TrimSpace(q.Args) != ""
			detailH := avail
			if hasArgs {
				detailH = avail * 0.4
			}
			if showDetail {
				detailBox(q, detailH)
				avail -= detailH + imgui.CurrentStyle().ItemSpacing().Y
			}
			if hasArgs {
				argsEditor(fm, q, fs, ok, avail)
			}
		}),
		ui.Row(
			ui.Button("Approve", "mma-approve", func() { answer(true) }),
			ui.Tooltip("Go ahead, with the arguments as they are in the boxes above"),
			ui.Button("Abort", "mma-abort", func() { answer(false) }),
			ui.Tooltip("Refuse: the worker is told, or (a spawn, a turn) stops and waits for Resume"),
			ui.Button("Reset", "mma-reset", func() { fm.MMAAskArgs = q.Args }).Disabled(fm.MMAAskArgs == q.Args),
			ui.Tooltip("Put the arguments back as the worker asked"),
			ui.ColorText(ui.DimColor(), q.ID+"  "+q.Track+"/"+q.Ticket),
		),
	)
}

// questionList lets the user choose among several waiting questions.
func questionList(fm *state.Forms, qs []contract.MMAQuestion, cur int) g.Widget {
	return g.Custom(func() {
		if len(qs) < 2 {
			return
		}
		imgui.AlignTextToFramePadding()
		imgui.TextUnformatted(fmt.Sprintf("%d waiting:", len(qs)))
		for i, q := range qs {
			imgui.SameLine()
			label := q.Ticket + " " + q.Kind
			if i == cur {
				label = "[" + label + "]"
			}
			if imgui.SmallButton(label + "##ask-" + q.ID) {
				fm.MMAAskID, fm.MMAAskArgs = q.ID, q.Args
			}
			ui.Tooltip(q.Title).Build()
		}
	})
}

// kindLabel names a question's kind for its header.
func kindLabel(kind string) string {
	switch kind {
	case "spawn":
		return "Start a worker:"
	case "turn":
		return "Model turn:"
	case "tool":
		return "Tool call:"
	case "edit":
		return "File change:"
	}
	return kind + ":"
}

// kindHelp says what approving a question does.
func kindHelp(q contract.MMAQuestion) string {
	switch q.Kind {
	case "spawn":
		return "Ticket " + q.Ticket + "'s worker is about to start. Edit its system prompt and context: what you approve is what is sent."
	case "turn":
		return "Step mode: the worker's next request to its model. Approve sends it."
	case "tool":
		return "The worker wants to run this tool. Edit the arguments before approving if you like."
	case "edit":
		return "The worker wants to change a file (the diff below). Edit the arguments to change what is written: what you approve is applied, once."
	}
	return ""
}

// detailBox shows a question's detail in a scrolling box of height h: a
// diff coloured by line (only the lines in view are drawn).
func detailBox(q contract.MMAQuestion, h float32) {
	lines := strings.Split(strings.TrimRight(q.Detail, "\n"), "\n")
	diff := q.Kind == "edit"
	g.Child().ID(g.ID("##ask-detail-"+q.ID)).Border(true).Size(-1, h).Layout(g.Custom(func() {
		clip := imgui.NewListClipper()
		defer clip.Destroy()
		clip.Begin(int32(len(lines)))
		for clip.Step() {
			for i := clip.DisplayStart(); i < clip.DisplayEnd(); i++ {
				l := lines[i]
				switch {
				case diff && strings.HasPrefix(l, "+") && !strings.HasPrefix(l, "+++"):
					ui.ColorText(ui.OkColor(), l).Build()
				case diff && strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "---"):
					ui.ColorText(ui.ErrorColor(), l).Build()
				case diff && strings.HasPrefix(l, "@@"):
					ui.ColorText(ui.DimColor(), l).Build()
				default:
					imgui.TextUnformatted(l)
				}
			}
		}
	})).Build()
}

// argsEditor edits Forms.MMAAskArgs in height h: field by field when they
// are a JSON object of strings (fs), else as raw text.
func argsEditor(fm *state.Forms, q contract.MMAQuestion, fs []field, ok bool, h float32) {
	flags := g.InputTextFlagsWordWrap | g.InputTextFlagsAllowTabInput
	if !ok {
		imgui.TextUnformatted("Arguments:")
		g.InputTextMultiline(&fm.MMAAskArgs).ID(g.ID("##ask-args-"+q.ID)).Size(-1, max(h-imgui.TextLineHeightWithSpacing(), imgui.TextLineHeight()*3)).
			Flags(flags).Build()
		return
	}
	multi := 0
	for _, f := range fs {
		if !oneLine(f) {
			multi++
		}
	}
	st := imgui.CurrentStyle()
	single := float32(len(fs)-multi) * (imgui.FrameHeightWithSpacing())
	boxH := (h - single - float32(multi)*(imgui.TextLineHeightWithSpacing()+st.ItemSpacing().Y)) / float32(max(multi, 1))
	boxH = max(boxH, imgui.TextLineHeight()*3)
	for i := range fs {
		val := fs[i].value
		id := g.ID("##ask-" + q.ID + "-" + fs[i].key)
		if oneLine(fs[i]) {
			ui.Field(argLabel(fs[i].key), 90, g.InputText(&val).ID(id).Size(-1)).Build()
		} else {
			imgui.TextUnformatted(argLabel(fs[i].key))
			g.InputTextMultiline(&val).ID(id).Size(-1, boxH).Flags(flags).Build()
		}
		if val != fs[i].value {
			fs[i].value = val
			fm.MMAAskArgs = encode(fs)
		}
	}
}

// oneLine says whether a field is edited on one line (a path, a short
// command).
func oneLine(f field) bool {
	switch f.key {
	case "path", "command", "pattern", "glob", "dir":
		return !strings.Contains(f.value, "\n") && len(f.value) < 200
	}
	return false
}

// argLabel is a field's label.
func argLabel(key string) string {
	switch key {
	case "path":
		return "File"
	case "system":
		return "System prompt"
	case "context":
		return "Context"
	case "content":
		return "New file text"
	case "old_text":
		return "Replace"
	case "new_text":
		return "With"
	}
	return key
}

// field is one member of a JSON object of strings, in order.
type field struct{ key, value string }

// fields decodes args as a JSON object whose values are all strings,
// keeping their order; false for anything else.
func fields(args string) ([]field, bool) {
	dec := json.NewDecoder(strings.NewReader(args))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	var out []field
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, false
		}
		k, _ := t.(string)
		var s string
		if err := dec.Decode(&s); err != nil {
			return nil, false
		}
		out = append(out, field{k, s})
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return nil, false
	}
	if _, err := dec.Token(); err == nil { // something after the object
		return nil, false
	}
	slices.SortStableFunc(out, func(a, b field) int { return fieldRank(a.key) - fieldRank(b.key) })
	return out, len(out) > 0
}

// fieldOrder is the order known fields are shown in: what is changed, then
// how; others follow in their own order.
var fieldOrder = []string{"path", "command", "system", "context", "old_text", "new_text", "content"}

func fieldRank(key string) int {
	if i := slices.Index(fieldOrder, key); i >= 0 {
		return i
	}
	return len(fieldOrder)
}

// encode is fs as a JSON object, in their order.
func encode(fs []field) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.key)
		v, _ := json.Marshal(f.value)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.String()
}
