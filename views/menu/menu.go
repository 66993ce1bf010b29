package menu

import (
	"strconv"
	"strings"

	g "github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/imgui"

	"github.com/slopgui/slopgui/assets"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/theme"
	"github.com/slopgui/slopgui/views/ui"
)

// problemPopup is the ImGui name of the project-file-problem modal.
const problemPopup = "Project file problem"

// MainMenu draws the main menu bar (File, Edit, View, Theme, Help), the
// dialogs it opens (kept open by UI.Dialogs) and the project-file-problem
// modal, and handles Ctrl+S and the undo keys.
func MainMenu(f *contract.Frame) {
	u := f.UI
	if imgui.IsKeyChordPressed(imgui.KeyChord(imgui.ModCtrl | imgui.KeyS)) {
		_ = f.Host.SaveProject() // a failure shows in Project Settings
	}
	undoKeys(f)

	view := make([]g.Widget, 0, len(state.Windows))
	for _, w := range state.Windows {
		view = append(view, g.MenuItem(w).Selected(u.ShowWindows[w]).OnClick(func() {
			if u.ShowWindows == nil {
				u.ShowWindows = map[string]bool{}
			}
			u.ShowWindows[w] = !u.ShowWindows[w]
		}))
	}
	themes := []g.Widget{}
	for _, t := range theme.All() {
		themes = append(themes, g.MenuItem(t.Name).Selected(t.Name == u.Theme).OnClick(func() { u.Theme = t.Name }))
	}

	g.MainMenuBar().Layout(
		g.Menu("File").Layout(
			g.MenuItem("New").OnClick(f.Host.NewProject),
			g.MenuItem("Open…").OnClick(func() { u.Dialogs.Open = true }),
			g.MenuItem("Save").Shortcut("Ctrl+S").OnClick(func() { _ = f.Host.SaveProject() }),
			g.MenuItem("Save As…").OnClick(func() {
				if u.Forms.SaveAsPath == "" {
					u.Forms.SaveAsPath = f.Project.Path
				}
				u.Dialogs.SaveAs = true
			}),
			g.Separator(),
			g.MenuItem("Quit").OnClick(f.Host.Quit),
		),
		editMenu(f),
		g.Menu("View").Layout(view...),
		g.Menu("Theme").Layout(themes...),
		g.Menu("Help").Layout(
			g.MenuItem("About").OnClick(func() { u.Dialogs.About = true }),
			g.MenuItem("Keyboard shortcuts").OnClick(func() { u.Dialogs.Shortcuts = true }),
		),
	).Build()

	openDialog(f)
	saveAsDialog(f)
	aboutDialog(f)
	shortcutsDialog(f)
	problemModal(f)
}

// undoKeys: Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo, when no item is
// active. A text box being typed in keeps the keys for its own undo of
// the text (ImGui's); once it is left, Ctrl+Z takes the whole burst of
// typing back.
func undoKeys(f *contract.Frame) {
	if imgui.IsAnyItemActive() {
		return
	}
	ctrl := imgui.ModCtrl
	switch {
	case imgui.IsKeyChordPressed(imgui.KeyChord(ctrl | imgui.ModShift | imgui.KeyZ)),
		imgui.IsKeyChordPressed(imgui.KeyChord(ctrl | imgui.KeyY)):
		f.Host.Redo()
	case imgui.IsKeyChordPressed(imgui.KeyChord(ctrl | imgui.KeyZ)):
		f.Host.Undo()
	}
}

// editMenu offers Undo and Redo, saying what they would do ("Undo delete
// entry"), greyed out when there is nothing to undo or redo.
func editMenu(f *contract.Frame) g.Widget {
	undo, redo := f.Host.UndoLabels()
	return g.Menu("Edit").Layout(
		g.MenuItem(UndoItem("Undo", undo)).Shortcut("Ctrl+Z").Disabled(undo == "").OnClick(f.Host.Undo),
		g.MenuItem(UndoItem("Redo", redo)).Shortcut("Ctrl+Shift+Z").Disabled(redo == "").OnClick(f.Host.Redo),
	)
}

// UndoItem is the menu item's label: "Undo delete entry", or "Undo".
func UndoItem(verb, what string) string {
	if what == "" {
		return verb
	}
	return verb + " " + what
}

// dialogFlags are the flags of the small dialog windows.
const dialogFlags = g.WindowFlagsNoCollapse | g.WindowFlagsNoSavedSettings

