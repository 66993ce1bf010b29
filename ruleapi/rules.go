package ruleapi

import (
	"fmt"
	"reflect"

	"github.com/slopgui/slopgui/state"
)

// Rules is every decision of the engine, as functions. Each field is one
// rule, and its name is the rule's delegation target name in the hot
// module (Targets, FromTargets). A rule must be pure: no I/O, no
// goroutines, no state kept between calls.
type Rules struct {
	// Tier1 is the system prompt and user message of a plan call.
	Tier1 func(in PlanInput) (system, user string)
	// TracksSchema is the JSON schema of a tier-1 answer.
	TracksSchema func() map[string]any
	// ParseTracks reads and checks a tier-1 answer; known, when not nil,
	// is the project's file tree.
	ParseTracks func(answer string, known []string) ([]ProposedTrack, error)
	// Tier2 is the system prompt and user message of a tickets call.
	Tier2 func(in TicketsInput) (system, user string)
	// TicketsSchema is the JSON schema of a tier-2 answer.
	TicketsSchema func() map[string]any
	// ParseTickets reads and checks a tier-2 answer.
	ParseTickets func(answer string, known []string) ([]ProposedTicket, error)
	// Retry is the message that sends a bad answer's error back.
	Retry func(err error) string
	// Tries is how many answers a tier-1 or tier-2 call gets.
	Tries func() int
	// Startable lists the tickets of a track the auto-queue may start.
	Startable func(t *state.Track) []string
	// Spawn is how many of the ready tickets to start now.
	Spawn func(ready []string, running, limit int) []string
	// Cascade lists the tickets blocked because blocked is.
	Cascade func(t *state.Track, blocked string) []string
	// AfterBlock decides what follows a block or a failed command.
	AfterBlock func(a Attempt) Action
	// Tier3 is a worker's system prompt and first user message.
	Tier3 func(in WorkerInput) (system, user string)
	// Tier4 is the system prompt and user message of a QA call.
	Tier4 func(in DiagnoseInput) (system, user string)
}

// Target is one rule's name and function type.
type Target struct {
	Name string
	Type reflect.Type
}

var rulesType = reflect.TypeFor[Rules]()

// Targets lists every rule, in field order: the hot module's delegation
// targets.
func Targets() []Target {
	out := make([]Target, rulesType.NumField())
	for i := range out {
		f := rulesType.Field(i)
		out[i] = Target{Name: f.Name, Type: f.Type}
	}
	return out
}

// Targets returns r's rules by name (those that are set): what the rules
// package exports as its Targets map.
func (r Rules) Targets() map[string]any {
	v := reflect.ValueOf(r)
	out := map[string]any{}
	for i := range v.NumField() {
		if f := v.Field(i); !f.IsNil() {
			out[rulesType.Field(i).Name] = f.Interface()
		}
	}
	return out
}

// FromTargets builds Rules from targets by name. A rule targets lacks, or
// has with another type, is base's; missing lists those (with why).
func FromTargets(targets map[string]any, base Rules) (r Rules, missing []string) {
	r = base
	v := reflect.ValueOf(&r).Elem()
	for i := range v.NumField() {
		f := rulesType.Field(i)
		fn, ok := targets[f.Name]
		switch {
		case !ok || fn == nil:
			missing = append(missing, f.Name+" (missing)")
		case reflect.TypeOf(fn) != f.Type:
			missing = append(missing, fmt.Sprintf("%s (a %T, want %v)", f.Name, fn, f.Type))
		default:
			v.Field(i).Set(reflect.ValueOf(fn))
		}
	}
	return r, missing
}

// Complete reports the rules r does not set.
func (r Rules) Complete() error {
	v := reflect.ValueOf(r)
	var unset []string
	for i := range v.NumField() {
		if v.Field(i).IsNil() {
			unset = append(unset, rulesType.Field(i).Name)
		}
	}
	if len(unset) > 0 {
		return fmt.Errorf("rules not set: %v", unset)
	}
	return nil
}
