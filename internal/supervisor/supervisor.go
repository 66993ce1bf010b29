// Package supervisor runs slopgui as a child of a small parent process (the
// same binary in another mode) so that nothing a user typed is lost when
// the app dies: the child keeps a state snapshot in the supervisor's
// directory a few times a second, and when it dies (exit status ≠ 0, a
// signal, a goroutine panic, os.Exit from view code, a frozen window) the
// supervisor starts it again with that snapshot and a crash report saying
// what happened. The app reads both at start (app.Main).
//
// The child asks for a hot restart by exiting with ExitRestart after
// writing a complete handover (HandoverFile): the supervisor then starts
// the binary the handover names with it. A clean exit (status 0) ends the
// supervisor too; SIGTERM, SIGINT and SIGHUP are forwarded to the child as
// SIGTERM (it saves and exits) and end both.
package supervisor

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/slopgui/slopgui/internal/handover"
)

// Environment variables between the supervisor and its child.
const (
	// EnvDir is set in a supervised child: the supervisor's directory,
	// where the child keeps its snapshot, handover and notes.
	EnvDir = "SLOPGUI_SUPERVISOR_DIR"
	// EnvHandover names a handover file the app starts from.
	EnvHandover = "SLOPGUI_HANDOVER"
	// EnvCrash names a crash report the app shows at start.
	EnvCrash = "SLOPGUI_CRASH"
	// EnvExited is when the previous child's exit was seen (Unix
	// nanoseconds), for a hot restart's start-up timing
	// (internal/startup reads it).
	EnvExited = "SLOPGUI_EXITED_AT"
)

// Exit codes the child uses to talk to the supervisor.
const (
	// ExitRestart: a hot restart; HandoverFile holds the handover.
	ExitRestart = 75
	// ExitFrozen: the app's watchdog found the render thread frozen and
	// left NoteFile describing it.
	ExitFrozen = 70
)

// Files in the supervisor's directory.
const (
	SnapshotFile = "snapshot.json" // the child's latest state snapshot
	HandoverFile = "handover.json" // a hot restart's complete handover
	NoteFile     = "note.json"     // the child's own account of why it exits (a handover.Crash)
	crashFile    = "crash.json"    // the report handed to the next child
)

// Dir returns the supervisor's directory when this process is a supervised
// child, or "".
func Dir() string { return os.Getenv(EnvDir) }

// ShouldSupervise reports whether a process started with args should run
// as the supervisor: not when it is the supervised child already, nor with
// -no-supervisor, nor when only asking for help.
func ShouldSupervise(args []string) bool {
	if Dir() != "" {
		return false
	}
	for _, a := range args {
		if a == "--" {
			break
		}
		switch strings.TrimLeft(a, "-") {
		case "no-supervisor", "no-supervisor=true", "h", "help":
			return false
		}
	}
	return true
}

// Options configure Run.
type Options struct {
	// Binary is the program to run as the child, Args its arguments.
	Binary string
	Args   []string
	// Stdout and Stderr receive the child's output (os.Stdout and
	// os.Stderr when nil); the supervisor's own messages go to Stderr.
	Stdout, Stderr io.Writer
	// CrashWindow and SafeAfter: after SafeAfter crashes within
	// CrashWindow the app is started with generation 0 (1 minute, 3).
	CrashWindow time.Duration
	SafeAfter   int
	// GiveUpAfter crashes within CrashWindow stop the supervisor (6): the
	// app cannot even start, and starting it again will not help.
	GiveUpAfter int
	// Dir is the supervisor's directory; a new temporary one, removed at
	// the end, when empty.
	Dir string
}

// Run supervises the app until it quits cleanly or a signal ends both, and
// returns the exit code for the supervisor.
func Run(opts Options) int {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.CrashWindow <= 0 {
		opts.CrashWindow = time.Minute
	}
	if opts.SafeAfter <= 0 {
		opts.SafeAfter = 3
	}
	if opts.GiveUpAfter <= 0 {
		opts.GiveUpAfter = 6
	}
	dir := opts.Dir
	if dir == "" {
		d, err := os.MkdirTemp("", "slopgui-session-")
		if err != nil {
			fmt.Fprintf(opts.Stderr, "slopgui supervisor: %v\n", err)
			return 1
		}
		dir = d
	}
	// Two children (the app and a spare) may write at once. A file is
	// given to them as it is (a child writing to a terminal keeps it).
	var mu sync.Mutex
	opts.Stderr = &lockedWriter{mu: &mu, w: opts.Stderr}
	if _, isFile := opts.Stdout.(*os.File); !isFile {
		opts.Stdout = &lockedWriter{mu: &mu, w: opts.Stdout}
	}
	s := &sup{opts: opts, dir: dir, binary: opts.Binary, args: opts.Args}
	code, keep := s.loop()
	if keep {
		fmt.Fprintf(opts.Stderr, "slopgui supervisor: the last state snapshot is kept in %s\n", dir)
	} else if opts.Dir == "" {
		os.RemoveAll(dir)
	}
	return code
}

