package hot_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slopgui/slopgui/hot"
)

const hostAPI = 1

// appState is the host state struct used by the reloader tests.
type appState struct {
	Count int
	Items []string
	Tree  map[string][]int
	Other []string // not a state key: never captured or restored
}

func newAppState() appState {
	return appState{
		Count: 7,
		Items: []string{"a", "b"},
		Tree:  map[string][]int{"x": {1, 2}, "y": {3}},
		Other: []string{"untouched"},
	}
}

// Targets. Each one writes a distinct value so a test can tell which
// generation's function it was handed.
func staticDraw(p *int)  { *p = 100 }
func staticMenu(p *int)  { *p = 101 }
func staticPanel(p *int) { *p = 102 }

func genDraw(n int) func(*int)  { return func(p *int) { *p = n * 1000 } }
func genMenu(n int) func(*int)  { return func(p *int) { *p = n*1000 + 1 } }
func genPanel(n int) func(*int) { return func(p *int) { *p = n*1000 + 2 } }

func viewsModule() hot.Module {
	return hot.Module{
		Name:       "views",
		SourceDirs: []string{"views", "views/widgets"},
		StateKeys:  []string{"Count", "Items"},
		DelegationTargets: []hot.Target{
			hot.TargetOf[func(*int)]("Draw"),
			hot.TargetOf[func(*int)]("Menu"),
		},
	}
}

func panelModule() hot.Module {
	return hot.Module{
		Name:              "panel",
		SourceDirs:        []string{"panel"},
		StateKeys:         []string{"Items", "Tree"},
		DelegationTargets: []hot.Target{hot.TargetOf[func(*int)]("Panel")},
	}
}

func staticSymbols() map[string]hot.Symbols {
	return map[string]hot.Symbols{
		"views": {APIVersion: hostAPI, Targets: map[string]any{"Draw": staticDraw, "Menu": staticMenu}},
		"panel": {APIVersion: hostAPI, Targets: map[string]any{"Panel": staticPanel}},
	}
}

// genSymbols are the symbols a good build number n yields.
func genSymbols(n int) map[string]hot.Symbols {
	return map[string]hot.Symbols{
		"views": {APIVersion: hostAPI, Targets: map[string]any{"Draw": genDraw(n), "Menu": genMenu(n)}},
		"panel": {APIVersion: hostAPI, Targets: map[string]any{"Panel": genPanel(n)}},
	}
}

// fakeBuilder counts its calls, optionally reports entry on entered and
// blocks until release is closed (or its context ends), then returns what
// result says.
type fakeBuilder struct {
	calls   atomic.Int32
	entered chan hot.BuildRequest // buffered; nil: do not report
	release chan struct{}         // nil: do not block
	ctxErr  chan error            // buffered; receives ctx.Err() when the context ended a blocked build

	mu     sync.Mutex
	reqs   []hot.BuildRequest
	result func(ctx context.Context, req hot.BuildRequest) (string, error)
}

func (b *fakeBuilder) Build(ctx context.Context, req hot.BuildRequest) (string, error) {
	b.calls.Add(1)
	b.mu.Lock()
	b.reqs = append(b.reqs, req)
	result := b.result
	b.mu.Unlock()
	if b.entered != nil {
		b.entered <- req
	}
	if b.release != nil {
		select {
		case <-b.release:
		case <-ctx.Done():
			if b.ctxErr != nil {
				b.ctxErr <- ctx.Err()
			}
			return "", &hot.BuildError{Err: context.Cause(ctx)}
		}
	}
	if result != nil {
		return result(ctx, req)
	}
	return filepath.Join(req.WorkDir, "plugin.so"), nil
}

func (b *fakeBuilder) setResult(f func(ctx context.Context, req hot.BuildRequest) (string, error)) {
	b.mu.Lock()
	b.result = f
	b.mu.Unlock()
}

func (b *fakeBuilder) requests() []hot.BuildRequest {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]hot.BuildRequest(nil), b.reqs...)
}

// fakeLoader returns what load says; by default genSymbols of the build
// number, counted per call.
type fakeLoader struct {
	calls   atomic.Int32
	entered chan string   // buffered; nil: do not report
	release chan struct{} // nil: do not block

	mu   sync.Mutex
	load func(path string) (map[string]hot.Symbols, error)
}

