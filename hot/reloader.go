package hot

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Config configures a Reloader.
type Config struct {
	// Root is the Go module root holding the hot modules' sources.
	Root string
	// State points to the struct whose fields the modules' StateKeys name.
	State any
	// APIVersion is the host's contract version; modules must match it.
	APIVersion int
	// WorkDir receives build scratch files; a fresh temp dir when empty.
	WorkDir string
	// GoCmd is the go command; "go" from PATH when empty.
	GoCmd string
	// BuildTimeout stops a build that runs longer; 10 minutes when zero (a
	// first build on a cold cache compiles cimgui-go: minutes on 2 cores).
	BuildTimeout time.Duration
	// Notify, if set, is called from any goroutine when the reloader has
	// news for the render thread (a result to swap in, a phase change).
	Notify func()
	// Builder and Loader default to GoBuilder (with the host's build
	// settings) and PluginLoader; tests substitute their own.
	Builder Builder
	Loader  Loader
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// Phase is what the reloader is doing.
type Phase string

// Phases of a reload.
const (
	PhaseIdle     Phase = "idle"
	PhaseChecking Phase = "checking"
	PhaseBuilding Phase = "building"
	PhaseLoading  Phase = "loading"
	PhaseReady    Phase = "ready to swap"
)

// Generation is one set of loaded targets. Generation 0 is the code linked
// into the host; each successful reload adds one.
type Generation struct {
	N       int
	Build   int                // build that produced it; 0 for the static code
	Modules map[string]Symbols // module name -> its verified symbols
	// Problems holds, by "module.target", why a target is not available.
	Problems map[string]*Error
	Loaded   time.Time
	// Prev is the generation this one replaced (nil for generation 0), so
	// a host can fall back to an older target that worked.
	Prev *Generation
}

// Target returns the target name of module, or why it is not available.
func (g *Generation) Target(module, name string) (any, error) {
	if g == nil {
		return nil, errors.New("no code loaded")
	}
	if p, ok := g.Problems[module+"."+name]; ok {
		return nil, p
	}
	s, ok := g.Modules[module]
	if !ok {
		return nil, fmt.Errorf("module %q is not loaded", module)
	}
	fn, ok := s.Targets[name]
	if !ok {
		return nil, fmt.Errorf("target %s.%s is not in generation %d", module, name, g.N)
	}
	return fn, nil
}

// TargetFunc returns the target as a function of type F.
func TargetFunc[F any](g *Generation, module, name string) (F, error) {
	var zero F
	v, err := g.Target(module, name)
	if err != nil {
		return zero, err
	}
	f, ok := v.(F)
	if !ok {
		return zero, fmt.Errorf("target %s.%s is a %T, not a %T", module, name, v, zero)
	}
	return f, nil
}

// Record is one finished reload, for the history.
type Record struct {
	When       time.Time
	Modules    []string
	Generation int // the generation running afterwards
	OK         bool
	Reason     Reason
	Error      string
	Build      time.Duration
	Load       time.Duration
	Swap       time.Duration // render-thread time to capture state and swap
}

// Stats counts reloads. Coalesced counts triggers folded into a build
// already under way.
type Stats struct {
	Reloads, Successes, Failures, Coalesced int
	ViewPanics                              int // panics in views outside a first frame
	Builds                                  int // plugin builds started
	LastBuild, LastLoad, LastSwap           time.Duration
}

// Status is a snapshot of the reloader for display.
type Status struct {
	Generation int
	Busy       bool // a build or load is under way
	Phase      Phase
	Since      time.Time // when the current reload started
	IsError    bool
	Error      string // last error; empty after a success
	Reason     Reason
	Stats      Stats
	History    []Record // oldest first, at most historyLen
	// SourcesChanged is set by Watch when hot sources changed after the
	// last build started.
	SourcesChanged bool
}

const historyLen = 100

// buildCounter numbers plugin builds across the whole process: each build's
// packages get fresh import paths even with several Reloaders (Go loads a
// plugin path only once per process).
var buildCounter atomic.Int64

// outcome is a finished build handed to the render thread.
type outcome struct {
	modules     []string
	build, load time.Duration
	buildID     int
	syms        map[string]Symbols
	problems    map[string]*Error
	err         error
}

// probation is a freshly swapped generation whose first frame has not been
// confirmed yet.
type probation struct {
	prev *Generation
	snap Snapshot
	o    *outcome
	swap time.Duration
}

// Reloader builds, loads and swaps generations of hot modules.
type Reloader struct {
	cfg     Config
	reg     Registry
	modPath string
	base    Fingerprint
	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	current atomic.Pointer[Generation]
	auto    atomic.Bool

	mu         sync.Mutex
	building   bool
	pending    map[string]bool // modules asked for while building
	phase      Phase
	since      time.Time
	ready      *outcome
	stats      Stats
	errText    string
	errReason  Reason
	history    []Record
	srcChanged bool
	closed     bool

	prob *probation // render thread only
}

// New returns a Reloader for the Go module at cfg.Root.
func New(cfg Config) (*Reloader, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.BuildTimeout <= 0 {
		cfg.BuildTimeout = 10 * time.Minute
	}
	if _, err := structValue(cfg.State); err != nil {
		return nil, err
	}
	root, err := filepath.Abs(cfg.Root)
	if err != nil {
		return nil, fmt.Errorf("hot: module root: %w", err)
	}
	cfg.Root = root
	r := &Reloader{cfg: cfg, phase: PhaseIdle}
	if cfg.Builder == nil || cfg.Loader == nil {
		mp, err := ModulePath(root)
		if err != nil {
			return nil, fmt.Errorf("hot: %w", err)
		}
		r.modPath = mp
	}
	if r.cfg.Builder == nil {
		r.cfg.Builder = GoBuilder{GoCmd: cfg.GoCmd, Settings: HostBuildSettings()}
	}
	if r.cfg.Loader == nil {
		r.cfg.Loader = PluginLoader{}
	}
	if r.cfg.WorkDir == "" {
		d, err := os.MkdirTemp("", "slopgui-hot-")
		if err != nil {
			return nil, fmt.Errorf("hot: work dir: %w", err)
		}
		r.cfg.WorkDir = d
	}
	r.ctx, r.cancel = context.WithCancel(context.Background())
	return r, nil
}

// Register adds a hot module; its state keys must name deep-copyable
// exported fields of cfg.State. Register before SetStatic.
func (r *Reloader) Register(m HotModule) error {
	if err := CheckStateKeys(r.cfg.State, m.StateKeys); err != nil {
		return fmt.Errorf("hot module %q: %w", m.Name, err)
	}
	return r.reg.Register(m)
}

// Modules returns the registered modules.
func (r *Reloader) Modules() []HotModule { return r.reg.Modules() }

// WorkDir is where builds write their files.
func (r *Reloader) WorkDir() string { return r.cfg.WorkDir }

func (r *Reloader) hotDirs() []string {
	var dirs []string
	for _, m := range r.reg.Modules() {
		dirs = append(dirs, m.SourceDirs...)
	}
	return dirs
}

// SetStatic installs generation 0, the code linked into the host, and
// fingerprints the stable packages so later edits to them are detected.
// Targets that are missing or mistyped are reported like a failed reload.
func (r *Reloader) SetStatic(syms map[string]Symbols) error {
	good, problems, err := verify(r.reg.Modules(), syms, r.cfg.APIVersion)
	if err != nil {
		return fmt.Errorf("hot: static code: %w", err)
	}
	if r.modPath != "" {
		if fp, err := TakeFingerprint(r.cfg.Root, r.hotDirs()); err == nil {
			r.base = fp
		}
	}
	r.current.Store(&Generation{Modules: good, Problems: problems, Loaded: r.cfg.Now()})
	if len(problems) > 0 {
		text, reason := problemText(problems)
		r.mu.Lock()
		r.errText, r.errReason = text, reason
		r.mu.Unlock()
	}
	return nil
}

// Current returns the generation in use.
func (r *Reloader) Current() *Generation { return r.current.Load() }

// ReloadAll rebuilds every module in one plugin build. It returns at once;
// the result is swapped in by a later BeginFrame.
func (r *Reloader) ReloadAll() {
	var names []string
	for _, m := range r.reg.Modules() {
		names = append(names, m.Name)
	}
	r.trigger(names)
}

// Reload rebuilds one module, keeping the others as they are.
func (r *Reloader) Reload(name string) error {
	if _, ok := r.reg.Module(name); !ok {
		return fmt.Errorf("hot: no module %q", name)
	}
	r.trigger([]string{name})
	return nil
}

func (r *Reloader) trigger(names []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed || len(names) == 0 {
		return
	}
	if r.building {
		if r.pending == nil {
			r.pending = map[string]bool{}
		}
		for _, n := range names {
			r.pending[n] = true
		}
		r.stats.Coalesced++
		return
	}
	r.building = true
	r.ready = nil
	r.phase, r.since = PhaseChecking, r.cfg.Now()
	r.wg.Add(1)
	go r.run(names)
	r.notify()
}

func (r *Reloader) notify() {
	if r.cfg.Notify != nil {
		r.cfg.Notify()
	}
}

func (r *Reloader) setPhase(p Phase) {
	r.mu.Lock()
	r.phase = p
	r.mu.Unlock()
	r.notify()
}

// run builds until no trigger is pending, then hands the last outcome over.
func (r *Reloader) run(names []string) {
	defer r.wg.Done()
	for {
		r.mu.Lock()
		id := int(buildCounter.Add(1))
		r.srcChanged = false
		r.mu.Unlock()

		o := &outcome{modules: names, buildID: id}
		so := r.build(o)

		r.mu.Lock()
		if len(r.pending) > 0 && !r.closed {
			// Superseded: a newer trigger wants a fresh build of newer code.
			names = sortedKeys(r.pending)
			r.pending = nil
			r.phase, r.since = PhaseChecking, r.cfg.Now()
			r.mu.Unlock()
			removeBuild(so)
			continue
		}
		r.mu.Unlock()

		if o.err == nil {
			r.load(o, so)
		}
		r.mu.Lock()
		r.ready = o
		if len(r.pending) > 0 && !r.closed {
			// A trigger arrived while loading: hand this result over and
			// build once more for the newer code.
			names = sortedKeys(r.pending)
			r.pending = nil
			r.phase, r.since = PhaseChecking, r.cfg.Now()
			r.mu.Unlock()
			r.notify()
			continue
		}
		r.building = false
		r.phase = PhaseReady
		r.mu.Unlock()
		r.notify()
		return
	}
}

// build runs the checks and the plugin build; it fills o.err on failure.
func (r *Reloader) build(o *outcome) string {
	mods := r.modulesNamed(o.modules)
	// The checks concern the real toolchain path; an injected Builder
	// (tests, or a host without sources) answers for itself.
	if r.modPath != "" {
		if err := r.checkSources(); err != nil {
			o.err = err
			return ""
		}
		if err := CheckToolchain(r.ctx, r.cfg.GoCmd); err != nil {
			o.err = err
			return ""
		}
		if changed, err := ChangedStable(r.base, r.cfg.Root, r.modPath, r.hotDirs()); err != nil {
			o.err = &Error{Reason: ReasonSources, What: "reading the sources failed", Err: err,
				Hint: "check that the source tree is readable"}
			return ""
		} else if len(changed) > 0 {
			o.err = &Error{Reason: ReasonStableChanged,
				What: fmt.Sprintf("restart needed: %v changed since slopgui started", changed),
				Hint: "only the hot modules reload; stable packages (and go.mod, go.sum) are linked into the running host. Restart slopgui (make run), or undo the change to keep reloading. Nothing was built."}
			return ""
		}
	}
	r.mu.Lock()
	r.stats.Builds++
	r.mu.Unlock()
	r.setPhase(PhaseBuilding)
	ctx, cancel := context.WithTimeoutCause(r.ctx, r.cfg.BuildTimeout,
		fmt.Errorf("the build ran longer than %v", r.cfg.BuildTimeout))
	defer cancel()
	start := r.cfg.Now()
	so, err := r.cfg.Builder.Build(ctx, BuildRequest{
		ID: o.buildID, Root: r.cfg.Root, ModulePath: r.modPath,
		Modules: mods, All: r.reg.Modules(),
		WorkDir: r.buildDir(o.buildID),
	})
	o.build = r.cfg.Now().Sub(start)
	if err != nil {
		o.err = classifyBuildError(err, ctx)
		os.RemoveAll(r.buildDir(o.buildID))
		return ""
	}
	return so
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
		return &Error{Reason: ReasonInternal, What: "build cancelled: slopgui is shutting down", Err: err}
	}
	return &Error{Reason: ReasonBuild, What: "the views do not compile", Detail: detail, Err: err,
		Hint: "fix the error above and press Ctrl+Alt+R again; the previous views keep running"}
}

