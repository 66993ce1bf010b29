package hot

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Reloader builds, loads and swaps generations of hot modules.
//
// One worker goroutine does all building and loading. Triggers and the
// watcher only record what is wanted and wake it: a trigger wants the
// sources on disk swapped in; a save wants them built (and, once quiet,
// loaded) ahead, so that the trigger finds them ready.
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
	wake    chan struct{}

	mu         sync.Mutex
	want       []string  // modules a trigger asked for; nil: no trigger waits
	wantAt     time.Time // when the first waiting trigger came
	working    bool      // the worker is checking, building or loading
	job        *job      // the build under way
	prep       *outcome  // newest finished build not handed over yet
	aheadReq   bool      // saved sources wait to be built ahead
	delivered  string    // hash of the sources last handed to a trigger
	lastChange time.Time // last source change the watcher saw
	aheadLoads int       // plugins loaded ahead since the last swap
	paths      map[string]pkgPath
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

	// gens are the generations confirmed in this process, oldest first;
	// lastN is the highest generation number given out. rollTo is a
	// generation asked to be made current again at the next BeginFrame.
	gens   []*Generation
	lastN  int
	rollTo *Generation
}

// New returns a Reloader for the Go module at cfg.Root.
func New(cfg Config) (*Reloader, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.BuildTimeout <= 0 {
		cfg.BuildTimeout = 10 * time.Minute
	}
	if cfg.SettleDelay <= 0 {
		cfg.SettleDelay = 100 * time.Millisecond
	}
	if cfg.LoadAheadAfter == 0 {
		cfg.LoadAheadAfter = time.Second
	}
	if cfg.MaxAheadLoads == 0 {
		cfg.MaxAheadLoads = 2
	}
	if _, err := structValue(cfg.State); err != nil {
		return nil, err
	}
	root, err := filepath.Abs(cfg.Root)
	if err != nil {
		return nil, fmt.Errorf("hot: module root: %w", err)
	}
	cfg.Root = root
	r := &Reloader{cfg: cfg, phase: PhaseIdle, wake: make(chan struct{}, 1)}
	if cfg.Builder == nil || cfg.Loader == nil {
		mp, err := ModulePath(root)
		if err != nil {
			return nil, fmt.Errorf("hot: %w", err)
		}
		r.modPath = mp
	}
	if r.cfg.Builder == nil {
		r.cfg.Builder = &DirectBuilder{Go: GoBuilder{GoCmd: cfg.GoCmd, Settings: HostBuildSettings(),
			ExtLD: cfg.ExtLD, LinkFlags: cfg.LinkFlags}}
	}
	if r.cfg.Loader == nil {
		r.cfg.Loader = PluginLoader{}
	}
	if r.cfg.WorkDir == "" {
		d, err := os.MkdirTemp("", "hot-build-")
		if err != nil {
			return nil, fmt.Errorf("hot: work dir: %w", err)
		}
		r.cfg.WorkDir = d
	}
	r.ctx, r.cancel = context.WithCancel(context.Background())
	r.wg.Add(1)
	go r.worker()
	return r, nil
}

// Register adds a hot module; its state keys must name deep-copyable
// exported fields of cfg.State. Register before SetStatic.
func (r *Reloader) Register(m Module) error {
	if err := CheckStateKeys(r.cfg.State, m.StateKeys); err != nil {
		return fmt.Errorf("hot module %q: %w", m.Name, err)
	}
	return r.reg.Register(m)
}

// Modules returns the registered modules.
func (r *Reloader) Modules() []Module { return r.reg.Modules() }

// WorkDir is where builds write their files.
func (r *Reloader) WorkDir() string { return r.cfg.WorkDir }

func (r *Reloader) hotDirs() []string {
	var dirs []string
	for _, m := range r.reg.Modules() {
		dirs = append(dirs, m.SourceDirs...)
	}
	return dirs
}

func (r *Reloader) allNames() []string {
	var names []string
	for _, m := range r.reg.Modules() {
		names = append(names, m.Name)
	}
	sort.Strings(names)
	return names
}

