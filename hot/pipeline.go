package hot

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// buildCounter numbers plugin builds across the whole process: each build's
// packages get fresh import paths even with several Reloaders (Go loads a
// plugin path only once per process).
var buildCounter atomic.Int64

// outcome is one finished build: prepared (maybe loaded) ahead, or handed
// to the render thread.
type outcome struct {
	modules []string
	hash    string // the sources it was built from
	ahead   bool   // built before a trigger asked for it
	buildID int
	so      string // the plugin file, until loaded
	loaded  bool
	// rollback: no build; an older generation made current again.
	rollback bool
	// aheadLoaded: loaded before a trigger asked for it.
	aheadLoaded bool
	wantAt      time.Time // when the trigger it answers came
	build, load time.Duration
	trace       BuildTrace
	prefixes    map[string]string
	snap        *snapshot
	syms        map[string]Symbols
	problems    map[string]*Error
	err         error
}

// reusable reports whether o can answer a trigger for names on sources
// hash: a build of exactly those sources, good, or failed in a way that
// depends on the sources alone (a rebuild would fail the same way).
func (o *outcome) reusable(names []string, hash string) bool {
	if o == nil || o.hash != hash || !slices.Equal(o.modules, names) {
		return false
	}
	if o.err == nil || o.loaded {
		return true
	}
	he, ok := o.err.(*Error)
	return ok && he.Reason == ReasonBuild
}

// probation is a freshly swapped generation whose first frame has not been
// confirmed yet.
type probation struct {
	prev *Generation
	snap Snapshot
	o    *outcome
	swap time.Duration
}

// job is a build under way; cancel stops it when newer sources make it
// useless.
type job struct {
	hash   string
	cancel context.CancelCauseFunc
}

// errSuperseded cancels a build whose sources were saved again.
var errSuperseded = errors.New("the sources changed again; building the newer ones")

// worker is the one goroutine that builds and loads. It sleeps until a
// trigger, a save, or the moment a ready build may be loaded ahead.
func (r *Reloader) worker() {
	defer r.wg.Done()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-r.ctx.Done():
			return
		case <-r.wake:
		case <-timer.C:
		}
		for {
			again, later := r.step()
			if later > 0 {
				timer.Reset(later)
			}
			if !again || r.ctx.Err() != nil {
				break
			}
		}
	}
}

// step does the next piece of work. It returns again when more may be
// waiting, and later > 0 when it should be called again after that long
// (to load a ready build ahead once the sources are quiet).
func (r *Reloader) step() (again bool, later time.Duration) {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return false, 0
	}
	want, ahead := r.want, r.aheadReq
	r.mu.Unlock()
	if want == nil && !ahead {
		return false, r.loadAhead()
	}
	names := want
	if names == nil {
		names = r.allNames()
	}
	r.setWorking(true)
	defer r.setWorking(false)

	snap, err := r.snapshot()
	if err != nil {
		o := &outcome{modules: names, err: r.explained(err)}
		r.mu.Lock()
		r.aheadReq = false
		r.prep = o // shown as the ahead build's error until a trigger
		r.mu.Unlock()
		r.deliver(o, want != nil)
		return true, 0
	}
	r.mu.Lock()
	prep := r.prep
	if want == nil && snap.Hash == r.delivered {
		// Saved sources that a trigger already built (pressed right after
		// saving): nothing to build ahead.
		r.aheadReq = false
		r.mu.Unlock()
		return false, 0
	}
	r.mu.Unlock()
	fresh := !prep.reusable(names, snap.Hash)
	if fresh {
		r.discard(prep)
		o := r.build(snap, names, want == nil)
		if o == nil {
			return true, 0 // superseded by newer sources: build those
		}
		if !r.unchanged(snap) {
			removeBuild(o.so) // never swapped in: the sources moved on
			return true, 0
		}
		r.mu.Lock()
		r.prep = o
		r.mu.Unlock()
		prep = o
	}
	r.mu.Lock()
	r.aheadReq = false
	want = r.want // a trigger may have come during the build
	r.mu.Unlock()
	if want == nil {
		if prep.err != nil {
			r.notify() // the status line shows the build error
		}
		return false, r.loadAhead()
	}
	if !slices.Equal(want, prep.modules) || !fresh && !prep.reusable(want, snap.Hash) {
		return true, 0 // the trigger asked for other modules
	}
	if prep.err == nil && !prep.loaded {
		r.load(prep)
		if r.retryFresh(prep) {
			return true, 0
		}
		if !r.unchanged(snap) {
			r.discard(prep)
			return true, 0
		}
	}
	r.deliver(prep, true)
	return true, 0
}

