package views

import (
	"fmt"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
)

// DiscussionHub shows the active discussion's entries above a composer that
// adds new ones. The split between the two is kept in UI.DiscussionSplit.
func DiscussionHub(f *contract.Frame) {
	u := f.UI
	open, done := window(f, state.WindowDiscussion)
	defer done()
	if !*open {
		return
	}
	d := u.ActiveDisc()

	history := make([]g.Widget, 0, len(d.Entries))
	for i, e := range d.Entries {
		history = append(history, g.Row(
			g.Labelf("%d [%s]", i+1, e.Role),
			g.Label(e.Text).Wrapped(true),
		))
	}
	roles := state.RoleNames()
	role := roles[0]
	if int(u.ComposerRole) < len(roles) && u.ComposerRole >= 0 {
		role = roles[u.ComposerRole]
	}

	g.Window(state.WindowDiscussion).IsOpen(open).Pos(10, 50).Size(620, 740).Layout(
		g.Label(fmt.Sprintf("Discussion: %s (%d entries)", d.Name, len(d.Entries))),
		g.SplitLayout(g.DirectionHorizontal, &u.DiscussionSplit,
			g.Layout(history),
			g.Layout{
				g.Label("Composer"),
				g.Row(
					g.Combo("Role", role, roles, &u.ComposerRole).Size(110),
					g.Button("Add").OnClick(func() { u.SubmitComposer(f.Now) }),
				),
				g.InputTextMultiline(&u.ComposerText).ID("##composer").Size(-1, -1),
			},
		).ID("discussion-split"),
	)
}
