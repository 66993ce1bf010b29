// Package chathost is the app's side of talking to the model in the
// Discussion Hub, with no GUI code. A Send is one run of the agent loop
// (agent/) on a goroutine the Host owns, never a view: a reload mid-answer
// does not touch it. The loop never writes the state; its typed events go
// into the app's one mailbox (Config.Post), and the app, draining it at the
// start of a frame on the render thread, hands each to Apply, which applies
// it by IDs (the run's, the entry's). Its tool calls wait in the approval
// queue (approval/), which Chat.Approval mirrors for the views (Sync).
// The Host also asks the provider for its models (CheckConnection) and
// says what the next Send would carry and cost (Context).
//
// Every method but Context's goroutine and the Sends' runs is called on the
// render thread, with the state it changes.
package chathost

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/slopgui/slopgui/agent"
	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/internal/answer"
	"github.com/slopgui/slopgui/internal/reqctx"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/llm/tools"
	"github.com/slopgui/slopgui/state"
)

// Bounds on what is kept.
const (
	maxRounds       = 8        // model ↔ tool round trips in one Send
	maxPayloadSaved = 64 << 10 // request / response text kept per comms entry
	maxToolResult   = 16 << 10 // tool result kept in the Tool Log and entry
	maxToolOutput   = 64 << 10 // what a tool may return to the model
	requestTimeout  = 10 * time.Minute
	recountAfter    = 2 * time.Second // Context counts again this often, changed or not
)

// Config is what New needs.
type Config struct {
	// Post puts an agent.Event or a Change in the app's mailbox (any
	// goroutine, never blocks) and wakes the render thread.
	Post func(any)
	// Queue is the app's approval queue: a Send's tool calls wait there.
	Queue *approval.Queue
	// CredPath is the credentials file ("" when nothing is persisted).
	CredPath func() string
	// Now is the clock.
	Now func() time.Time
	// Redraw, if not nil, asks for a frame: a recount changed what Context
	// says (any goroutine).
	Redraw func()
}

// Change is a change a goroutine of the Host makes to the state; the app
// applies it on the render thread when it drains its mailbox.
type Change func(*state.UI)

// Host runs the discussion's Sends, one at a time.
type Host struct {
	cfg Config

	run     *run               // the Send under way
	runs    int                // Sends started, for run IDs
	seen    uint64             // the approval queue's version asked is from
	asked   []approval.Pending // the questions waiting, as of seen
	checked bool               // entries left streaming by an earlier process were marked

	ctxMu      sync.Mutex
	ctxKey     string
	ctxInfo    contract.AIContext
	ctxAt      time.Time
	ctxRunning bool
	counter    reqctx.Counter // token counts, cached by content hash
}

// run is one Send.
type run struct {
	id     string
	cancel context.CancelFunc
	ai     state.AISettings
}

// New returns a Host with nothing under way.
func New(cfg Config) *Host {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.CredPath == nil {
		cfg.CredPath = func() string { return "" }
	}
	return &Host{cfg: cfg}
}

// Provider builds ai's provider with its key (from the environment or the
// credentials file credPath), and says where the key came from, or why it
// cannot.
func Provider(ai state.AISettings, credPath string) (llm.Provider, string, error) {
	key, src, err := llm.LookupKey(ai.Provider, credPath)
	if err != nil {
		return nil, "", err
	}
	if key == "" && ai.Provider != llm.OpenAI {
		return nil, "", fmt.Errorf("%s: no API key: set %s, or add %s=… to %s (mode 0600)",
			ai.Provider, llm.KeyVar(ai.Provider), llm.KeyVar(ai.Provider), credDisplay(credPath))
	}
	p, err := llm.New(llm.Config{Provider: ai.Provider, BaseURL: baseURL(ai), APIKey: key})
	return p, src, err
}

// baseURL is the base URL in force for ai.
func baseURL(ai state.AISettings) string {
	if ai.BaseURL != "" {
		return strings.TrimSpace(ai.BaseURL)
	}
	if ai.Provider == llm.OpenAI {
		return os.Getenv(llm.BaseURLVar)
	}
	return ""
}

func credDisplay(p string) string {
	if p == "" {
		return "the credentials file in slopgui's config directory"
	}
	return p
}