type sup struct {
	opts    Options
	dir     string
	binary  string
	args    []string
	crashes []time.Time
	asks    chan ask // from the children (AskSpare)
	spare   *proc    // started ahead for the next hot restart, waiting
}

// loop runs children until one ends the session; keep says whether the
// directory holds state the user may still need.
func (s *sup) loop() (code int, keep bool) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	defer signal.Stop(sigs)
	s.asks = make(chan ask, 4)
	defer func() { s.dropSpare("the session ended") }()

	var env []string // handover and crash report for the next child
	var cur *proc    // the child running the app
	for {
		if cur == nil {
			os.Remove(filepath.Join(s.dir, NoteFile))
			p, err := s.start(s.binary, env, false)
			if err != nil {
				fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: starting %s: %v\n", s.binary, err)
				return 1, true
			}
			cur = p
		}
		stopping := false
		var werr error
	wait:
		for {
			var spareDone chan error
			if s.spare != nil {
				spareDone = s.spare.done
			}
			select {
			case sig := <-sigs:
				// Forward as SIGTERM: the app saves the project and exits.
				stopping = true
				fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: %v: asking the app to save and quit\n", sig)
				cur.cmd.Process.Signal(syscall.SIGTERM)
			case a := <-s.asks:
				if a.from == cur && !stopping {
					s.prepareSpare(a.binary)
				}
			case <-spareDone:
				fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: the spare process (pid %d) ended before it was needed: %v; the next hot restart starts the app from scratch\n%s",
					s.spare.cmd.Process.Pid, s.spare.cmd.ProcessState, lastLines(s.spare.tail.String(), 10))
				s.spare = nil
			case werr = <-cur.done:
				break wait
			}
		}
		st := cur.cmd.ProcessState
		if st == nil {
			fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: waiting for the app: %v\n", werr)
			return 1, true
		}
		if stopping {
			if st.Success() {
				return 0, false
			}
			fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: the app ended with %v while quitting\n", st)
			return 1, true
		}
		if st.Success() {
			return 0, false
		}
		s.args = WithoutFlag(s.args, "handover")
		if st.ExitCode() == ExitRestart {
			env = s.restart()
			cur = s.wakeSpare(env) // nil: none ready for this binary, start one
			continue
		}
		s.dropSpare("the app crashed")
		tail := cur.tail.String()
		cur = nil
		env = s.crashed(st, tail)
		if env == nil {
			return 1, true
		}
	}
}

// restart prepares a hot restart: the binary and handover the child left.
func (s *sup) restart() []string {
	path := filepath.Join(s.dir, HandoverFile)
	h, err := handover.ReadFile(path)
	switch {
	case err != nil:
		// The app reports it (and keeps the file); start the same binary.
		fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: %v\n", err)
	case h.Binary != "":
		if _, err := os.Stat(h.Binary); err != nil {
			fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: the new binary is gone (%v); restarting %s\n", err, s.binary)
		} else {
			s.binary = h.Binary
		}
	}
	fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: hot restart into %s\n", s.binary)
	return []string{EnvHandover + "=" + path, EnvExited + "=" + strconv.FormatInt(time.Now().UnixNano(), 10)}
}

