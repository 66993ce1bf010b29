// Package rules is what the MMA engine decides, as pure functions: the
// prompts each tier is sent, the parsing and validation of tier answers,
// and the step rules (which tickets are ready, what a block cascades to,
// when to diagnose and when to escalate). State and answers come in,
// decisions go out; nothing here starts a goroutine or does I/O.
//
// It is a hot module: edit a prompt or a rule, reload (Ctrl+Alt+R), and a
// running track's next step uses the new code. The engine calls it only
// through ruleapi.Rules (Set, exported as Targets), so every type the
// rules take or give is ruleapi's (aliased here): a type defined here
// would be a new type in each reloaded generation.
package rules

import (
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/slopgui/slopgui/ruleapi"
	"github.com/slopgui/slopgui/state"
)

// APIVersion is the ruleapi.APIVersion this code was written against. The
// host refuses a generation whose APIVersion differs from its own.
const APIVersion = 1

// Set is the rules of this code, as the engine calls them.
var Set = ruleapi.Rules{
	Tier1: Tier1, TracksSchema: TracksSchema, ParseTracks: ParseTracks,
	Tier2: Tier2, TicketsSchema: TicketsSchema, ParseTickets: ParseTickets,
	Retry: Retry, Tries: Tries,
	Startable: Startable, Spawn: Spawn, Cascade: Cascade, AfterBlock: AfterBlock,
	Tier3: Tier3, Tier4: Tier4,
}

// Targets maps each rule (a field name of ruleapi.Rules) to its function:
// the hot module's delegation targets, in generation 0 and in every
// reloaded generation. Made from Set, so a rule with the wrong signature
// does not compile.
var Targets = Set.Targets()

// The types the rules exchange with the engine (see the package doc).
type (
	PlanInput      = ruleapi.PlanInput
	ProposedTrack  = ruleapi.ProposedTrack
	ProposedTicket = ruleapi.ProposedTicket
	TicketsInput   = ruleapi.TicketsInput
	NamedText      = ruleapi.NamedText
	WorkerInput    = ruleapi.WorkerInput
	DiagnoseInput  = ruleapi.DiagnoseInput
	Attempt        = ruleapi.Attempt
	Action         = ruleapi.Action
)

// MaxTries is how many answers a tier-1 or tier-2 call gets: an answer that
// does not parse is sent back with the error, and after MaxTries the
// failure is shown to the user.
const MaxTries = 3

// Tier1 returns the system prompt and the user message of a plan call.
func Tier1(in PlanInput) (system, user string) {
	system = "You are the tier-1 planner of a multi-model coding engine. You split a goal into tracks: " +
		"independent streams of work, each small enough for one developer, each naming the project files it touches. " +
		"You see the project's file tree, not its code. Answer with JSON only, of the form " +
		`{"tracks":[{"title":"...","brief":"what to do and why, in a few sentences","files":["path/relative/to/root"]}]}.`
	if s := strings.TrimSpace(in.SystemPrompt); s != "" {
		system += "\n\nThe project's own instructions:\n" + s
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Project: %s\n\nGoal:\n%s\n\nFiles (%d):\n", in.Project, strings.TrimSpace(in.Goal), len(in.Files))
	for _, f := range in.Files {
		b.WriteString(f)
		b.WriteByte('\n')
	}
	return system, b.String()
}

// TracksSchema is the JSON schema of a tier-1 answer, for providers that
// constrain answers to a schema.
func TracksSchema() map[string]any {
	str := map[string]any{"type": "string"}
	return map[string]any{
		"type": "object", "required": []string{"tracks"}, "additionalProperties": false,
		"properties": map[string]any{"tracks": map[string]any{
			"type": "array", "minItems": 1,
			"items": map[string]any{
				"type": "object", "required": []string{"title", "brief", "files"}, "additionalProperties": false,
				"properties": map[string]any{"title": str, "brief": str, "files": map[string]any{"type": "array", "items": str}},
			},
		}},
	}
}

// ParseTracks reads a tier-1 answer. known, when not nil, is the project's
// file tree: a track naming a file outside it is an error unless the file
// is new in a known directory.
func ParseTracks(answer string, known []string) ([]ProposedTrack, error) {
	var a struct {
		Tracks []ProposedTrack `json:"tracks"`
	}
	if err := decode(answer, &a); err != nil {
		return nil, err
	}
	if len(a.Tracks) == 0 {
		return nil, errors.New(`the answer has no tracks: give at least one in "tracks"`)
	}
	seen := map[string]bool{}
	for i, t := range a.Tracks {
		t.Title, t.Brief = strings.TrimSpace(t.Title), strings.TrimSpace(t.Brief)
		switch {
		case t.Title == "":
			return nil, fmt.Errorf("track %d has no title", i+1)
		case seen[t.Title]:
			return nil, fmt.Errorf("two tracks are called %q: give each its own title", t.Title)
		case t.Brief == "":
			return nil, fmt.Errorf("track %q has no brief", t.Title)
		}
		seen[t.Title] = true
		files, err := cleanPaths(t.Files, known)
		if err != nil {
			return nil, fmt.Errorf("track %q: %w", t.Title, err)
		}
		t.Files = files
		a.Tracks[i] = t
	}
	return a.Tracks, nil
}

// Tries is how many answers a tier-1 or tier-2 call gets (MaxTries).
func Tries() int { return MaxTries }

// Retry is the message that sends a bad answer's error back to the model.
func Retry(err error) string {
	return "Your answer could not be used: " + err.Error() + ".\nAnswer again with the JSON only, nothing before or after it."
}

// decode reads the JSON object of an answer: the whole answer, or the
// first fenced ```json block, or the outermost {...} in it (models wrap
// JSON in prose and fences despite being told not to). Unknown fields are
// errors, so a misspelt key is reported rather than silently empty.
func decode(answer string, v any) error {
	body := strings.TrimSpace(answer)
	if i := strings.Index(body, "```"); i >= 0 {
		rest := body[i+3:]
		if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
			rest = rest[nl+1:]
			if j := strings.Index(rest, "```"); j >= 0 {
				body = strings.TrimSpace(rest[:j])
			}
		}
	}
	if !strings.HasPrefix(body, "{") {
		i, j := strings.IndexByte(body, '{'), strings.LastIndexByte(body, '}')
		if i < 0 || j < i {
			return errors.New("the answer holds no JSON object")
		}
		body = body[i : j+1]
	}
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("the JSON does not parse: %v", err)
	}
	if dec.More() {
		return errors.New("the answer holds more than one JSON value")
	}
	return nil
}