// Send starts one run of the agent loop on a goroutine: with the
// composer's text added as a User entry (fromComposer; nothing is sent when
// it is blank), or the discussion as it is (a retry); the drop oldest
// entries are left out of the request. Its events come back through the
// mailbox (Apply), its tool calls wait in the approval queue. A Send under
// way makes it do nothing.
func (h *Host) Send(ui *state.UI, fromComposer bool, drop int) {
	if ui.Chat.Busy {
		return
	}
	d := ui.ActiveDisc()
	now := h.cfg.Now()
	if fromComposer {
		if strings.TrimSpace(ui.ComposerText) == "" {
			return
		}
		d.Add(state.RoleUser, ui.ComposerText, now)
		ui.ComposerText = ""
	}
	ai, proj, history, cred := ui.AI, state.CloneProject(ui.Project, state.Project{}), slices.Clone(d.Entries[min(max(drop, 0), len(d.Entries)):]), h.cfg.CredPath()
	idx := d.Add(state.RoleAI, "", now)
	d.Entries[idx].Status = state.EntryStreaming
	ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
	h.runs++
	r := &run{id: fmt.Sprint("send-", h.runs), cancel: cancel, ai: ai}
	h.run = r
	ui.Chat = state.Chat{Busy: true, Phase: "sending", Discussion: ui.ActiveDiscussion, EntryID: d.Entries[idx].ID, Follow: true,
		Models: ui.Chat.Models, ConnStatus: ui.Chat.ConnStatus}
	post, queue := h.cfg.Post, h.cfg.Queue
	go func() {
		defer cancel()
		emit := func(e agent.Event) { post(e) }
		p, _, err := Provider(ai, cred)
		if err != nil {
			emit(agent.Event{Run: r.id, Kind: agent.Failed, Err: err})
			return
		}
		system, msgs := reqctx.Messages(ai.SystemPrompt, history, reqctx.Read(proj))
		agent.Run(ctx, r.id, agent.Config{Provider: p, Emit: emit, MaxRounds: maxRounds,
			Request: llm.Request{Model: ai.Model, System: system, Messages: msgs, Tools: tools.Specs(),
				Temperature: float64(ai.Temperature), MaxTokens: int(ai.MaxTokens)},
			Tools:   tools.Runner{Root: proj.Root, Timeout: time.Duration(ai.CommandSeconds()) * time.Second, MaxOutput: maxToolOutput},
			Approve: agent.AskQueue(queue, r.id, approval.Asker{Name: ai.Provider + " " + ai.Model, PID: os.Getpid()})})
	}()
}

// Stop cancels the Send under way.
func (h *Host) Stop(ui *state.UI) {
	if h.run != nil {
		h.run.cancel()
		ui.Chat.Phase = "stopping"
	}
}

// Close cancels the Send under way, if any (the app is closing).
func (h *Host) Close() {
	if h.run != nil {
		h.run.cancel()
	}
}

// Approve answers the tool call in Chat.Approval, with its arguments as the
// user edited them.
func (h *Host) Approve(ui *state.UI, approve bool) {
	ap := ui.Chat.Approval
	if !ap.Open {
		return
	}
	ui.Chat.Approval = state.Approval{}
	h.cfg.Queue.Answer(ap.ID, approve, ap.Args) // an error: withdrawn meanwhile
}

// Asked is the approval queue's questions as of the last Sync.
func (h *Host) Asked() []approval.Pending { return h.asked }

// Sync follows the approval queue into Chat.Approval and ends what no
// Send of this process answers any more (entries left streaming by an
// earlier process: a restart, a crash, the project file). The app calls it
// once its mailbox is drained.
func (h *Host) Sync(ui *state.UI) {
	if v := h.cfg.Queue.Version(); v != h.seen {
		h.seen, h.asked = v, h.cfg.Queue.Pending()
		ui.Chat.Approval = toolApproval(h.asked, ui.Chat.Approval, h.run)
	}
	if !h.checked || (ui.Chat.Busy && h.run == nil) {
		h.checked = true
		h.markInterrupted(ui)
	}
}

// markInterrupted ends what no goroutine of this process is answering.
func (h *Host) markInterrupted(ui *state.UI) {
	for i := range ui.Discussions {
		for j := range ui.Discussions[i].Entries {
			e := &ui.Discussions[i].Entries[j]
			if e.Status == state.EntryStreaming && (h.run == nil || e.ID == "" || e.ID != ui.Chat.EntryID) {
				e.Status = state.EntryInterrupted
			}
		}
	}
	if h.run == nil && ui.Chat.Busy {
		ui.Chat.Busy, ui.Chat.Phase, ui.Chat.Approval = false, "", state.Approval{}
		ui.Chat.Error = "slopgui restarted while the answer arrived: the partial answer is kept, marked interrupted. Retry to ask again."
		ui.Chat.CanRetry = true
	}
}

