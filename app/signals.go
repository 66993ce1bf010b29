package app

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/persist"
)

// exitSignals make slopgui save and exit 0, as File > Quit does: a
// session's end (SIGHUP), Ctrl+C in its terminal (SIGINT), a polite kill
// or a system shutdown (SIGTERM).
var exitSignals = []os.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP}

// watchSignals catches exitSignals: each closes the window at the next
// frame (no dialog: nobody may be there to answer it) and Main saves on
// the way out (exitSave). It returns a function that stops watching.
func (a *App) watchSignals() (stop func()) {
	ch := make(chan os.Signal, len(exitSignals))
	signal.Notify(ch, exitSignals...)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-ch:
				a.signalled.Store(s.String())
				g.Update() // wake the render loop, which may be idle
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// checkSignal closes the window once an exit signal has arrived.
func (a *App) checkSignal() {
	if a.signalled.Load() != nil && a.quit.phase != quitClosing {
		a.closeWindow()
	}
}

// exitSave is what slopgui writes on its way out, after the window has
// closed (File > Quit, the close button, or a signal): the project and
// the config, if anything is unsaved. Extend it for more exit state (e.g.
// a handover for a supervised restart).
func (a *App) exitSave() error {
	return a.flush()
}

// ExitCode saves on the way out and returns Main's exit code: 0 when
// everything is saved (or the user chose to quit without saving). If the
// save fails here (a signal, so no dialog could ask), the project is
// written to a rescue file in the config directory, and the code is 1.
func (a *App) ExitCode(stderr io.Writer) int {
	if a.quit.discard {
		return 0
	}
	err := a.exitSave()
	if err == nil {
		if a.signalled.Load() != nil {
			// Nobody was asked: keep the composer and forms for the next
			// start of this project.
			if serr := a.saveSession(); serr != nil {
				fmt.Fprintf(stderr, "slopgui: %v\n", serr)
			}
		}
		return 0
	}
	fmt.Fprintf(stderr, "slopgui: saving on exit: %v\n", err)
	if a.files == nil {
		return 1
	}
	rescue := filepath.Join(a.files.paths.Dir, "rescued-"+a.now().Format("20060102-150405")+".toml")
	if rerr := persist.WriteProject(rescue, persist.ProjectOf(&a.UI), nil); rerr != nil {
		fmt.Fprintf(stderr, "slopgui: the rescue copy failed too: %v\n", rerr)
	} else {
		fmt.Fprintf(stderr, "slopgui: the unsaved project was written to %s\n", rescue)
	}
	return 1
}
