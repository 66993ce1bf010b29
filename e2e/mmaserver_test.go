package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/llm"
	llmtools "github.com/slopgui/slopgui/llm/tools"
	"github.com/slopgui/slopgui/rules"
	"github.com/slopgui/slopgui/state"
)

// mmaServer is an OpenAI-compatible chat completions server on 127.0.0.1
// that plays every tier of the MMA engine, for end-to-end tests. It
// speaks the streaming wire format the app's llm client reads (SSE
// chat.completion.chunk lines, tool calls in pieces, usage, [DONE]) and
// answers each request by the tier it recognises (mmaTier):
//
//   - tier 1: the script's tracks as JSON ({"tracks":[…]});
//   - tier 2: the script's tickets as JSON ({"tickets":[…]});
//   - tier 3: a worker that streams some words, calls write_file or
//     edit_file on its ticket's target (mmaScript.Write), and once that
//     call has a result calls done;
//   - tier 4: a short diagnosis.
//
// Where a request forces a tool (tool_choice naming a function, as
// structured output may), the JSON is that tool call's arguments instead
// of text. Each answer is decided from the request alone (no turn
// counting), so a worker resumed from its transcript after a restart gets
// the answer that fits where it is. Every request is recorded (requests)
// for tests to assert on the prompts. A worker can be held mid-stream
// (Hold, WaitHeld, Release) so that a test can act while it streams.
type mmaServer struct {
	*httptest.Server
	script mmaScript

	mu    sync.Mutex
	reqs  []mmaRequest
	holds map[string]*mmaHold // by ticket ID
	turns map[string]int      // tier-3 requests received, by ticket ID
}

// mmaScript is how one test's server plays the tiers. Zero fields get the
// defaults described on each.
type mmaScript struct {
	// Tracks is tier 1's answer (default: one track, "Greeting", over the
	// targets of Tickets).
	Tracks []rules.ProposedTrack
	// Tickets is tier 2's answer (default: mmaDefaultTickets, three
	// tickets where T3 depends on T1 and T2).
	Tickets []rules.ProposedTicket
	// Write is a worker's change: the tool (write_file or edit_file) and
	// its JSON arguments (default mmaAppendLine: its first target file
	// gets the line "<ticket> was here" appended with edit_file, or is
	// created with write_file when the prompt has no text of it).
	Write func(w mmaWorker) (tool, args string)
	// Chatter is how many words a worker streams before its tool call
	// (default 8); a held worker holds after half of them.
	Chatter int
	// TokensPerSecond paces every streamed piece (words, JSON chunks,
	// argument chunks) of every answer; 0 sends them as fast as it can.
	TokensPerSecond float64
	// Diagnosis is tier 4's answer (default: a fixed short diagnosis).
	Diagnosis string
	// Model is the model name the chunks carry (default "testmodel").
	Model string
}

// mmaDefaultTickets are tier 2's default tickets: T1 and T2 are
// independent, T3 waits for both.
var mmaDefaultTickets = []rules.ProposedTicket{
	{ID: "T1", Title: "Greet in a.txt", Description: "Append a greeting line to a.txt.", Targets: []string{"a.txt"}, DependsOn: []string{}},
	{ID: "T2", Title: "Greet in b.txt", Description: "Append a greeting line to b.txt.", Targets: []string{"b.txt"}, DependsOn: []string{}},
	{ID: "T3", Title: "Sign c.txt", Description: "Append a signature line to c.txt after the greetings.", Targets: []string{"c.txt"}, DependsOn: []string{"T1", "T2"}},
}

// mmaWorker is what a tier-3 request says about its ticket.
type mmaWorker struct {
	Ticket  string            // "T1"
	Title   string            // the ticket's title
	Targets []string          // its target files, as the prompt lists them
	Files   map[string]string // target path → full text, as the prompt gives it
}

// mmaRequest is one request the server received.
type mmaRequest struct {
	Tier   int    // 1–4, 0 when not recognised
	Ticket string // tiers 3 and 4: the ticket's ID
	Model  string
	System string // the system message
	User   string // the first user message
	// Last is the last message's role and text ("tool": the tool's result).
	LastRole, Last string
	Tools          []string // names of the tools offered
	Body           string   // the whole JSON body
	At             time.Time
}

// mmaHold is one worker held mid-stream.
type mmaHold struct {
	turn    int           // the ticket's request to hold (1: its first)
	held    chan struct{} // closed when the worker's stream is held
	release chan struct{} // closed by Release
	used    bool          // a request took it: later ones stream freely
}