// crashed writes the crash report for the next child and returns its
// environment, or nil when the crashes are too many to go on.
func (s *sup) crashed(st *os.ProcessState, stderr string) []string {
	now := time.Now()
	s.crashes = append(s.crashes, now)
	recent := 0
	for _, t := range s.crashes {
		if now.Sub(t) <= s.opts.CrashWindow {
			recent++
		}
	}
	c := &handover.Crash{When: now, PID: st.Pid(), Recent: recent}
	if note, err := handover.ReadCrash(filepath.Join(s.dir, NoteFile)); err == nil {
		c.What, c.Detail = note.What, note.Detail
	} else {
		c.What, c.Detail = Describe(st, stderr)
	}
	c.Detail = ViewsPaths(c.Detail)
	fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: the app (pid %d) crashed: %s (%d within %v)\n", c.PID, c.What, recent, s.opts.CrashWindow)
	if recent >= s.opts.GiveUpAfter {
		fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: %d crashes within %v, even with the views built into the binary: giving up. Start slopgui again once the cause is fixed.\n", recent, s.opts.CrashWindow)
		return nil
	}
	c.SafeMode = recent >= s.opts.SafeAfter
	snap := filepath.Join(s.dir, SnapshotFile)
	_, err := os.Stat(snap)
	c.HasSnapshot = err == nil
	path := filepath.Join(s.dir, crashFile)
	if err := handover.WriteCrash(path, c); err != nil {
		fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: %v\n", err)
	}
	env := []string{EnvCrash + "=" + path}
	if c.HasSnapshot {
		env = append(env, EnvHandover+"="+snap)
	}
	return env
}

// Describe says how a process ended, from its state and the end of its
// stderr: the panic value or fatal error and the stack when Go printed one,
// else the signal or exit status.
func Describe(st *os.ProcessState, stderr string) (what, detail string) {
	how := st.String() // "exit status 3", "signal: killed"
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		how = fmt.Sprintf("killed by signal %d (%v)", int(ws.Signal()), ws.Signal())
	}
	plain := how
	if st.Exited() {
		plain = how + " (os.Exit or log.Fatal; no panic was printed)"
	}
	i := lastIndexAny(stderr, "\npanic: ", "\nfatal error: ", "\nSIGSEGV", "\nSIGABRT")
	if i < 0 && (strings.HasPrefix(stderr, "panic: ") || strings.HasPrefix(stderr, "fatal error: ")) {
		i = 0
	} else if i >= 0 {
		i++ // skip the newline
	}
	if i < 0 {
		if tail := lastLines(stderr, 15); tail != "" {
			return plain, "The last lines the app wrote:\n" + tail
		}
		return plain, ""
	}
	detail = stderr[i:]
	first, _, _ := strings.Cut(detail, "\n")
	if len(detail) > 16<<10 {
		detail = detail[:16<<10] + "\n…"
	}
	return fmt.Sprintf("%s (%s)", strings.TrimSpace(first), how), detail
}

func lastIndexAny(s string, subs ...string) int {
	best := -1
	for _, sub := range subs {
		if i := strings.LastIndex(s, sub); i > best {
			best = i
		}
	}
	return best
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// hotgenPath matches the import path prefix a plugin build gives the views.
var hotgenPath = regexp.MustCompile(`hotgen/b[0-9]+/`)

// ViewsPaths maps a plugin's generated package paths (…/hotgen/b7/views/…)
// back to the source paths a user edits (…/views/…).
func ViewsPaths(s string) string { return hotgenPath.ReplaceAllString(s, "") }

// WithoutFlag drops -name VALUE / -name=VALUE from args (a flag that
// applies to the first start only).
func WithoutFlag(args []string, name string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		bare := strings.TrimLeft(a, "-")
		if bare == name && strings.HasPrefix(a, "-") {
			i++
			continue
		}
		if strings.HasPrefix(bare, name+"=") && strings.HasPrefix(a, "-") {
			continue
		}
		out = append(out, a)
	}
	return out
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// ring keeps the last max bytes written to it.
type ring struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (r *ring) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.b = append(r.b, p...)
	if len(r.b) > r.max {
		r.b = append([]byte(nil), r.b[len(r.b)-r.max:]...)
	}
	return len(p), nil
}

func (r *ring) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return string(r.b)
}

// errNotSupervised is returned by helpers that need a supervisor.
var errNotSupervised = errors.New("not running under the slopgui supervisor")

// WriteNote leaves the child's own account of why it is about to exit
// (e.g. the watchdog's stack of a frozen render thread) for the supervisor.
func WriteNote(c *handover.Crash) error {
	d := Dir()
	if d == "" {
		return errNotSupervised
	}
	return handover.WriteCrash(filepath.Join(d, NoteFile), c)
}
