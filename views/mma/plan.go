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

// planPane is tier 1: the goal and Plan, "planning…" with the answer as
// it streams, the plan's error with Retry, and the proposed tracks, each
// with Accept, Edit (title, brief and files, then Accept the edited one)
// and Reject. Nothing runs unasked: an accepted track has no tickets yet.
func planPane(f *contract.Frame, v *contract.MMAView) []g.Widget {
	u, eng := f.UI, f.MMA
	plan := func() {
		goal := strings.TrimSpace(u.Forms.MMAGoal)
		if goal == "" {
			u.Forms.MMAMessage = "write a goal first: what should the tracks achieve?"
			return
		}
		u.Forms.MMAEditing = 0
		eng.Plan(goal)
	}
	out := []g.Widget{
		g.Custom(func() {
			imgui.AlignTextToFramePadding()
			imgui.TextUnformatted("Goal")
			imgui.SameLine()
			ui.InputWith(g.InputText(&u.Forms.MMAGoal).ID("##mma-goal").Hint("what should be done, e.g. add a --verbose flag").
				Flags(g.InputTextFlagsEnterReturnsTrue).OnChange(plan),
				ui.ButtonWidth("Plan"), ui.Button("Plan", "mma-plan", plan).Disabled(v.Planning)).Build()
			ui.Tooltip("Ask the tier-1 model for tracks toward the goal; they are proposed, not run").Build()
		}),
	}
	switch {
	case v.Planning:
		out = append(out, ui.ColorText(ui.WarnColor(), "planning… (tier 1: "+v.Goal+")"), streamBox("##tier1-stream", v.PlanStream, -1))
		return out
	case v.PlanError != "":
		out = append(out,
			ui.WrappedColorText(ui.ErrorColor(), "The plan failed: "+v.PlanError),
			ui.Button("Retry", "plan-retry", func() { eng.Plan(v.Goal) }),
			ui.Tooltip("Ask again for: "+v.Goal),
		)
	}
	if len(v.Proposals) == 0 {
		if v.PlanError == "" {
			out = append(out, ui.WrappedColorText(ui.DimColor(), "No tracks proposed. Write a goal and press Plan."))
		}
		return out
	}
	out = append(out, g.Labelf("Tracks proposed for %q:", v.Goal))
	var rows []g.Widget
	for i, p := range v.Proposals {
		rows = append(rows, proposal(u, eng, v, i, p)...)
	}
	return append(out, g.Child().ID("##proposals").Size(-1, -1).Layout(rows...))
}

// proposal is one proposed track: its title, brief and files with Accept,
// Edit and Reject, or, while edited (Forms.MMAEditing), the form.
func proposal(u *state.UI, eng contract.MMA, v *contract.MMAView, i int, p contract.MMAProposal) []g.Widget {
	fm := &u.Forms
	id := fmt.Sprint(i)
	accept := func(p contract.MMAProposal) {
		trackID, err := eng.AcceptTrack(i, p)
		if err != nil {
			fm.MMAMessage = err.Error()
			return
		}
		gone(fm, i)
		fm.MMAMessage = okPrefix + "accepted " + p.Title + " as " + trackID + ": Make tickets next"
		if len(v.Proposals) == 1 { // the last one: show it
			fm.MMAPick = trackID
		}
	}
	if int(fm.MMAEditing) == i+1 {
		edited := func() contract.MMAProposal {
			return contract.MMAProposal{Title: strings.TrimSpace(fm.MMATitle), Brief: strings.TrimSpace(fm.MMABrief), Files: splitList(fm.MMAFiles)}
		}
		return []g.Widget{
			g.Separator(),
			ui.Row(
				ui.Button("Accept", "accept-edited-"+id, func() {
					if p := edited(); p.Title == "" {
						fm.MMAMessage = "a track needs a title"
					} else {
						accept(p)
					}
				}),
				ui.Tooltip("Add the track as edited here"),
				ui.Button("Cancel", "cancel-edit-"+id, func() { fm.MMAEditing = 0 }),
				ui.ColorText(ui.WarnColor(), fmt.Sprintf("editing %d.", i+1)),
			),
			ui.Field("Title", 50, g.InputText(&fm.MMATitle).ID("##edit-title-"+g.ID(id)).Size(-1)),
			ui.Field("Files", 50, g.InputText(&fm.MMAFiles).ID("##edit-files-"+g.ID(id)).Hint("paths, comma separated").Size(-1)),
			g.Label("Brief"),
			g.InputTextMultiline(&fm.MMABrief).ID("##edit-brief-"+g.ID(id)).Size(-1, imgui.TextLineHeight()*5).
				Flags(g.InputTextFlagsWordWrap),
		}
	}
	files := "no files named"
	if len(p.Files) > 0 {
		files = "files: " + strings.Join(p.Files, ", ")
	}
	return []g.Widget{
		g.Separator(),
		ui.Row(
			ui.Button("Accept", "accept-"+id, func() { accept(p) }),
			ui.Tooltip("Add this track (no tickets yet: Make tickets next)"),
			ui.Button("Edit", "edit-"+id, func() {
				fm.MMAEditing, fm.MMATitle, fm.MMABrief, fm.MMAFiles = int32(i+1), p.Title, p.Brief, strings.Join(p.Files, ", ")
			}),
			ui.Tooltip("Change its title, brief and files before accepting it"),
			ui.Button("Reject", "reject-"+id, func() {
				eng.RejectTrack(i)
				gone(fm, i)
			}),
			ui.ColorText(ui.OkColor(), fmt.Sprintf("%d. %s", i+1, p.Title)),
		),
		g.Custom(func() {
			imgui.PushTextWrapPosV(0)
			imgui.TextUnformatted(p.Brief)
			ui.ColorText(ui.DimColor(), files).Build()
			imgui.PopTextWrapPos()
		}),
	}
}

// gone keeps Forms.MMAEditing on the same proposal after proposal i left
// the list (accepted or rejected); 0 if it was the one edited.
func gone(fm *state.Forms, i int) {
	switch {
	case fm.MMAEditing == int32(i+1):
		fm.MMAEditing = 0
	case fm.MMAEditing > int32(i+1):
		fm.MMAEditing--
	}
}

// splitList splits a comma (or line) separated list, trimmed, blanks
// dropped: file paths may hold spaces.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
