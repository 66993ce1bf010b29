// Package hostbuild schedules the builds of a new host binary for a hot
// restart: a burst of saves to the host's (stable) sources is built once,
// in the background, after it settles; a newer save stops a build of older
// sources; one build runs at a time; a restart asked for while a build is
// under way waits for that build instead of starting another; and a binary
// is only handed over when the fingerprint of the sources it was built from
// is still the fingerprint of the sources on disk. A Gate keeps these
// builds from running at the same time as another builder's (the views').
//
// The package knows nothing of windows or of what a fingerprint covers:
// Config.Build and Config.Fingerprint are the host's.
package hostbuild

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"sync"
	"time"

	"github.com/slopgui/slopgui/hot"
)

// Source is the state of the sources a build is made from.
type Source struct {
	// Sum identifies the sources: equal sums, equal sources.
	Sum string
	// Changed names what differs from the running host's sources (for the
	// user; passed through to the Result).
	Changed []string
}

// Config configures a Scheduler.
type Config struct {
	// Build builds the host from the sources on disk and returns the new
	// binary's path. It must stop soon after ctx is done.
	Build func(ctx context.Context) (binary string, err error)
	// Fingerprint reads the sources on disk. It is called off the caller's
	// goroutines, before and after every build.
	Fingerprint func() (Source, error)
	// Base is the Sum of the running host's sources: saves that come back
	// to it need no build, and only a Trigger builds them.
	Base string
	// Settle is how long saves must stop before their build starts
	// (editors write a file in several steps); 100 ms when zero.
	Settle time.Duration
	// Gate, if set, is entered around every build.
	Gate *Gate
	// Notify, if set, is called from the scheduler's goroutine when the
	// status changes or a result is ready for Take.
	Notify func()
	// Ready, if set, is called from the scheduler's goroutine with the
	// binary of each build that finished without error and is of the
	// sources on disk (the supervisor starts it ahead as a spare), and
	// with "" when such a build is thrown away unused because the sources
	// went back to the running host's.
	Ready func(binary string)
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Prepare, if set, runs once, on its own goroutine, PrepareAfter after
	// New: work ahead that makes the builds shorter (Direct.Prepare). Its
	// ctx ends at Close.
	Prepare      func(ctx context.Context)
	PrepareAfter time.Duration
	// Warm, if set, gives the command to run after each build that is
	// ready and not handed over at once (nil: none): work ahead for the
	// process the new binary will be (hot.Reloader.WarmCommand: what its
	// first views build would compile). It runs niced, in its own process
	// group, inside the Gate as a host build (a views build stops it, and
	// it runs again once the views build is done), and is stopped by the
	// next build, the sources going back, or Close. Status.Warmed says it
	// ended without error; nothing else depends on it.
	Warm func() *exec.Cmd
}

// Result is a finished build that a restart asked for.
type Result struct {
	Binary  string    // the new binary; "" when Err is set
	Err     error     // the build failed (or the sources could not be read)
	Source  Source    // the sources it was built from
	Wanted  time.Time // when the restart was asked for (Trigger, or the save under SetAuto)
	Elapsed time.Duration
}

// Status is what the scheduler is doing, for the status line.
type Status struct {
	Building bool      // a build is under way
	Since    time.Time // when it started
	Waiting  bool      // a restart waits for a build (Trigger or SetAuto)
	Ready    bool      // the sources on disk are built: a Trigger only hands over
	Err      string    // the build of the sources on disk failed
	Changed  []string  // of the sources built or being built
	Warming  bool      // Config.Warm's command runs for the build ready
	Warmed   bool      // and ended without error
}

// Word is the status in a word, for scripts and tests: "building",
// "ready", "error: " and the error, or "".
func (st Status) Word() string {
	switch {
	case st.Building:
		return "building"
	case st.Ready:
		return "ready"
	case st.Err != "":
		return "error: " + st.Err
	}
	return ""
}

// HotFingerprint is a Config.Fingerprint over hot's fingerprint of the
// stable packages of the module at root (every package but hotDirs);
// Changed lists what differs from base.
func HotFingerprint(root string, hotDirs []string, base hot.Fingerprint) func() (Source, error) {
	return func() (Source, error) {
		fp, err := hot.TakeFingerprint(root, hotDirs)
		if err != nil {
			return Source{}, err
		}
		return Source{Sum: fp.Sum(), Changed: fp.Changed(base)}, nil
	}
}

