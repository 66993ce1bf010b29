package app_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/state"
)

const testKey = "sk-app-test-SECRET-42"

// chatServer is an OpenAI-compatible server on 127.0.0.1 that answers
// each request with the next script step and keeps the request bodies.
type chatServer struct {
	*httptest.Server
	mu     sync.Mutex
	bodies []string
}

func chunk(delta string) string {
	return `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":` + delta + `}]}` + "\n\n"
}

func textReply(pieces ...string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for _, p := range pieces {
			b, _ := json.Marshal(p)
			io.WriteString(w, chunk(`{"content":`+string(b)+`}`))
		}
		io.WriteString(w, `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":50,"completion_tokens":5,"total_tokens":55}}`+"\n\n")
		io.WriteString(w, "data: [DONE]\n\n")
	}
}

func toolReply(id, name, args string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		a, _ := json.Marshal(args)
		io.WriteString(w, chunk(`{"tool_calls":[{"index":0,"id":"`+id+`","type":"function","function":{"name":"`+name+`","arguments":`+string(a)+`}}]}`))
		io.WriteString(w, "data: [DONE]\n\n")
	}
}

func newChatServer(t *testing.T, script ...func(w http.ResponseWriter, r *http.Request)) *chatServer {
	s := &chatServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		n := len(s.bodies)
		s.bodies = append(s.bodies, string(b))
		s.mu.Unlock()
		if n >= len(script) {
			http.Error(w, `{"error":{"message":"no more script"}}`, 500)
			return
		}
		script[n](w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *chatServer) body(i int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i >= len(s.bodies) {
		return ""
	}
	return s.bodies[i]
}

// chatApp is an App talking to url, with a project root holding notes.txt.
func chatApp(t *testing.T, url string) (*app.App, *headless.Context) {
	t.Setenv("OPENAI_API_KEY", testKey)
	t.Setenv("OPENAI_BASE_URL", "")
	hc := headless.New(t, 1280, 800)
	a := mustNewApp(t, "")
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "notes.txt"), []byte("CONTEXT-NOTES\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a.Project = state.Project{Name: "t", Root: root, Files: []string{"*.txt", "missing/*.go"}}
	a.AI = state.AISettings{Provider: "openai-compatible", Model: "test-model", BaseURL: url, MaxTokens: 100, SystemPrompt: "SYS-PROMPT"}
	a.Discussions = []state.Discussion{{Name: "main"}}
	a.ActiveDiscussion = 0
	return a, hc
}

// chatFrames draws frames until cond holds, failing after 20 s.
func chatFrames(t *testing.T, hc *headless.Context, a *app.App, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 20s; chat %+v, entries %+v", what, a.Chat, a.ActiveDisc().Entries)
		}
		if err := hc.Frame(a.Frame); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond) // frame pacing, as giu's loop would
	}
}

// Send streams the answer into a new AI entry; one tool call approved, one
// denied, each answered to the model; Comms History and Tool Log record
// them; the key appears nowhere in the state.
func TestSendWithToolCalls(t *testing.T) {
	srv := newChatServer(t,
		toolReply("call_1", "read_file", `{"path":"notes.txt"}`),
		toolReply("call_2", "run_command", `{"command":"echo SHOULD-NOT-RUN > ran.txt"}`),
		textReply("All ", "done."))
	a, hc := chatApp(t, srv.URL)
	a.ComposerText = "please look"
	info := a.AIContext()
	chatFrames(t, hc, a, "context counted", func() bool { info = a.AIContext(); return !info.Counting })
	if info.Files != 1 || len(info.Unreadable) != 1 || !strings.Contains(info.Unreadable[0], "missing/*.go") {
		t.Fatalf("context %+v: want 1 file and missing/*.go named", info)
	}
	a.Send()
	if a.ComposerText != "" || !a.Chat.Busy {
		t.Fatalf("after Send: composer %q, busy %v", a.ComposerText, a.Chat.Busy)
	}
	chatFrames(t, hc, a, "first approval", func() bool { return a.Chat.Approval.Open })
	if a.Chat.Approval.Tool != "read_file" || a.Chat.Approval.Args != `{"path":"notes.txt"}` {
		t.Fatalf("approval %+v", a.Chat.Approval)
	}
	a.ApproveTool(true)
	chatFrames(t, hc, a, "second approval", func() bool { return a.Chat.Approval.Open && a.Chat.Approval.Tool == "run_command" })
	a.ApproveTool(false)
	chatFrames(t, hc, a, "the answer", func() bool { return !a.Chat.Busy })

	if a.Chat.Error != "" {
		t.Fatalf("error: %s", a.Chat.Error)
	}
	var got []string
	for _, e := range a.ActiveDisc().Entries {
		got = append(got, string(e.Role)+":"+e.Status+":"+strings.SplitN(e.Text, "\n", 2)[0])
	}
	want := []string{
		"User::please look",
		"AI::(calls read_file)",
		`Tool::read_file {"path":"notes.txt"}: approved`,
		"AI::(calls run_command)",
		`Tool::run_command {"command":"echo SHOULD-NOT-RUN > ran.txt"}: denied`,
		"AI::All done.",
	}
	if len(got) != len(want) {
		t.Fatalf("entries\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("entry %d: %q, want %q…", i, got[i], want[i])
		}
	}
	if _, err := os.Stat(filepath.Join(a.Project.Root, "ran.txt")); err == nil {
		t.Error("the denied command ran")
	}
	for _, w := range []string{"SYS-PROMPT", "CONTEXT-NOTES", "please look", "read_file"} {
		if !strings.Contains(srv.body(0), w) {
			t.Errorf("first request lacks %q", w)
		}
	}
	if !strings.Contains(srv.body(1), "CONTEXT-NOTES") || !strings.Contains(srv.body(1), "call_1") {
		t.Errorf("second request lacks the tool result: %s", srv.body(1))
	}
	if !strings.Contains(srv.body(2), "denied by the user") {
		t.Errorf("third request lacks the denial: %s", srv.body(2))
	}
	if len(a.ToolLog) != 2 || a.ToolLog[0].Decision != "approved" || a.ToolLog[1].Decision != "denied" ||
		!strings.Contains(a.ToolLog[0].Result, "CONTEXT-NOTES") || a.ToolLog[1].Result != "denied by the user" {
		t.Fatalf("tool log %+v", a.ToolLog)
	}
	if len(a.Comms) != 3 {
		t.Fatalf("%d comms entries, want 3", len(a.Comms))
	}
	last := a.Comms[2]
	if last.Status != "ok" || last.Provider != "openai-compatible" || last.Model != "test-model" ||
		last.TokensIn != 50 || last.TokensOut != 5 || !strings.Contains(last.Request, "denied by the user") ||
		!strings.Contains(last.Response, "All done.") {
		t.Fatalf("comms %+v", last)
	}
	b, _ := json.Marshal(a.UI)
	if strings.Contains(string(b), testKey) {
		t.Fatal("the API key is in the state")
	}
}

// The arguments the user edits in the approval are what runs, what the
// Tool Log and the Tool entry record, and what the model is told ran.
func TestApproveEditedArgs(t *testing.T) {
	srv := newChatServer(t,
		toolReply("call_1", "run_command", `{"command":"echo MODEL > ran.txt"}`),
		textReply("ok"))
	a, hc := chatApp(t, srv.URL)
	a.ComposerText = "run it"
	a.Send()
	chatFrames(t, hc, a, "the approval", func() bool { return a.Chat.Approval.Open })
	edited := `{"command":"echo EDITED > ran.txt"}`
	a.Chat.Approval.Args = edited // as the dialog's text field does
	if err := hc.Frame(a.Frame); err != nil {
		t.Fatal(err)
	}
	if a.Chat.Approval.Args != edited {
		t.Fatalf("a frame undid the edit: %q", a.Chat.Approval.Args)
	}
	a.ApproveTool(true)
	chatFrames(t, hc, a, "the answer", func() bool { return !a.Chat.Busy })
	if a.Chat.Error != "" {
		t.Fatalf("error: %s", a.Chat.Error)
	}
	b, err := os.ReadFile(filepath.Join(a.Project.Root, "ran.txt"))
	if err != nil || strings.TrimSpace(string(b)) != "EDITED" {
		t.Fatalf("ran.txt %q (%v), want EDITED: the edited command did not run", b, err)
	}
	if len(a.ToolLog) != 1 || a.ToolLog[0].Args != edited || a.ToolLog[0].Decision != "approved" {
		t.Fatalf("tool log %+v", a.ToolLog)
	}
	if es := a.ActiveDisc().Entries; len(es) != 4 || !strings.HasPrefix(es[2].Text, "run_command "+edited+": approved") {
		t.Fatalf("entries %+v", es)
	}
	if body := srv.body(1); !strings.Contains(body, `echo EDITED`) || strings.Contains(body, `echo MODEL`) {
		t.Errorf("the second request does not say what ran: %s", body)
	}
}

// Stop ends the answer; the partial text stays, marked stopped.
func TestStopKeepsPartial(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := newChatServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, chunk(`{"content":"partial answ"}`))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	a, hc := chatApp(t, srv.URL)
	a.ComposerText = "go"
	a.Send()
	ai := func() state.Entry { return a.ActiveDisc().Entries[1] }
	chatFrames(t, hc, a, "partial text", func() bool { return ai().Text == "partial answ" })
	if ai().Status != state.EntryStreaming {
		t.Fatalf("status %q while streaming", ai().Status)
	}
	a.StopSend()
	chatFrames(t, hc, a, "stopped", func() bool { return !a.Chat.Busy })
	if e := ai(); e.Text != "partial answ" || e.Status != state.EntryStopped {
		t.Fatalf("entry %+v", e)
	}
	if !strings.Contains(a.Chat.Error, "Stopped") || len(a.Comms) != 1 || a.Comms[0].Status != "cancelled" {
		t.Fatalf("error %q, comms %+v", a.Chat.Error, a.Comms)
	}
}

// A rate limit says when to retry, and Retry sends again.
func TestRateLimitThenRetry(t *testing.T) {
	srv := newChatServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(429)
		io.WriteString(w, `{"error":{"message":"Rate limit reached for `+testKey+`"}}`)
	}, textReply("second try"))
	a, hc := chatApp(t, srv.URL)
	a.ComposerText = "hello"
	a.Send()
	chatFrames(t, hc, a, "the failure", func() bool { return !a.Chat.Busy })
	if !strings.Contains(a.Chat.Error, "retry after 3 s") || !a.Chat.CanRetry || a.Chat.RetryAt.IsZero() {
		t.Fatalf("chat %+v", a.Chat)
	}
	if strings.Contains(a.Chat.Error, testKey) || strings.Contains(a.Comms[0].Status+a.Comms[0].Response, testKey) {
		t.Fatal("the key leaked into the error or comms")
	}
	if e := a.ActiveDisc().Entries[1]; e.Status != state.EntryFailed {
		t.Fatalf("failed entry %+v", e)
	}
	a.RetrySend()
	chatFrames(t, hc, a, "the retry", func() bool { return !a.Chat.Busy })
	es := a.ActiveDisc().Entries
	if len(es) != 3 || es[2].Text != "second try" || es[2].Status != "" || strings.Contains(srv.body(1), `"role":"assistant"`) {
		t.Fatalf("entries %+v; second request %s", es, srv.body(1))
	}
}

// A missing key for a provider that needs one says which variable.
func TestMissingKeyNamesVariable(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "")
	a, hc := chatApp(t, "http://127.0.0.1:1")
	a.AI.Provider = "anthropic"
	a.ComposerText = "hi"
	a.Send()
	chatFrames(t, hc, a, "the failure", func() bool { return !a.Chat.Busy })
	if !strings.Contains(a.Chat.Error, "ANTHROPIC_API_KEY") {
		t.Fatalf("error %q does not name ANTHROPIC_API_KEY", a.Chat.Error)
	}
}

// State from another process (a restart or crash mid-answer) has no
// stream behind it: the partial answer is kept, marked interrupted, and
// Retry is offered.
func TestRestoredStreamIsInterrupted(t *testing.T) {
	a, hc := chatApp(t, "http://127.0.0.1:1")
	a.Discussions[0].Entries = []state.Entry{{Role: state.RoleUser, Text: "q"},
		{ID: "e1", Role: state.RoleAI, Text: "half", Status: state.EntryStreaming}}
	a.Chat = state.Chat{Busy: true, Phase: "streaming", Discussion: 0, EntryID: "e1",
		Approval: state.Approval{Open: true, Tool: "read_file", Args: "{}"}}
	if err := hc.Frame(a.Frame); err != nil {
		t.Fatal(err)
	}
	e := a.Discussions[0].Entries[1]
	if e.Text != "half" || e.Status != state.EntryInterrupted {
		t.Fatalf("entry %+v", e)
	}
	if a.Chat.Busy || a.Chat.Approval.Open || !a.Chat.CanRetry || !strings.Contains(a.Chat.Error, "restarted") {
		t.Fatalf("chat %+v", a.Chat)
	}
}

// OPENAI_BASE_URL fills the base URL when the project names none.
func TestBaseURLFromEnvironment(t *testing.T) {
	srv := newChatServer(t, textReply("from the env server"))
	a, hc := chatApp(t, "")
	t.Setenv("OPENAI_BASE_URL", srv.URL)
	if got := a.AIContext().BaseURL; got != "" && got != srv.URL {
		t.Fatalf("base URL %q", got)
	}
	a.ComposerText = "hi"
	a.Send()
	chatFrames(t, hc, a, "the answer", func() bool { return !a.Chat.Busy })
	if e := a.ActiveDisc().Entries[1]; e.Text != "from the env server" {
		t.Fatalf("entry %+v, error %q", e, a.Chat.Error)
	}
}
