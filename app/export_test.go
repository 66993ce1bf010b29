package app

import "github.com/slopgui/slopgui/persist"

// ReadProjectForTest reads a project file as the app does.
func ReadProjectForTest(path string) (persist.Project, error) { return persist.LoadProject(path) }

// StatusLineForTest is the toolbar's status line.
func StatusLineForTest(a *App) string { return a.statusLine(a.hot.Status()) }

// SaveForTest saves as Ctrl+S does and waits for the write: the save's error.
func SaveForTest(a *App) error {
	if err := a.SaveProject(); err != nil {
		return err
	}
	a.files.pending.Wait()
	a.files.mu.Lock()
	defer a.files.mu.Unlock()
	return a.files.saveErr
}
