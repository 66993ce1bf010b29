// Package mmahost is the app's side of the MMA engine (mma/), with no GUI
// code: it builds the engine's Config from the UI state (project, system
// prompt, models per tier, worker limit), owns the *mma.Engine, posts its
// events through the app's mailbox (Config.Post) and, applied there on the
// render thread (Apply), keeps what the dashboard shows besides the tracks:
// the plan and ticket proposals, tiers 1 and 2's answers and each
// worker's text as they stream, and the tokens per tier. Its methods are what the dashboard (contract.MMA) and
// the control socket (MMAStatus, MMAPause, MMAResume, MMAStep) call.
package mmahost

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/slopgui/slopgui/agent"
	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/internal/events"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/mma"
	"github.com/slopgui/slopgui/ruleapi"
	"github.com/slopgui/slopgui/state"
)

// AskerName is the name the engine's questions carry in the approval queue.
const AskerName = "mma"

// Config is what New needs besides the state.
type Config struct {
	// Post puts an Event in the app's mailbox (any goroutine, never blocks).
	Post func(any)
	// Queue is the app's approval queue.
	Queue *approval.Queue
	// Provider builds a provider by name ("" = the project's).
	Provider func(name string) (llm.Provider, error)
	// AutoCommands lets run_command run unasked outside step mode.
	AutoCommands bool
	// Price is a model's price in US dollars per million prompt (in) and
	// answer (out) tokens, ok when it is known (persist.Pricer); nil: no
	// model is priced.
	Price func(model string) (in, out float64, ok bool)
	// Rules are the engine's rules, which the app points at each reloaded
	// generation of rules/ (the built-in ones when nil).
	Rules *ruleapi.Source
	// Events, if not nil, gets an mma.ticket event {track, ticket, from,
	// to, reason} for each ticket status change applied (`ctl watch`).
	Events *events.Bus
}

// Event is an engine event on its way through the app's mailbox; Apply
// applies it (and drops one of a host closed meanwhile).
type Event struct {
	h  *Host
	ev mma.Event
}

// Host owns one engine, for one open project.
type Host struct {
	eng    *mma.Engine
	queue  *approval.Queue
	events *events.Bus
	// stepNew: tracks accepted from now on start in step mode (the
	// dashboard's "Step mode" switch, UI.StepMode; StepNewTracks).
	stepNew atomic.Bool

	mu       sync.Mutex
	planID   string
	planning bool
	planText string // tier 1's answer as it streams
	planErr  string
	goal     string
	props    []ruleapi.ProposedTrack
	tickets  map[string]*contract.MMATickets // by track ID
	live     map[string]string               // "track/ticket" → streaming text
	held     map[string]bool                 // "track/ticket" → held before a turn
	usage    []contract.MMAUsage
	workers  int
	limit    int
	made     settings // the settings it was made with (Stale)
	price    func(model string) (in, out float64, ok bool)
}

// settings is what of ui the engine's Config is made of. Stale compares
// it every frame: plain fields, compared without formatting or copying
// the system prompt.
type settings struct {
	name, root, provider, model, baseURL, system string
	mma                                          state.MMASettings
}

func settingsOf(ui *state.UI) settings {
	ai := ui.AI
	return settings{ui.Project.Name, ui.Project.Root, ai.Provider, ai.Model, ai.BaseURL, ai.SystemPrompt, ai.MMA}
}