func (r *Reloader) checkSources() error {
	for _, d := range r.hotDirs() {
		dir := filepath.Join(r.cfg.Root, filepath.FromSlash(d))
		if _, err := os.ReadDir(dir); err != nil {
			return &Error{Reason: ReasonSources, What: fmt.Sprintf("cannot read the hot sources in %s", dir), Err: err,
				Hint: "restore the directory (git checkout -- " + d + ") or fix its permissions, then reload; the running views stay"}
		}
	}
	return nil
}

// load opens the plugin and verifies it; it fills o.
func (r *Reloader) load(o *outcome, so string) {
	r.setPhase(PhaseLoading)
	start := r.cfg.Now()
	syms, err := r.cfg.Loader.Load(so)
	removeBuild(so)
	if err == nil {
		o.syms, o.problems, err = verify(r.modulesNamed(o.modules), syms, r.cfg.APIVersion)
	}
	o.load = r.cfg.Now().Sub(start)
	if err != nil {
		var he *Error
		if !errors.As(err, &he) {
			err = &Error{Reason: ReasonLoad, What: "loading the new code failed", Err: err}
		}
		o.err = err
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

func (r *Reloader) modulesNamed(names []string) []HotModule {
	var out []HotModule
	for _, n := range names {
		if m, ok := r.reg.Module(n); ok {
			out = append(out, m)
		}
	}
	return out
}

// BeginFrame must be called on the render thread before a frame is drawn.
// If a reload finished, it captures the registered state, swaps the new
// generation in (every target at once) and puts it on probation until
// EndFrame; a failed reload only updates the error state.
func (r *Reloader) BeginFrame() {
	r.mu.Lock()
	o := r.ready
	r.ready = nil
	if o != nil && !r.building {
		r.phase = PhaseIdle
	}
	r.mu.Unlock()
	if o == nil {
		return
	}
	if o.err != nil {
		r.finish(o, 0, r.Current().N, o.err, false)
		return
	}
	start := r.cfg.Now()
	snap, err := CaptureState(r.cfg.State, r.reg.StateKeys())
	if err != nil {
		r.finish(o, 0, r.Current().N, &Error{Reason: ReasonInternal, What: "capturing state failed", Err: err}, false)
		return
	}
	prev := r.Current()
	next := &Generation{N: prev.N + 1, Build: o.buildID, Modules: map[string]Symbols{}, Problems: map[string]*Error{}, Loaded: r.cfg.Now(), Prev: prev}
	for k, v := range prev.Modules {
		next.Modules[k] = v
	}
	for k, v := range prev.Problems {
		next.Problems[k] = v
	}
	for name, s := range o.syms {
		next.Modules[name] = s
		for k := range next.Problems {
			if len(k) > len(name) && k[:len(name)+1] == name+"." {
				delete(next.Problems, k)
			}
		}
	}
	for k, v := range o.problems {
		next.Problems[k] = v
	}
	r.current.Store(next)
	r.prob = &probation{prev: prev, snap: snap, o: o, swap: r.cfg.Now().Sub(start)}
}

// EndFrame must be called on the render thread after the frame's views ran,
// with the panics they raised (recovered by the host). It confirms a
// generation on probation, or, if its first frame panicked, restores the
// state captured before the swap, goes back to the previous generation and
// returns true: the host should discard the frame and draw it again.
// Panics outside a first frame are counted (Stats.ViewPanics); what to
// draw for such a view is the host's choice.
func (r *Reloader) EndFrame(panics []error) (rolledBack bool) {
	p := r.prob
	if p == nil {
		if len(panics) > 0 {
			r.mu.Lock()
			r.stats.ViewPanics += len(panics)
			r.mu.Unlock()
		}
		return false
	}
	r.prob = nil
	gen := r.Current()
	if len(panics) > 0 {
		start := r.cfg.Now()
		rerr := RestoreState(r.cfg.State, p.snap)
		r.current.Store(p.prev)
		err := &Error{Reason: ReasonFirstFramePanic,
			What:   fmt.Sprintf("the new code panicked in its first frame; rolled back to generation %d and restored the state", p.prev.N),
			Detail: errors.Join(append(panics, rerr)...).Error(),
			Hint:   "fix the panic and reload"}
		r.finish(p.o, p.swap+r.cfg.Now().Sub(start), p.prev.N, err, false)
		return true
	}
	if len(gen.Problems) > 0 {
		text, reason := problemText(gen.Problems)
		r.finish(p.o, p.swap, gen.N, &Error{Reason: reason, What: text}, true)
		return false
	}
	r.finish(p.o, p.swap, gen.N, nil, true)
	return false
}

// OnProbation reports whether the current generation has not finished its
// first frame yet (render thread only).
func (r *Reloader) OnProbation() bool { return r.prob != nil }

// finish records a reload's result.
func (r *Reloader) finish(o *outcome, swap time.Duration, gen int, err error, swapped bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rec := Record{When: r.cfg.Now(), Modules: o.modules, Generation: gen, OK: err == nil,
		Build: o.build, Load: o.load, Swap: swap}
	r.stats.Reloads++
	r.stats.LastBuild, r.stats.LastLoad = o.build, o.load
	if swapped || swap > 0 {
		r.stats.LastSwap = swap
	}
	if err == nil {
		r.stats.Successes++
		r.errText, r.errReason = "", ReasonNone
	} else {
		r.stats.Failures++
		rec.Error = err.Error()
		rec.Reason = ReasonInternal
		var he *Error
		if errors.As(err, &he) {
			rec.Reason = he.Reason
		}
		r.errText, r.errReason = rec.Error, rec.Reason
	}
	r.history = append(r.history, rec)
	if len(r.history) > historyLen {
		r.history = r.history[len(r.history)-historyLen:]
	}
}

// Status returns a snapshot for display.
func (r *Reloader) Status() Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	gen := 0
	if g := r.Current(); g != nil {
		gen = g.N
	}
	return Status{
		Generation: gen, Busy: r.building, Phase: r.phase, Since: r.since,
		IsError: r.errText != "", Error: r.errText, Reason: r.errReason,
		Stats: r.stats, History: append([]Record(nil), r.history...),
		SourcesChanged: r.srcChanged,
	}
}

// Wait blocks until no build is under way and any finished result is
// waiting for BeginFrame, or ctx ends.
func (r *Reloader) Wait(ctx context.Context) error {
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		r.mu.Lock()
		busy := r.building
		r.mu.Unlock()
		if !busy {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Close cancels any build, waits for it and removes the work directory.
func (r *Reloader) Close() error {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	r.cancel()
	r.wg.Wait()
	return os.RemoveAll(r.cfg.WorkDir)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
