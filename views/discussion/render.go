package discussion

import (
	"fmt"

	g "github.com/slopgui/slopgui/gui"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ui"
)

// rendered reports whether entry e is drawn as rendered markdown: an AI
// answer in Read mode.
func rendered(e *state.Entry) bool { return e.Role == state.RoleAI && !e.Editing }

// readEditLabel is the Read / Edit toggle's label for e: what a click
// switches to.
func readEditLabel(e *state.Entry) string {
	if e.Editing {
		return "Read"
	}
	return "Edit"
}

// readEditButton toggles entry i between its rendered answer and its raw
// text box; nil for entries that are not AI answers.
func readEditButton(d *state.Discussion, i int) g.Widget {
	e := &d.Entries[i]
	if e.Role != state.RoleAI {
		return nil
	}
	return g.Layout{
		ui.Button(readEditLabel(e), fmt.Sprintf("readedit-%d", i), func() {
			d.Entries[i].Editing = !d.Entries[i].Editing
		}),
		ui.Tooltip("Read: the answer rendered as markdown. Edit: its raw text, editable"),
	}
}

// answerView draws an AI entry's text rendered as markdown (parsed by the
// host, once per text); false when its text is too long to render, for
// the caller to show it raw.
func answerView(f *contract.Frame, e *state.Entry, i int) bool {
	doc := f.Host.Doc(e.Text)
	if doc == nil {
		return false
	}
	if len(doc.Blocks) == 0 {
		ui.ColorText(ui.DimColor(), "(empty)").Build()
		return true
	}
	g.Markdown(doc).ID(fmt.Sprint(i)).OnLink(func(url string) {
		f.UI.Forms.OpenLink, f.UI.Forms.LinkError = url, ""
	}).Build()
	return true
}

// linkDialog asks before a clicked link is opened in the browser.
func linkDialog(f *contract.Frame) {
	u := f.UI
	if u.Forms.OpenLink == "" {
		return
	}
	open := true
	g.Window("Open link?").IsOpen(&open).
		Flags(g.WindowFlagsNoCollapse|g.WindowFlagsNoSavedSettings).
		Pos(340, 260).Size(520, 170).Layout(
		g.Label("Open this address in your browser?"),
		ui.WrappedColorText(ui.WarnColor(), u.Forms.OpenLink),
		g.Custom(func() {
			if u.Forms.LinkError != "" {
				ui.WrappedColorText(ui.ErrorColor(), u.Forms.LinkError).Build()
			}
			g.Spacing().Build()
		}),
		ui.Row(
			ui.Button("Open", "link-open", func() {
				if err := f.Host.OpenURL(u.Forms.OpenLink); err != nil {
					u.Forms.LinkError = err.Error()
					return
				}
				u.Forms.OpenLink, u.Forms.LinkError = "", ""
			}),
			ui.Button("Cancel", "link-cancel", func() { u.Forms.OpenLink, u.Forms.LinkError = "", "" }),
		),
	)
	if !open {
		u.Forms.OpenLink, u.Forms.LinkError = "", ""
	}
}