// Stale says the settings changed since New and nothing of the engine's
// is under way or shown (no worker, plan, tier-2 call or proposal): the
// app makes a new Host then. While something is, the change waits.
func (h *Host) Stale(ui *state.UI) bool {
	if settingsOf(ui) == h.made {
		return false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.workers == 0 && !h.planning && len(h.props) == 0 && len(h.tickets) == 0
}

// Models builds the engine's models from the settings: an empty tier gets
// the project's provider and model; Tier3 is a comma list.
func Models(ai state.AISettings, mk func(string) (llm.Provider, error)) mma.Models {
	cache := map[string]llm.Provider{}
	prov := func(name string) llm.Provider {
		if p, ok := cache[name]; ok {
			return p
		}
		p := &lazy{name: name, mk: mk}
		cache[name] = p
		return p
	}
	tier := func(t state.TierModel) mma.Model {
		m := mma.Model{Provider: prov(strings.TrimSpace(t.Provider)), Name: strings.TrimSpace(t.Model)}
		if m.Name == "" {
			m.Name = ai.Model
		}
		return m
	}
	s := ai.MMA
	ms := mma.Models{Tier1: tier(s.Tier1), Tier2: tier(s.Tier2), Tier4: tier(s.Tier4)}
	for _, n := range strings.Split(s.Tier3, ",") {
		if n = strings.TrimSpace(n); n != "" {
			ms.Tier3 = append(ms.Tier3, mma.Model{Provider: prov(strings.TrimSpace(s.Tier3Provider)), Name: n})
		}
	}
	if len(ms.Tier3) == 0 {
		ms.Tier3 = []mma.Model{tier(state.TierModel{Provider: s.Tier3Provider})}
	}
	return ms
}

// New starts an engine on ui's project and tracks (they are copied).
func New(c Config, ui *state.UI) *Host {
	h := &Host{queue: c.Queue, tickets: map[string]*contract.MMATickets{}, live: map[string]string{},
		held: map[string]bool{}, limit: int(ui.AI.MMA.Limit), made: settingsOf(ui), price: c.Price, events: c.Events}
	if h.limit <= 0 {
		h.limit = mma.DefaultLimit
	}
	cfg := mma.Config{
		Models:  Models(ui.AI, c.Provider),
		Project: ui.Project.Name, SystemPrompt: ui.AI.SystemPrompt, Root: ui.Project.Root,
		Limit: h.limit, Queue: c.Queue, Asker: approval.Asker{Name: AskerName, PID: os.Getpid()},
		AutoCommands: c.AutoCommands, Rules: c.Rules,
		Emit: func(ev mma.Event) { c.Post(Event{h: h, ev: ev}) },
	}
	h.eng = mma.New(cfg, ui.Tracks)
	return h
}

// Close stops the engine and its workers (what they did stays in the
// tracks; New on the saved tracks resumes).
func (h *Host) Close() { h.eng.Close() }

// Apply applies m, if it is an Event of this host, to the tracks (by IDs,
// mma.Apply) and to what the dashboard shows. Render thread.
func (h *Host) Apply(tracks []state.Track, m any) ([]state.Track, bool) {
	e, ok := m.(Event)
	if !ok || e.h != h {
		return tracks, ok
	}
	ev := e.ev
	h.mu.Lock()
	defer h.mu.Unlock()
	k := ev.Track + "/" + ev.Ticket
	switch ev.Kind {
	case mma.PlanProposed:
		if ev.Plan == h.planID {
			h.planning, h.props = false, slices.Clone(ev.Tracks)
		}
	case mma.PlanFailed:
		if ev.Plan == h.planID {
			h.planning, h.planErr = false, errText(ev.Err)
		}
	case mma.TicketsProposed:
		h.tickets[ev.Track] = &contract.MMATickets{Proposed: ticketsOf(ev.Tickets)}
	case mma.TicketsFailed:
		h.tickets[ev.Track] = &contract.MMATickets{Err: errText(ev.Err)}
	case mma.TierText:
		h.tierText(ev)
	case mma.Usage:
		h.addUsage(ev.Tier, ev.Model, ev.Usage)
	case mma.WorkerStarted:
		h.workers++
		h.live[k] = ""
	case mma.WorkerEnded:
		h.workers--
		delete(h.held, k)
	case mma.WorkerHeld:
		if ev.Held {
			h.held[k] = true
		} else {
			delete(h.held, k)
		}
	case mma.Escalated:
		h.live[k] = ""
	case mma.AgentEvent:
		switch ev.Agent.Kind {
		case agent.TurnStarted:
			h.live[k] = ""
		case agent.Text:
			h.live[k] = appendLive(h.live[k], ev.Agent.Text)
		}
	}
	if ev.Kind == mma.StatusChanged && h.events != nil {
		h.ticketEvent(tracks, ev)
	}
	return mma.Apply(tracks, ev), true
}

// ticketEvent publishes a ticket's status change, from its status in
// tracks (before ev is applied).
func (h *Host) ticketEvent(tracks []state.Track, ev mma.Event) {
	for i := range tracks {
		if tracks[i].ID != ev.Track {
			continue
		}
		if tk := tracks[i].Ticket(ev.Ticket); tk != nil && tk.Status != ev.Status {
			h.events.Publish("mma.ticket", map[string]any{"track": ev.Track, "trackName": tracks[i].Name, "ticket": ev.Ticket,
				"from": string(tk.Status), "to": string(ev.Status), "reason": ev.Reason})
		}
	}
}

// tierText keeps the streaming answer of the current plan (tier 1) or of
// a track's tier-2 call while it is busy; "" starts an answer (lock held).
func (h *Host) tierText(ev mma.Event) {
	switch {
	case ev.Tier == 1 && ev.Plan == h.planID && h.planning:
		if ev.Text == "" {
			h.planText = ""
		}
		h.planText = appendLive(h.planText, ev.Text)
	case ev.Tier == 2:
		if t := h.tickets[ev.Track]; t != nil && t.Busy {
			if ev.Text == "" {
				t.Stream = ""
			}
			t.Stream = appendLive(t.Stream, ev.Text)
		}
	}
}

// LiveCap bounds a ticket's live streaming text (MMAView.Live): past it
// the oldest text is dropped for TrimMarker. The whole answer is kept in
// the ticket's transcript when its turn ends.
const LiveCap = 64 << 10

// TrimMarker starts a live text whose beginning was dropped.
const TrimMarker = "… (earlier text trimmed; the whole answer is in the ticket's transcript)\n"

// appendLive appends add to a live text, keeping it within about
// LiveCap: once it passes LiveCap by a quarter, only its last LiveCap
// bytes (from a character's start) stay, after TrimMarker. The slack
// makes trimming rare: a stream does not copy LiveCap bytes per token.
func appendLive(live, add string) string {
	live += add
	if len(live) <= LiveCap+LiveCap/4 {
		return live
	}
	cut := len(live) - LiveCap
	for cut < len(live) && !utf8.RuneStart(live[cut]) {
		cut++
	}
	return TrimMarker + live[cut:]
}

func errText(err error) string {
	if err == nil {
		return "failed"
	}
	return err.Error()
}

func ticketsOf(ps []ruleapi.ProposedTicket) []contract.MMATicketProposal {
	out := make([]contract.MMATicketProposal, len(ps))
	for i, p := range ps {
		out[i] = contract.MMATicketProposal{ID: p.ID, Title: p.Title, Description: p.Description,
			Targets: slices.Clone(p.Targets), DependsOn: slices.Clone(p.DependsOn)}
	}
	return out
}

// addUsage adds a call's tokens to its tier and model's row, and prices
// the row when the model's price is known (lock held).
func (h *Host) addUsage(tier int, model string, u llm.Usage) {
	i := slices.IndexFunc(h.usage, func(r contract.MMAUsage) bool { return r.Tier == tier && r.Model == model })
	if i < 0 {
		h.usage = append(h.usage, contract.MMAUsage{Tier: tier, Model: model})
		i = len(h.usage) - 1
	}
	r := &h.usage[i]
	r.In += u.In
	r.Out += u.Out
	if h.price != nil {
		if in, out, ok := h.price(model); ok {
			r.Cost, r.Priced = (float64(r.In)*in+float64(r.Out)*out)/1e6, true
		}
	}
	slices.SortStableFunc(h.usage, func(a, b contract.MMAUsage) int { return a.Tier - b.Tier })
}

// MMAView is what the dashboard shows besides the tracks.
func (h *Host) MMAView() contract.MMAView {
	h.mu.Lock()
	v := contract.MMAView{Planning: h.planning, PlanStream: h.planText, PlanError: h.planErr, Goal: h.goal,
		Tickets: map[string]contract.MMATickets{}, Live: map[string]string{}, Held: map[string]bool{},
		Usage: slices.Clone(h.usage), Workers: h.workers, Limit: h.limit}
	for _, p := range h.props {
		v.Proposals = append(v.Proposals, contract.MMAProposal{Title: p.Title, Brief: p.Brief, Files: slices.Clone(p.Files)})
	}
	for k, t := range h.tickets {
		c := *t
		c.Proposed = cloneProposed(t.Proposed)
		v.Tickets[k] = c
	}
	for k, s := range h.live {
		v.Live[k] = s
	}
	for k := range h.held {
		v.Held[k] = true
	}
	h.mu.Unlock()
	for _, p := range h.queue.Pending() {
		if p.Asker.Name != AskerName {
			continue
		}
		track, ticket, _ := strings.Cut(p.Run, "/")
		v.Questions = append(v.Questions, contract.MMAQuestion{ID: p.ID, Kind: string(p.Kind), Title: p.Title,
			Detail: p.Detail, Args: p.Args, Track: track, Ticket: ticket})
	}
	return v
}

// Plan asks tier 1 for tracks toward goal (MMAView: Planning, then the
// Proposals or PlanError).
func (h *Host) Plan(goal string) {
	if strings.TrimSpace(goal) == "" {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.planning, h.planErr, h.props, h.goal, h.planText = true, "", nil, goal, ""
	h.planID = h.eng.Plan(goal) // the events wait in the mailbox for the lock
}

// AcceptTrack adds proposal i as the user edited it and returns its track
// ID; it leaves the proposals.
func (h *Host) AcceptTrack(i int, p contract.MMAProposal) (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if i < 0 || i >= len(h.props) {
		return "", errors.New("no such proposal")
	}
	h.props = slices.Delete(h.props, i, i+1)
	id := h.eng.AcceptTrack(h.goal, ruleapi.ProposedTrack{Title: p.Title, Brief: p.Brief, Files: slices.Clone(p.Files)})
	if h.stepNew.Load() {
		if err := h.eng.SetStepMode(id, true); err != nil {
			return id, fmt.Errorf("accepted as %s, but not in step mode: %w", id, err)
		}
	}
	return id, nil
}

// StepNewTracks says whether tracks accepted from now on start in step
// mode (the app passes UI.StepMode each frame; any goroutine).
func (h *Host) StepNewTracks(on bool) { h.stepNew.Store(on) }

// RejectTrack drops proposal i.
func (h *Host) RejectTrack(i int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if i >= 0 && i < len(h.props) {
		h.props = slices.Delete(h.props, i, i+1)
	}
}

// MakeTickets asks tier 2 for the tickets of a track.
func (h *Host) MakeTickets(track string) error {
	h.mu.Lock()
	h.tickets[track] = &contract.MMATickets{Busy: true}
	h.mu.Unlock()
	err := h.eng.Tickets(track)
	if err != nil {
		h.mu.Lock()
		h.tickets[track] = &contract.MMATickets{Err: err.Error()}
		h.mu.Unlock()
	}
	return err
}

// AcceptTickets puts the proposed tickets (as last edited) in the track.
func (h *Host) AcceptTickets(track string) error {
	h.mu.Lock()
	t := h.tickets[track]
	var ps []ruleapi.ProposedTicket
	if t != nil && !t.Busy {
		ps = proposedOf(t.Proposed)
	}
	h.mu.Unlock()
	if len(ps) == 0 {
		return errors.New("no tickets proposed for " + track)
	}
	if err := h.eng.AcceptTickets(track, ps); err != nil {
		return err
	}
	h.RejectTickets(track)
	return nil
}

// SetProposedTickets replaces a track's proposed tickets with the user's
// edit of them, checked by the rules a tier-2 answer is checked by
// (mma.Engine.CheckTickets); a refusal changes nothing.
func (h *Host) SetProposedTickets(track string, ps []contract.MMATicketProposal) error {
	h.mu.Lock()
	t := h.tickets[track]
	ok := t != nil && !t.Busy && len(t.Proposed) > 0
	h.mu.Unlock()
	if !ok {
		return errors.New("no tickets proposed for " + track)
	}
	checked, err := h.eng.CheckTickets(proposedOf(ps))
	if err != nil {
		return fmt.Errorf("the edited tickets: %w", err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.tickets[track] != t { // a new answer came meanwhile: the edit was of the old one
		return errors.New("tier 2 proposed new tickets meanwhile: edit them")
	}
	t.Proposed = ticketsOf(checked)
	return nil
}

func proposedOf(ps []contract.MMATicketProposal) []ruleapi.ProposedTicket {
	out := make([]ruleapi.ProposedTicket, len(ps))
	for i, p := range ps {
		out[i] = ruleapi.ProposedTicket{ID: p.ID, Title: p.Title, Description: p.Description,
			Targets: slices.Clone(p.Targets), DependsOn: slices.Clone(p.DependsOn)}
	}
	return out
}

func cloneProposed(ps []contract.MMATicketProposal) []contract.MMATicketProposal {
	return ticketsOf(proposedOf(ps))
}

// RejectTickets drops a track's proposed tickets.
func (h *Host) RejectTickets(track string) {
	h.mu.Lock()
	delete(h.tickets, track)
	h.mu.Unlock()
}

// Run turns a track's auto-queue on.
func (h *Host) Run(track string) error {
	id, err := h.trackID(track)
	if err != nil {
		return err
	}
	return h.eng.Run(id)
}

// StopTicket, ResumeTicket and RetryTicket act on one ticket.
func (h *Host) StopTicket(track, ticket string) error { return h.eng.Stop(track, ticket) }

// ResumeTicket goes on with a stopped or interrupted ticket.
func (h *Host) ResumeTicket(track, ticket string) error { return h.eng.ResumeTicket(track, ticket) }

// RetryTicket starts a blocked ticket again.
func (h *Host) RetryTicket(track, ticket string) error { return h.eng.Retry(track, ticket) }

// SetTicket sets a ticket's own step mode and model ("" for none).
func (h *Host) SetTicket(track, ticket string, step bool, model string) error {
	return h.eng.SetTicket(track, ticket, step, strings.TrimSpace(model))
}

// SetTranscript replaces the conversation of a ticket whose worker is not
// running, or is held before a turn, with the user's edit (the engine
// refuses while one sends a turn or runs tools).
func (h *Host) SetTranscript(track, ticket string, msgs []state.TicketMsg) error {
	return h.eng.SetTranscript(track, ticket, msgs)
}

// Answer answers one of the engine's questions, args as the user left them.
func (h *Host) Answer(id string, approve bool, args string) error {
	return h.queue.Answer(id, approve, args)
}

// MMAPause holds a track's new workers and turns (track: ID or name).
func (h *Host) MMAPause(track string) error {
	id, err := h.trackID(track)
	if err != nil {
		return err
	}
	return h.eng.Pause(id)
}

// MMAResume lets a paused track go on.
func (h *Host) MMAResume(track string) error {
	id, err := h.trackID(track)
	if err != nil {
		return err
	}
	return h.eng.Resume(id)
}

// MMAStep turns a track's step mode on or off.
func (h *Host) MMAStep(track string, on bool) error {
	id, err := h.trackID(track)
	if err != nil {
		return err
	}
	return h.eng.SetStepMode(id, on)
}

// trackID finds a track by ID, else by name.
func (h *Host) trackID(track string) (string, error) {
	ts := h.eng.Tracks()
	for _, t := range ts {
		if t.ID == track {
			return t.ID, nil
		}
	}
	for _, t := range ts {
		if t.Name == track && t.ID != "" {
			return t.ID, nil
		}
	}
	var names []string
	for _, t := range ts {
		if t.ID != "" {
			names = append(names, fmt.Sprintf("%s (%s)", t.ID, t.Name))
		}
	}
	if len(names) == 0 {
		return "", fmt.Errorf("no track %q: the engine has no tracks", track)
	}
	return "", fmt.Errorf("no track %q; the tracks are: %s", track, strings.Join(names, ", "))
}

// Status is MMAStatus's snapshot: what the engine knows that the tracks
// (the app's state, listed beside it) do not.
type Status struct {
	Usage   []contract.MMAUsage `json:"usage"`   // tokens per tier and model
	Workers int                 `json:"workers"` // running
	Limit   int                 `json:"limit"`   // at most at once
}

// MMAStatus is a JSON-encodable snapshot (a Status): the tokens per tier
// and model, the workers running and their limit.
func (h *Host) MMAStatus() any {
	h.mu.Lock()
	defer h.mu.Unlock()
	return Status{Usage: append([]contract.MMAUsage{}, h.usage...), Workers: h.workers, Limit: h.limit}
}

// lazy is a provider built on its first request, so that an engine starts
// without keys; a provider that cannot be built fails each request.
type lazy struct {
	name string
	mk   func(string) (llm.Provider, error)
	once sync.Once
	p    llm.Provider
	err  error
}

func (l *lazy) get() (llm.Provider, error) {
	l.once.Do(func() {
		if l.mk == nil {
			l.err = errors.New("no provider")
			return
		}
		l.p, l.err = l.mk(l.name)
	})
	return l.p, l.err
}

func (l *lazy) Name() string {
	if p, err := l.get(); err == nil {
		return p.Name()
	}
	return l.name
}

func (l *lazy) Stream(ctx context.Context, req llm.Request) <-chan llm.Event {
	p, err := l.get()
	if err != nil {
		ch := make(chan llm.Event, 1)
		ch <- llm.Event{Kind: llm.EventError, Err: err}
		close(ch)
		return ch
	}
	return p.Stream(ctx, req)
}

func (l *lazy) Models(ctx context.Context) ([]string, error) {
	p, err := l.get()
	if err != nil {
		return nil, err
	}
	return p.Models(ctx)
}
