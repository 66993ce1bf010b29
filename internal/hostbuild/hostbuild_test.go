package hostbuild

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// fake is the sources on disk (a sum) and a builder whose builds the test
// finishes one by one.
type fake struct {
	t   *testing.T
	dir string

	mu      sync.Mutex
	sum     string
	host    int // host builds inside Build
	views   int // views builds inside the gate
	overlap bool
	running []*fakeBuild
	started int
	prints  int // Fingerprint calls
}

type fakeBuild struct {
	sum    string
	urgent bool
	ctx    context.Context
	done   chan error // nil: success
}

func (f *fake) Fingerprint() (Source, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.prints++
	if f.sum == "unreadable" {
		return Source{}, errors.New("permission denied")
	}
	return Source{Sum: f.sum, Changed: []string{"app"}}, nil
}

func (f *fake) Build(ctx context.Context) (string, error) {
	f.mu.Lock()
	b := &fakeBuild{sum: f.sum, urgent: Urgent(ctx), ctx: ctx, done: make(chan error, 1)}
	f.running = append(f.running, b)
	f.started++
	f.host++
	if f.views > 0 {
		f.overlap = true
	}
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.host--
		f.mu.Unlock()
	}()
	select {
	case err := <-b.done:
		if err != nil {
			return "", err
		}
		bin := filepath.Join(f.dir, "bin-"+b.sum)
		return bin, os.WriteFile(bin, []byte(b.sum), 0o700)
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// build waits for the build of sum to be running and returns it.
func (f *fake) build(sum string) *fakeBuild {
	f.t.Helper()
	var b *fakeBuild
	poll(f.t, "a build of "+sum, func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, r := range f.running {
			if r.sum == sum && r.ctx.Err() == nil {
				b = r
				return true
			}
		}
		return false
	})
	return b
}

func poll(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); !ok(); time.Sleep(time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("waited 5 s for %s", what)
		}
	}
}

// A step of a scenario: what the user (or the builder) does, and what the
// scheduler must have done.
type step struct {
	do, arg string
}

