package app

import "errors"

// The contract.Host methods views call. Project files are handled in
// project.go.

var errNotYet = errors.New("not available yet")

// NewProject starts a new, empty project.
func (a *App) NewProject() {}

// OpenProject opens the project at path.
func (a *App) OpenProject(path string) error { return errNotYet }

// SaveProject writes the project now.
func (a *App) SaveProject() error { return errNotYet }

// SaveProjectAs writes the project to path.
func (a *App) SaveProjectAs(path string) error { return errNotYet }

// RecentProjects lists recently used project files.
func (a *App) RecentProjects() []string { return nil }

// DismissProblem clears the project problem message.
func (a *App) DismissProblem() {}

// Quit closes slopgui.
func (a *App) Quit() {
	if a.wnd != nil {
		a.wnd.SetShouldClose(true)
	}
}

// FileMatches counts files matching pattern under the project root.
func (a *App) FileMatches(pattern string) (int, error) { return 0, errNotYet }

// PathExists reports whether path exists under the project root.
func (a *App) PathExists(path string) bool { return false }
