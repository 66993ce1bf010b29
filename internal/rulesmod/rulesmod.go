// Package rulesmod makes rules/, the MMA engine's prompts, parsers and
// step rules, the app's second hot module beside the views: its
// hot.Module and generation-0 symbols, and a Switch that points the
// ruleapi.Source the engine reads at each generation's rules, so that a
// reload (Ctrl+Alt+R, Hot Reload, slopgui ctl reload) changes the next
// step of a running track without stopping it.
//
// A rules edit that does not compile fails the reload like a views edit
// (the error bar and the red tint; the running tracks keep the last good
// rules). A rule that panics is caught where the engine calls it
// (ruleapi.Source.Do): the decision is made by the last good rules, and
// Status shows the panic as the error state until the next good reload.
package rulesmod

import (
	"fmt"
	"strings"
	"sync"

	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/ruleapi"
	"github.com/slopgui/slopgui/rules"
)

// Name is the rules' hot module name.
const Name = "rules"

// SourceDirs are the rules' packages, root first: what reloads. The types
// they exchange with the engine are in ruleapi, which is stable.
var SourceDirs = []string{"rules"}

// ReasonRulePanic is the error state's reason when a rule panicked.
const ReasonRulePanic hot.Reason = "rule-panic"

// Module describes rules/ as a hot module: its targets are the fields of
// ruleapi.Rules, checked against ruleapi.APIVersion.
func Module() hot.Module {
	m := hot.Module{Name: Name, SourceDirs: SourceDirs, APIVersion: ruleapi.APIVersion, Linked: rules.Sources}
	for _, t := range ruleapi.Targets() {
		m.DelegationTargets = append(m.DelegationTargets, hot.Target{Name: t.Name, Type: t.Type})
	}
	return m
}

// Static is generation 0's rules: those linked into this binary.
func Static() hot.Symbols {
	return hot.Symbols{APIVersion: rules.APIVersion, Targets: hot.AnyTargets(rules.Targets)}
}

// Switch keeps the engine's Source on the current generation's rules.
// Its methods may be called on a nil *Switch (no rules module: the
// engine's built-in rules).
type Switch struct {
	src *ruleapi.Source

	mu  sync.Mutex
	gen *hot.Generation // the generation whose rules were last set
}

// New returns a Switch whose Source runs the built-in rules.
func New() *Switch {
	src, err := ruleapi.NewSource(rules.Set, "built-in")
	if err != nil {
		panic(fmt.Sprintf("rulesmod: the built-in rules: %v", err)) // rules.Set sets every rule
	}
	return &Switch{src: src}
}

// Source is what the engine reads its rules from (mma.Config.Rules).
func (s *Switch) Source() *ruleapi.Source {
	if s == nil {
		return nil
	}
	return s.src
}

// Sync sets g's rules in the Source when g is not the generation last
// synced (a reload, a rollback, a first frame's rollback); shown is g's
// number as the user sees it. A rule g lacks (a problem of its reload)
// stays the one before. Cheap when nothing changed: call it every frame.
func (s *Switch) Sync(g *hot.Generation, shown int) {
	if s == nil || g == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if g == s.gen {
		return
	}
	s.gen = g
	syms, ok := g.Modules[Name]
	if !ok {
		return
	}
	r, _ := ruleapi.FromTargets(syms.Targets, ruleapi.Rules{})
	s.src.Set(r, fmt.Sprintf("generation %d", shown))
}

// Status is st with a rule's panic as the error state, unless st is in
// error already: the red tint and the error bar, until the next good
// reload sets new rules.
func (s *Switch) Status(st hot.Status) hot.Status {
	if s == nil || st.IsError {
		return st
	}
	f := s.src.Fault()
	if f == nil {
		return st
	}
	st.IsError, st.Reason = true, ReasonRulePanic
	st.Error = f.Error() + "\n" + strings.TrimSpace(f.Stack) +
		"\n→ fix the rule and reload: the running tracks go on with the " + f.Fallback + " rules meanwhile"
	return st
}

// Explain words a build error whose compiler messages are all in the
// rules' files as the rules' (explain.go words it as the views').
func Explain(e *hot.Error) {
	if e.Reason != hot.ReasonBuild {
		return
	}
	rulesOnly := false
	for _, line := range strings.Split(e.Detail, "\n") {
		line = strings.TrimPrefix(strings.TrimSpace(line), "./")
		if strings.HasPrefix(line, "#") || !strings.Contains(line, ".go:") {
			continue
		}
		in := false
		for _, d := range SourceDirs {
			in = in || strings.HasPrefix(line, d+"/")
		}
		if !in {
			return
		}
		rulesOnly = true
	}
	if rulesOnly {
		e.What = "the MMA rules do not compile"
		e.Hint = "fix the error above and reload again; the previous rules keep running, and so do the tracks"
	}
}