func TestScheduler(t *testing.T) {
	tests := []struct {
		name   string
		steps  []step
		builds int // builds started in all
	}{
		// A settle delay far longer than the saves take, however loaded the
		// machine: with 1 ms, a pause between two saves started a build.
		{"a burst of saves builds once", []step{
			{"settle", "300ms"}, {"save", "a1"}, {"save", "a2"}, {"save", "a3"}, {"save", "a"},
			{"finish", "a"}, {"ready", ""}, {"nothing", ""},
		}, 1},
		{"the key after the build hands over at once", []step{
			{"save", "a"}, {"finish", "a"}, {"ready", ""}, {"trigger", ""}, {"take", "a"},
		}, 1},
		{"the key during the build waits for it", []step{
			{"save", "a"}, {"notUrgent", "a"}, {"trigger", ""}, {"nothing", ""}, {"waiting", ""},
			{"finish", "a"}, {"take", "a"},
		}, 1},
		{"the key right after a save does not wait for the settle delay", []step{
			{"settle", "1h"}, {"save", "a"}, {"trigger", ""}, {"finish", "a"}, {"take", "a"},
		}, 1},
		{"the key with no save builds", []step{
			{"src", "a"}, {"trigger", ""}, {"urgent", "a"}, {"finish", "a"}, {"take", "a"},
		}, 1},
		{"a newer save stops the build of older sources", []step{
			{"save", "a"}, {"running", "a"}, {"trigger", ""}, {"save", "b"},
			{"stopped", "a"}, {"finish", "b"}, {"take", "b"},
		}, 2},
		// "triggerSeen": the key, and the scheduler has read the sources
		// since (else it could read b first, and stop a at once).
		{"a build of sources changed under it is not handed over", []step{
			{"save", "a"}, {"running", "a"}, {"triggerSeen", ""}, {"src", "b"},
			{"finish", "a"}, {"finish", "b"}, {"take", "b"},
		}, 2},
		{"a save after the result, before Take, withdraws it", []step{
			{"settle", "1h"}, {"save", "a"}, {"trigger", ""}, {"finish", "a"}, {"ready", ""}, {"save", "b"},
			{"nothing", ""}, {"trigger", ""}, {"finish", "b"}, {"take", "b"},
		}, 2},
		{"a failed ahead build informs only", []step{
			{"save", "a"}, {"fail", "a"}, {"failed", ""}, {"nothing", ""},
		}, 1},
		{"the key after a failed build gets its error without building again", []step{
			{"save", "a"}, {"fail", "a"}, {"failed", ""}, {"trigger", ""}, {"takeErr", "compile error in a"},
		}, 1},
		{"saves back to the running sources build nothing", []step{
			{"save", "a"}, {"finish", "a"}, {"ready", ""}, {"save", "base"}, {"idle", ""},
		}, 1},
		{"unreadable sources fail the key without a build", []step{
			{"src", "unreadable"}, {"trigger", ""}, {"takeErr", "permission denied"},
		}, 0},
		{"auto-reload hands over the settled save", []step{
			{"auto", ""}, {"save", "a"}, {"finish", "a"}, {"take", "a"},
		}, 1},
		{"a views build stops the host build, which runs again after it", []step{
			{"save", "a"}, {"running", "a"}, {"views", ""}, {"stopped", "a"}, {"viewsIn", ""},
			{"trigger", ""}, {"nothing", ""}, {"viewsOut", ""}, {"finish", "a"}, {"take", "a"},
		}, 2},
		{"the host build waits for a views build under way", []step{
			{"views", ""}, {"viewsIn", ""}, {"save", "a"}, {"trigger", ""}, {"nothing", ""},
			{"viewsOut", ""}, {"finish", "a"}, {"take", "a"},
		}, 1},
	}
	// Config.Ready is told the builds that finished and are of the sources
	// on disk, in order ("a" where not listed), and "" ("-") when a ready
	// build is thrown away.
	told := map[string]string{
		"a newer save stops the build of older sources":                      "b",
		"a build of sources changed under it is not handed over":             "b",
		"a save after the result, before Take, withdraws it":                 "a,b",
		"a failed ahead build informs only":                                  "",
		"the key after a failed build gets its error without building again": "",
		"unreadable sources fail the key without a build":                    "",
		"saves back to the running sources build nothing":                    "a,-",
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &fake{t: t, dir: t.TempDir(), sum: "base"}
			gate := &Gate{}
			settle := time.Millisecond
			var s *Scheduler
			var readyMu sync.Mutex
			var ready []string
			start := func() {
				s = New(Config{Build: f.Build, Fingerprint: f.Fingerprint, Base: "base", Settle: settle, Gate: gate,
					Ready: func(bin string) {
						readyMu.Lock()
						name := "-" // a ready build thrown away
						if bin != "" {
							name = strings.TrimPrefix(filepath.Base(bin), "bin-")
						}
						ready = append(ready, name)
						readyMu.Unlock()
					}})
			}
			start()
			defer func() { s.Close() }()
			var viewsRelease func()
			viewsIn := make(chan func(), 1)
			for i, st := range tc.steps {
				t.Logf("step %d: %s %s", i, st.do, st.arg)
				switch st.do {
				case "settle":
					d, _ := time.ParseDuration(st.arg)
					s.Close()
					settle = d
					start()
				case "src":
					f.mu.Lock()
					f.sum = st.arg
					f.mu.Unlock()
				case "save":
					f.mu.Lock()
					f.sum = st.arg
					f.mu.Unlock()
					s.Saved()
				case "trigger":
					s.Trigger()
				case "triggerSeen":
					f.mu.Lock()
					before := f.prints
					f.mu.Unlock()
					s.Trigger()
					poll(t, "the sources read after the key", func() bool {
						f.mu.Lock()
						defer f.mu.Unlock()
						return f.prints > before
					})
				case "auto":
					s.SetAuto(true)
				case "running":
					f.build(st.arg)
				case "urgent", "notUrgent":
					if b := f.build(st.arg); b.urgent != (st.do == "urgent") {
						t.Fatalf("the build of %s: Urgent %v", st.arg, b.urgent)
					}
				case "finish":
					f.build(st.arg).done <- nil
				case "fail":
					f.build(st.arg).done <- errors.New("compile error in " + st.arg)
				case "stopped":
					// The last build of arg (it may have stopped already).
					var b *fakeBuild
					f.mu.Lock()
					for _, r := range f.running {
						if r.sum == st.arg {
							b = r
						}
					}
					f.mu.Unlock()
					if b == nil {
						t.Fatalf("no build of %s started", st.arg)
					}
					poll(t, "the build of "+st.arg+" to stop", func() bool { return b.ctx.Err() != nil })
				case "ready":
					poll(t, "a ready build", func() bool { st := s.Status(); return st.Ready && !st.Building })
				case "failed":
					poll(t, "a failed build", func() bool { st := s.Status(); return st.Err != "" && !st.Building })
				case "idle":
					poll(t, "idle", func() bool { st := s.Status(); return !st.Ready && !st.Building && st.Err == "" && !st.Waiting })
				case "waiting":
					if st := s.Status(); !st.Waiting || !st.Building {
						t.Fatalf("status %+v: want a restart waiting for a build", st)
					}
				case "nothing":
					if r, ok := s.Take(); ok {
						t.Fatalf("Take gave %+v, want nothing", r)
					}
				case "take":
					var r Result
					poll(t, "a result", func() bool { var ok bool; r, ok = s.Take(); return ok })
					if r.Err != nil || r.Source.Sum != st.arg || filepath.Base(r.Binary) != "bin-"+st.arg || r.Wanted.IsZero() {
						t.Fatalf("Take: %+v, want the binary of %s", r, st.arg)
					}
					if b, err := os.ReadFile(r.Binary); err != nil || string(b) != st.arg {
						t.Fatalf("the binary handed over: %q, %v", b, err)
					}
				case "takeErr":
					var r Result
					poll(t, "a result", func() bool { var ok bool; r, ok = s.Take(); return ok })
					if r.Err == nil || !strings.Contains(r.Err.Error(), st.arg) || r.Binary != "" {
						t.Fatalf("Take: %+v, want the error %q", r, st.arg)
					}
				case "views":
					go func() {
						rel, err := gate.Views(context.Background())
						if err != nil {
							t.Error(err)
							return
						}
						f.mu.Lock()
						f.views++
						if f.host > 0 {
							f.overlap = true
						}
						f.mu.Unlock()
						viewsIn <- rel
					}()
				case "viewsIn":
					viewsRelease = <-viewsIn
				case "viewsOut":
					f.mu.Lock()
					f.views--
					f.mu.Unlock()
					viewsRelease()
				default:
					t.Fatalf("unknown step %q", st.do)
				}
			}
			want, ok := told[tc.name]
			if !ok {
				want = "a"
			}
			poll(t, "Ready told "+want, func() bool {
				readyMu.Lock()
				defer readyMu.Unlock()
				return strings.Join(ready, ",") == want
			})
			f.mu.Lock()
			defer f.mu.Unlock()
			if f.started != tc.builds {
				t.Errorf("%d builds started, want %d", f.started, tc.builds)
			}
			if f.overlap {
				t.Errorf("a views build and a host build ran at once")
			}
		})
	}
}

