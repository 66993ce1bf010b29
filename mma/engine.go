package mma

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/slopgui/slopgui/ruleapi"
	"github.com/slopgui/slopgui/state"
)

// Engine runs the four tiers. Its methods are safe for concurrent use and
// never block on the models: the work runs on goroutines that report
// through Config.Emit.
type Engine struct {
	cfg    Config
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup // goroutines: workers, plans
	// calls counts the workers' tool calls in flight (agent.Run does not
	// wait for a stopped one); Add only under mu while not closed.
	calls sync.WaitGroup

	mu      sync.Mutex
	tracks  []state.Track // the engine's copy, kept by Apply
	workers map[string]*worker
	changed chan struct{} // closed (and replaced) whenever tracks change
	next    int           // plan and track IDs
	closed  bool
}

// New returns an engine working on tracks (the app's saved state; the
// engine keeps a copy). A ticket of one of its tracks (those with an ID)
// that was in progress when the state was saved has lost its worker: it
// is marked interrupted (status todo, Interrupted, reason "interrupted")
// and waits for ResumeTicket. Tracks without an ID were made by hand, and
// their statuses are the user's: the engine leaves them alone.
func New(cfg Config, tracks []state.Track) *Engine {
	cfg.defaults()
	ctx, cancel := context.WithCancel(context.Background())
	e := &Engine{cfg: cfg, ctx: ctx, cancel: cancel, tracks: state.CloneTracks(tracks),
		workers: map[string]*worker{}, changed: make(chan struct{})}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, tr := range e.tracks {
		if tr.ID == "" {
			continue
		}
		for _, tk := range tr.Tickets {
			if tk.Status == state.StatusInProgress {
				e.emit(Event{Kind: StatusChanged, Track: tr.ID, Ticket: tk.ID, Status: state.StatusTodo,
					Reason: "interrupted", Interrupted: true})
			}
		}
	}
	e.schedule()
	return e
}

// Close stops every worker and call, withdraws their questions and waits
// for them. Nothing is reported about what it stopped: to the saved state
// it is as if the app had died, and New on that state resumes.
func (e *Engine) Close() {
	e.mu.Lock()
	e.closed = true
	e.mu.Unlock()
	e.cancel()
	e.wg.Wait()
	e.calls.Wait()
}

// Tracks returns a copy of the engine's tracks.
func (e *Engine) Tracks() []state.Track {
	e.mu.Lock()
	defer e.mu.Unlock()
	return state.CloneTracks(e.tracks)
}

// emit applies ev to the engine's tracks and reports it (lock held).
// After Close nothing is reported.
func (e *Engine) emit(ev Event) {
	if e.closed {
		return
	}
	e.tracks = Apply(e.tracks, ev)
	close(e.changed)
	e.changed = make(chan struct{})
	e.cfg.Emit(ev)
}

// report is emit taking the lock.
func (e *Engine) report(ev Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.emit(ev)
}

func (e *Engine) newID(prefix string) string {
	e.next++
	return prefix + strconv.Itoa(e.next)
}

func (e *Engine) track(id string) (*state.Track, error) {
	if i := trackIndex(e.tracks, id); i >= 0 {
		return &e.tracks[i], nil
	}
	return nil, fmt.Errorf("no track %s", id)
}

// AcceptTrack adds a proposed track (as the user accepted or edited it)
// with no tickets, and returns its ID.
func (e *Engine) AcceptTrack(goal string, p ruleapi.ProposedTrack) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	id := e.newID("track")
	for trackIndex(e.tracks, id) >= 0 {
		id = e.newID("track")
	}
	e.emit(Event{Kind: TrackSet, Track: id, TrackData: state.Track{ID: id, Name: p.Title, Goal: goal, Brief: p.Brief, Files: p.Files}})
	return id
}