// chatBody is the part of a chat completions request the server reads.
type chatBody struct {
	Model    string `json:"model"`
	Stream   bool   `json:"stream"`
	Messages []struct {
		Role      string          `json:"role"`
		Content   json.RawMessage `json:"content"`
		ToolCalls []struct {
			ID       string `json:"id"`
			Function struct {
				Name      string `json:"name"`
				Arguments string `json:"arguments"`
			} `json:"function"`
		} `json:"tool_calls"`
		ToolCallID string `json:"tool_call_id"`
	} `json:"messages"`
	Tools []struct {
		Function struct {
			Name string `json:"name"`
		} `json:"function"`
	} `json:"tools"`
	ToolChoice     json.RawMessage `json:"tool_choice"`
	ResponseFormat json.RawMessage `json:"response_format"`
}

// contentText is a message's content as text (a string, or the text parts).
func contentText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var parts []struct {
		Type, Text string
	}
	if json.Unmarshal(raw, &parts) == nil {
		var b strings.Builder
		for _, p := range parts {
			b.WriteString(p.Text)
		}
		return b.String()
	}
	return ""
}

// newMMAServer starts a server playing script; it stops with the test.
func newMMAServer(t testing.TB, script mmaScript) *mmaServer {
	t.Helper()
	if script.Tickets == nil {
		script.Tickets = mmaDefaultTickets
	}
	if script.Tracks == nil {
		var files []string
		for _, tk := range script.Tickets {
			for _, f := range tk.Targets {
				if !slices.Contains(files, f) {
					files = append(files, f)
				}
			}
		}
		script.Tracks = []rules.ProposedTrack{{Title: "Greeting", Brief: "Greet in every text file, then sign.", Files: files}}
	}
	if script.Write == nil {
		script.Write = mmaAppendLine
	}
	if script.Chatter == 0 {
		script.Chatter = 8
	}
	if script.Diagnosis == "" {
		script.Diagnosis = "The file is probably not where the ticket says: list the files and try again."
	}
	if script.Model == "" {
		script.Model = "testmodel"
	}
	m := &mmaServer{script: script, holds: map[string]*mmaHold{}, turns: map[string]int{}}
	m.Server = httptest.NewServer(http.HandlerFunc(m.serve))
	t.Cleanup(func() {
		m.mu.Lock()
		for _, h := range m.holds { // a held handler must not keep Close waiting
			select {
			case <-h.release:
			default:
				close(h.release)
			}
		}
		m.mu.Unlock()
		m.Close()
	})
	return m
}

// BaseURL is what a project's AI settings name as the base URL.
func (m *mmaServer) BaseURL() string { return m.URL + "/v1" }

// requests returns every request received so far, oldest first.
func (m *mmaServer) requests() []mmaRequest {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.reqs)
}

// requestsOf returns the requests of one tier (and, when ticket is not
// empty, of one ticket).
func (m *mmaServer) requestsOf(tier int, ticket string) []mmaRequest {
	var out []mmaRequest
	for _, r := range m.requests() {
		if r.Tier == tier && (ticket == "" || r.Ticket == ticket) {
			out = append(out, r)
		}
	}
	return out
}

// Hold makes the next tier-3 request of ticket (its first turn, or the
// turn after its write, whichever comes next) stop in the middle of its
// stream until Release, or until the client goes away. Only that request
// is held: later ones stream freely.
func (m *mmaServer) Hold(ticket string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.holds[ticket] = &mmaHold{turn: m.turns[ticket] + 1, held: make(chan struct{}), release: make(chan struct{})}
}

// WaitHeld waits until ticket's worker is held mid-stream.
func (m *mmaServer) WaitHeld(t testing.TB, ticket string, timeout time.Duration) {
	t.Helper()
	m.mu.Lock()
	h := m.holds[ticket]
	m.mu.Unlock()
	if h == nil {
		t.Fatalf("WaitHeld(%s): Hold was not called", ticket)
	}
	select {
	case <-h.held:
	case <-time.After(timeout):
		t.Fatalf("ticket %s's worker was not held mid-stream within %v (requests: %s)", ticket, timeout, m.summary())
	}
}