// snapshot reads the hot sources, with an error fit for the user. With an
// injected Builder (no module to read) unreadable sources are no error:
// the Builder answers for itself.
func (r *Reloader) snapshot() (*snapshot, error) {
	if r.modPath == "" {
		if s, err := takeSnapshot(r.cfg.Root, "", r.hotDirs()); err == nil {
			return s, nil
		}
		return &snapshot{Pkgs: map[string]pkgFiles{}}, nil
	}
	if err := r.checkSources(); err != nil {
		return nil, err
	}
	s, err := takeSnapshot(r.cfg.Root, r.modPath, r.hotDirs())
	if err != nil {
		return nil, &Error{Reason: ReasonSources, What: "reading the hot sources failed", Err: err,
			Hint: "check that the source tree is readable, then reload; the running code stays"}
	}
	return s, nil
}

// unchanged reports whether the sources on disk are still those of s.
func (r *Reloader) unchanged(s *snapshot) bool {
	now, err := r.snapshot()
	return err == nil && now.Hash == s.Hash
}

func (r *Reloader) setWorking(on bool) {
	r.mu.Lock()
	r.working = on
	switch {
	case on && r.want != nil:
		r.phase = PhaseChecking
	case !on && r.want == nil && r.ready == nil:
		r.phase = PhaseIdle
	}
	r.mu.Unlock()
	r.notify()
}

// deliver hands o to the render thread (toUser: a trigger waits for it)
// and clears the trigger.
func (r *Reloader) deliver(o *outcome, toUser bool) {
	r.mu.Lock()
	if toUser && r.want != nil {
		o.wantAt = r.wantAt
		r.delivered = o.hash
		r.ready = o
		r.phase = PhaseReady
		r.want = nil
		if r.prep == o {
			r.prep = nil
		}
	}
	r.mu.Unlock()
	r.notify()
}

// discard forgets a prepared build that can no longer be used. A plugin
// that was loaded stays in memory for good: it is counted as wasted.
func (r *Reloader) discard(o *outcome) {
	if o == nil {
		return
	}
	r.mu.Lock()
	if r.prep == o {
		r.prep = nil
	}
	if o.loaded && o.err == nil {
		r.stats.WastedLoads++
	}
	r.mu.Unlock()
	removeBuild(o.so)
}

// loadAhead loads the prepared build once the sources have been quiet for
// LoadAheadAfter, within MaxAheadLoads. It returns how long to wait
// before trying again (0: nothing to do).
func (r *Reloader) loadAhead() time.Duration {
	r.mu.Lock()
	p := r.prep
	if p == nil || p.err != nil || p.loaded || r.want != nil || r.aheadReq ||
		r.cfg.LoadAheadAfter < 0 || r.cfg.MaxAheadLoads < 0 || r.aheadLoads >= r.cfg.MaxAheadLoads {
		r.mu.Unlock()
		return 0
	}
	if wait := r.cfg.LoadAheadAfter - r.cfg.Now().Sub(r.lastChange); wait > 0 {
		r.mu.Unlock()
		return wait
	}
	r.working = true
	r.mu.Unlock()
	defer r.setWorking(false)
	if !r.unchanged(p.snap) {
		return 0 // the watcher will ask for a new build
	}
	r.load(p)
	r.mu.Lock()
	p.aheadLoaded = true
	r.aheadLoads++
	r.stats.AheadLoads++
	r.mu.Unlock()
	r.retryFresh(p)
	return 0
}