type urgentKey struct{}

// Urgent reports whether a build's ctx is that of a build a restart
// already waits for when it starts (GoBuild does not lower its priority
// then: someone is waiting). A build started by a save is not urgent,
// even if a restart comes to wait for it later.
func Urgent(ctx context.Context) bool {
	u, _ := ctx.Value(urgentKey{}).(bool)
	return u
}

// errSuperseded stops a build of sources that are no longer on disk;
// errPreempted one that must let another builder go first.
var (
	errSuperseded = errors.New("hostbuild: newer sources were saved")
	errPreempted  = errors.New("hostbuild: another build goes first")
)

type job struct {
	src    Source
	ctx    context.Context
	cancel context.CancelCauseFunc
	since  time.Time
}

type finish struct {
	job *job
	bin string
	err error
}

type built struct {
	Result
	handed bool // given to Take: the binary is the caller's now
}

// Scheduler runs the builds. Its methods may be called from any goroutine
// and never block on a build. A nil *Scheduler builds nothing: Take gives
// nothing and Status is the zero Status.
type Scheduler struct {
	cfg    Config
	ctx    context.Context
	cancel context.CancelFunc
	wake   chan struct{}
	wg     sync.WaitGroup

	mu       sync.Mutex
	dirty    bool // sources may differ from the last look
	urgent   bool // look at once (a Trigger), not after Settle
	lastSave time.Time
	wanted   bool // a restart waits for a build of the sources on disk
	byKey    bool // and it was asked for by Trigger (not only SetAuto)
	wantedAt time.Time
	auto     bool
	job      *job
	done     *built  // the last finished build, of Source done.Source
	out      *Result // for Take
	builds   int
	warm     *warmRun // the last Config.Warm run started
}

// warmRun is one run of Config.Warm's command.
type warmRun struct {
	of   *built // the build it is for
	stop context.CancelCauseFunc
	done chan struct{} // closed when it has left the Gate
	// ended and ok (s.mu): it ended, without error and not stopped.
	ended, ok bool
}

// New starts a Scheduler; Close stops it.
func New(cfg Config) *Scheduler {
	if cfg.Settle <= 0 {
		cfg.Settle = 100 * time.Millisecond
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Scheduler{cfg: cfg, wake: make(chan struct{}, 1)}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.wg.Add(1)
	go s.run()
	if cfg.Prepare != nil {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			t := time.NewTimer(cfg.PrepareAfter)
			defer t.Stop()
			select {
			case <-s.ctx.Done():
			case <-t.C:
				cfg.Prepare(s.ctx)
			}
		}()
	}
	return s
}

// Saved tells the scheduler that a source file was written. The sources
// are looked at (and built, if they changed) once saves have stopped for
// Settle. A result not taken yet is withdrawn: it is of older sources.
func (s *Scheduler) Saved() {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.dirty, s.lastSave = true, s.cfg.Now()
	if s.out != nil {
		s.out, s.wanted = nil, true
	}
	s.mu.Unlock()
	s.poke()
}

// Trigger asks for a restart: Take returns the build of the sources on
// disk when it is done: at once if it is ready, after the build under way
// if that is of these sources, else after a build started now.
func (s *Scheduler) Trigger() {
	if s == nil {
		return
	}
	s.mu.Lock()
	if !s.wanted || s.wantedAt.IsZero() {
		s.wantedAt = s.cfg.Now()
	}
	s.wanted, s.byKey, s.dirty, s.urgent = true, true, true, true
	s.mu.Unlock()
	s.poke()
}

// SetAuto makes every settled save that changes the sources ask for a
// restart, as if Trigger followed it.
func (s *Scheduler) SetAuto(on bool) {
	s.mu.Lock()
	s.auto = on
	s.mu.Unlock()
}

