package mma

import (
	"fmt"

	"github.com/slopgui/slopgui/ruleapi"
	"github.com/slopgui/slopgui/rules"
)

// Builtin returns a Source running the rules linked into this binary:
// Config.Rules when none is given.
func Builtin() *ruleapi.Source {
	s, err := ruleapi.NewSource(rules.Set, "built-in")
	if err != nil {
		panic(fmt.Sprintf("mma: the built-in rules: %v", err)) // rules.Set sets every rule
	}
	return s
}

// rule calls f with the current rules (Config.Rules, read at each
// decision, so a reload changes the next one). A rule that panics is
// reported as RulesFailed and f runs again on the rules before it.
func (e *Engine) rule(name string, f func(r *ruleapi.Rules)) {
	if err := e.cfg.Rules.Do(name, f); err != nil {
		e.report(Event{Kind: RulesFailed, Text: name, Err: err})
	}
}

// ruleHeld is rule with the engine's lock held.
func (e *Engine) ruleHeld(name string, f func(r *ruleapi.Rules)) {
	if err := e.cfg.Rules.Do(name, f); err != nil {
		e.emit(Event{Kind: RulesFailed, Text: name, Err: err})
	}
}
