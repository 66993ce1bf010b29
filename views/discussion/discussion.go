package discussion

import (
	"fmt"
	"slices"
	"strings"

	"github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ui"
)

// sendNotYet is the Send button's tooltip.
const sendNotYet = "Sending to a model is not built yet: a later issue adds the AI provider. " +
	"Use Add to record entries by hand."

// DiscussionHub manages discussions (select, new, rename, delete) and shows
// the active one's entries, each editable in place, above a composer that
// adds new ones. The split between the two is kept in UI.DiscussionSplit.
func DiscussionHub(f *contract.Frame) {
	u := f.UI
	open, done := ui.Window(f, state.WindowDiscussion)
	defer done()
	if !*open {
		return
	}
	d := u.ActiveDisc()
	var action func() // changes to the lists run after the window is drawn

	startRename := false // Rename was clicked this frame: focus the name
	names := u.DiscussionNames()
	active := int32(u.ActiveDiscussion)
	selector := g.Custom(func() {
		newW, renW, delW := ui.ButtonWidth("New"), ui.ButtonWidth("Rename"), ui.ButtonWidth("Delete")
		g.Combo("##discussion", names[active], names, &active).Size(160).
			OnChange(func() {
				u.ActiveDiscussion = int(active)
				u.Forms.Renaming = false
			}).Build()
		imgui.SameLine()
		create := func() {
			u.NewDiscussion(u.Forms.NewDiscussionName)
			u.Forms.NewDiscussionName = ""
			u.Forms.Renaming = false
		}
		g.InputText(&u.Forms.NewDiscussionName).ID("##new-discussion").Hint("new discussion name").
			Size(-(newW + renW + delW)).Flags(g.InputTextFlagsEnterReturnsTrue).OnChange(create).Build()
		imgui.SameLine()
		ui.Button("New", "disc-new", create).Build()
		imgui.SameLine()
		ui.Button("Rename", "disc-rename", func() {
			startRename = true
			u.Forms.Renaming = true
			u.Forms.RenameTo = d.Name
		}).Build()
		imgui.SameLine()
		ui.Button("Delete", "disc-delete", func() {
			i := u.ActiveDiscussion
			action = func() { _ = u.DeleteDiscussion(i) }
		}).Build()
		ui.Tooltip("Delete this discussion (the last one is emptied instead)").Build()
	})

	rename := g.Custom(func() {
		if !u.Forms.Renaming {
			return
		}
		// Check the name as RenameDiscussion would, on a copy, so the
		// reason shows while typing and OK is only offered when it works.
		trial := state.UI{Discussions: slices.Clone(u.Discussions)}
		renameErr := trial.RenameDiscussion(u.ActiveDiscussion, u.Forms.RenameTo)
		okW, cancelW := ui.ButtonWidth("OK"), ui.ButtonWidth("Cancel")
		imgui.AlignTextToFramePadding()
		imgui.TextUnformatted("Rename to")
		imgui.SameLine()
		apply := func() {
			if err := u.RenameDiscussion(u.ActiveDiscussion, u.Forms.RenameTo); err == nil {
				u.Forms.Renaming = false
			}
		}
		g.InputText(&u.Forms.RenameTo).ID("##rename-to").Size(-(okW + cancelW)).Focus(startRename).
			Flags(g.InputTextFlagsEnterReturnsTrue).OnChange(apply).Build()
		imgui.SameLine()
		ui.Button("OK", "rename-ok", apply).Disabled(renameErr != nil).Build()
		imgui.SameLine()
		ui.Button("Cancel", "rename-cancel", func() { u.Forms.Renaming = false }).Build()
		if renameErr != nil {
			ui.ColorText(ui.ErrorColor(), renameErr.Error()).Build()
		}
	})

	history := make([]g.Widget, 0, len(d.Entries)*2)
	for i := range d.Entries {
		history = append(history, entryView(f, d, i, &action))
	}
	if len(d.Entries) == 0 {
		history = append(history, ui.ColorText(ui.DimColor(), "No entries yet: write one in the composer below and press Add."))
	}

	roles := state.RoleNames()
	role := roles[0]
	if int(u.ComposerRole) < len(roles) && u.ComposerRole >= 0 {
		role = roles[u.ComposerRole]
	}

	g.Window(state.WindowDiscussion).IsOpen(open).Pos(10, f.Top+5).Size(620, 790-f.Top-5).Layout(
		selector,
		rename,
		ui.Row(
			g.Labelf("%d entries", len(d.Entries)),
			ui.Button("Collapse all", "collapse-all", func() { d.SetAllCollapsed(true) }),
			ui.Button("Expand all", "expand-all", func() { d.SetAllCollapsed(false) }),
		),
		g.SplitLayout(g.DirectionHorizontal, &u.DiscussionSplit,
			g.Layout(history),
			g.Layout{
				ui.Row(
					g.Label("Composer"),
					g.Combo("##composer-role", role, roles, &u.ComposerRole).Size(110),
					ui.Button("Add", "composer-add", func() { u.SubmitComposer(f.Now) }).
						Disabled(strings.TrimSpace(u.ComposerText) == ""),
					ui.Tooltip("Add the text as an entry with the chosen role"),
					ui.Button("Send", "composer-send", nil).Disabled(true),
					ui.Tooltip(sendNotYet),
				),
				g.InputTextMultiline(&u.ComposerText).ID("##composer").Size(-1, -1).Flags(g.InputTextFlagsWordWrap),
			},
		).ID("##discussion-split"),
	)
	if action != nil {
		action()
	}
}