func (l *fakeLoader) Load(path string) (map[string]hot.Symbols, error) {
	n := int(l.calls.Add(1))
	if l.entered != nil {
		l.entered <- path
	}
	if l.release != nil {
		<-l.release
	}
	l.mu.Lock()
	load := l.load
	l.mu.Unlock()
	if load != nil {
		return load(path)
	}
	return genSymbols(n), nil
}

func (l *fakeLoader) setLoad(f func(path string) (map[string]hot.Symbols, error)) {
	l.mu.Lock()
	l.load = f
	l.mu.Unlock()
}

// fakeClock advances by one millisecond on every reading, so every measured
// duration is positive.
type fakeClock struct{ n atomic.Int64 }

func (c *fakeClock) Now() time.Time {
	return time.Unix(1_700_000_000, 0).Add(time.Duration(c.n.Add(1)) * time.Millisecond)
}

type env struct {
	r      *hot.Reloader
	b      *fakeBuilder
	l      *fakeLoader
	st     *appState
	root   string
	notify chan struct{}
}

type envOption func(*hot.Config, *env)

func withBuildTimeout(d time.Duration) envOption {
	return func(c *hot.Config, _ *env) { c.BuildTimeout = d }
}

// mustNew returns a Reloader over a temporary module root with fake
// Builder and Loader, the views and panel modules registered, and the
// static symbols installed as generation 0. It is closed at cleanup.
func mustNew(tb testing.TB, opts ...envOption) *env {
	tb.Helper()
	e := mustNewUnstarted(tb, opts...)
	mustRegister(tb, e.r, viewsModule(), panelModule())
	if err := e.r.SetStatic(staticSymbols()); err != nil {
		tb.Fatalf("SetStatic: %v", err)
	}
	return e
}

// mustNewUnstarted is mustNew without modules and generation 0.
func mustNewUnstarted(tb testing.TB, opts ...envOption) *env {
	tb.Helper()
	root := tb.TempDir()
	for _, d := range []string{"views/widgets", "panel"} {
		if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil {
			tb.Fatal(err)
		}
	}
	st := newAppState()
	e := &env{
		b:      &fakeBuilder{},
		l:      &fakeLoader{},
		st:     &st,
		root:   root,
		notify: make(chan struct{}, 1),
	}
	clock := &fakeClock{}
	cfg := hot.Config{
		Root:       root,
		State:      e.st,
		APIVersion: hostAPI,
		Builder:    e.b,
		Loader:     e.l,
		WorkDir:    filepath.Join(tb.TempDir(), "work"),
		Now:        clock.Now,
		Notify: func() {
			select {
			case e.notify <- struct{}{}:
			default:
			}
		},
	}
	for _, o := range opts {
		o(&cfg, e)
	}
	r, err := hot.New(cfg)
	if err != nil {
		tb.Fatalf("hot.New: %v", err)
	}
	tb.Cleanup(func() {
		if err := r.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	e.r = r
	return e
}

func mustRegister(tb testing.TB, r *hot.Reloader, mods ...hot.Module) {
	tb.Helper()
	for _, m := range mods {
		if err := r.Register(m); err != nil {
			tb.Fatalf("Register(%s): %v", m.Name, err)
		}
	}
}

// mustWait waits for the reloader to finish building and loading.
func mustWait(tb testing.TB, r *hot.Reloader) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := r.Wait(ctx); err != nil {
		tb.Fatalf("Wait: %v (status %+v)", err, r.Status())
	}
}

// mustReload triggers ReloadAll, waits for it and runs one frame.
func mustReload(tb testing.TB, r *hot.Reloader, panics ...error) {
	tb.Helper()
	r.ReloadAll()
	mustWait(tb, r)
	r.BeginFrame()
	r.EndFrame(panics)
}

// mustRecv receives from ch or fails after a generous deadline.
func mustRecv[T any](tb testing.TB, ch <-chan T, what string) T {
	tb.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		tb.Fatalf("timed out waiting for %s", what)
		var zero T
		return zero
	}
}

// eventually polls cond until it holds or a deadline passes.
func eventually(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out waiting for %s", what)
		}
		<-tick.C
	}
}

// call runs target module.name of g and returns the value it wrote.
func call(tb testing.TB, g *hot.Generation, module, name string) int {
	tb.Helper()
	f, err := hot.TargetFunc[func(*int)](g, module, name)
	if err != nil {
		tb.Fatalf("TargetFunc(%s.%s): %v", module, name, err)
	}
	var v int
	f(&v)
	return v
}

var errBoom = errors.New("boom")