// center returns the position that centres a w×h window in the viewport.
func center(w, h float32) (x, y float32) {
	vp := imgui.MainViewport()
	pos, size := vp.Pos(), vp.Size()
	return pos.X + (size.X-w)/2, pos.Y + (size.Y-h)/2
}

// openDialog asks for a project file to open, offering the recent ones.
func openDialog(f *contract.Frame) {
	u := f.UI
	if !u.Dialogs.Open {
		return
	}
	open := func(path string) {
		path = strings.TrimSpace(path)
		if path == "" {
			return
		}
		// The open runs in the background: the dialog stays, saying so,
		// until the opened project replaces the state (closing it) or the
		// host puts the failure in DialogError.
		if err := f.Host.OpenProject(path); err != nil {
			u.Forms.DialogError = err.Error()
			return
		}
		u.Forms.DialogError = ""
	}

	recent := f.Host.RecentProjects()
	list := make([]g.Widget, 0, len(recent)+1)
	for i, p := range recent {
		list = append(list, g.Selectable(p+"##recent-"+strconv.Itoa(i)).
			Selected(p == u.Forms.OpenPath).
			OnClick(func() { u.Forms.OpenPath = p }).
			OnDClick(func() { open(p) }))
	}
	if len(recent) == 0 {
		list = append(list, ui.ColorText(ui.DimColor(), "No recent projects."))
	}
	path := strings.TrimSpace(u.Forms.OpenPath)

	x, y := center(600, 330)
	g.Window("Open project").IsOpen(&u.Dialogs.Open).Flags(dialogFlags).Pos(x, y).Size(600, 330).Layout(
		g.Label("Project file"),
		g.InputText(&u.Forms.OpenPath).ID("##open-path").Hint("path/to/project.toml").Size(-1),
		g.Custom(func() {
			if path != "" && !f.Host.PathExists(path) {
				ui.ColorText(ui.WarnColor(), "No file at this path.").Build()
			}
		}),
		g.Label("Recent projects (click to choose, double-click to open)"),
		g.Child().ID("##recent").Border(true).Size(-1, -imgui.FrameHeightWithSpacing()*2).Layout(list...),
		ui.Row(
			ui.Button("Open", "open-ok", func() { open(u.Forms.OpenPath) }).Disabled(path == ""), // again: replaces an open under way
			ui.Button("Cancel", "open-cancel", func() { u.Dialogs.Open, u.Forms.DialogError = false, "" }),
		),
		g.Custom(func() {
			switch {
			case f.Project.Opening != "":
				ui.ColorText(ui.DimColor(), "Opening "+f.Project.Opening+"…").Build()
			case u.Forms.DialogError != "":
				ui.WrappedColorText(ui.ErrorColor(), "Could not open: "+u.Forms.DialogError).Build()
			}
		}),
	)
}

// saveAsDialog asks where to write the project.
func saveAsDialog(f *contract.Frame) {
	u := f.UI
	if !u.Dialogs.SaveAs {
		return
	}
	save := func() {
		path := strings.TrimSpace(u.Forms.SaveAsPath)
		if path == "" {
			return
		}
		// The write runs in the background: the host closes the dialog
		// when it worked, or puts the failure in DialogError.
		if err := f.Host.SaveProjectAs(path); err != nil {
			u.Forms.DialogError = err.Error()
			return
		}
		u.Forms.DialogError = ""
	}
	x, y := center(560, 150)
	g.Window("Save project as").IsOpen(&u.Dialogs.SaveAs).Flags(dialogFlags).Pos(x, y).Size(560, 150).Layout(
		g.Custom(func() {
			if imgui.IsWindowAppearing() && u.Forms.SaveAsPath == "" {
				u.Forms.SaveAsPath = f.Project.Path
			}
		}),
		g.Label("Save the project to"),
		g.InputText(&u.Forms.SaveAsPath).ID("##save-as-path").Hint("path/to/project.toml").Size(-1),
		g.Custom(func() {
			if p := strings.TrimSpace(u.Forms.SaveAsPath); p != "" && p != f.Project.Path && f.Host.PathExists(p) {
				ui.ColorText(ui.WarnColor(), "A file exists at this path: it will be replaced.").Build()
			}
		}),
		ui.Row(
			ui.Button("Save", "save-as-ok", save).Disabled(strings.TrimSpace(u.Forms.SaveAsPath) == "" || f.Project.SavingAs != ""),
			ui.Button("Cancel", "save-as-cancel", func() { u.Dialogs.SaveAs, u.Forms.DialogError = false, "" }),
		),
		g.Custom(func() {
			switch {
			case f.Project.SavingAs != "":
				ui.ColorText(ui.DimColor(), "Saving to "+f.Project.SavingAs+"…").Build()
			case u.Forms.DialogError != "":
				ui.WrappedColorText(ui.ErrorColor(), "Could not save: "+u.Forms.DialogError).Build()
			}
		}),
	)
}