// entryView draws entry i of d: a header (number, role, time, collapse,
// move up / down, delete) and, when expanded, its text, editable in place.
// Changes to the list are left in *action.
func entryView(f *contract.Frame, d *state.Discussion, i int, action *func()) g.Widget {
	e := d.Entries[i]
	roles := state.RoleNames()
	role := int32(slices.Index(state.Roles, e.Role))
	preview := string(e.Role)
	when := "-"
	if !e.Time.IsZero() {
		when = e.Time.Format("2006-01-02 15:04")
	}
	toggle := g.DirectionDown
	if e.Collapsed {
		toggle = g.DirectionRight
	}
	id := func(what string) g.ID { return g.ID(fmt.Sprintf("##%s-%d", what, i)) }

	return g.Custom(func() {
		imgui.PushIDInt(int32(i))
		defer imgui.PopID()
		rightEdge := imgui.CursorPosX() + imgui.ContentRegionAvail().X
		g.ArrowButton(toggle).ID(id("toggle")).OnClick(func() {
			d.Entries[i].Collapsed = !d.Entries[i].Collapsed
		}).Build()
		ui.Tooltip("Collapse / expand").Build()
		imgui.SameLine()
		ui.ColorText(ui.DimColor(), fmt.Sprintf("#%d", i+1)).Build()
		imgui.SameLine()
		g.Combo("", preview, roles, &role).ID(id("role")).Size(90).OnChange(func() {
			d.Entries[i].Role = state.Roles[role]
		}).Build()
		imgui.SameLine()
		ui.ColorText(ui.DimColor(), when).Build()
		if e.Collapsed {
			imgui.SameLine()
			ui.ColorText(ui.DimColor(), oneLine(e.Text, 40)).Build()
		}
		upW := imgui.FrameHeight() + imgui.CurrentStyle().ItemSpacing().X
		right := upW*2 + ui.ButtonWidth("Delete")
		imgui.SameLine()
		if x := rightEdge - right; x > imgui.CursorPosX() {
			imgui.SetCursorPosX(x)
		}
		g.ArrowButton(g.DirectionUp).ID(id("up")).OnClick(func() {
			*action = func() { d.MoveEntry(i, -1) }
		}).Build()
		ui.Tooltip("Move up").Build()
		imgui.SameLine()
		g.ArrowButton(g.DirectionDown).ID(id("down")).OnClick(func() {
			*action = func() { d.MoveEntry(i, 1) }
		}).Build()
		ui.Tooltip("Move down").Build()
		imgui.SameLine()
		ui.Button("Delete", fmt.Sprintf("del-%d", i), func() {
			*action = func() { d.DeleteEntry(i) }
		}).Build()
		if e.Collapsed {
			return
		}
		// As tall as the text, wrapped, up to 20 lines; it scrolls after.
		st := imgui.CurrentStyle()
		width := imgui.ContentRegionAvail().X
		textH := imgui.CalcTextSizeV(d.Entries[i].Text, false, width-st.FramePadding().X*2-st.ScrollbarSize()).Y
		h := min(max(textH, imgui.TextLineHeight()), imgui.TextLineHeight()*20) + st.FramePadding().Y*2 + 2
		g.InputTextMultiline(&d.Entries[i].Text).ID(id("text")).Size(-1, h).Flags(g.InputTextFlagsWordWrap).Build()
	})
}

// oneLine is the start of s on one line, at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