// toolApproval is what Chat.Approval shows: the oldest tool call of the
// Send under way (r) waiting in the queue, cur itself (with the user's
// edits) when it still is. Other runs' calls (the MMA workers') are not
// the discussion's.
func toolApproval(ps []approval.Pending, cur state.Approval, r *run) state.Approval {
	for _, p := range ps {
		if p.Kind == approval.KindTool && r != nil && p.Run == r.id {
			if p.ID == cur.ID && cur.Open {
				return cur
			}
			return state.Approval{Open: true, ID: p.ID, CallID: p.Ref, Tool: p.Title, Args: p.Args}
		}
	}
	return state.Approval{}
}

// Apply applies one event of the Send under way to the state. The entry it
// streams into is found by its ID, wherever it has moved; events of a run
// that ended are dropped.
func (h *Host) Apply(ui *state.UI, ev agent.Event) {
	r := h.run
	if r == nil || ev.Run != r.id {
		return
	}
	now := h.cfg.Now()
	var d *state.Discussion
	var e *state.Entry
	di, ei := ui.FindEntry(ui.Chat.EntryID, ui.Chat.Discussion)
	if di >= 0 {
		ui.Chat.Discussion = di
		d, e = &ui.Discussions[di], &ui.Discussions[di].Entries[ei]
	} else if ui.Chat.Discussion >= 0 && ui.Chat.Discussion < len(ui.Discussions) {
		d = &ui.Discussions[ui.Chat.Discussion]
	}
	switch ev.Kind {
	case agent.TurnStarted:
		ui.Chat.Phase = "waiting for the answer"
		if ev.Round > 0 && d != nil {
			i := d.Add(state.RoleAI, "", now)
			d.Entries[i].Status = state.EntryStreaming
			ui.Chat.EntryID, ui.Chat.Follow = d.Entries[i].ID, true
		}
	case agent.Text:
		if e == nil {
			r.cancel()
			ui.Chat.Error = "The entry the answer was streaming into was deleted, so the answer was stopped."
			return
		}
		e.Text = answer.Append(e.Text, ev.Text) // at most answer.Limit bytes; the rest goes to a file
		ui.Chat.Phase, ui.Chat.Follow = "streaming", true
	case agent.Usage:
		ui.Chat.TokensIn, ui.Chat.TokensOut = ev.Usage.In, ev.Usage.Out
	case agent.TurnEnded:
		addComms(ui, commsEntry(r.ai, ev, now))
		if len(ev.Calls) > 0 && e != nil {
			if e.Text == "" {
				names := make([]string, len(ev.Calls))
				for i, c := range ev.Calls {
					names[i] = c.Name
				}
				e.Text = "(calls " + strings.Join(names, ", ") + ")"
			}
			e.Status = ""
		}
	case agent.ToolAsked:
		ui.Chat.Phase = "waiting for your approval of " + ev.Call.Name
	case agent.ToolApproved:
		ui.Chat.Phase = "running " + ev.Call.Name
	case agent.ToolResult:
		c, decision := ev.Call, "denied"
		if ev.Approved {
			decision = "approved"
		}
		ui.ToolLog = append(ui.ToolLog, state.ToolCall{Time: now, Tool: c.Name, Args: c.Args,
			Result: clipText(ev.Result.Content, maxToolResult), Decision: decision, DurationMs: ev.Took.Milliseconds()})
		if d != nil {
			d.Add(state.RoleTool, fmt.Sprintf("%s %s: %s (%d ms)\n%s", c.Name, c.Args, decision, ev.Took.Milliseconds(),
				clipText(ev.Result.Content, 2000)), now)
			ui.Chat.Follow = true
		}
	case agent.Done, agent.Failed, agent.Stopped:
		h.finish(ui, ev, e)
	}
}

