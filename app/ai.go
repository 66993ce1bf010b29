package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/internal/answer"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/llm/tools"
	"github.com/slopgui/slopgui/state"
)

// Talking to the model (issue 10). The request runs on a goroutine owned
// by the App, never by a view: a reload mid-answer does not touch it. The
// goroutine never writes the UI; it posts closures that the render thread
// runs at the start of the next frame (drainAI), so the streamed text lands
// in the discussion's AI entry — state like any other, captured by reloads
// and restarts.

// Bounds on what is kept.
const (
	maxRounds       = 8        // model ↔ tool round trips in one Send
	maxFileBytes    = 1 << 20  // a context file larger than this is named, not sent
	maxPayloadSaved = 64 << 10 // request / response text kept per comms entry
	maxToolResult   = 16 << 10 // tool result kept in the Tool Log and entry
	maxToolOutput   = 64 << 10 // what a tool may return to the model
	requestTimeout  = 10 * time.Minute
)

// aiState is the host's side: the run under way and what its goroutines
// posted for the render thread.
type aiState struct {
	mu     sync.Mutex
	posted []func(*App)

	run     *aiRun // the request under way; render thread only
	checked bool   // entries left streaming by an earlier process were marked

	ctxMu      sync.Mutex
	ctxKey     string
	ctxInfo    contract.AIContext
	ctxAt      time.Time
	ctxRunning bool
}

// aiRun is one Send: its cancel and the channel approvals arrive on.
type aiRun struct {
	cancel context.CancelFunc
	decide chan bool
}

// post queues fn for the render thread and wakes it.
func (a *App) post(fn func(*App)) {
	a.ai.mu.Lock()
	a.ai.posted = append(a.ai.posted, fn)
	a.ai.mu.Unlock()
	if a.wnd != nil {
		g.Update()
	}
}