// cleanPaths checks that each path is relative, stays in the root, and
// (when known is given) is a known file or a new one in a known directory.
func cleanPaths(paths, known []string) ([]string, error) {
	var knownSet, knownDirs map[string]bool
	if known != nil {
		knownSet, knownDirs = map[string]bool{}, map[string]bool{".": true}
		for _, k := range known {
			knownSet[k] = true
			for d := path.Dir(k); d != "." && !knownDirs[d]; d = path.Dir(d) {
				knownDirs[d] = true
			}
		}
	}
	var out []string
	for _, p := range paths {
		p = strings.TrimSpace(p)
		clean := path.Clean(p)
		switch {
		case p == "":
			continue
		case path.IsAbs(p) || clean == ".." || strings.HasPrefix(clean, "../"):
			return nil, fmt.Errorf("file %q is not a path inside the project: use paths relative to its root", p)
		case known != nil && !knownSet[clean] && !knownDirs[path.Dir(clean)]:
			return nil, fmt.Errorf("file %q is not in the project and its directory does not exist", p)
		}
		out = append(out, clean)
	}
	return out, nil
}

// Tier2 returns the system prompt and user message of a tickets call.
func Tier2(in TicketsInput) (system, user string) {
	system = "You are the tier-2 lead of a multi-model coding engine. You split one track into tickets a worker can do alone, " +
		"seeing only its ticket and its target files. Each ticket names the files it changes and the tickets it must wait for. " +
		"Answer with JSON only, of the form " +
		`{"tickets":[{"id":"T1","title":"...","description":"what to change, precisely","target_files":["path"],"depends_on":[]}]}.`
	var b strings.Builder
	fmt.Fprintf(&b, "Track: %s\n\n%s\n", in.Track.Title, in.Track.Brief)
	for _, f := range in.Files {
		fmt.Fprintf(&b, "\n--- %s (full text)\n%s\n", f.Path, f.Text)
	}
	for _, f := range in.Skeletons {
		fmt.Fprintf(&b, "\n--- %s (skeleton: exported declarations only)\n%s\n", f.Path, f.Text)
	}
	return system, b.String()
}

// TicketsSchema is the JSON schema of a tier-2 answer.
func TicketsSchema() map[string]any {
	str := map[string]any{"type": "string"}
	strs := map[string]any{"type": "array", "items": str}
	return map[string]any{
		"type": "object", "required": []string{"tickets"}, "additionalProperties": false,
		"properties": map[string]any{"tickets": map[string]any{
			"type": "array", "minItems": 1,
			"items": map[string]any{
				"type": "object", "required": []string{"id", "title", "description", "target_files", "depends_on"}, "additionalProperties": false,
				"properties": map[string]any{"id": str, "title": str, "description": str, "target_files": strs, "depends_on": strs},
			},
		}},
	}
}

// ParseTickets reads a tier-2 answer and checks it by the track rules of
// package state: IDs unique and not blank, dependencies on tickets of the
// answer, no cycle (the error lists it).
func ParseTickets(answer string, known []string) ([]ProposedTicket, error) {
	var a struct {
		Tickets []ProposedTicket `json:"tickets"`
	}
	if err := decode(answer, &a); err != nil {
		return nil, err
	}
	if len(a.Tickets) == 0 {
		return nil, errors.New(`the answer has no tickets: give at least one in "tickets"`)
	}
	var tr state.Track
	for i, t := range a.Tickets {
		t.ID, t.Title, t.Description = strings.TrimSpace(t.ID), strings.TrimSpace(t.Title), strings.TrimSpace(t.Description)
		if t.Title == "" {
			return nil, fmt.Errorf("ticket %q has no title", t.ID)
		}
		// Added without dependencies first: a ticket may depend on one
		// listed after it.
		if err := tr.AddTicket(t.ID, t.Title, nil); err != nil {
			return nil, err
		}
		files, err := cleanPaths(t.Targets, known)
		if err != nil {
			return nil, fmt.Errorf("ticket %s: %w", t.ID, err)
		}
		t.Targets = files
		a.Tickets[i] = t
	}
	for i, t := range a.Tickets {
		if err := tr.SetDependencies(t.ID, t.DependsOn); err != nil {
			return nil, err
		}
		a.Tickets[i].DependsOn = tr.Ticket(t.ID).DependsOn
	}
	return a.Tickets, nil
}