// finish ends the run: the entry keeps its text, marked when the answer
// stopped early; the error says what to do.
func (h *Host) finish(ui *state.UI, ev agent.Event, e *state.Entry) {
	status := map[agent.Kind]string{agent.Stopped: state.EntryStopped, agent.Failed: state.EntryFailed}[ev.Kind]
	if e != nil && e.Status == state.EntryStreaming {
		e.Status = status
	}
	ui.Chat.Busy, ui.Chat.Phase, ui.Chat.Approval = false, "", state.Approval{}
	ui.Chat.Follow = true
	h.run = nil
	switch ev.Kind {
	case agent.Stopped:
		ui.Chat.Error = "Stopped: the partial answer is kept, marked stopped."
	case agent.Failed:
		ui.Chat.Error = ev.Err.Error()
		ui.Chat.CanRetry = true
		if le, ok := llm.AsError(ev.Err); ok && le.Kind == llm.KindRateLimit && le.RetryAfter > 0 {
			ui.Chat.RetryAt = h.cfg.Now().Add(le.RetryAfter)
		}
	}
}

// commsEntry is one exchange (a TurnEnded event) for the comms history.
func commsEntry(ai state.AISettings, ev agent.Event, now time.Time) state.CommsEntry {
	final, ex := ev.Final, ev.Final.Exchange
	status := "ok"
	if final.Kind == llm.EventError {
		status = final.Err.Error()
		if le, ok := llm.AsError(final.Err); ok {
			status = le.Kind.String()
			if le.Status > 0 {
				status = fmt.Sprintf("HTTP %d %s", le.Status, le.Kind)
			}
		}
	}
	reqJSON := ex.RequestJSON
	var v any
	if json.Unmarshal([]byte(reqJSON), &v) == nil {
		if b, err := json.MarshalIndent(v, "", "  "); err == nil {
			reqJSON = string(b)
		}
	}
	resp := map[string]any{"text": clipText(ev.Reply, maxPayloadSaved), "tool_calls": ev.Calls, "usage": map[string]int{"in": ev.Usage.In, "out": ev.Usage.Out, "cache_read": ev.Usage.CacheRead, "cache_write": ev.Usage.CacheWrite},
		"stop": final.Stop, "http_status": ex.Status}
	if final.Err != nil {
		resp["error"] = final.Err.Error()
	}
	rb, _ := json.MarshalIndent(resp, "", "  ")
	return state.CommsEntry{Time: now, Direction: "exchange", Kind: "chat", Provider: ai.Provider, Model: ai.Model,
		TokensIn: ev.Usage.In, TokensOut: ev.Usage.Out, CacheRead: ev.Usage.CacheRead, CacheWrite: ev.Usage.CacheWrite, LatencyMs: ex.Latency.Milliseconds(), Status: status,
		Request: clipText(reqJSON, maxPayloadSaved), Response: clipText(string(rb), maxPayloadSaved),
		Text: oneLine(ev.Reply, 120)}
}

// addComms appends e to the comms history, which keeps the newest
// AI.Comms() entries.
func addComms(ui *state.UI, e state.CommsEntry) {
	ui.Comms = append(ui.Comms, e)
	if n := ui.AI.Comms(); len(ui.Comms) > n {
		ui.Comms = slices.Delete(ui.Comms, 0, len(ui.Comms)-n)
	}
}