// AcceptTickets replaces the tickets of a track that is not running with
// the proposed ones (as the user approved or edited them), checked by the
// track rules: unique IDs, known dependencies, no cycle.
func (e *Engine) AcceptTickets(trackID string, ps []ruleapi.ProposedTicket) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	tr, err := e.track(trackID)
	if err != nil {
		return err
	}
	if e.busy(trackID) {
		return fmt.Errorf("track %s has workers running: stop them first", trackID)
	}
	t := state.CloneTracks([]state.Track{*tr})[0]
	t.Tickets = nil
	for _, p := range ps {
		if err := t.AddTicket(p.ID, p.Title, nil); err != nil {
			return fmt.Errorf("track %s: %w", trackID, err)
		}
		tk := t.Ticket(p.ID)
		tk.Description, tk.Targets = p.Description, p.Targets
	}
	for _, p := range ps {
		if err := t.SetDependencies(p.ID, p.DependsOn); err != nil {
			return fmt.Errorf("track %s: %w", trackID, err)
		}
	}
	e.emit(Event{Kind: TrackSet, Track: trackID, TrackData: t})
	return nil
}

// SetTrack replaces a track whole (the user's edit of it); a track with
// workers running is refused. A new ID adds the track.
func (e *Engine) SetTrack(t state.Track) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if t.ID == "" {
		return errors.New("a track needs an ID")
	}
	if _, err := t.Ordered(); err != nil {
		return fmt.Errorf("track %s: %w", t.ID, err)
	}
	if e.busy(t.ID) {
		return fmt.Errorf("track %s has workers running: stop them first", t.ID)
	}
	e.emit(Event{Kind: TrackSet, Track: t.ID, TrackData: t})
	e.schedule()
	return nil
}

// busy reports whether a worker of the track runs (lock held).
func (e *Engine) busy(trackID string) bool {
	for _, w := range e.workers {
		if w.track == trackID {
			return true
		}
	}
	return false
}

// flags reports a track's flags changed by f (lock held).
func (e *Engine) flags(trackID string, f func(t *state.Track)) error {
	tr, err := e.track(trackID)
	if err != nil {
		return err
	}
	c := *tr
	f(&c)
	e.emit(Event{Kind: TrackFlags, Track: trackID, Running: c.Running, Paused: c.Paused, StepMode: c.StepMode})
	e.schedule()
	return nil
}

// Run turns a track's auto-queue on: its ready tickets start, at most
// Limit workers at once over all tracks, each ticket when its
// dependencies are done.
func (e *Engine) Run(trackID string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.flags(trackID, func(t *state.Track) { t.Running = true })
}

// Pause stops a track from starting workers and turns: running requests
// finish, then their workers wait for Resume.
func (e *Engine) Pause(trackID string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.flags(trackID, func(t *state.Track) { t.Paused = true })
}

// Resume lets a paused track go on.
func (e *Engine) Resume(trackID string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.flags(trackID, func(t *state.Track) { t.Paused = false })
}

// SetStepMode turns a track's step mode on or off: in step mode every
// spawn, model turn and tool call of its workers waits for the user.
func (e *Engine) SetStepMode(trackID string, on bool) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.flags(trackID, func(t *state.Track) { t.StepMode = on })
}

// SetTicket sets a ticket's step mode and its own model (overriding the
// tier-3 list's first; "" for none). Step mode takes effect at the
// worker's next transition, the model at its next start.
func (e *Engine) SetTicket(trackID, ticketID string, stepMode bool, model string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if FindTicket(e.tracks, trackID, ticketID) == nil {
		return fmt.Errorf("no ticket %s in track %s", ticketID, trackID)
	}
	e.emit(Event{Kind: TicketFlags, Track: trackID, Ticket: ticketID, StepMode: stepMode, Model: model})
	return nil
}

// Stop stops one ticket's worker: its run is cancelled, its questions
// withdrawn, the edits it applied stay, and the ticket goes back to todo,
// interrupted with the reason "stopped", until ResumeTicket.
func (e *Engine) Stop(trackID, ticketID string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	w := e.workers[key(trackID, ticketID)]
	if w == nil {
		return fmt.Errorf("ticket %s of track %s has no worker running", ticketID, trackID)
	}
	w.stop()
	return nil
}

