package app

import (
	"errors"
	"time"

	"github.com/slopgui/slopgui/persist"
)

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

// SettleForTest runs the mailbox, as frames do, until no Open, New or
// Save As is under way (at most 30 s).
func SettleForTest(a *App) {
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(time.Millisecond) {
		a.drainMailbox()
		if _, ok := a.files.sw.Pending(); !ok && a.files.savingAs == "" {
			a.files.pending.Wait()
			return
		}
	}
	panic("project I/O did not settle in 30 s")
}

// OpenForTest opens path as the Open dialog does and waits: the error the
// dialog would show ("" when it opened).
func OpenForTest(a *App, path string) string {
	a.Forms.DialogError = ""
	if err := a.OpenProject(path); err != nil {
		return err.Error()
	}
	SettleForTest(a)
	return a.Forms.DialogError
}

// SaveAsForTest saves to path as the Save As dialog does and waits: its
// error.
func SaveAsForTest(a *App, path string) error {
	a.Forms.DialogError = ""
	if err := a.SaveProjectAs(path); err != nil {
		return err
	}
	SettleForTest(a)
	if a.Forms.DialogError != "" {
		return errors.New(a.Forms.DialogError)
	}
	return nil
}

// SyncStatus waits until the status file holds the last frame's report.
func SyncStatus(a *App) { a.report.out.Sync() }