// aboutDialog names slopgui, its generation and the font's licence.
func aboutDialog(f *contract.Frame) {
	u := f.UI
	if !u.Dialogs.About {
		return
	}
	license := assets.FontLicense // a copy: the text box is read-only
	x, y := center(560, 420)
	g.Window("About slopgui").IsOpen(&u.Dialogs.About).Flags(dialogFlags).Pos(x, y).Size(560, 420).Layout(
		g.Label("slopgui"),
		g.Label("a Go port of Manual Slop: AI-assisted coding by hand."),
		g.Labelf("Views generation %d (Ctrl+Alt+R reloads them).", f.Reload.Generation),
		g.Separator(),
		g.Label("UI font: DejaVu Sans. Its licence:"),
		g.InputTextMultiline(&license).ID("##font-license").
			Flags(g.InputTextFlagsReadOnly|g.InputTextFlagsWordWrap).Size(-1, -imgui.FrameHeightWithSpacing()),
		ui.Button("Close", "about-close", func() { u.Dialogs.About = false }),
	)
}

// shortcutsDialog lists the keyboard shortcuts.
func shortcutsDialog(f *contract.Frame) {
	u := f.UI
	if !u.Dialogs.Shortcuts {
		return
	}
	row := func(keys, what string) *g.TableRowWidget {
		return g.TableRow(g.Label(keys), g.Label(what).Wrapped(true))
	}
	x, y := center(520, 240)
	g.Window("Keyboard shortcuts").IsOpen(&u.Dialogs.Shortcuts).Flags(dialogFlags).Pos(x, y).Size(520, 240).Layout(
		g.Table().ID("##shortcuts").Flags(g.TableFlagsBordersInnerH|g.TableFlagsRowBg).
			Size(-1, -imgui.FrameHeightWithSpacing()).
			Columns(
				g.TableColumn("Keys").Flags(g.TableColumnFlagsWidthFixed).InnerWidthOrWeight(110),
				g.TableColumn("Does").Flags(g.TableColumnFlagsWidthStretch),
			).Rows(
			row("Ctrl+Alt+R", "Reload the views from source. Works even when the slopgui window is not focused (a system-wide key grab), unless another program holds the key."),
			row("Ctrl+S", "Save the project now."),
			row("Ctrl+Z", "Undo the last edit to the discussions or the project's files (in a text box being typed in: its own undo)."),
			row("Ctrl+Shift+Z, Ctrl+Y", "Redo what was undone."),
		),
		ui.Button("Close", "shortcuts-close", func() { u.Dialogs.Shortcuts = false }),
	)
}

// problemModal shows ProjectInfo.Problem until the user answers it.
func problemModal(f *contract.Frame) {
	if f.Project.Problem != "" && !imgui.IsPopupOpenStr(problemPopup) {
		imgui.OpenPopupStr(problemPopup)
	}
	vp := imgui.MainViewport()
	c := vp.Center()
	imgui.SetNextWindowPosV(c, imgui.CondAppearing, imgui.Vec2{X: 0.5, Y: 0.5})
	if !imgui.BeginPopupModalV(problemPopup, nil, imgui.WindowFlagsAlwaysAutoResize|imgui.WindowFlagsNoSavedSettings) {
		return
	}
	defer imgui.EndPopup()
	if f.Project.Problem == "" { // dismissed elsewhere
		imgui.CloseCurrentPopup()
		return
	}
	wrap := imgui.FontSize() * 32
	imgui.PushTextWrapPosV(imgui.CursorPosX() + wrap)
	imgui.TextUnformatted(f.Project.Problem)
	imgui.PopTextWrapPos()
	imgui.Dummy(imgui.Vec2{X: wrap, Y: imgui.FontSize() / 2})
	if imgui.Button("Start with the new project") {
		f.Host.DismissProblem()
		imgui.CloseCurrentPopup()
	}
	imgui.SameLine()
	if imgui.Button("Open another project…") {
		f.Host.DismissProblem()
		f.UI.Dialogs.Open = true
		imgui.CloseCurrentPopup()
	}
}
