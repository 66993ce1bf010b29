package hot

import (
	"context"
	"errors"
	"fmt"
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
	// first build on a cold cache compiles every cgo dependency for plugin
	// mode: minutes on 2 cores).
	BuildTimeout time.Duration
	// SettleDelay is how long saved sources must stay unchanged before
	// Watch builds them ahead (editors write a file in several steps);
	// 100 ms when zero.
	SettleDelay time.Duration
	// LoadAheadAfter is how long the sources must have been quiet before
	// a finished ahead build is also loaded (plugin.Open and checks), so
	// that a trigger only swaps; 1 s when zero, never when negative.
	LoadAheadAfter time.Duration
	// MaxAheadLoads bounds the plugins loaded ahead and not swapped in
	// since the last swap: each stays in memory for good (a plugin cannot
	// be unloaded). Past it, a trigger loads the build itself (tens of
	// milliseconds). 2 when zero, none when negative.
	MaxAheadLoads int
	// Explain, if set, is called with every reload error before it is
	// recorded or shown, so that the host can say it in its own words: a
	// hint naming its keys, commands and settings. hot/'s own words name
	// no program; Error.Reason and Error.Facts say what happened.
	Explain func(*Error)
	// Notify, if set, is called from any goroutine when the reloader has
	// news for the render thread (a result to swap in, a phase change).
	Notify func()
	// ExtLD and LinkFlags are the external linker and extra linker flags
	// of the default builder's plugin links (see GoBuilder): e.g. a
	// wrapper a C library needs. The toolchain's defaults when empty.
	ExtLD     string
	LinkFlags []string
	// Builder and Loader default to a DirectBuilder (with the host's build
	// settings; the go command where it cannot) and PluginLoader; tests
	// substitute their own.
	Builder Builder
	Loader  Loader
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// BuildGate, if set, is entered before each build (after the source
	// checks) and left after it: a host that builds other things (itself,
	// for a restart) keeps the two from running at once.
	BuildGate func(ctx context.Context) (release func(), err error)
	// StableSaved, if set, makes Watch also watch the stable packages'
	// directories (and go.mod, go.sum) and call it, from the watcher's
	// goroutine, when one of their Go files is written.
	StableSaved func()
	// AutoTrigger, if set, is what SetAutoReload calls for settled saves
	// instead of ReloadAll (a host that restarts on a stable edit).
	AutoTrigger func()
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
	// SourceHash identifies the hot sources it was built from ("" when
	// unknown); Sources holds them, by slash path relative to the module
	// root (nil when unknown).
	SourceHash string
	Sources    map[string][]byte
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
	// SourceHash identifies the hot sources the build was made from.
	SourceHash string
	// Rollback is set when nothing was built: an older generation, still
	// loaded, was made current again (Generation names it).
	Rollback bool
	// Ahead is set when the build (and maybe the load) was done ahead of
	// the trigger, after the sources were saved.
	Ahead bool
	Build time.Duration // the whole build (go command included)
	// Compile and Link split Build (from the go command's action graph);
	// Compiled counts the packages compiled (not found in the build cache).
	Compile, Link time.Duration
	Compiled      []string
	BuildCPU      time.Duration // processor time of the build's processes
	Load          time.Duration
	Swap          time.Duration // render-thread time to capture state and swap
	// Waited is from the trigger to the swap (or to the failure report).
	Waited time.Duration
}

// Stats counts reloads. Coalesced counts triggers folded into a build
// already under way.
type Stats struct {
	Reloads, Successes, Failures, Coalesced int
	Rollbacks                               int // older generations made current again
	ViewPanics                              int // panics in views outside a first frame
	Builds                                  int // plugin builds started
	AheadBuilds                             int // of which started by a save, not a trigger
	Saves                                   int // bursts of saves the watcher saw settle
	AheadLoads                              int // plugins loaded before a trigger asked
	// WastedLoads counts plugins loaded that were never swapped in (the
	// sources changed again first): memory that is never returned.
	WastedLoads                   int
	LastBuild, LastLoad, LastSwap time.Duration
	LastCompile, LastLink         time.Duration
	LastBuildCPU                  time.Duration
	LastCompiled                  int // packages compiled by the last build
	LastWaited                    time.Duration
}

// AheadStatus describes the build of saved sources made before any
// trigger. It informs only: nothing is swapped until a trigger.
type AheadStatus struct {
	Building bool // a build of the saved sources is under way
	// Ready: a build of exactly the sources on disk is done, so a trigger
	// only loads (if not Loaded yet) and swaps.
	Ready  bool
	Loaded bool
	Error  string // the build of the sources on disk failed
	Reason Reason
}

// Status is a snapshot of the reloader for display.
type Status struct {
	Generation int
	Busy       bool // a trigger waits for its result
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
	Ahead          AheadStatus
}

const historyLen = 100