// Close removes the binary nobody took, and keeps the one handed over.
func TestCloseRemovesUntaken(t *testing.T) {
	f := &fake{t: t, dir: t.TempDir(), sum: "base"}
	s := New(Config{Build: f.Build, Fingerprint: f.Fingerprint, Base: "base", Settle: time.Millisecond})
	f.mu.Lock()
	f.sum = "a"
	f.mu.Unlock()
	s.Trigger()
	f.build("a").done <- nil
	var r Result
	poll(t, "a result", func() bool { var ok bool; r, ok = s.Take(); return ok })
	f.mu.Lock()
	f.sum = "b"
	f.mu.Unlock()
	s.Saved()
	f.build("b").done <- nil
	poll(t, "the build of b", func() bool { return s.Status().Ready })
	s.Close()
	if _, err := os.Stat(r.Binary); err != nil {
		t.Errorf("the binary handed over was removed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(f.dir, "bin-b")); !os.IsNotExist(err) {
		t.Errorf("the binary nobody took is still there: %v", err)
	}
}

// A nil Scheduler (no source tree) builds nothing and says nothing.
func TestNilScheduler(t *testing.T) {
	var s *Scheduler
	s.Saved()
	s.Trigger()
	if r, ok := s.Take(); ok {
		t.Errorf("Take: %+v", r)
	}
	if st := s.Status(); st.Building || st.Waiting || st.Ready || st.Err != "" {
		t.Errorf("Status: %+v", st)
	}
	s.Close()
}

// Prepare runs once, PrepareAfter after New, and its ctx ends at Close; a
// Close before then never runs it.
func TestPrepare(t *testing.T) {
	f := &fake{t: t, dir: t.TempDir(), sum: "base"}
	var mu sync.Mutex
	var calls int
	var ended bool
	prepare := func(ctx context.Context) {
		mu.Lock()
		calls++
		mu.Unlock()
		<-ctx.Done()
		mu.Lock()
		ended = true
		mu.Unlock()
	}
	s := New(Config{Build: f.Build, Fingerprint: f.Fingerprint, Base: "base", Prepare: prepare, PrepareAfter: time.Millisecond})
	poll(t, "Prepare", func() bool { mu.Lock(); defer mu.Unlock(); return calls == 1 })
	s.Close() // returns once Prepare has
	mu.Lock()
	if calls != 1 || !ended {
		t.Errorf("Prepare ran %d times, its ctx ended: %v", calls, ended)
	}
	calls = 0
	mu.Unlock()
	New(Config{Build: f.Build, Fingerprint: f.Fingerprint, Base: "base", Prepare: prepare, PrepareAfter: time.Hour}).Close()
	mu.Lock()
	defer mu.Unlock()
	if calls != 0 {
		t.Errorf("a Scheduler closed before PrepareAfter ran Prepare %d times", calls)
	}
}

// warmer gives Config.Warm commands that log each run (and its
// niceness) to a file, then sleep or exit as the test says.
type warmer struct {
	log  string
	mu   sync.Mutex
	tail string // the shell command after the log: "exit 0", "sleep 60", "exit 3"
}

func (w *warmer) cmd() *exec.Cmd {
	w.mu.Lock()
	defer w.mu.Unlock()
	return exec.Command("sh", "-c", "echo run $(nice) >> "+w.log+"; "+w.tail)
}

func (w *warmer) set(tail string) { w.mu.Lock(); w.tail = tail; w.mu.Unlock() }

// runs are the runs logged so far, each with its niceness.
func (w *warmer) runs(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(w.log)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return strings.Fields(strings.ReplaceAll(string(b), "run ", ""))
}

// Config.Warm's command runs, niced, after a build that is ready and not
// handed over at once; it is stopped by a newer build (which waits for it
// to leave the gate), by a views build (and runs again after it), and by
// Close; Status says whether it ended well.
func TestWarm(t *testing.T) {
	myNice, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantNice := fmt.Sprint(min(20-myNice+10, 19)) // raw getpriority is 20 - nice
	type setup struct {
		f *fake
		w *warmer
		g *Gate
		s *Scheduler
	}
	start := func(t *testing.T, tail string) setup {
		f := &fake{t: t, dir: t.TempDir(), sum: "base"}
		w := &warmer{log: filepath.Join(t.TempDir(), "warm.log"), tail: tail}
		g := &Gate{}
		s := New(Config{Build: f.Build, Fingerprint: f.Fingerprint, Base: "base", Settle: time.Millisecond, Gate: g, Warm: w.cmd})
		t.Cleanup(s.Close)
		return setup{f, w, g, s}
	}
	save := func(su setup, sum string) {
		su.f.mu.Lock()
		su.f.sum = sum
		su.f.mu.Unlock()
		su.s.Saved()
	}
	// warming is a scheduler whose build of a is ready and warming, for
	// a minute unless stopped.
	warming := func(t *testing.T) setup {
		su := start(t, "sleep 60")
		save(su, "a")
		su.f.build("a").done <- nil
		poll(t, "the warm run", func() bool { return su.s.Status().Warming && len(su.w.runs(t)) == 1 })
		return su
	}
	warmed := func(t *testing.T, su setup, runs int) {
		t.Helper()
		poll(t, "the warm run to end well", func() bool { st := su.s.Status(); return st.Warmed && !st.Warming })
		if got := su.w.runs(t); len(got) != runs || got[len(got)-1] != wantNice {
			t.Errorf("warm runs (their niceness): %v, want %d at %s", got, runs, wantNice)
		}
	}

	t.Run("a ready build is warmed once", func(t *testing.T) {
		su := start(t, "exit 0")
		save(su, "a")
		su.f.build("a").done <- nil
		warmed(t, su, 1)
		// The key hands the warmed build over; nothing runs again.
		su.s.Trigger()
		poll(t, "the result", func() bool { _, ok := su.s.Take(); return ok })
		if got := su.w.runs(t); len(got) != 1 {
			t.Errorf("warm runs after the key: %v", got)
		}
	})
	t.Run("a build handed over at once is not warmed", func(t *testing.T) {
		su := start(t, "exit 0")
		save(su, "a")
		b := su.f.build("a")
		su.s.Trigger()
		b.done <- nil
		poll(t, "the result", func() bool { _, ok := su.s.Take(); return ok })
		if st := su.s.Status(); st.Warming || st.Warmed { // a run is set up with the build's result
			t.Errorf("a warm run for a build handed over: %+v", st)
		}
		su.s.Close() // waits for any warm run
		if got := su.w.runs(t); len(got) != 0 {
			t.Errorf("warm runs: %v, want none", got)
		}
	})
	t.Run("a failed build is not warmed", func(t *testing.T) {
		su := start(t, "exit 0")
		save(su, "a")
		su.f.build("a").done <- errors.New("app/x.go:1:1: syntax error")
		poll(t, "the error", func() bool { return su.s.Status().Err != "" })
		su.s.Close()
		if got := su.w.runs(t); len(got) != 0 {
			t.Errorf("warm runs: %v, want none", got)
		}
	})
	t.Run("a newer save stops the warm run; its build is warmed", func(t *testing.T) {
		su := warming(t)
		su.w.set("exit 0")
		save(su, "b")
		b := su.f.build("b")
		su.g.mu.Lock()
		inside := su.g.host
		su.g.mu.Unlock()
		if !inside {
			t.Error("the build of b runs outside the gate")
		}
		b.done <- nil
		warmed(t, su, 2)
	})
	t.Run("a views build stops the warm run, which runs again after it", func(t *testing.T) {
		su := warming(t)
		su.w.set("exit 0")
		release, err := su.g.Views(context.Background()) // returns once the warm run has left
		if err != nil {
			t.Fatal(err)
		}
		if got := su.w.runs(t); len(got) != 1 {
			t.Errorf("warm runs while the views build is inside: %v, want the one stopped", got)
		}
		if st := su.s.Status(); !st.Warming || st.Warmed {
			t.Errorf("while the views build is inside: %+v, want still warming", st)
		}
		release()
		warmed(t, su, 2)
	})
	t.Run("a failed warm run only says so", func(t *testing.T) {
		su := start(t, "exit 3")
		save(su, "a")
		su.f.build("a").done <- nil
		poll(t, "the warm run to end", func() bool { return len(su.w.runs(t)) == 1 && !su.s.Status().Warming })
		if st := su.s.Status(); st.Warmed || !st.Ready {
			t.Errorf("after a failed warm run: %+v, want ready and not warmed", st)
		}
	})
	t.Run("Close stops the warm run", func(t *testing.T) {
		su := warming(t)
		done := make(chan struct{})
		go func() { su.s.Close(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatal("Close waited for the warm run's sleep 60")
		}
	})
}