// retryFresh handles a plugin that could not load because a package kept
// at its own path is not the one linked into the host (the host was built
// from other sources than those on disk at start): every package gets a
// new path from now on, and the build is done again. It reports whether
// it did so.
func (r *Reloader) retryFresh(o *outcome) bool {
	if o.err == nil || o.prefixes == nil || reasonOf(o.err) != ReasonStableChanged {
		return false
	}
	hotPkg := false
	for d, pre := range o.prefixes {
		if pre == "" && strings.Contains(o.err.Error(), "package "+r.modPath+"/"+d+" ") {
			hotPkg = true
		}
	}
	if !hotPkg {
		return false
	}
	r.mu.Lock()
	r.paths = nil
	if r.prep == o {
		r.prep = nil
	}
	r.mu.Unlock()
	return true
}

// build runs the checks and the plugin build of snap. It returns nil when
// the build was cancelled because newer sources were saved.
func (r *Reloader) build(snap *snapshot, names []string, ahead bool) *outcome {
	o := r.buildSnapshot(snap, names, ahead)
	if o != nil {
		o.err = r.explained(o.err)
	}
	return o
}

// explained lets the host put err in its own words (Config.Explain) and
// returns it.
func (r *Reloader) explained(err error) error {
	var e *Error
	if r.cfg.Explain != nil && errors.As(err, &e) {
		r.cfg.Explain(e)
	}
	return err
}

func (r *Reloader) buildSnapshot(snap *snapshot, names []string, ahead bool) *outcome {
	id := int(buildCounter.Add(1))
	o := &outcome{modules: names, hash: snap.Hash, ahead: ahead, buildID: id, snap: snap}
	mods := r.modulesNamed(names)
	// The checks concern the real toolchain path; an injected Builder
	// (tests, or a host without sources) answers for itself.
	if r.modPath != "" {
		if err := CheckToolchain(r.ctx, r.cfg.GoCmd); err != nil {
			o.err = err
			return o
		}
		if changed, err := ChangedStable(r.base, r.cfg.Root, r.modPath, r.hotDirs()); err != nil {
			o.err = &Error{Reason: ReasonSources, What: "reading the sources failed", Err: err,
				Hint: "check that the source tree is readable"}
			return o
		} else if len(changed) > 0 {
			o.err = &Error{Reason: ReasonStableChanged,
				What:  fmt.Sprintf("restart needed: %v changed since this program started", changed),
				Hint:  "only the hot modules reload; stable packages (and go.mod, go.sum) are linked into the running host. Rebuild and restart it, or undo the change to keep reloading. Nothing was built.",
				Facts: map[string]string{"changed": strings.Join(changed, " ")}}
			return o
		}
	}
	ctx, cancel := context.WithCancelCause(r.ctx)
	defer cancel(nil)
	r.mu.Lock()
	r.stats.Builds++
	if ahead {
		r.stats.AheadBuilds++
	}
	r.srcChanged = false
	r.job = &job{hash: snap.Hash, cancel: cancel}
	o.prefixes = assignPrefixes(snap, r.paths, genPrefix(id))
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		r.job = nil
		r.mu.Unlock()
	}()
	r.setPhase(PhaseBuilding)
	tctx, tcancel := context.WithTimeoutCause(ctx, r.cfg.BuildTimeout,
		fmt.Errorf("the build ran longer than %v", r.cfg.BuildTimeout))
	defer tcancel()
	start := r.cfg.Now()
	var so string
	var err error
	release := func() {}
	if r.cfg.BuildGate != nil {
		release, err = r.cfg.BuildGate(tctx)
	}
	if err == nil {
		so, err = r.cfg.Builder.Build(tctx, BuildRequest{
			ID: id, Root: r.cfg.Root, ModulePath: r.modPath,
			Modules: mods, All: r.reg.Modules(),
			WorkDir: r.buildDir(id), Prefixes: o.prefixes, Fresh: genPrefix(id), Trace: &o.trace,
		})
		release()
	}
	o.build = r.cfg.Now().Sub(start)
	if err != nil {
		os.RemoveAll(r.buildDir(id))
		if errors.Is(context.Cause(ctx), errSuperseded) {
			return nil
		}
		o.err = classifyBuildError(err, tctx)
		return o
	}
	o.so = so
	r.mu.Lock()
	if r.paths == nil {
		r.paths = map[string]pkgPath{}
	}
	for d, p := range snap.Pkgs {
		r.paths[d] = pkgPath{Hash: p.Hash, Prefix: o.prefixes[d]}
	}
	r.mu.Unlock()
	return o
}