// drainAI runs what the AI goroutines posted. Render thread, frame start.
func (a *App) drainAI() {
	a.ai.mu.Lock()
	fns := a.ai.posted
	a.ai.posted = nil
	a.ai.mu.Unlock()
	for _, fn := range fns {
		fn(a)
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
			if e.Status == state.EntryStreaming && (a.ai.run == nil || i != a.Chat.Discussion || j != a.Chat.Entry) {
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
func (a *App) Send() { a.send(true) }

// RetrySend sends the discussion again as it is.
func (a *App) RetrySend() { a.send(false) }

// job is what a Send takes from the state, copied on the render thread.
type job struct {
	ai       state.AISettings
	project  state.Project
	history  []state.Entry
	credPath string
}

func (a *App) send(fromComposer bool) {
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
	j := job{ai: a.AI, project: state.CloneProject(a.Project, state.Project{}),
		history: slices.Clone(d.Entries), credPath: a.credentialsPath()}
	idx := d.Add(state.RoleAI, "", now)
	d.Entries[idx].Status = state.EntryStreaming
	ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
	run := &aiRun{cancel: cancel, decide: make(chan bool, 1)}
	a.ai.run = run
	a.Chat = state.Chat{Busy: true, Phase: "sending", Discussion: a.ActiveDiscussion, Entry: idx, Follow: true,
		Models: a.Chat.Models, ConnStatus: a.Chat.ConnStatus}
	go a.converse(ctx, run, j)
}

// StopSend cancels the answer under way.
func (a *App) StopSend() {
	if a.ai.run != nil {
		a.ai.run.cancel()
		a.Chat.Phase = "stopping"
	}
}

// ApproveTool answers the tool call waiting for approval.
func (a *App) ApproveTool(approve bool) {
	if !a.Chat.Approval.Open || a.ai.run == nil {
		return
	}
	a.Chat.Approval = state.Approval{}
	select {
	case a.ai.run.decide <- approve:
	default:
	}
}

// runEntry is the AI entry run streams into, or nil when it is gone
// (deleted, moved) or run is not the current run.
func (a *App) runEntry(run *aiRun) *state.Entry {
	if a.ai.run != run || a.Chat.Discussion < 0 || a.Chat.Discussion >= len(a.Discussions) {
		return nil
	}
	d := &a.Discussions[a.Chat.Discussion]
	if a.Chat.Entry < 0 || a.Chat.Entry >= len(d.Entries) || d.Entries[a.Chat.Entry].Status != state.EntryStreaming {
		return nil
	}
	return &d.Entries[a.Chat.Entry]
}

// converse runs one Send: request, stream, tool calls with approval, and
// the requests that answer them.
func (a *App) converse(ctx context.Context, run *aiRun, j job) {
	defer run.cancel()
	p, _, err := provider(j.ai, j.credPath)
	if err != nil {
		a.finish(run, err)
		return
	}
	cx := readContext(j.project)
	system, msgs := buildMessages(j.ai.SystemPrompt, j.history, cx)
	req := llm.Request{Model: j.ai.Model, System: system, Messages: msgs, Tools: tools.Specs(),
		Temperature: float64(j.ai.Temperature), MaxTokens: int(j.ai.MaxTokens)}
	runner := tools.Runner{Root: j.project.Root, Timeout: time.Duration(j.ai.CommandSeconds()) * time.Second, MaxOutput: maxToolOutput}
	for round := 0; ; round++ {
		a.post(func(a *App) {
			if a.ai.run == run {
				a.Chat.Phase = "waiting for the answer"
			}
		})
		var text strings.Builder
		var calls []llm.ToolCall
		var usage llm.Usage
		var final llm.Event
		for ev := range p.Stream(ctx, req) {
			switch ev.Kind {
			case llm.EventText:
				text.WriteString(ev.Text)
				piece := ev.Text
				a.post(func(a *App) { a.appendAnswer(run, piece) })
			case llm.EventToolCall:
				calls = append(calls, ev.Call)
			case llm.EventUsage:
				usage = ev.Usage
				a.post(func(a *App) {
					if a.ai.run == run {
						a.Chat.TokensIn, a.Chat.TokensOut = usage.In, usage.Out
					}
				})
			case llm.EventDone, llm.EventError:
				final = ev
			}
		}
		a.post(commsRecord(j.ai, req.Model, p.Name(), final, text.String(), calls, usage, a.now()))
		if final.Kind == llm.EventError {
			a.finish(run, final.Err)
			return
		}
		if len(calls) == 0 {
			a.finish(run, nil)
			return
		}
		if round+1 >= maxRounds {
			a.finish(run, fmt.Errorf("the model asked for tools %d times in a row; stopped there (send again to continue)", maxRounds))
			return
		}
		names := make([]string, len(calls))
		for i, c := range calls {
			names[i] = c.Name
		}
		a.post(func(a *App) {
			if e := a.runEntry(run); e != nil {
				if e.Text == "" {
					e.Text = "(calls " + strings.Join(names, ", ") + ")"
				}
				e.Status = ""
			}
		})
		req.Messages = append(req.Messages, llm.Message{Role: llm.Assistant, Text: text.String(), ToolCalls: calls})
		var results []llm.ToolResult
		for _, c := range calls {
			res, ok := a.callTool(ctx, run, runner, c)
			if !ok {
				a.finish(run, context.Canceled)
				return
			}
			results = append(results, res)
		}
		req.Messages = append(req.Messages, llm.Message{Role: llm.User, ToolResults: results})
		a.post(func(a *App) {
			if a.ai.run != run || a.Chat.Discussion < 0 || a.Chat.Discussion >= len(a.Discussions) {
				return
			}
			d := &a.Discussions[a.Chat.Discussion]
			a.Chat.Entry = d.Add(state.RoleAI, "", a.now())
			a.Chat.Follow = true
			d.Entries[a.Chat.Entry].Status = state.EntryStreaming
		})
	}
}

// appendAnswer adds streamed text to the run's AI entry.
func (a *App) appendAnswer(run *aiRun, piece string) {
	if a.ai.run != run {
		return
	}
	e := a.runEntry(run)
	if e == nil {
		run.cancel()
		a.Chat.Error = "The entry the answer was streaming into was deleted or moved, so the answer was stopped."
		return
	}
	e.Text = answer.Append(e.Text, piece) // at most answer.Limit bytes; the rest goes to a file
	a.Chat.Phase, a.Chat.Follow = "streaming", true
}

// callTool asks the user about c and runs it if approved; false when the
// run was stopped while waiting.
func (a *App) callTool(ctx context.Context, run *aiRun, runner tools.Runner, c llm.ToolCall) (llm.ToolResult, bool) {
	a.post(func(a *App) {
		if a.ai.run == run {
			a.Chat.Phase = "waiting for your approval of " + c.Name
			a.Chat.Approval = state.Approval{Open: true, CallID: c.ID, Tool: c.Name, Args: c.Args}
		}
	})
	var approved bool
	select {
	case approved = <-run.decide:
	case <-ctx.Done():
		return llm.ToolResult{}, false
	}
	res := llm.ToolResult{CallID: c.ID, Name: c.Name}
	decision := "denied"
	start := time.Now()
	if approved {
		decision = "approved"
		a.post(func(a *App) {
			if a.ai.run == run {
				a.Chat.Phase = "running " + c.Name
			}
		})
		out, err := runner.Run(ctx, c)
		if err != nil {
			out, res.IsError = "error: "+err.Error(), true
		}
		res.Content = out
	} else {
		res.Content, res.IsError = "denied by the user", true
	}
	took := time.Since(start)
	a.post(func(a *App) {
		kept := clipText(res.Content, maxToolResult)
		a.ToolLog = append(a.ToolLog, state.ToolCall{Time: a.now(), Tool: c.Name, Args: c.Args,
			Result: kept, Decision: decision, DurationMs: took.Milliseconds()})
		if a.ai.run == run && a.Chat.Discussion >= 0 && a.Chat.Discussion < len(a.Discussions) {
			a.Discussions[a.Chat.Discussion].Add(state.RoleTool,
				fmt.Sprintf("%s %s: %s (%d ms)\n%s", c.Name, c.Args, decision, took.Milliseconds(), clipText(res.Content, 2000)), a.now())
			a.Chat.Follow = true
		}
	})
	return res, true
}

// finish ends run: the entry keeps its text, marked when the answer
// stopped early; the error says what to do.
func (a *App) finish(run *aiRun, err error) {
	a.post(func(a *App) {
		if a.ai.run != run {
			return
		}
		status := ""
		le, isLLM := llm.AsError(err)
		canceled := errors.Is(err, context.Canceled) || (isLLM && le.Kind == llm.KindCanceled)
		switch {
		case err == nil:
		case canceled:
			status = state.EntryStopped
		default:
			status = state.EntryFailed
		}
		if e := a.runEntry(run); e != nil {
			e.Status = status
		}
		a.Chat.Busy, a.Chat.Phase, a.Chat.Approval = false, "", state.Approval{}
		a.Chat.Follow = true
		a.ai.run = nil
		switch {
		case err == nil:
		case canceled:
			a.Chat.Error = "Stopped: the partial answer is kept, marked stopped."
		default:
			a.Chat.Error = err.Error()
			a.Chat.CanRetry = true
			if isLLM && le.Kind == llm.KindRateLimit && le.RetryAfter > 0 {
				a.Chat.RetryAt = a.now().Add(le.RetryAfter)
			}
		}
	})
}

// commsRecord returns the closure that adds one exchange to the comms
// history (oldest dropped past the limit).
func commsRecord(ai state.AISettings, model, prov string, final llm.Event, text string, calls []llm.ToolCall, usage llm.Usage, now time.Time) func(*App) {
	ex := final.Exchange
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
	var buf strings.Builder
	if json.Valid([]byte(reqJSON)) {
		var v any
		if json.Unmarshal([]byte(reqJSON), &v) == nil {
			if b, err := json.MarshalIndent(v, "", "  "); err == nil {
				buf.Write(b)
				reqJSON = buf.String()
			}
		}
	}
	resp := map[string]any{"text": clipText(text, maxPayloadSaved), "tool_calls": calls, "usage": map[string]int{"in": usage.In, "out": usage.Out},
		"stop": final.Stop, "http_status": ex.Status}
	if final.Err != nil {
		resp["error"] = final.Err.Error()
	}
	rb, _ := json.MarshalIndent(resp, "", "  ")
	entry := state.CommsEntry{Time: now, Direction: "exchange", Kind: "chat", Provider: prov, Model: model,
		TokensIn: usage.In, TokensOut: usage.Out, LatencyMs: ex.Latency.Milliseconds(), Status: status,
		Request: clipText(reqJSON, maxPayloadSaved), Response: clipText(string(rb), maxPayloadSaved),
		Text: oneLine(text, 120)}
	return func(a *App) { a.addComms(entry) }
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

// ctxInfo is the project context read for a request.
type ctxInfo struct {
	text       string
	images     []llm.Image
	files      int
	bytes      int64
	shots      int
	unreadable []string
}

var imageTypes = map[string]string{".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp"}

// readContext reads the project's files (globs expanded against the root)
// and screenshots. What cannot be read is named, not dropped silently.
// Without data (counting for the composer) files are only opened and
// measured.
func readContext(p state.Project) ctxInfo { return scanContext(p, true) }

func scanContext(p state.Project, data bool) ctxInfo {
	var c ctxInfo
	var b strings.Builder
	seen := map[string]bool{}
	for _, m := range state.ExpandFiles(p.Root, p.Files) {
		if m.Err != nil {
			c.unreadable = append(c.unreadable, m.Err.Error())
			continue
		}
		if len(m.Files) == 0 {
			c.unreadable = append(c.unreadable, m.Pattern+": matches no file")
		}
		for _, f := range m.Files {
			if seen[f] {
				continue
			}
			seen[f] = true
			full := filepath.Join(p.Root, filepath.FromSlash(f))
			fi, err := os.Stat(full)
			if err == nil && fi.Size() > maxFileBytes {
				c.unreadable = append(c.unreadable, fmt.Sprintf("%s: %d bytes, over the 1 MiB limit", f, fi.Size()))
				continue
			}
			content, err := readOrOpen(full, data)
			if err != nil {
				c.unreadable = append(c.unreadable, fmt.Sprintf("%s: %v", f, errors.Unwrap(err)))
				continue
			}
			c.files++
			if data {
				c.bytes += int64(len(content))
				fmt.Fprintf(&b, "=== %s ===\n%s\n", f, content)
			} else if fi != nil {
				c.bytes += fi.Size()
			}
		}
	}
	for _, s := range p.Screenshots {
		full := state.InRoot(p.Root, s)
		mime, ok := imageTypes[strings.ToLower(filepath.Ext(s))]
		if !ok {
			c.unreadable = append(c.unreadable, s+": not a PNG, JPEG, GIF or WebP image")
			continue
		}
		img, err := readOrOpen(full, data)
		if err != nil {
			c.unreadable = append(c.unreadable, fmt.Sprintf("%s: %v", s, errors.Unwrap(err)))
			continue
		}
		c.shots++
		if data {
			c.images = append(c.images, llm.Image{Name: s, MIME: mime, Data: img})
		}
	}
	if c.files > 0 {
		c.text = fmt.Sprintf("Project context: %d files.\n\n%s", c.files, b.String())
	}
	return c
}

// readOrOpen reads the file at path, or, without data, only checks that it
// opens.
func readOrOpen(path string, data bool) ([]byte, error) {
	if data {
		return os.ReadFile(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return nil, f.Close()
}

// buildMessages turns the discussion into the request: System entries
// join the system prompt, AI entries are the assistant's, every other
// role speaks as the user; the context comes first. Failed answers are
// left out; consecutive turns of one side are joined.
func buildMessages(system string, history []state.Entry, cx ctxInfo) (string, []llm.Message) {
	var msgs []llm.Message
	add := func(role llm.Role, text string) {
		if n := len(msgs); n > 0 && msgs[n-1].Role == role && len(msgs[n-1].ToolCalls) == 0 {
			msgs[n-1].Text += "\n\n" + text
			return
		}
		msgs = append(msgs, llm.Message{Role: role, Text: text})
	}
	if cx.text != "" || len(cx.images) > 0 {
		msgs = append(msgs, llm.Message{Role: llm.User, Text: cx.text, Images: cx.images})
	}
	sys := []string{}
	if strings.TrimSpace(system) != "" {
		sys = append(sys, system)
	}
	for _, e := range history {
		if e.Status == state.EntryFailed || e.Status == state.EntryStreaming || strings.TrimSpace(e.Text) == "" {
			continue
		}
		switch e.Role {
		case state.RoleSystem:
			if e.Text != system {
				sys = append(sys, e.Text)
			}
		case state.RoleAI:
			add(llm.Assistant, e.Text)
		case state.RoleTool:
			add(llm.User, "[tool] "+e.Text)
		case state.RoleContext:
			add(llm.User, "[context] "+e.Text)
		default:
			add(llm.User, e.Text)
		}
	}
	return strings.Join(sys, "\n\n"), msgs
}

// AIContext describes what Send would send. The files are read on a
// goroutine, again after a couple of seconds; the discussion is counted
// here (lengths only).
func (a *App) AIContext() contract.AIContext {
	key := strings.Join([]string{a.Project.Root, strings.Join(a.Project.Files, "\x00"),
		strings.Join(a.Project.Screenshots, "\x00"), a.AI.Provider, a.AI.BaseURL}, "\x01")
	c := &a.ai
	c.ctxMu.Lock()
	if (c.ctxKey != key || a.now().Sub(c.ctxAt) > lookupTTL) && !c.ctxRunning {
		c.ctxRunning = true
		if c.ctxKey != key {
			c.ctxInfo = contract.AIContext{Counting: true}
		}
		c.ctxKey = key
		proj, ai, cred := state.CloneProject(a.Project, state.Project{}), a.AI, a.credentialsPath()
		go func() {
			cx := scanContext(proj, false)
			info := contract.AIContext{Files: cx.files, Bytes: cx.bytes, Screenshots: cx.shots,
				Unreadable: cx.unreadable, BaseURL: baseURL(ai)}
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
			c.ctxMu.Lock()
			if c.ctxKey == key {
				c.ctxInfo = info
			}
			c.ctxAt, c.ctxRunning = a.now(), false
			c.ctxMu.Unlock()
			if a.wnd != nil {
				g.Update()
			}
		}()
	}
	info := c.ctxInfo
	c.ctxMu.Unlock()
	var n int64 = int64(len(a.AI.SystemPrompt) + len(a.ComposerText))
	for _, e := range a.ActiveDisc().Entries {
		n += int64(len(e.Text))
	}
	info.Tokens = llm.EstimateTokens(info.Bytes+n, info.Screenshots)
	info.Limit = llm.ContextWindow(a.AI.Model)
	return info
}
