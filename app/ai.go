package app

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/agent"
	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/internal/answer"
	"github.com/slopgui/slopgui/internal/mmahost"
	"github.com/slopgui/slopgui/internal/reqctx"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/llm/tools"
	"github.com/slopgui/slopgui/persist"
	"github.com/slopgui/slopgui/state"
)

// Talking to the model (issue 10). A Send is one run of the agent loop
// (agent/) on a goroutine owned by the App, never by a view: a reload
// mid-answer does not touch it. The loop never writes the UI; its typed
// events go into the App's one mailbox, drained at the start of each
// frame (drainMailbox), and are applied to the state by IDs (the run's,
// the entry's). Its tool calls wait in the approval queue (approval/),
// which Chat.Approval mirrors for the views.

// Bounds on what is kept.
const (
	maxRounds       = 8        // model ↔ tool round trips in one Send
	maxPayloadSaved = 64 << 10 // request / response text kept per comms entry
	maxToolResult   = 16 << 10 // tool result kept in the Tool Log and entry
	maxToolOutput   = 64 << 10 // what a tool may return to the model
	requestTimeout  = 10 * time.Minute
)

// aiState is the host's side: the mailbox, the run under way.
type aiState struct {
	mu   sync.Mutex
	mail []any // agent.Event, or func(*App) to run on the render thread

	run     *aiRun             // the request under way; render thread only
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

// aiRun is one Send.
type aiRun struct {
	id     string
	cancel context.CancelFunc
	ai     state.AISettings
}

// post puts m in the mailbox and wakes the render thread. It is the only
// way other goroutines reach the state.
func (a *App) post(m any) {
	a.ai.mu.Lock()
	a.ai.mail = append(a.ai.mail, m)
	a.ai.mu.Unlock()
	if a.wnd != nil {
		g.Update()
	}
}

// drainMailbox applies what was posted, and the approval queue's changes.
// Render thread, frame start.
func (a *App) drainMailbox() {
	a.ai.mu.Lock()
	mail := a.ai.mail
	a.ai.mail = nil
	a.ai.mu.Unlock()
	for _, m := range mail {
		switch m := m.(type) {
		case agent.Event:
			a.applyAgent(m)
		case func(*App):
			m(a)
		case mmahost.Event:
			if a.mma != nil {
				a.Tracks, _ = a.mma.Apply(a.Tracks, m)
			}
		}
	}
	if a.mma != nil && a.mma.Stale(&a.UI) {
		a.stopMMA() // the settings changed: a new engine with them
	}
	if a.mma == nil {
		ai, cred := a.AI, a.credentialsPath()
		a.mma = mmahost.New(mmahost.Config{Post: a.post, Queue: a.approvals, Events: a.events, Price: persist.Pricer(a.Prices), Provider: func(name string) (llm.Provider, error) {
			if name != "" {
				ai.Provider = name
			}
			p, _, err := provider(ai, cred)
			return p, err
		}, Rules: a.rules.Source()}, &a.UI)
	}
	a.mma.StepNewTracks(a.StepMode)
	if v := a.approvals.Version(); v != a.ai.seen {
		a.ai.seen, a.ai.asked = v, a.approvals.Pending()
		a.Chat.Approval = toolApproval(a.ai.asked, a.Chat.Approval, a.ai.run)
	}
	if !a.ai.checked || (a.Chat.Busy && a.ai.run == nil) {
		// State from another process (a restart, a crash, the project
		// file): nothing streams into it any more.
		a.ai.checked = true
		a.markInterrupted()
	}
}

// markInterrupted ends what no goroutine of this process is answering.
func (a *App) markInterrupted() {
	for i := range a.Discussions {
		for j := range a.Discussions[i].Entries {
			e := &a.Discussions[i].Entries[j]
			if e.Status == state.EntryStreaming && (a.ai.run == nil || e.ID == "" || e.ID != a.Chat.EntryID) {
				e.Status = state.EntryInterrupted
			}
		}
	}
	if a.ai.run == nil && a.Chat.Busy {
		a.Chat.Busy, a.Chat.Phase, a.Chat.Approval = false, "", state.Approval{}
		a.Chat.Error = "slopgui restarted while the answer arrived: the partial answer is kept, marked interrupted. Retry to ask again."
		a.Chat.CanRetry = true
	}
}

// stopMMA closes the project's engine (a new one starts at the next frame).
func (a *App) stopMMA() {
	if a.mma != nil {
		a.mma.Close()
		a.mma = nil
	}
}

// credentialsPath is the credentials file in the config dir ("" when
// nothing is persisted).
func (a *App) credentialsPath() string {
	if a.files == nil {
		return ""
	}
	return filepath.Join(a.files.paths.Dir, llm.CredentialsFile)
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

// provider builds ai's provider with its key, or says why it cannot.
func provider(ai state.AISettings, credPath string) (llm.Provider, string, error) {
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

func credDisplay(p string) string {
	if p == "" {
		return "the credentials file in slopgui's config directory"
	}
	return p
}

// Send adds the composer's text as a User entry and streams the answer.
func (a *App) Send() { a.send(true, 0) }

// SendTrimmed is Send with the drop oldest entries left out of the request.
func (a *App) SendTrimmed(drop int) { a.send(true, drop) }

// RetrySend sends the discussion again as it is.
func (a *App) RetrySend() { a.send(false, 0) }

// send starts one run of the agent loop (agent/) on a goroutine; its
// events come back through the mailbox (applyAgent), its tool calls wait
// in the approval queue.
func (a *App) send(fromComposer bool, drop int) {
	if a.Chat.Busy {
		return
	}
	d := a.ActiveDisc()
	now := a.now()
	if fromComposer {
		if strings.TrimSpace(a.ComposerText) == "" {
			return
		}
		d.Add(state.RoleUser, a.ComposerText, now)
		a.ComposerText = ""
	}
	ai, proj, history, cred := a.AI, state.CloneProject(a.Project, state.Project{}), slices.Clone(d.Entries[min(max(drop, 0), len(d.Entries)):]), a.credentialsPath()
	idx := d.Add(state.RoleAI, "", now)
	d.Entries[idx].Status = state.EntryStreaming
	ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
	a.ai.runs++
	run := &aiRun{id: fmt.Sprint("send-", a.ai.runs), cancel: cancel, ai: ai}
	a.ai.run = run
	a.Chat = state.Chat{Busy: true, Phase: "sending", Discussion: a.ActiveDiscussion, EntryID: d.Entries[idx].ID, Follow: true,
		Models: a.Chat.Models, ConnStatus: a.Chat.ConnStatus}
	go func() {
		defer cancel()
		emit := func(e agent.Event) { a.post(e) }
		p, _, err := provider(ai, cred)
		if err != nil {
			emit(agent.Event{Run: run.id, Kind: agent.Failed, Err: err})
			return
		}
		system, msgs := reqctx.Messages(ai.SystemPrompt, history, reqctx.Read(proj))
		agent.Run(ctx, run.id, agent.Config{Provider: p, Emit: emit, MaxRounds: maxRounds,
			Request: llm.Request{Model: ai.Model, System: system, Messages: msgs, Tools: tools.Specs(),
				Temperature: float64(ai.Temperature), MaxTokens: int(ai.MaxTokens)},
			Tools:   tools.Runner{Root: proj.Root, Timeout: time.Duration(ai.CommandSeconds()) * time.Second, MaxOutput: maxToolOutput},
			Approve: agent.AskQueue(a.approvals, run.id, approval.Asker{Name: ai.Provider + " " + ai.Model, PID: os.Getpid()})})
	}()
}

// StopSend cancels the answer under way.
func (a *App) StopSend() {
	if a.ai.run != nil {
		a.ai.run.cancel()
		a.Chat.Phase = "stopping"
	}
}

// ApproveTool answers the tool call in Chat.Approval, with its arguments
// as the user edited them.
func (a *App) ApproveTool(approve bool) {
	ap := a.Chat.Approval
	if !ap.Open {
		return
	}
	a.Chat.Approval = state.Approval{}
	a.approvals.Answer(ap.ID, approve, ap.Args) // an error: withdrawn meanwhile
}

// toolApproval is what Chat.Approval shows: the oldest tool call of the
// Send under way (run) waiting in the queue, cur itself (with the user's
// edits) when it still is. Other runs' calls (the MMA workers') are not
// the discussion's.
func toolApproval(ps []approval.Pending, cur state.Approval, run *aiRun) state.Approval {
	for _, p := range ps {
		if p.Kind == approval.KindTool && run != nil && p.Run == run.id {
			if p.ID == cur.ID && cur.Open {
				return cur
			}
			return state.Approval{Open: true, ID: p.ID, CallID: p.Ref, Tool: p.Title, Args: p.Args}
		}
	}
	return state.Approval{}
}

// applyAgent applies one event of the Send under way to the state (render
// thread). The entry it streams into is found by its ID, wherever it has
// moved; events of a run that ended are dropped.
func (a *App) applyAgent(ev agent.Event) {
	run := a.ai.run
	if run == nil || ev.Run != run.id {
		return
	}
	var d *state.Discussion
	var e *state.Entry
	di, ei := a.FindEntry(a.Chat.EntryID, a.Chat.Discussion)
	if di >= 0 {
		a.Chat.Discussion = di
		d, e = &a.Discussions[di], &a.Discussions[di].Entries[ei]
	} else if a.Chat.Discussion >= 0 && a.Chat.Discussion < len(a.Discussions) {
		d = &a.Discussions[a.Chat.Discussion]
	}
	switch ev.Kind {
	case agent.TurnStarted:
		a.Chat.Phase = "waiting for the answer"
		if ev.Round > 0 && d != nil {
			i := d.Add(state.RoleAI, "", a.now())
			d.Entries[i].Status = state.EntryStreaming
			a.Chat.EntryID, a.Chat.Follow = d.Entries[i].ID, true
		}
	case agent.Text:
		if e == nil {
			run.cancel()
			a.Chat.Error = "The entry the answer was streaming into was deleted, so the answer was stopped."
			return
		}
		e.Text = answer.Append(e.Text, ev.Text) // at most answer.Limit bytes; the rest goes to a file
		a.Chat.Phase, a.Chat.Follow = "streaming", true
	case agent.Usage:
		a.Chat.TokensIn, a.Chat.TokensOut = ev.Usage.In, ev.Usage.Out
	case agent.TurnEnded:
		a.addComms(commsEntry(run.ai, ev, a.now()))
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
		a.Chat.Phase = "waiting for your approval of " + ev.Call.Name
	case agent.ToolApproved:
		a.Chat.Phase = "running " + ev.Call.Name
	case agent.ToolResult:
		c, decision := ev.Call, "denied"
		if ev.Approved {
			decision = "approved"
		}
		a.ToolLog = append(a.ToolLog, state.ToolCall{Time: a.now(), Tool: c.Name, Args: c.Args,
			Result: clipText(ev.Result.Content, maxToolResult), Decision: decision, DurationMs: ev.Took.Milliseconds()})
		if d != nil {
			d.Add(state.RoleTool, fmt.Sprintf("%s %s: %s (%d ms)\n%s", c.Name, c.Args, decision, ev.Took.Milliseconds(),
				clipText(ev.Result.Content, 2000)), a.now())
			a.Chat.Follow = true
		}
	case agent.Done, agent.Failed, agent.Stopped:
		a.finish(ev, e)
	}
}

// finish ends the run: the entry keeps its text, marked when the answer
// stopped early; the error says what to do.
func (a *App) finish(ev agent.Event, e *state.Entry) {
	status := map[agent.Kind]string{agent.Stopped: state.EntryStopped, agent.Failed: state.EntryFailed}[ev.Kind]
	if e != nil && e.Status == state.EntryStreaming {
		e.Status = status
	}
	a.Chat.Busy, a.Chat.Phase, a.Chat.Approval = false, "", state.Approval{}
	a.Chat.Follow = true
	a.ai.run = nil
	switch ev.Kind {
	case agent.Stopped:
		a.Chat.Error = "Stopped: the partial answer is kept, marked stopped."
	case agent.Failed:
		a.Chat.Error = ev.Err.Error()
		a.Chat.CanRetry = true
		if le, ok := llm.AsError(ev.Err); ok && le.Kind == llm.KindRateLimit && le.RetryAfter > 0 {
			a.Chat.RetryAt = a.now().Add(le.RetryAfter)
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

func (a *App) addComms(e state.CommsEntry) {
	a.Comms = append(a.Comms, e)
	if n := a.AI.Comms(); len(a.Comms) > n {
		a.Comms = slices.Delete(a.Comms, 0, len(a.Comms)-n)
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

// FetchModels asks the provider for its models.
func (a *App) FetchModels() { a.connCheck(false) }

// TestConnection checks provider, key and base URL with a model list call.
func (a *App) TestConnection() { a.connCheck(true) }

func (a *App) connCheck(test bool) {
	if a.Chat.ConnBusy {
		return
	}
	a.Chat.ConnBusy, a.Chat.ConnStatus = true, "asking the provider…"
	ai, cred := a.AI, a.credentialsPath()
	go func() {
		start := time.Now()
		names, src, err := func() ([]string, string, error) {
			p, src, err := provider(ai, cred)
			if err != nil {
				return nil, "", err
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			names, err := p.Models(ctx)
			return names, src, err
		}()
		took := time.Since(start)
		a.post(func(a *App) {
			a.Chat.ConnBusy = false
			status := "ok"
			if err != nil {
				a.Chat.ConnStatus = "Failed: " + err.Error()
				status = "error"
				if le, ok := llm.AsError(err); ok {
					status = le.Kind.String()
				}
			} else {
				a.Chat.Models = names
				msg := fmt.Sprintf("Connected: %d models", len(names))
				if src != "" {
					msg += ", key from " + src
				}
				if test && ai.Model != "" && len(names) > 0 && !slices.Contains(names, ai.Model) {
					msg += fmt.Sprintf("; %q is not among them", ai.Model)
				}
				a.Chat.ConnStatus = msg
			}
			a.addComms(state.CommsEntry{Time: a.now(), Direction: "exchange", Kind: "models", Provider: ai.Provider,
				Model: ai.Model, LatencyMs: took.Milliseconds(), Status: status, Request: "GET models (" + baseURL(ai) + ")",
				Text: a.Chat.ConnStatus})
		})
	}()
}

// ctxSeed seeds the hashes that key AIContext's counts.
var ctxSeed = maphash.MakeSeed()

// AIContext describes what Send would send. The files are read and the
// request's tokens counted (reqctx.Counter) on a goroutine, again after
// a change or a couple of seconds.
func (a *App) AIContext() contract.AIContext {
	var n int64 = int64(len(a.AI.SystemPrompt) + len(a.ComposerText))
	for _, e := range a.ActiveDisc().Entries {
		if e.Status != state.EntryStreaming { // not counted (Measure): its tokens need no recount
			n += int64(len(e.Text))
		}
	}
	pre := strings.Join([]string{a.Project.Root, strings.Join(a.Project.Files, "\x00"),
		strings.Join(a.Project.Screenshots, "\x00"), a.AI.Provider, a.AI.BaseURL, "\x02"}, "\x01")
	// The texts by hash: this runs every frame, and a pasted composer may
	// hold megabytes (a copy of it per frame was garbage at 60 a second).
	key := pre + fmt.Sprint(a.AI.Model, a.AI.ContextWindow, len(a.ActiveDisc().Entries), n,
		maphash.String(ctxSeed, a.AI.SystemPrompt), maphash.String(ctxSeed, a.ComposerText))
	c := &a.ai
	c.ctxMu.Lock()
	if (c.ctxKey != key || a.now().Sub(c.ctxAt) > lookupTTL) && !c.ctxRunning {
		c.ctxRunning = true
		if !strings.HasPrefix(c.ctxKey, pre) {
			c.ctxInfo = contract.AIContext{Counting: true}
		}
		c.ctxKey = key
		proj, ai, cred, hist, pending := state.CloneProject(a.Project, state.Project{}), a.AI, a.credentialsPath(), slices.Clone(a.ActiveDisc().Entries), a.ComposerText
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
			p, _, _ := provider(ai, cred)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			b, err := c.counter.Measure(ctx, p, reqctx.Parts{Model: ai.Model, System: ai.SystemPrompt, Context: cx, History: hist,
				Pending: pending, Tools: tools.Specs(), Window: reqctx.Window(ai)})
			cancel()
			info.Budget, info.Tokens, info.Limit = b, b.Total(), b.Window
			if err != nil {
				info.CountError = err.Error()
			}
			c.ctxMu.Lock()
			changed := strings.HasPrefix(c.ctxKey, pre) && !reflect.DeepEqual(c.ctxInfo, info)
			if changed {
				c.ctxInfo = info
			}
			c.ctxAt, c.ctxRunning = a.now(), false
			c.ctxMu.Unlock()
			if changed && a.wnd != nil { // a recount every 2 s draws only what it changed
				g.Update()
			}
		}()
	}
	info := c.ctxInfo
	c.ctxMu.Unlock()
	return info
}
