package rulesmod_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/rulesmod"
	"github.com/slopgui/slopgui/ruleapi"
	"github.com/slopgui/slopgui/rules"
)

// plugins stands in for the build and plugin.Open of a reload: each build
// "loads" the next symbols queued.
type plugins struct {
	mu   sync.Mutex
	next []map[string]hot.Symbols
}

func (p *plugins) Build(context.Context, hot.BuildRequest) (string, error) { return "rules.so", nil }
func (p *plugins) Load(string) (map[string]hot.Symbols, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.next[0]
	p.next = p.next[1:]
	return s, nil
}

// reloader is a hot.Reloader with the rules module registered and the
// static rules as generation 0; its builds give what p queues.
func reloader(t *testing.T, p *plugins) *hot.Reloader {
	t.Helper()
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "rules"), 0o755); err != nil {
		t.Fatal(err)
	}
	r, err := hot.New(hot.Config{Root: root, State: &struct{}{}, APIVersion: 99, Builder: p, Loader: p, WorkDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	if err := r.Register(rulesmod.Module()); err != nil {
		t.Fatal(err)
	}
	if err := r.SetStatic(map[string]hot.Symbols{rulesmod.Name: rulesmod.Static()}); err != nil {
		t.Fatal(err)
	}
	if st := r.Status(); st.IsError {
		t.Fatalf("generation 0: %s", st.Error)
	}
	return r
}

// reload queues syms as the next build's, reloads and draws a frame.
func reload(t *testing.T, r *hot.Reloader, p *plugins, syms hot.Symbols) hot.Status {
	t.Helper()
	p.mu.Lock()
	p.next = append(p.next, map[string]hot.Symbols{rulesmod.Name: syms})
	p.mu.Unlock()
	r.ReloadAll()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := r.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	r.BeginFrame()
	r.EndFrame(nil)
	return r.Status()
}

func tier3(t *testing.T, src *ruleapi.Source) (string, error) {
	t.Helper()
	var sys string
	err := src.Do("Tier3", func(r *ruleapi.Rules) { sys, _ = r.Tier3(ruleapi.WorkerInput{}) })
	return sys, err
}

// generation is the symbols of a reloaded rules/ whose Tier3 prompt is
// mark (the other rules as built in); nil tier3 leaves the target out.
func generation(v int, tier3 func(ruleapi.WorkerInput) (string, string)) hot.Symbols {
	r := rules.Set
	r.Tier3 = tier3
	return hot.Symbols{APIVersion: v, Targets: r.Targets()}
}

func prompt(mark string) func(ruleapi.WorkerInput) (string, string) {
	return func(ruleapi.WorkerInput) (string, string) { return mark, "" }
}

// Each reload's rules reach the engine's Source at the next Sync; a
// reload refused (API version) or lacking a rule leaves the rules before.
func TestSyncFollowsTheGenerations(t *testing.T) {
	p := &plugins{}
	r := reloader(t, p)
	sw := rulesmod.New()
	sw.Sync(r.Current(), 0)
	if sys, _ := tier3(t, sw.Source()); !strings.Contains(sys, "tier-3 worker") {
		t.Fatalf("generation 0's Tier3 = %q", sys)
	}
	for i, tc := range []struct {
		name   string
		syms   hot.Symbols
		reason hot.Reason
		want   string // Tier3's prompt afterwards
		source string // the rules in use
	}{
		{"an edited prompt", generation(ruleapi.APIVersion, prompt("EDITED ONE")), hot.ReasonNone, "EDITED ONE", "generation 1"},
		{"another API version", generation(ruleapi.APIVersion+1, prompt("FUTURE")), hot.ReasonAPIVersion, "EDITED ONE", "generation 1"},
		{"a rule missing", generation(ruleapi.APIVersion, nil), hot.ReasonMissingTarget, "EDITED ONE", "generation 2"},
		{"edited again", generation(ruleapi.APIVersion, prompt("EDITED TWO")), hot.ReasonNone, "EDITED TWO", "generation 3"},
	} {
		st := reload(t, r, p, tc.syms)
		if st.Reason != tc.reason {
			t.Fatalf("%d %s: reload reason %q (%s), want %q", i, tc.name, st.Reason, st.Error, tc.reason)
		}
		g := r.Current()
		sw.Sync(g, g.N)
		sw.Sync(g, g.N) // no change: nothing set again
		if sys, err := tier3(t, sw.Source()); sys != tc.want || err != nil {
			t.Errorf("%d %s: Tier3 = %q, %v; want %q", i, tc.name, sys, err, tc.want)
		}
		if got := sw.Source().Current(); got != tc.source {
			t.Errorf("%d %s: rules in use %q, want %q", i, tc.name, got, tc.source)
		}
	}
}

// A rule that panics shows as the error state (the red tint) until the
// next good reload; a reload error takes precedence.
func TestStatusShowsARulePanic(t *testing.T) {
	p := &plugins{}
	r := reloader(t, p)
	sw := rulesmod.New()
	reload(t, r, p, generation(ruleapi.APIVersion, prompt("GOOD")))
	sw.Sync(r.Current(), 1)
	reload(t, r, p, generation(ruleapi.APIVersion, func(ruleapi.WorkerInput) (string, string) { panic("edited rule broke") }))
	sw.Sync(r.Current(), 2)
	if st := sw.Status(r.Status()); st.IsError {
		t.Fatalf("error state before any panic: %s", st.Error)
	}
	sys, err := tier3(t, sw.Source())
	if sys != "GOOD" || err == nil {
		t.Fatalf("Tier3 = %q, %v; want the last good rules' and the panic", sys, err)
	}
	st := sw.Status(r.Status())
	for _, want := range []string{"rule Tier3 of the generation 2 rules panicked: edited rule broke", "rulesmod_test.go", "generation 1 rules meanwhile"} {
		if !st.IsError || st.Reason != rulesmod.ReasonRulePanic || !strings.Contains(st.Error, want) {
			t.Errorf("status: IsError %v, reason %q, error lacks %q:\n%s", st.IsError, st.Reason, want, st.Error)
		}
	}
	if got := sw.Status(hot.Status{IsError: true, Error: "build failed", Reason: hot.ReasonBuild}); got.Error != "build failed" {
		t.Errorf("a reload error is replaced: %q", got.Error)
	}
	reload(t, r, p, generation(ruleapi.APIVersion, prompt("FIXED")))
	sw.Sync(r.Current(), 3)
	if st := sw.Status(r.Status()); st.IsError {
		t.Errorf("error state after a good reload: %s", st.Error)
	}
	if sys, _ := tier3(t, sw.Source()); sys != "FIXED" {
		t.Errorf("Tier3 after the fix = %q", sys)
	}
}

func TestNilSwitch(t *testing.T) {
	var sw *rulesmod.Switch
	sw.Sync(&hot.Generation{}, 0)
	if sw.Source() != nil || sw.Status(hot.Status{Error: "x"}).Error != "x" {
		t.Error("a nil Switch is not inert")
	}
}

func TestExplain(t *testing.T) {
	for _, tc := range []struct {
		name, detail string
		rules        bool
	}{
		{"rules only", "# github.com/slopgui/slopgui/rules\nrules/rules.go:12:3: syntax error\nrules/worker.go:4:1: undefined: x", true},
		{"views only", "# github.com/slopgui/slopgui/views/mma\nviews/mma/mma.go:3:1: syntax error", false},
		{"both", "rules/rules.go:12:3: syntax error\nviews/ui/ui.go:3:1: undefined: y", false},
		{"no file", "exit status 1", false},
	} {
		e := &hot.Error{Reason: hot.ReasonBuild, What: "the views do not compile", Detail: tc.detail}
		rulesmod.Explain(e)
		if got := e.What == "the MMA rules do not compile"; got != tc.rules {
			t.Errorf("%s: What = %q", tc.name, e.What)
		}
	}
}
