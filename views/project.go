package views

import (
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
)

// ProjectSettings edits the project's name and its list of context files.
func ProjectSettings(f *contract.Frame) {
	u := f.UI
	open, done := window(f, state.WindowProject)
	defer done()
	if !*open {
		return
	}

	files := make([]g.Widget, 0, len(u.Project.Files))
	for i, p := range u.Project.Files {
		files = append(files, g.Row(
			g.Button("x##rm-file-"+p).OnClick(func() {
				u.Project.Files = append(u.Project.Files[:i:i], u.Project.Files[i+1:]...)
			}),
			g.Label(p),
		))
	}

	g.Window(state.WindowProject).IsOpen(open).Pos(640, 50).Size(630, 300).Layout(
		g.InputText(&u.Project.Name).Label("Project name").ID("##project-name"),
		g.Separator(),
		g.Labelf("Files (%d)", len(u.Project.Files)),
		g.Child().ID("files").Size(-1, 150).Layout(files...),
		g.Row(
			g.InputText(&u.Forms.NewFilePattern).Hint("path or glob, e.g. src/**/*.go").ID("##new-file").Size(400),
			g.Button("Add file").OnClick(func() { u.AddFilePattern() }),
		),
	)
}
