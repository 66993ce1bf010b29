package ruleapi_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/ruleapi"
	"github.com/slopgui/slopgui/state"
)

// full returns rules whose prompts say name.
func full(name string) ruleapi.Rules {
	prompt := func(string) (string, string) { return name, name }
	return ruleapi.Rules{
		Tier1:        func(ruleapi.PlanInput) (string, string) { return prompt("") },
		TracksSchema: func() map[string]any { return map[string]any{"by": name} },
		ParseTracks: func(string, []string) ([]ruleapi.ProposedTrack, error) {
			return []ruleapi.ProposedTrack{{Title: name}}, nil
		},
		Tier2:         func(ruleapi.TicketsInput) (string, string) { return prompt("") },
		TicketsSchema: func() map[string]any { return nil },
		ParseTickets:  func(string, []string) ([]ruleapi.ProposedTicket, error) { return nil, nil },
		Retry:         func(err error) string { return name + ": " + err.Error() },
		Tries:         func() int { return 3 },
		Startable:     func(*state.Track) []string { return nil },
		Spawn:         func(r []string, _, _ int) []string { return r },
		Cascade:       func(*state.Track, string) []string { return nil },
		AfterBlock:    func(ruleapi.Attempt) ruleapi.Action { return ruleapi.Diagnose },
		Tier3:         func(ruleapi.WorkerInput) (string, string) { return prompt("") },
		Tier4:         func(ruleapi.DiagnoseInput) (string, string) { return prompt("") },
	}
}

func tier1(t *testing.T, s *ruleapi.Source) (string, error) {
	t.Helper()
	var sys string
	err := s.Do("Tier1", func(r *ruleapi.Rules) { sys, _ = r.Tier1(ruleapi.PlanInput{}) })
	return sys, err
}

// Every rule is a target, named by its field, and survives the round trip
// through a Targets map (what a plugin exports).
func TestTargetsRoundTrip(t *testing.T) {
	var names []string
	for _, tg := range ruleapi.Targets() {
		names = append(names, tg.Name)
		if tg.Type.Kind() != reflect.Func {
			t.Errorf("target %s is a %v", tg.Name, tg.Type)
		}
	}
	if len(names) != reflect.TypeFor[ruleapi.Rules]().NumField() || !slices.Contains(names, "Tier3") {
		t.Fatalf("targets = %v", names)
	}
	r, missing := ruleapi.FromTargets(full("a").Targets(), ruleapi.Rules{})
	if len(missing) != 0 || r.Complete() != nil {
		t.Fatalf("missing %v, %v", missing, r.Complete())
	}
	if sys, _ := r.Tier1(ruleapi.PlanInput{}); sys != "a" {
		t.Errorf("Tier1 = %q", sys)
	}
}

// A target that is missing or has another type is the base's, and said.
func TestFromTargetsFallsBackPerRule(t *testing.T) {
	tg := full("new").Targets()
	delete(tg, "Tier4")
	tg["Tier1"] = func(string) string { return "wrong type" }
	r, missing := ruleapi.FromTargets(tg, full("base"))
	if len(missing) != 2 || !strings.HasPrefix(missing[0], "Tier1 (a func(string) string") || missing[1] != "Tier4 (missing)" {
		t.Errorf("missing = %q", missing)
	}
	for _, tc := range []struct {
		rule string
		got  func() string
		want string
	}{
		{"Tier1", func() string { s, _ := r.Tier1(ruleapi.PlanInput{}); return s }, "base"},
		{"Tier4", func() string { s, _ := r.Tier4(ruleapi.DiagnoseInput{}); return s }, "base"},
		{"Tier3", func() string { s, _ := r.Tier3(ruleapi.WorkerInput{}); return s }, "new"},
	} {
		if got := tc.got(); got != tc.want {
			t.Errorf("%s = %q, want %q", tc.rule, got, tc.want)
		}
	}
}

func TestNewSourceWantsEveryRule(t *testing.T) {
	r := full("a")
	r.Spawn = nil
	if _, err := ruleapi.NewSource(r, "x"); err == nil || !strings.Contains(err.Error(), "Spawn") {
		t.Fatalf("err = %v", err)
	}
}

// Set rules are used by the next Do; a rule that panics drops its rules
// for the last good ones, with a Fault, until the next Set.
func TestSourceFallsBackToTheLastGoodRules(t *testing.T) {
	s, err := ruleapi.NewSource(full("built-in"), "built-in")
	if err != nil {
		t.Fatal(err)
	}
	s.Set(full("gen1"), "generation 1")
	if sys, err := tier1(t, s); sys != "gen1" || err != nil {
		t.Fatalf("after Set: %q, %v", sys, err)
	}
	bad := full("gen2")
	bad.Tier1 = func(ruleapi.PlanInput) (string, string) { panic(fmt.Errorf("boom\nsecond line")) }
	partial := ruleapi.Rules{Tier1: bad.Tier1} // the other rules are generation 1's
	s.Set(partial, "generation 2")
	sys, err := tier1(t, s)
	var ft *ruleapi.Fault
	if sys != "gen1" || !errors.As(err, &ft) {
		t.Fatalf("after a panic: %q, %v", sys, err)
	}
	if want := "rule Tier1 of the generation 2 rules panicked: boom; the generation 1 rules run instead"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if s.Current() != "generation 1" || s.Fault() == nil || s.Fault().Rule != "Tier1" {
		t.Errorf("current %q, fault %+v", s.Current(), s.Fault())
	}
	if sys, err := tier1(t, s); sys != "gen1" || err != nil {
		t.Errorf("the next call: %q, %v (the bad rules are dropped)", sys, err)
	}
	s.Set(full("gen3"), "generation 3")
	if s.Fault() != nil {
		t.Error("a new generation keeps the old fault")
	}
	if sys, _ := tier1(t, s); sys != "gen3" {
		t.Errorf("after the fix: %q", sys)
	}
}

// A panic in the built-in rules is a bug of the binary: it goes on.
func TestBuiltinPanicGoesOn(t *testing.T) {
	r := full("built-in")
	r.Tier1 = func(ruleapi.PlanInput) (string, string) { panic("built-in bug") }
	s, _ := ruleapi.NewSource(r, "built-in")
	defer func() {
		if p := recover(); p != "built-in bug" {
			t.Errorf("recovered %v", p)
		}
	}()
	tier1(t, s)
	t.Error("no panic")
}

// Engine goroutines call Do while the app sets new rules (go test -race).
func TestSourceConcurrent(t *testing.T) {
	s, _ := ruleapi.NewSource(full("built-in"), "built-in")
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 200 {
				if sys, _ := tier1(t, s); sys == "" {
					t.Error("no prompt")
					return
				}
			}
		})
	}
	for i := range 50 {
		r := full(fmt.Sprint("gen", i))
		if i%2 == 1 {
			r.Tier1 = func(ruleapi.PlanInput) (string, string) { panic("odd") }
		}
		s.Set(r, fmt.Sprint("generation ", i))
	}
	wg.Wait()
	if sys, _ := tier1(t, s); sys != "gen48" {
		t.Errorf("after the last (bad) generation: %q, want gen48's", sys)
	}
}

// ruleapi is stable: the host and every rules generation share it, so it
// may import only the standard library and state.
func TestImportsOnlyStablePackages(t *testing.T) {
	testutil.OnlyImports(t, ".", "ruleapi", "github.com/slopgui/slopgui/state")
}