func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && cut < len(s) && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + fmt.Sprintf("\n…[truncated: %d bytes in all]", len(s))
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// CheckConnection asks the provider for its models on a goroutine: the
// model list (FetchModels) or, with test, a check of provider, key and
// base URL that also says whether the chosen model is among them
// (TestConnection). Chat.ConnStatus says how it went; the exchange goes
// into the comms history.
func (h *Host) CheckConnection(ui *state.UI, test bool) {
	if ui.Chat.ConnBusy {
		return
	}
	ui.Chat.ConnBusy, ui.Chat.ConnStatus = true, "asking the provider…"
	ai, cred, now := ui.AI, h.cfg.CredPath(), h.cfg.Now
	go func() {
		start := time.Now()
		names, src, err := func() ([]string, string, error) {
			p, src, err := Provider(ai, cred)
			if err != nil {
				return nil, "", err
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			names, err := p.Models(ctx)
			return names, src, err
		}()
		took := time.Since(start)
		h.cfg.Post(Change(func(ui *state.UI) {
			ui.Chat.ConnBusy = false
			status := "ok"
			if err != nil {
				ui.Chat.ConnStatus = "Failed: " + err.Error()
				status = "error"
				if le, ok := llm.AsError(err); ok {
					status = le.Kind.String()
				}
			} else {
				ui.Chat.Models = names
				msg := fmt.Sprintf("Connected: %d models", len(names))
				if src != "" {
					msg += ", key from " + src
				}
				if test && ai.Model != "" && len(names) > 0 && !slices.Contains(names, ai.Model) {
					msg += fmt.Sprintf("; %q is not among them", ai.Model)
				}
				ui.Chat.ConnStatus = msg
			}
			addComms(ui, state.CommsEntry{Time: now(), Direction: "exchange", Kind: "models", Provider: ai.Provider,
				Model: ai.Model, LatencyMs: took.Milliseconds(), Status: status, Request: "GET models (" + baseURL(ai) + ")",
				Text: ui.Chat.ConnStatus})
		}))
	}()
}

// ctxSeed seeds the hashes that key Context's counts.
var ctxSeed = maphash.MakeSeed()

// Context describes what Send would send. The files are read and the
// request's tokens counted (reqctx.Counter) on a goroutine, again after a
// change or a couple of seconds; until then it says what the last count
// said (Counting while there was none for these files).
func (h *Host) Context(ui *state.UI) contract.AIContext {
	var n int64 = int64(len(ui.AI.SystemPrompt) + len(ui.ComposerText))
	for _, e := range ui.ActiveDisc().Entries {
		if e.Status != state.EntryStreaming { // not counted (Measure): its tokens need no recount
			n += int64(len(e.Text))
		}
	}
	pre := strings.Join([]string{ui.Project.Root, strings.Join(ui.Project.Files, "\x00"),
		strings.Join(ui.Project.Screenshots, "\x00"), ui.AI.Provider, ui.AI.BaseURL, "\x02"}, "\x01")
	// The texts by hash: this runs every frame, and a pasted composer may
	// hold megabytes (a copy of it per frame was garbage at 60 a second).
	key := pre + fmt.Sprint(ui.AI.Model, ui.AI.ContextWindow, len(ui.ActiveDisc().Entries), n,
		maphash.String(ctxSeed, ui.AI.SystemPrompt), maphash.String(ctxSeed, ui.ComposerText))
	now := h.cfg.Now
	h.ctxMu.Lock()
	if (h.ctxKey != key || now().Sub(h.ctxAt) > recountAfter) && !h.ctxRunning {
		h.ctxRunning = true
		if !strings.HasPrefix(h.ctxKey, pre) {
			h.ctxInfo = contract.AIContext{Counting: true}
		}
		h.ctxKey = key
		proj, ai, cred, hist, pending := state.CloneProject(ui.Project, state.Project{}), ui.AI, h.cfg.CredPath(), slices.Clone(ui.ActiveDisc().Entries), ui.ComposerText
		go func() {
			cx := reqctx.Read(proj)
			info := contract.AIContext{Files: cx.Files, Bytes: cx.Bytes, Screenshots: cx.Shots,
				Unreadable: cx.Unreadable, BaseURL: baseURL(ai)}
			_, src, err := llm.LookupKey(ai.Provider, cred)
			switch {
			case err != nil:
				info.KeyProblem = err.Error()
			case src == "" && ai.Provider != llm.OpenAI:
				info.KeyProblem = fmt.Sprintf("no API key: set %s, or add it to %s (mode 0600)", llm.KeyVar(ai.Provider), credDisplay(cred))
			case src == "":
				info.KeySource = "none (fine for local servers; set " + llm.KeyVar(ai.Provider) + " for api.openai.com)"
			default:
				info.KeySource = src
			}
			p, _, _ := Provider(ai, cred)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			b, err := h.counter.Measure(ctx, p, reqctx.Parts{Model: ai.Model, System: ai.SystemPrompt, Context: cx, History: hist,
				Pending: pending, Tools: tools.Specs(), Window: reqctx.Window(ai)})
			cancel()
			info.Budget, info.Tokens, info.Limit = b, b.Total(), b.Window
			if err != nil {
				info.CountError = err.Error()
			}
			h.ctxMu.Lock()
			changed := strings.HasPrefix(h.ctxKey, pre) && !reflect.DeepEqual(h.ctxInfo, info)
			if changed {
				h.ctxInfo = info
			}
			h.ctxAt, h.ctxRunning = now(), false
			h.ctxMu.Unlock()
			if changed && h.cfg.Redraw != nil { // a recount every 2 s draws only what it changed
				h.cfg.Redraw()
			}
		}()
	}
	info := h.ctxInfo
	h.ctxMu.Unlock()
	return info
}