// ResumeTicket lets an interrupted ticket start again: its worker goes on
// from the transcript (asking again any edit left unanswered), on the
// track's auto-queue.
func (e *Engine) ResumeTicket(trackID, ticketID string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	tk := FindTicket(e.tracks, trackID, ticketID)
	if tk == nil || !tk.Interrupted {
		return fmt.Errorf("ticket %s of track %s is not interrupted", ticketID, trackID)
	}
	e.emit(Event{Kind: StatusChanged, Track: trackID, Ticket: ticketID, Status: state.StatusTodo})
	e.schedule()
	return nil
}

// Retry puts a blocked or failed ticket back to todo with a fresh
// transcript, on the first model of its escalation list; the tickets its
// block cascaded to ("depends on" it) are todo again too.
func (e *Engine) Retry(trackID, ticketID string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	tk := FindTicket(e.tracks, trackID, ticketID)
	if tk == nil {
		return fmt.Errorf("no ticket %s in track %s", ticketID, trackID)
	}
	c := *tk
	if err := c.Retry(); err != nil {
		return err
	}
	e.emit(Event{Kind: Escalated, Track: trackID, Ticket: ticketID, Escalation: 0, Model: tk.Model})
	e.emit(Event{Kind: StatusChanged, Track: trackID, Ticket: ticketID, Status: state.StatusTodo})
	tr, _ := e.track(trackID)
	for _, d := range slices.Clone(tr.Tickets) { // Cascade named every one "depends on" the root
		if d.Status == state.StatusBlocked && d.Reason == "depends on "+ticketID {
			e.emit(Event{Kind: StatusChanged, Track: trackID, Ticket: d.ID, Status: state.StatusTodo})
		}
	}
	e.schedule()
	return nil
}

func key(track, ticket string) string { return track + "/" + ticket }

// schedule starts the workers the auto-queue allows (lock held).
func (e *Engine) schedule() {
	if e.closed {
		return
	}
	for i := range e.tracks {
		tr := &e.tracks[i]
		if !tr.Running || tr.Paused {
			continue
		}
		var ready, start []string
		e.ruleHeld("Startable", func(r *ruleapi.Rules) { ready = r.Startable(tr) })
		e.ruleHeld("Spawn", func(r *ruleapi.Rules) { start = r.Spawn(ready, len(e.workers), e.cfg.Limit) })
		for _, id := range start {
			e.start(tr.ID, id)
		}
	}
}

// waitUnpaused returns when the track is not paused, or ctx's error.
// onHold, when not nil, is called (lock held) once, when it first waits.
func (e *Engine) waitUnpaused(ctx context.Context, trackID string, onHold func()) error {
	for {
		e.mu.Lock()
		tr, err := e.track(trackID)
		if err != nil {
			e.mu.Unlock()
			return err
		}
		paused, ch := tr.Paused, e.changed
		if paused && onHold != nil {
			onHold()
			onHold = nil
		}
		e.mu.Unlock()
		if !paused {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// CheckTickets checks the user's edit of proposed tickets by the rules a
// tier-2 answer is checked by (the rules in force: IDs given and unique,
// titles given, dependencies known, no cycle, target paths inside the
// project; a target need not exist yet), and returns them cleaned
// (trimmed, dependencies deduplicated).
func (e *Engine) CheckTickets(ps []ruleapi.ProposedTicket) ([]ruleapi.ProposedTicket, error) {
	if len(ps) == 0 {
		return nil, errors.New("no tickets: reject the proposal instead")
	}
	b, err := json.Marshal(struct {
		Tickets []ruleapi.ProposedTicket `json:"tickets"`
	}{ps})
	if err != nil {
		return nil, fmt.Errorf("the tickets: %w", err)
	}
	var out []ruleapi.ProposedTicket
	e.rule("ParseTickets", func(r *ruleapi.Rules) { out, err = r.ParseTickets(string(b), nil) })
	return out, err
}
