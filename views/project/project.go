package project

import (
	"errors"
	"fmt"
	"strings"

	g "github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/imgui"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ui"
)

// ProjectSettings edits the project: its name, root and output
// directories, the file entries (paths or globs) sent as context, with what
// each matches, and the screenshots. It also says where the project is
// saved and whether the last save worked.
func ProjectSettings(f *contract.Frame) {
	u := f.UI
	open, done := ui.Window(f, state.WindowProject)
	defer done()
	if !*open {
		return
	}
	var action func() // list changes run after the window is drawn

	const indent = 95
	files := g.Table().ID("##files").Flags(g.TableFlagsBordersInnerH|g.TableFlagsRowBg).Columns(
		g.TableColumn("Entry").Flags(g.TableColumnFlagsWidthStretch),
		g.TableColumn("Matches").Flags(g.TableColumnFlagsWidthFixed).InnerWidthOrWeight(150),
		g.TableColumn("##remove").Flags(g.TableColumnFlagsWidthFixed),
	)
	rows := make([]*g.TableRowWidget, 0, len(u.Project.Files))
	for i, p := range u.Project.Files {
		rows = append(rows, g.TableRow(
			g.Label(p),
			matchCount(f, p),
			ui.Button("Remove", fmt.Sprintf("rm-file-%d", i), func() {
				action = func() { u.Project.Files = state.RemoveAt(u.Project.Files, i) }
			}),
		))
	}
	files.Rows(rows...)

	shots := g.Table().ID("##screenshots").Flags(g.TableFlagsBordersInnerH|g.TableFlagsRowBg).Columns(
		g.TableColumn("Screenshot").Flags(g.TableColumnFlagsWidthStretch),
		g.TableColumn("##state").Flags(g.TableColumnFlagsWidthFixed).InnerWidthOrWeight(150),
		g.TableColumn("##remove").Flags(g.TableColumnFlagsWidthFixed),
	)
	rows = make([]*g.TableRowWidget, 0, len(u.Project.Screenshots))
	for i, p := range u.Project.Screenshots {
		var found g.Widget = ui.ColorText(ui.OkColor(), "found")
		if !f.Host.PathExists(p) {
			found = ui.ColorText(ui.ErrorColor(), "missing")
		}
		rows = append(rows, g.TableRow(
			g.Label(p),
			found,
			ui.Button("Remove", fmt.Sprintf("rm-shot-%d", i), func() {
				action = func() { u.Project.Screenshots = state.RemoveAt(u.Project.Screenshots, i) }
			}),
		))
	}
	shots.Rows(rows...)

	g.Window(state.WindowProject).IsOpen(open).Pos(640, f.Top+5).Size(630, 250).Layout(
		saveStatus(f),
		ui.Field("Name", indent, g.InputText(&u.Project.Name).ID("##project-name").Size(-1)),
		ui.Field("Root", indent, pathInput(f, &u.Project.Root, "##project-root", "directory the file entries are relative to")),
		ui.Field("Output dir", indent, pathInput(f, &u.Project.OutputDir, "##project-output", "where generated files go")),
		g.Separator(),
		g.Labelf("Files (%d entries)", len(u.Project.Files)),
		g.Custom(func() {
			if len(u.Project.Files) == 0 {
				ui.ColorText(ui.DimColor(), "No files yet: add a path or a glob below.").Build()
				return
			}
			files.Build()
		}),
		ui.InputWith(g.InputText(&u.Forms.NewFilePattern).ID("##new-file").Hint("path or glob, e.g. src/**/*.go").
			Flags(g.InputTextFlagsEnterReturnsTrue).OnChange(func() { u.AddFilePattern() }),
			ui.ButtonWidth("Add file"),
			ui.Button("Add file", "add-file", func() { u.AddFilePattern() }).Disabled(strings.TrimSpace(u.Forms.NewFilePattern) == "")),
		g.Separator(),
		g.Labelf("Screenshots (%d)", len(u.Project.Screenshots)),
		g.Custom(func() {
			if len(u.Project.Screenshots) == 0 {
				ui.ColorText(ui.DimColor(), "No screenshots.").Build()
				return
			}
			shots.Build()
		}),
		ui.InputWith(g.InputText(&u.Forms.NewScreenshot).ID("##new-screenshot").Hint("path to an image, e.g. shots/bug.png").
			Flags(g.InputTextFlagsEnterReturnsTrue).OnChange(func() { u.AddScreenshot() }),
			ui.ButtonWidth("Add screenshot"),
			ui.Button("Add screenshot", "add-screenshot", func() { u.AddScreenshot() }).Disabled(strings.TrimSpace(u.Forms.NewScreenshot) == "")),
	)
	if action != nil {
		action()
	}
}

// matchCount says how many files a file entry matches: "12 files", "no
// match" in yellow, or the error in red.
func matchCount(f *contract.Frame, pattern string) g.Widget {
	n, err := f.Host.FileMatches(pattern)
	switch {
	case err != nil && isPending(err):
		return ui.ColorText(ui.DimColor(), err.Error())
	case err != nil:
		return g.Custom(func() {
			ui.ColorText(ui.ErrorColor(), "error").Build()
			ui.Tooltip(err.Error()).Build()
		})
	case n == 0:
		return ui.ColorText(ui.WarnColor(), "no match")
	case n == 1:
		return g.Label("1 file")
	}
	return g.Labelf("%d files", n)
}

// isPending tells the host's "still counting" answer from a real error.
func isPending(err error) bool { return errors.Is(err, contract.ErrCounting) }

// pathInput is an input for a directory, flagged "does not exist" in red
// when the host cannot find it.
func pathInput(f *contract.Frame, p *string, id, hint string) g.Widget {
	input := g.InputText(p).ID(g.ID(id)).Hint(hint)
	if strings.TrimSpace(*p) == "" || f.Host.PathExists(*p) {
		return input.Size(-1)
	}
	const missing = "does not exist"
	return ui.InputWith(input, ui.TextWidth(missing), ui.ColorText(ui.ErrorColor(), missing))
}

// saveStatus is the project file's path and whether it is saved.
func saveStatus(f *contract.Frame) g.Widget {
	p := f.Project
	path := p.Path
	if path == "" {
		path = "(not saved to a file yet)"
	}
	var status g.Widget
	switch {
	case p.SaveError != "":
		status = ui.ColorText(ui.ErrorColor(), "save failed")
	case p.Dirty:
		status = ui.ColorText(ui.WarnColor(), "unsaved changes")
	case !p.SavedAt.IsZero():
		status = ui.ColorText(ui.OkColor(), "saved "+p.SavedAt.Format("15:04:05")+" ("+ui.Ago(f.Now, p.SavedAt)+")")
	default:
		status = ui.ColorText(ui.DimColor(), "not saved yet")
	}
	return g.Custom(func() {
		ui.ColorText(ui.DimColor(), "File").Build()
		imgui.SameLineV(95, -1)
		imgui.TextUnformatted(path)
		imgui.SameLine()
		status.Build()
		if p.SaveError != "" {
			ui.WrappedColorText(ui.ErrorColor(), p.SaveError).Build()
		}
	})
}
