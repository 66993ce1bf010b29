package app

import (
	"os"
	"os/signal"
	"syscall"

	g "github.com/AllenDang/giu"
)

// quitOnSignals makes SIGTERM, SIGINT and SIGHUP quit like File > Quit: the
// window closes and Main saves the project before exiting 0. (The
// supervisor forwards its own SIGTERM here.) It returns a stop function.
func (a *App) quitOnSignals() func() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			a.Quit()
			g.Update()
		case <-done:
		}
	}()
	return func() { signal.Stop(ch); close(done) }
}
