// Package watchdog notices a render thread that stopped drawing. It is a
// package of its own under app/ (compiled alone when edited: see
// hostbuild.Direct's Private).
package watchdog

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slopgui/slopgui/internal/handover"
	"github.com/slopgui/slopgui/internal/supervisor"
)

// Watchdog notices a render thread that stopped drawing (a view that never
// returns): the GLFW loop draws at least 2 frames a second (app/pace.go), so no
// frame for the watchdog's limit means the render thread is stuck. It then
// prints the render goroutine's stack, leaves it for the supervisor and
// exits with supervisor.ExitFrozen; the supervisor restarts the app with
// its last snapshot, rolled back to the generation before.
type Watchdog struct {
	limit   time.Duration
	out     io.Writer
	last    atomic.Int64 // unix nanoseconds of the last frame
	render  atomic.Int64 // goroutine id of the render thread
	started sync.Once
	done    chan struct{}
	stopped sync.Once
	// exit ends the process; os.Exit unless a test replaces it.
	exit func(code int)
}

// New returns a watchdog that reports to out a render thread that drew
// no frame for limit; it starts at the first Beat.
func New(limit time.Duration, out io.Writer) *Watchdog {
	return &Watchdog{limit: limit, out: out, done: make(chan struct{}), exit: os.Exit}
}

// Beat is called at the end of every frame, on the render thread; the
// first call starts watching.
func (w *Watchdog) Beat() {
	w.last.Store(time.Now().UnixNano())
	w.started.Do(func() {
		w.render.Store(goroutineID())
		go w.watch()
	})
}

// Stop ends the watch (the window closed).
func (w *Watchdog) Stop() { w.stopped.Do(func() { close(w.done) }) }

func (w *Watchdog) watch() {
	t := time.NewTicker(w.limit / 10)
	defer t.Stop()
	for {
		select {
		case <-w.done:
			return
		case <-t.C:
		}
		since := time.Since(time.Unix(0, w.last.Load()))
		if since < w.limit {
			continue
		}
		select {
		case <-w.done:
			return
		default:
		}
		stack := supervisor.ViewsPaths(goroutineStack(w.render.Load()))
		what := fmt.Sprintf("the window froze: no frame for %.1f s (a view's render function did not return)", since.Seconds())
		if fn := firstViewsFrame(stack); fn != "" {
			what += "; stuck in " + fn
		}
		fmt.Fprintf(w.out, "slopgui: watchdog: %s\nrender goroutine:\n%s\n", what, stack)
		supervisor.WriteNote(&handover.Crash{When: time.Now(), PID: os.Getpid(), What: what, Detail: stack})
		w.exit(supervisor.ExitFrozen)
		return
	}
}

// goroutineID returns the calling goroutine's id.
func goroutineID() int64 {
	b := make([]byte, 64)
	b = b[:runtime.Stack(b, false)]
	var id int64
	fmt.Sscanf(string(b), "goroutine %d ", &id)
	return id
}

// goroutineStack returns the stack of goroutine id from a dump of all
// goroutines (or the whole dump if it is not found).
func goroutineStack(id int64) string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	head := []byte(fmt.Sprintf("goroutine %d [", id))
	for _, block := range bytes.Split(buf, []byte("\n\n")) {
		if bytes.HasPrefix(block, head) {
			return string(block)
		}
	}
	return string(buf)
}

// firstViewsFrame names the innermost function of the views in a stack.
func firstViewsFrame(stack string) string {
	for _, line := range strings.Split(stack, "\n") {
		if strings.Contains(line, "/views.") && !strings.HasPrefix(line, "\t") {
			fn, _, _ := strings.Cut(line, "(")
			return fn
		}
	}
	return ""
}