// sourcesSettled is called by the watcher when saved sources have been
// quiet for SettleDelay: build them ahead, and stop a build of older
// sources, which could never be swapped in.
func (r *Reloader) sourcesSettled() {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	r.aheadReq = true
	r.stats.Saves++
	j := r.job
	r.mu.Unlock()
	if j != nil {
		if s, err := takeSnapshot(r.cfg.Root, r.modPath, r.hotDirs()); err == nil && s.Hash != j.hash {
			j.cancel(errSuperseded)
		}
	}
	r.poke()
}

func classifyBuildError(err error, ctx context.Context) error {
	var he *Error
	if errors.As(err, &he) {
		return he
	}
	detail := ""
	var be *BuildError
	if errors.As(err, &be) {
		detail = be.Output
	}
	if ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &Error{Reason: ReasonTimeout, What: fmt.Sprintf("build cancelled: %v", context.Cause(ctx)), Detail: detail, Err: err,
			Hint: "something made the compiler hang or the machine is overloaded; check the code (huge constants, generics loops) and reload"}
	}
	if ctx.Err() != nil {
		return &Error{Reason: ReasonInternal, What: "build cancelled: the reloader is closing", Err: err}
	}
	return &Error{Reason: ReasonBuild, What: "the new code does not compile", Detail: detail, Err: err,
		Hint: "fix the error above and reload again; the previous code keeps running"}
}

func (r *Reloader) checkSources() error {
	for _, d := range r.hotDirs() {
		dir := filepath.Join(r.cfg.Root, filepath.FromSlash(d))
		if _, err := os.ReadDir(dir); err != nil {
			return &Error{Reason: ReasonSources, What: fmt.Sprintf("cannot read the hot sources in %s", dir), Err: err,
				Hint: "restore the directory (git checkout -- " + d + ") or fix its permissions, then reload; the running code stays"}
		}
	}
	return nil
}

// load opens the plugin and verifies it; it fills o (under r.mu: Status
// reads a prepared outcome).
func (r *Reloader) load(o *outcome) {
	r.setPhase(PhaseLoading)
	start := r.cfg.Now()
	syms, err := r.cfg.Loader.Load(o.so)
	removeBuild(o.so)
	var good map[string]Symbols
	var problems map[string]*Error
	if err == nil {
		good, problems, err = verify(r.modulesNamed(o.modules), syms, r.cfg.APIVersion)
	}
	if err != nil {
		var he *Error
		if !errors.As(err, &he) {
			err = &Error{Reason: ReasonLoad, What: "loading the new code failed", Err: err}
		}
	}
	err = r.explained(err)
	for _, p := range problems {
		r.explained(p)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	o.so, o.loaded = "", true
	o.syms, o.problems, o.err = good, problems, err
	o.load = r.cfg.Now().Sub(start)
	if err != nil {
		// Packages of a plugin that failed to load may be half
		// initialised: never share them with a later build.
		r.paths = nil
	}
}

// buildDir is the scratch directory of build id.
func (r *Reloader) buildDir(id int) string {
	return filepath.Join(r.cfg.WorkDir, fmt.Sprintf("b%d", id))
}

// removeBuild deletes a build's directory; a loaded plugin stays mapped.
func removeBuild(so string) {
	if so != "" {
		os.RemoveAll(filepath.Dir(so))
	}
}

func (r *Reloader) modulesNamed(names []string) []Module {
	var out []Module
	for _, n := range names {
		if m, ok := r.reg.Module(n); ok {
			out = append(out, m)
		}
	}
	return out
}

func reasonOf(err error) Reason {
	var he *Error
	if errors.As(err, &he) {
		return he.Reason
	}
	return ReasonInternal
}