// Take returns the result a restart asked for, once, or false when there
// is none (yet). A successful result's binary is the caller's to run or
// remove.
func (s *Scheduler) Take() (Result, bool) {
	if s == nil {
		return Result{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.out == nil {
		return Result{}, false
	}
	r := *s.out
	s.out = nil
	if s.done != nil && s.done.Binary == r.Binary {
		s.done.handed = true
	}
	return r, true
}

// Status reports what the scheduler is doing.
func (s *Scheduler) Status() Status {
	if s == nil {
		return Status{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Status{Waiting: s.wanted || s.out != nil}
	if s.job != nil {
		st.Building, st.Since, st.Changed = true, s.job.since, s.job.src.Changed
		return st
	}
	if s.done != nil && !s.dirty {
		st.Changed = s.done.Source.Changed
		if s.done.Err != nil {
			st.Err = s.done.Err.Error()
		} else {
			st.Ready = true
			if w := s.warm; w != nil && w.of == s.done {
				st.Warming, st.Warmed = !w.ended, w.ok
			}
		}
	}
	return st
}

// Builds is the number of builds started (for tests and the bench).
func (s *Scheduler) Builds() int {
	if s == nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.builds
}

// Close stops the build under way and removes the binaries not taken.
func (s *Scheduler) Close() {
	if s == nil {
		return
	}
	s.cancel()
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done != nil && !s.done.handed && s.done.Binary != "" {
		removeBinary(s.done.Binary)
	}
	s.done, s.out = nil, nil
}

func (s *Scheduler) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *Scheduler) notify() {
	if s.cfg.Notify != nil {
		s.cfg.Notify()
	}
}

func (s *Scheduler) run() {
	defer s.wg.Done()
	finished := make(chan finish, 1)
	for {
		s.mu.Lock()
		now := s.cfg.Now()
		var timer <-chan time.Time
		look := false
		if s.dirty {
			if wait := s.cfg.Settle - now.Sub(s.lastSave); s.urgent || wait <= 0 {
				look = true
				if s.auto && !s.urgent && !s.wanted {
					s.wanted, s.wantedAt = true, now
				}
				s.dirty, s.urgent = false, false
			} else {
				timer = time.After(wait)
			}
		}
		s.mu.Unlock()
		if look {
			src, err := s.cfg.Fingerprint()
			s.consider(src, err, finished)
			continue
		}
		select {
		case <-s.ctx.Done():
			s.mu.Lock()
			j := s.job
			s.mu.Unlock()
			if j != nil {
				j.cancel(context.Canceled)
				f := <-finished
				if f.bin != "" {
					removeBinary(f.bin)
				}
			}
			return
		case <-s.wake:
		case <-timer:
		case f := <-finished:
			s.finish(f)
		}
	}
}

// consider acts on the sources on disk: stop a build of other sources,
// hand over a build of these, or start one.
func (s *Scheduler) consider(src Source, err error, finished chan<- finish) {
	unready := false // told to Config.Ready once the lock is released
	defer func() {
		if unready && s.cfg.Ready != nil {
			s.cfg.Ready("")
		}
	}()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.drop()
		s.done = &built{Result: Result{Err: fmt.Errorf("reading the sources: %w", err)}}
		s.deliver()
		return
	}
	if j := s.job; j != nil {
		if j.src.Sum != src.Sum {
			j.cancel(errSuperseded) // finish looks again
		}
		return
	}
	if s.done != nil && s.done.Source.Sum == src.Sum {
		s.deliver()
		return
	}
	if src.Sum == s.cfg.Base && !s.byKey {
		// Back to the running host's sources: nothing to build or restart.
		unready = s.done != nil && s.done.Binary != "" && !s.done.handed
		s.drop()
		s.wanted = false
		s.notify()
		return
	}
	ctx, cancel := context.WithCancelCause(context.WithValue(s.ctx, urgentKey{}, s.wanted))
	j := &job{src: src, ctx: ctx, cancel: cancel, since: s.cfg.Now()}
	s.job = j
	s.builds++
	warmed := s.stopWarm()
	go func() {
		// A warm run stopped leaves the Gate (its process group killed)
		// before the build enters: one host build inside at a time.
		<-warmed
		release := s.cfg.Gate.enterHost(ctx, cancel)
		var bin string
		var err error
		if ctx.Err() == nil {
			bin, err = s.cfg.Build(ctx)
		}
		release()
		finished <- finish{job: j, bin: bin, err: err}
	}()
	s.notify()
}

// finish takes a finished build: a stopped one is looked at again, one of
// sources no longer on disk is thrown away, and the rest is kept (and
// handed over if a restart waits).
func (s *Scheduler) finish(f finish) {
	var ready string // told to Config.Ready once the lock is released
	defer func() {
		if ready != "" && s.cfg.Ready != nil {
			s.cfg.Ready(ready)
		}
	}()
	cause := context.Cause(f.job.ctx)
	f.job.cancel(nil)
	stopped := cause != nil || s.ctx.Err() != nil
	var stale bool
	if !stopped {
		now, err := s.cfg.Fingerprint()
		stale = err != nil || now.Sum != f.job.src.Sum
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.job = nil
	if stopped || stale {
		if f.bin != "" {
			removeBinary(f.bin)
		}
		// Look again at once: the sources differ, or the build must wait
		// for the gate; a save still settling keeps its own delay.
		if s.ctx.Err() == nil && !(s.dirty && !s.urgent) {
			s.dirty, s.urgent = true, true
		}
		s.notify()
		s.poke()
		return
	}
	s.drop()
	s.done = &built{Result: Result{Binary: f.bin, Err: f.err, Source: f.job.src,
		Elapsed: s.cfg.Now().Sub(f.job.since)}}
	if f.err != nil {
		s.done.Binary = ""
		if f.bin != "" {
			removeBinary(f.bin)
		}
	} else {
		ready = f.bin
	}
	s.deliver()
	if ready != "" && s.out == nil {
		s.startWarm()
	}
}

// closed is a closed channel: no warm run to wait for.
var closed = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// startWarm runs Config.Warm's command for s.done (s.mu held). The last
// run was stopped, and has left the gate, when the build started.
func (s *Scheduler) startWarm() {
	if s.cfg.Warm == nil {
		return
	}
	ctx, stop := context.WithCancelCause(s.ctx)
	w := &warmRun{of: s.done, stop: stop, done: make(chan struct{})}
	s.warm = w
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer stop(nil)
		err := s.runWarm(ctx)
		close(w.done)
		s.mu.Lock()
		w.ended, w.ok = true, err == nil && ctx.Err() == nil
		s.mu.Unlock()
		s.notify()
	}()
}

// runWarm runs Config.Warm's command inside the Gate, niced, until it
// ends or ctx does. A views build entering the gate stops it, as it stops a
// host build; it then waits for the views build and runs again (the build
// cache keeps what it had compiled), so the warm work is still done for
// the next process after a view saved while a stable edit waits.
func (s *Scheduler) runWarm(ctx context.Context) error {
	for {
		cmd := s.cfg.Warm()
		if cmd == nil {
			return errNoWarm
		}
		run, stop := context.WithCancelCause(ctx)
		release := s.cfg.Gate.enterHost(run, stop)
		err := run.Err()
		if err == nil {
			_, err = runStep(run, cmd, 10)
		}
		release()
		preempted := errors.Is(context.Cause(run), errPreempted)
		stop(nil)
		if err == nil || !preempted || ctx.Err() != nil {
			return err
		}
	}
}

// errNoWarm: Config.Warm gave no command.
var errNoWarm = errors.New("no warm command")

// stopWarm stops the last warm run, if still running, and returns a
// channel closed once it has left the Gate (s.mu held).
func (s *Scheduler) stopWarm() <-chan struct{} {
	if s.warm == nil {
		return closed
	}
	s.warm.stop(errSuperseded)
	return s.warm.done
}

// deliver hands the last build over if a restart waits (s.mu held).
func (s *Scheduler) deliver() {
	if s.wanted && s.out == nil && s.done != nil {
		r := s.done.Result
		r.Wanted = s.wantedAt
		s.out = &r
		s.wanted, s.byKey, s.wantedAt = false, false, time.Time{}
	}
	s.notify()
}

// drop forgets the last build, removing its binary unless handed over,
// and stops its warm run.
func (s *Scheduler) drop() {
	s.stopWarm()
	if s.done != nil && !s.done.handed && s.done.Binary != "" {
		removeBinary(s.done.Binary)
	}
	s.done = nil
}