// SetStatic installs generation 0, the code linked into the host, and
// fingerprints the stable packages so later edits to them are detected.
// Packages whose sources equal the module's Linked sources keep their own
// import path until they are edited. Targets that are missing or mistyped
// are reported like a failed reload.
func (r *Reloader) SetStatic(syms map[string]Symbols) error {
	good, problems, err := verify(r.reg.Modules(), syms, r.cfg.APIVersion)
	if err != nil {
		return fmt.Errorf("hot: static code: %w", err)
	}
	if r.modPath != "" {
		if fp, err := TakeFingerprint(r.cfg.Root, r.hotDirs()); err == nil {
			r.base = fp
		}
		r.paths = map[string]pkgPath{}
		for _, m := range r.reg.Modules() {
			if m.Linked == nil {
				continue
			}
			for d, h := range linkedHashes(m.Linked, m.SourceDirs[0], m.SourceDirs) {
				r.paths[d] = pkgPath{Hash: h} // at its own path, as linked
			}
		}
	}
	g0 := &Generation{Modules: good, Problems: problems, Loaded: r.cfg.Now()}
	g0.Sources, g0.SourceHash = allLinkedFiles(r.reg.Modules())
	r.current.Store(g0)
	r.mu.Lock()
	r.gens, r.lastN = []*Generation{g0}, 0
	r.mu.Unlock()
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

// ReloadAll asks for every module to be rebuilt from the sources on disk
// and swapped in. It returns at once; the result is swapped in by a later
// BeginFrame. A build of exactly those sources that is ready (made ahead
// by Watch) is swapped without building; one under way is waited for.
func (r *Reloader) ReloadAll() { r.trigger(r.allNames()) }

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
	if r.closed || len(names) == 0 {
		r.mu.Unlock()
		return
	}
	switch {
	case r.want != nil:
		// Folded into the reload already asked for.
		for _, n := range names {
			if !slices.Contains(r.want, n) {
				r.want = append(r.want, n)
			}
		}
		sort.Strings(r.want)
		r.stats.Coalesced++
	default:
		if r.working {
			r.stats.Coalesced++ // folded into the build under way
		}
		r.want = append([]string(nil), names...)
		sort.Strings(r.want)
		r.wantAt = r.cfg.Now()
		r.since = r.wantAt
		if !r.working {
			r.phase = PhaseChecking
		}
	}
	r.mu.Unlock()
	r.poke()
	r.notify()
}

// poke wakes the worker.
func (r *Reloader) poke() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
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

// Generations returns the generations confirmed in this process (their
// first frame drew without a panic), oldest first; each stays loaded for
// good, so Rollback can make any of them current again.
func (r *Reloader) Generations() []*Generation {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*Generation(nil), r.gens...)
}

// Rollback asks for generation n, confirmed earlier in this process, to be
// made current again. Nothing is built or loaded: the next BeginFrame
// captures the state and swaps n's targets in, as for a reload, and a
// first frame that panics goes back. It fails when no generation n is
// loaded, or when n is already current.
func (r *Reloader) Rollback(n int) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var target *Generation
	for _, g := range r.gens {
		if g.N == n {
			target = g
		}
	}
	if target == nil {
		return fmt.Errorf("generation %d is not loaded in this process (loaded: %s)", n, genList(r.gens))
	}
	if cur := r.Current(); cur != nil && cur.N == n && r.rollTo == nil {
		return fmt.Errorf("generation %d is already running", n)
	}
	r.rollTo = target
	r.since = r.cfg.Now()
	if r.cfg.Notify != nil {
		go r.cfg.Notify()
	}
	return nil
}

func genList(gens []*Generation) string {
	var b []byte
	for i, g := range gens {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = fmt.Appendf(b, "%d", g.N)
	}
	return string(b)
}

// Close cancels any build, waits for it and removes the work directory.
func (r *Reloader) Close() error {
	r.mu.Lock()
	r.closed = true
	r.want = nil
	r.mu.Unlock()
	r.cancel()
	r.wg.Wait()
	return os.RemoveAll(r.cfg.WorkDir)
}