// Release lets a held worker's stream go on (or the next request of the
// ticket, when none was held yet, stream without holding).
func (m *mmaServer) Release(ticket string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if h := m.holds[ticket]; h != nil {
		select {
		case <-h.release:
		default:
			close(h.release)
		}
	}
}

// summary lists the requests received, for failure messages.
func (m *mmaServer) summary() string {
	var parts []string
	for _, r := range m.requests() {
		s := fmt.Sprintf("tier %d", r.Tier)
		if r.Ticket != "" {
			s += " " + r.Ticket
		}
		if r.LastRole != "" {
			s += " (after " + r.LastRole + ")"
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

var (
	ticketLine  = regexp.MustCompile(`(?m)^Ticket (\S+): (.*)$`)
	targetsLine = regexp.MustCompile(`(?m)^Target files: (.*)$`)
)

// mmaTier recognises the tier of a request: by its system prompt (the
// prompts of package rules name their tier), else by what it offers (the
// done tool: a worker; a tracks or tickets schema: tiers 1 and 2), else by
// the tier-4 prompt's "Failing output".
func mmaTier(system, user string, tools []string, schema string) int {
	for tier := 1; tier <= 4; tier++ {
		if strings.Contains(system, fmt.Sprintf("tier-%d", tier)) {
			return tier
		}
	}
	switch {
	case slices.Contains(tools, rules.DoneTool):
		return 3
	case strings.Contains(schema, `"tracks"`):
		return 1
	case strings.Contains(schema, `"tickets"`):
		return 2
	case strings.Contains(user, "Failing output"):
		return 4
	}
	return 0
}

// parseWorker reads a worker's ticket from its first user message.
func parseWorker(user string) mmaWorker {
	w := mmaWorker{Files: map[string]string{}}
	if m := ticketLine.FindStringSubmatch(user); m != nil {
		w.Ticket, w.Title = m[1], strings.TrimSpace(m[2])
	}
	if m := targetsLine.FindStringSubmatch(user); m != nil {
		for _, f := range strings.Split(m[1], ",") {
			if f = strings.TrimSpace(f); f != "" {
				w.Targets = append(w.Targets, f)
			}
		}
	}
	// rules.Tier3 gives each file as "\n--- PATH (full text)\nTEXT\n".
	for _, f := range w.Targets {
		head := "\n--- " + f + " (full text)\n"
		i := strings.Index(user, head)
		if i < 0 {
			continue
		}
		rest := user[i+len(head):]
		if j := strings.Index(rest, "\n\n--- "); j >= 0 {
			rest = rest[:j+1]
		} else {
			rest = strings.TrimSuffix(rest, "\n")
		}
		w.Files[f] = rest
	}
	return w
}

// mmaAppendLine is the default worker change: "<ticket> was here" appended
// to its first target with edit_file (old_text: the file's whole text as
// the prompt gave it), or the file written with that line when the prompt
// has no text of it.
func mmaAppendLine(w mmaWorker) (string, string) {
	target := "notes.txt"
	if len(w.Targets) > 0 {
		target = w.Targets[0]
	}
	line := w.Ticket + " was here\n"
	if old, ok := w.Files[target]; ok && old != "" {
		b, _ := json.Marshal(map[string]string{"path": target, "old_text": old, "new_text": old + line})
		return "edit_file", string(b)
	}
	b, _ := json.Marshal(map[string]string{"path": target, "content": line})
	return "write_file", string(b)
}

func (m *mmaServer) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasSuffix(r.URL.Path, "/models"):
		fmt.Fprintf(w, `{"object":"list","data":[{"id":%q,"object":"model"}]}`, m.script.Model)
		return
	case !strings.HasSuffix(r.URL.Path, "/chat/completions"):
		http.Error(w, `{"error":{"message":"not here"}}`, http.StatusNotFound)
		return
	}
	raw, err := io.ReadAll(r.Body)
	var body chatBody
	if err == nil {
		err = json.Unmarshal(raw, &body)
	}
	if err != nil {
		http.Error(w, `{"error":{"message":"the request is not JSON"}}`, http.StatusBadRequest)
		return
	}
	req := mmaRequest{Model: body.Model, Body: string(raw), At: time.Now()}
	for _, msg := range body.Messages {
		text := contentText(msg.Content)
		switch {
		case msg.Role == "system" && req.System == "":
			req.System = text
		case msg.Role == "user" && req.User == "":
			req.User = text
		}
	}
	if n := len(body.Messages); n > 0 {
		req.LastRole, req.Last = body.Messages[n-1].Role, contentText(body.Messages[n-1].Content)
	}
	for _, t := range body.Tools {
		req.Tools = append(req.Tools, t.Function.Name)
	}
	req.Tier = mmaTier(req.System, req.User, req.Tools, string(body.ResponseFormat)+string(body.ToolChoice))
	var worker mmaWorker
	if req.Tier == 3 || req.Tier == 4 {
		worker = parseWorker(req.User)
		req.Ticket = worker.Ticket
	}
	m.mu.Lock()
	m.reqs = append(m.reqs, req)
	var hold *mmaHold
	if req.Tier == 3 {
		m.turns[req.Ticket]++
		if h := m.holds[req.Ticket]; h != nil && !h.used && h.turn == m.turns[req.Ticket] {
			h.used, hold = true, h
		}
	}
	m.mu.Unlock()

	s := &sseWriter{w: w, model: m.script.Model, tps: m.script.TokensPerSecond, r: r}
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	forced := forcedTool(body.ToolChoice)
	switch req.Tier {
	case 1:
		b, _ := json.Marshal(map[string]any{"tracks": m.script.Tracks})
		s.answer(forced, string(b))
	case 2:
		b, _ := json.Marshal(map[string]any{"tickets": m.script.Tickets})
		s.answer(forced, string(b))
	case 3:
		m.work(s, body, worker, hold)
	case 4:
		s.answer("", m.script.Diagnosis)
	default:
		s.answer("", "I am the MMA test server; I do not know which tier this request is for.")
	}
}

// work answers a worker's request: its first turn streams chatter and
// calls its write; a turn after the write's result streams a few words
// and calls done; a turn after any other tool result writes. A held
// request stops after half its words.
func (m *mmaServer) work(s *sseWriter, body chatBody, w mmaWorker, hold *mmaHold) {
	var lastCall string
	for _, msg := range body.Messages {
		for _, c := range msg.ToolCalls {
			lastCall = c.Function.Name
		}
	}
	wrote := lastCall == "edit_file" || lastCall == "write_file"
	var words []string
	if wrote {
		words = []string{"Done", "with", w.Ticket + "."}
	} else {
		for i := range m.script.Chatter {
			words = append(words, fmt.Sprintf("%s-word%d", w.Ticket, i+1))
		}
	}
	half := max(len(words)/2, 1)
	s.words(strings.Join(words[:half], " ") + " ")
	if hold != nil {
		close(hold.held)
		select {
		case <-hold.release:
		case <-s.r.Context().Done():
			return // the client went away (a restart, a crash)
		}
	}
	s.words(strings.Join(words[half:], " "))
	if wrote {
		summary, _ := json.Marshal(map[string]string{"summary": w.Ticket + ": the change is made."})
		s.toolCall("call_done_"+w.Ticket, rules.DoneTool, string(summary))
	} else {
		tool, args := m.script.Write(w)
		s.toolCall("call_write_"+w.Ticket, tool, args)
	}
	s.end("tool_calls")
}

// forcedTool is the function a tool_choice forces, or "".
func forcedTool(raw json.RawMessage) string {
	var c struct {
		Function struct{ Name string } `json:"function"`
	}
	if len(raw) == 0 || json.Unmarshal(raw, &c) != nil {
		return ""
	}
	return c.Function.Name
}

// sseWriter writes one streamed answer as chat.completion.chunk events.
type sseWriter struct {
	w      http.ResponseWriter
	r      *http.Request
	model  string
	tps    float64
	tokens int
	calls  int
}

// chunk sends one delta, paced at tps.
func (s *sseWriter) chunk(delta any) {
	if s.tps > 0 {
		select {
		case <-time.After(time.Duration(float64(time.Second) / s.tps)):
		case <-s.r.Context().Done():
		}
	}
	b, _ := json.Marshal(map[string]any{"id": "chatcmpl-mma", "object": "chat.completion.chunk", "created": 1, "model": s.model,
		"choices": []any{map[string]any{"index": 0, "delta": delta, "finish_reason": nil}}})
	fmt.Fprintf(s.w, "data: %s\n\n", b)
	s.w.(http.Flusher).Flush()
	s.tokens++
}

// words streams text a word (with its space) at a time.
func (s *sseWriter) words(text string) {
	for _, f := range strings.SplitAfter(text, " ") {
		if f != "" {
			s.chunk(map[string]any{"content": f})
		}
	}
}

// toolCall streams one tool call: its ID and name, then its arguments in
// pieces, as OpenAI does.
func (s *sseWriter) toolCall(id, name, args string) {
	i := s.calls
	s.calls++
	s.chunk(map[string]any{"tool_calls": []any{map[string]any{"index": i, "id": id, "type": "function",
		"function": map[string]any{"name": name, "arguments": ""}}}})
	for len(args) > 0 {
		n := min(len(args), 24)
		s.chunk(map[string]any{"tool_calls": []any{map[string]any{"index": i, "function": map[string]any{"arguments": args[:n]}}}})
		args = args[n:]
	}
}

// answer streams text, or makes it the arguments of the forced tool.
func (s *sseWriter) answer(forced, text string) {
	if forced != "" {
		s.toolCall("call_answer", forced, text)
		s.end("tool_calls")
		return
	}
	for len(text) > 0 {
		n := min(len(text), 32)
		s.chunk(map[string]any{"content": text[:n]})
		text = text[n:]
	}
	s.end("stop")
}

// end sends the finish reason, the usage and [DONE].
func (s *sseWriter) end(reason string) {
	b, _ := json.Marshal(map[string]any{"id": "chatcmpl-mma", "object": "chat.completion.chunk", "created": 1, "model": s.model,
		"choices": []any{map[string]any{"index": 0, "delta": map[string]any{}, "finish_reason": reason}}})
	fmt.Fprintf(s.w, "data: %s\n\n", b)
	fmt.Fprintf(s.w, `data: {"id":"chatcmpl-mma","object":"chat.completion.chunk","created":1,"model":%q,"choices":[],"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}`+"\n\n",
		s.model, 100, s.tokens, 100+s.tokens)
	io.WriteString(s.w, "data: [DONE]\n\n")
	s.w.(http.Flusher).Flush()
}

// mmaProject writes a project for the MMA tests: a root with files (path →
// text) and a project file whose AI settings use srv for every tier.
// extra is added after the [AI] table's keys (e.g. "[AI.MMA]\n  Limit = 4").
// It returns the project file and the root.
func mmaProject(t testing.TB, srv *mmaServer, files map[string]string, extra string) (proj, root string) {
	t.Helper()
	root = t.TempDir()
	testutil.WriteTree(t, root, files)
	proj = filepath.Join(t.TempDir(), "mma.toml")
	toml := fmt.Sprintf(`Format = 1
[Project]
  Name = "MMA Project"
  Root = %q
[AI]
  Provider = "openai-compatible"
  Model = %q
  Temperature = 0.2
  MaxTokens = 1024
  SystemPrompt = "Keep changes small."
  BaseURL = %q
%s
[[Discussions]]
  Name = "main"
`, root, srv.script.Model, srv.BaseURL(), extra)
	if err := os.WriteFile(proj, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	return proj, root
}

// The server itself, through the app's own llm client (no window): each
// tier's answer parses with the rules the engine uses, a worker writes
// then ends with done, a held worker holds until released, a forced tool
// gets the JSON as its arguments, and every request is recorded with its
// tier and ticket.
func TestMMAServerPlaysEveryTier(t *testing.T) {
	t.Parallel()
	srv := newMMAServer(t, mmaScript{TokensPerSecond: 2000})
	p, err := llm.New(llm.Config{Provider: llm.OpenAI, BaseURL: srv.BaseURL()})
	if err != nil {
		t.Fatal(err)
	}
	// stream sends one request and returns its text and tool calls.
	stream := func(req llm.Request) (string, []llm.ToolCall) {
		t.Helper()
		req.Model = "testmodel"
		var text strings.Builder
		var calls []llm.ToolCall
		for ev := range p.Stream(context.Background(), req) {
			switch ev.Kind {
			case llm.EventText:
				text.WriteString(ev.Text)
			case llm.EventToolCall:
				calls = append(calls, ev.Call)
			case llm.EventError:
				t.Fatalf("stream: %v", ev.Err)
			}
		}
		return text.String(), calls
	}
	user := func(system, text string, more ...llm.Message) llm.Request {
		return llm.Request{System: system, Messages: append([]llm.Message{{Role: llm.User, Text: text}}, more...)}
	}
	files := []string{"a.txt", "b.txt", "c.txt"}
	answer, _ := stream(user(rules.Tier1(rules.PlanInput{Goal: "greet", Project: "p", Files: files})))
	tracks, err := rules.ParseTracks(answer, files)
	if err != nil || len(tracks) != 1 || len(tracks[0].Files) != 3 {
		t.Fatalf("tier 1: %+v, %v", tracks, err)
	}
	sys2, user2 := rules.Tier2(rules.TicketsInput{Track: tracks[0]})
	answer, _ = stream(user(sys2, user2))
	tickets, err := rules.ParseTickets(answer, files)
	if err != nil || len(tickets) != 3 || !slices.Equal(tickets[2].DependsOn, []string{"T1", "T2"}) {
		t.Fatalf("tier 2: %+v, %v", tickets, err)
	}
	// Tier 2 through a forced tool (the llm client sends none yet): the
	// JSON is the call's arguments.
	b, _ := json.Marshal(map[string]any{"model": "testmodel", "stream": true,
		"messages":    []any{map[string]any{"role": "system", "content": sys2}, map[string]any{"role": "user", "content": user2}},
		"tool_choice": map[string]any{"type": "function", "function": map[string]any{"name": "tickets"}}})
	resp, err := http.Post(srv.URL+"/v1/chat/completions", "application/json", strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(raw), `"name":"tickets"`) || !strings.Contains(string(raw), `T3`) || !strings.HasSuffix(string(raw), "data: [DONE]\n\n") {
		t.Fatalf("forced tool: %s", raw)
	}

	specs := append(llmtools.EditSpecs(), llm.ToolSpec{Name: rules.DoneTool, Params: map[string]any{"type": "object"}})
	sys3, user3 := rules.Tier3(rules.WorkerInput{Ticket: state.Ticket{ID: "T1", Title: "Greet", Targets: []string{"a.txt"}},
		Files: []rules.NamedText{{Path: "a.txt", Text: "alpha\n"}}})
	srv.Hold("T1")
	type turn struct {
		text  string
		calls []llm.ToolCall
	}
	first := make(chan turn, 1)
	go func() {
		req := user(sys3, user3)
		req.Tools = specs
		text, calls := stream(req)
		first <- turn{text, calls}
	}()
	srv.WaitHeld(t, "T1", 30*time.Second)
	select {
	case <-first:
		t.Fatal("the held worker's answer ended before Release")
	default:
	}
	srv.Release("T1")
	got := <-first
	if len(got.calls) != 1 || got.calls[0].Name != "edit_file" || !strings.Contains(got.text, "T1-word8") ||
		got.calls[0].Args != `{"new_text":"alpha\nT1 was here\n","old_text":"alpha\n","path":"a.txt"}` {
		t.Fatalf("worker's first turn: %q %+v", got.text, got.calls)
	}
	// The turn after the write, held too: it ends with done.
	srv.Hold("T1")
	second := make(chan turn, 1)
	go func() {
		req := user(sys3, user3, llm.Message{Role: llm.Assistant, ToolCalls: got.calls},
			llm.Message{Role: llm.User, ToolResults: []llm.ToolResult{{CallID: got.calls[0].ID, Name: "edit_file", Content: "applied to a.txt"}}})
		req.Tools = specs
		text, calls := stream(req)
		second <- turn{text, calls}
	}()
	srv.WaitHeld(t, "T1", 30*time.Second)
	srv.Release("T1")
	if got := <-second; len(got.calls) != 1 || got.calls[0].Name != rules.DoneTool || !strings.Contains(got.calls[0].Args, "T1") || got.text != "Done with T1." {
		t.Fatalf("worker after its write: %q %+v", got.text, got.calls)
	}
	if text, _ := stream(user(rules.Tier4(rules.DiagnoseInput{Ticket: state.Ticket{ID: "T2", Title: "Greet"}, Output: "no such file"}))); !strings.Contains(text, "list the files") {
		t.Fatalf("tier 4: %q", text)
	}
	var seen []string
	for _, r := range srv.requests() {
		seen = append(seen, fmt.Sprintf("%d%s", r.Tier, r.Ticket))
	}
	if want := []string{"1", "2", "2", "3T1", "3T1", "4T2"}; !slices.Equal(seen, want) {
		t.Fatalf("recorded requests %q, want %q", seen, want)
	}
	if r := srv.requestsOf(3, "T1"); len(r) != 2 || !strings.Contains(r[0].User, "alpha") || r[1].LastRole != "tool" {
		t.Fatalf("tier-3 requests of T1: %+v", r)
	}
}
