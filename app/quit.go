package app

import (
	"fmt"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/internal/hostdialog"
	"github.com/slopgui/slopgui/internal/projectio"
	"github.com/slopgui/slopgui/persist"
)

// Quitting. File > Quit and the window's close button save first, off the
// render thread, and close the window only once the save worked. A save
// that fails opens a dialog (drawn by the host, so it works whatever state
// the views are in): Retry, Save As…, or Quit without saving. slopgui
// never exits silently with unsaved work.

type quitPhase int

const (
	quitNone    quitPhase = iota
	quitSaving            // the final save runs in the background
	quitFailed            // it failed: the dialog is open
	quitClosing           // saved (or the user chose not to): the window closes
)

// quitter is the state of a quit in progress (render thread only).
type quitter struct {
	phase   quitPhase
	result  chan error // the background save's result
	err     error      // why the save failed
	saveAs  string     // the dialog's Save As path
	asErr   string     // why Save As failed
	discard bool       // the user chose Quit without saving
}

// Quit saves and then closes slopgui; if the save fails, it asks what to
// do instead of losing the work.
func (a *App) Quit() {
	if a.files == nil {
		a.closeWindow()
		return
	}
	if a.quit.phase != quitNone {
		return
	}
	a.startQuitSave()
}

// startQuitSave writes what is unsaved in the background (autosave is
// off while a quit is under way; a project switch under way is dropped).
func (a *App) startQuitSave() {
	a.quit.phase = quitSaving
	ch := make(chan error, 1)
	a.quit.result = ch
	a.files.sw.Cancel()
	a.saveAll(func(err error) { ch <- err })
}

// saveAll writes what is unsaved in the background and calls done with
// the project write's error on the writer goroutine (a quit, a project
// switch). An earlier background write still in flight is waited for
// first, and if it failed, its project is written again here (so nothing
// closes or switches on a write that did not happen).
func (a *App) saveAll(done func(error)) {
	f := a.files
	j := a.job()
	p := f.seen
	f.writes.Add(1)
	f.goBg(func() {
		f.pending.Wait() // earlier writes (autosave) end first
		f.mu.Lock()
		failed := f.retry
		f.retry = false
		f.mu.Unlock()
		if failed && j.proj == nil {
			j.proj = &p
		}
		err := f.write(j, a.now)
		if err != nil {
			f.mu.Lock()
			f.retry = true
			f.mu.Unlock()
		}
		f.writes.Add(-1)
		done(err)
		if g.Context != nil {
			g.Update()
		}
	})
}

// takeRetry marks the project unsaved again if a background write failed.
func (a *App) takeRetry() {
	f := a.files
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.retry {
		f.retry = false
		f.saved = persist.Project{}
		f.dirty = true
	}
}

// closeWindow makes the window close after this frame.
func (a *App) closeWindow() {
	a.quit.phase = quitClosing
	if a.wnd != nil {
		a.wnd.SetShouldClose(true)
	}
	if a.pacer != nil {
		a.pacer.Closing()
	}
}

// onWindowClose is the window's close button: it quits like File > Quit
// and keeps the window open until the save is done.
func (a *App) onWindowClose() bool {
	if a.quit.phase == quitClosing {
		return true
	}
	a.Quit()
	return a.quit.phase == quitClosing
}

// Closing reports whether slopgui is closing: the quit's save worked, or
// the user chose to quit without saving.
func (a *App) Closing() bool { return a.quit.phase == quitClosing }

// QuitError is why the quit's save failed while its dialog is open, else nil.
func (a *App) QuitError() error {
	if a.quit.phase != quitFailed {
		return nil
	}
	return a.quit.err
}

// RetryQuit tries the quit's save again (the dialog's Retry).
func (a *App) RetryQuit() {
	if a.quit.phase == quitFailed {
		a.startQuitSave()
	}
}

// QuitSaveAs saves the project to path and, if that worked, closes (the
// dialog's Save As…).
func (a *App) QuitSaveAs(path string) error {
	err := a.saveAs(path, func(err error) {
		if a.quit.asErr = projectio.Message(err); err == nil {
			a.startQuitSave() // the config, and anything changed since
		}
	})
	if err != nil {
		a.quit.asErr = err.Error()
	}
	return err
}

// QuitWithoutSaving closes and drops the unsaved changes (the user chose it).
func (a *App) QuitWithoutSaving() {
	a.quit.discard = true
	a.closeWindow()
}

// quitStep advances a quit in progress, once per frame.
func (a *App) quitStep() {
	switch a.quit.phase {
	case quitSaving:
		select {
		case err := <-a.quit.result:
			if err == nil {
				a.closeWindow()
				return
			}
			a.quit.phase, a.quit.err = quitFailed, err
			if a.quit.saveAs == "" && a.files != nil {
				a.quit.saveAs = a.files.path
			}
		default:
		}
	case quitFailed:
		a.drawQuitDialog()
	}
}

// quitDialogTitle is the ImGui name of the failed-save dialog.
const quitDialogTitle = "Could not save before quitting"

// drawQuitDialog asks what to do with work that could not be saved.
func (a *App) drawQuitDialog() {
	switch hostdialog.Draw(hostdialog.Dialog{Title: quitDialogTitle, ID: "slopgui-quit",
		Text: fmt.Sprintf("The project could not be saved, so slopgui has not quit:\n%v\n\n"+
			"Retry once the problem is fixed, save it somewhere else, or quit and lose the unsaved changes.", a.quit.err),
		Buttons: []string{"Retry", "Quit without saving"},
		Path:    &a.quit.saveAs, PathLabel: "Save As…", PathButton: "Save", PathError: a.quit.asErr}) {
	case 0:
		a.RetryQuit()
	case 1:
		a.QuitWithoutSaving()
	case 2:
		_ = a.QuitSaveAs(a.quit.saveAs)
	}
}
