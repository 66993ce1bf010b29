package app

import "github.com/slopgui/slopgui/persist"

// ReadProjectForTest reads a project file as the app does.
func ReadProjectForTest(path string) (persist.Project, error) { return persist.LoadProject(path) }

// StatusLineForTest is the toolbar's status line.
func StatusLineForTest(a *App) string { return a.statusLine(a.hot.Status()) }
