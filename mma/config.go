package mma

import (
	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/ruleapi"
)

// Model is one provider and model name.
type Model struct {
	Provider llm.Provider
	Name     string
}

// Models says which model each tier uses.
type Models struct {
	Tier1, Tier2 Model
	// Tier3 is the workers' escalation list: a ticket starts on the first
	// (or its own Model) and moves to the next when it is blocked twice.
	Tier3 []Model
	Tier4 Model
}

// Config is what an Engine needs.
type Config struct {
	Models Models
	// Project, SystemPrompt and Root describe the project: its name and
	// instructions go to tier 1, Root is where the tools work.
	Project      string
	SystemPrompt string
	Root         string
	// FileTree lists the project's files (slash paths relative to Root)
	// for tier 1 and the path checks; nil walks Root.
	FileTree func() ([]string, error)
	// Limit is how many workers run at once (DefaultLimit when zero).
	Limit int
	// Budget bounds the bytes of full file text sent to tier 2 and to each
	// worker (DefaultBudget when zero); skeletons share it.
	Budget int
	// Queue is the approval queue every question goes to.
	Queue *approval.Queue
	// Asker is who asks in the queue (Name "mma" when empty).
	Asker approval.Asker
	// Emit receives every event, in order, one at a time. It is called with
	// the engine's lock held: it must not block for long nor call the
	// Engine (post the event to the app's mailbox).
	Emit func(Event)
	// AutoCommands lets run_command run without asking outside step mode
	// (the read tools and done/blocked always do; writes always ask).
	AutoCommands bool
	// MaxRounds bounds one worker run's model ↔ tool round trips (40 when zero).
	MaxRounds int
	// Rules are the tier prompts, answer parsers and step rules, read at
	// each decision: the app points it at each reloaded generation of
	// rules/ (Builtin when nil).
	Rules *ruleapi.Source
}

// Defaults.
const (
	DefaultLimit  = 2
	DefaultBudget = 256 << 10
)

func (c *Config) defaults() {
	if c.Limit <= 0 {
		c.Limit = DefaultLimit
	}
	if c.Budget <= 0 {
		c.Budget = DefaultBudget
	}
	if c.Asker.Name == "" {
		c.Asker.Name = "mma"
	}
	if c.MaxRounds <= 0 {
		c.MaxRounds = 40
	}
	if c.Emit == nil {
		c.Emit = func(Event) {}
	}
	if c.Queue == nil {
		c.Queue = approval.New(nil)
	}
	if c.Rules == nil {
		c.Rules = Builtin()
	}
}

// ladder is the models a ticket climbs: its own model first when it has
// one (then the list after it, or the whole list when it is not in it).
func (m Models) ladder(override string) []Model {
	if override == "" {
		return m.Tier3
	}
	for i, x := range m.Tier3 {
		if x.Name == override {
			return m.Tier3[i:]
		}
	}
	var p llm.Provider
	if len(m.Tier3) > 0 {
		p = m.Tier3[0].Provider
	}
	return append([]Model{{Provider: p, Name: override}}, m.Tier3...)
}
