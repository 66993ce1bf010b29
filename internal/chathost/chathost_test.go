package chathost

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/agent"
	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/state"
)

// The chat host is UI-free: the standard library and these packages of
// the module, never app, gui, hot, views, giu or cimgui-go.
var allowed = []string{
	"github.com/slopgui/slopgui/agent",
	"github.com/slopgui/slopgui/approval",
	"github.com/slopgui/slopgui/contract",
	"github.com/slopgui/slopgui/internal/answer",
	"github.com/slopgui/slopgui/internal/reqctx",
	"github.com/slopgui/slopgui/llm",
	"github.com/slopgui/slopgui/llm/tools",
	"github.com/slopgui/slopgui/state",
}

func TestImports(t *testing.T) {
	testutil.OnlyImports(t, ".", "the chat host", allowed...)
}

// mail is a mailbox for tests: what the host posts, taken on demand.
type mail struct {
	mu  sync.Mutex
	got []any
	new chan struct{}
}

func newMail() *mail { return &mail{new: make(chan struct{}, 100)} }

func (m *mail) post(v any) {
	m.mu.Lock()
	m.got = append(m.got, v)
	m.mu.Unlock()
	m.new <- struct{}{}
}

// drain applies what was posted to ui as the app does, until done says
// so or the deadline passes.
func (m *mail) drain(t *testing.T, h *Host, ui *state.UI, done func() bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !done() {
		select {
		case <-m.new:
		case <-deadline:
			t.Fatal("the host posted nothing more")
		}
		m.mu.Lock()
		got := m.got
		m.got = nil
		m.mu.Unlock()
		for _, v := range got {
			switch v := v.(type) {
			case agent.Event:
				h.Apply(ui, v)
			case Change:
				v(ui)
			}
		}
		h.Sync(ui)
	}
}

func testUI() *state.UI {
	ui := state.Sample(time.Unix(1e9, 0))
	ui.Discussions = []state.Discussion{{Name: "main"}}
	ui.ActiveDiscussion = 0
	ui.Project.Root = ""
	ui.Project.Files = nil
	ui.Project.Screenshots = nil
	return &ui
}

func newHost(t *testing.T, m *mail) *Host {
	return New(Config{Post: m.post, Queue: approval.New(nil), CredPath: func() string { return filepath.Join(t.TempDir(), "credentials") },
		Now: func() time.Time { return time.Unix(2e9, 0) }})
}

// A Send without a key fails at once, saying which variable to set; the
// User entry stays and the answer's entry is marked failed.
func TestSendWithoutKey(t *testing.T) {
	t.Setenv(llm.KeyVar(llm.Anthropic), "")
	m := newMail()
	h := newHost(t, m)
	ui := testUI()
	ui.AI.Provider, ui.AI.Model = llm.Anthropic, "claude-x"
	ui.ComposerText = "hello"
	h.Send(ui, true, 0)
	if !ui.Chat.Busy || ui.ComposerText != "" {
		t.Fatalf("after Send: busy %v, composer %q", ui.Chat.Busy, ui.ComposerText)
	}
	m.drain(t, h, ui, func() bool { return !ui.Chat.Busy })
	if !strings.Contains(ui.Chat.Error, llm.KeyVar(llm.Anthropic)) || !ui.Chat.CanRetry {
		t.Errorf("error %q (retry %v): want the key variable named and a retry", ui.Chat.Error, ui.Chat.CanRetry)
	}
	es := ui.Discussions[0].Entries
	if len(es) != 2 || es[0].Role != state.RoleUser || es[0].Text != "hello" || es[1].Status != state.EntryFailed {
		t.Errorf("entries %+v: want the User entry and a failed AI entry", es)
	}
}

// A blank composer sends nothing; a Send under way makes another do
// nothing.
func TestSendNothing(t *testing.T) {
	m := newMail()
	h := newHost(t, m)
	ui := testUI()
	ui.ComposerText = " \n\t"
	h.Send(ui, true, 0)
	if ui.Chat.Busy || len(ui.Discussions[0].Entries) != 0 {
		t.Errorf("a blank composer sent: busy %v, %d entries", ui.Chat.Busy, len(ui.Discussions[0].Entries))
	}
	ui.ComposerText, ui.Chat.Busy = "again", true
	h.Send(ui, true, 0)
	if ui.ComposerText != "again" || len(ui.Discussions[0].Entries) != 0 {
		t.Errorf("a second Send while one is under way took the composer")
	}
}

// Apply streams into the run's entry by ID, wherever it moved; drops
// events of other runs; and stops the run when its entry was deleted.
func TestApply(t *testing.T) {
	m := newMail()
	h := newHost(t, m)
	ui := testUI()
	d := &ui.Discussions[0]
	d.Add(state.RoleUser, "q", time.Unix(1, 0))
	i := d.Add(state.RoleAI, "", time.Unix(2, 0))
	d.Entries[i].Status = state.EntryStreaming
	cancelled := false
	h.run = &run{id: "send-1", cancel: func() { cancelled = true }}
	ui.Chat = state.Chat{Busy: true, Discussion: 0, EntryID: d.Entries[i].ID}

	h.Apply(ui, agent.Event{Run: "send-1", Kind: agent.Text, Text: "Hel"})
	// The user moves the entry to the top: the answer follows it.
	d.Entries[0], d.Entries[1] = d.Entries[1], d.Entries[0]
	h.Apply(ui, agent.Event{Run: "send-1", Kind: agent.Text, Text: "lo"})
	h.Apply(ui, agent.Event{Run: "other", Kind: agent.Text, Text: "not mine"})
	if got := d.Entries[0].Text; got != "Hello" {
		t.Fatalf("streamed text %q, want %q", got, "Hello")
	}
	if d.Entries[1].Text != "q" {
		t.Errorf("the User entry changed: %q", d.Entries[1].Text)
	}

	// The entry is deleted: the next text stops the run, and says why.
	d.Entries = d.Entries[1:]
	h.Apply(ui, agent.Event{Run: "send-1", Kind: agent.Text, Text: "more"})
	if !cancelled || !strings.Contains(ui.Chat.Error, "deleted") {
		t.Errorf("after the entry was deleted: cancelled %v, error %q", cancelled, ui.Chat.Error)
	}
	h.Apply(ui, agent.Event{Run: "send-1", Kind: agent.Stopped})
	if ui.Chat.Busy || h.run != nil {
		t.Errorf("a stopped run left the chat busy")
	}
}

// A rate limit with Retry-After says when a retry may go.
func TestApplyRateLimit(t *testing.T) {
	h := newHost(t, newMail())
	ui := testUI()
	h.run = &run{id: "send-1", cancel: func() {}}
	ui.Chat.Busy = true
	err := &llm.Error{Kind: llm.KindRateLimit, Provider: llm.Anthropic, Status: 429, RetryAfter: 30 * time.Second}
	h.Apply(ui, agent.Event{Run: "send-1", Kind: agent.Failed, Err: err})
	if want := time.Unix(2e9, 0).Add(30 * time.Second); !ui.Chat.RetryAt.Equal(want) || !ui.Chat.CanRetry {
		t.Errorf("RetryAt %v (retry %v), want %v", ui.Chat.RetryAt, ui.Chat.CanRetry, want)
	}
}

// Sync marks what no Send of this process streams into as interrupted
// (state from a restart, a crash or the project file).
func TestSyncMarksInterrupted(t *testing.T) {
	h := newHost(t, newMail())
	ui := testUI()
	i := ui.Discussions[0].Add(state.RoleAI, "partial", time.Unix(1, 0))
	ui.Discussions[0].Entries[i].Status = state.EntryStreaming
	ui.Chat = state.Chat{Busy: true, EntryID: ui.Discussions[0].Entries[i].ID}
	h.Sync(ui)
	if got := ui.Discussions[0].Entries[i].Status; got != state.EntryInterrupted {
		t.Errorf("status %q, want %q", got, state.EntryInterrupted)
	}
	if ui.Chat.Busy || !ui.Chat.CanRetry || !strings.Contains(ui.Chat.Error, "restarted") {
		t.Errorf("chat %+v: want not busy, a retry and the reason", ui.Chat)
	}
}

// The tool call Chat.Approval shows: the Send's own, the user's edits
// kept while it waits; never another run's.
func TestToolApproval(t *testing.T) {
	mine := approval.Pending{ID: "a1", Request: approval.Request{Kind: approval.KindTool, Title: "run_command", Args: `{"cmd":"ls"}`, Ref: "call-1", Run: "send-1"}}
	other := approval.Pending{ID: "b1", Request: approval.Request{Kind: approval.KindTool, Title: "write_file", Run: "mma-w1"}}
	r := &run{id: "send-1"}
	edited := state.Approval{Open: true, ID: "a1", CallID: "call-1", Tool: "run_command", Args: `{"cmd":"ls -la"}`}
	for _, tc := range []struct {
		name string
		ps   []approval.Pending
		cur  state.Approval
		r    *run
		want state.Approval
	}{
		{"nothing waits", nil, state.Approval{}, r, state.Approval{}},
		{"another run's", []approval.Pending{other}, state.Approval{}, r, state.Approval{}},
		{"no Send under way", []approval.Pending{mine}, state.Approval{}, nil, state.Approval{}},
		{"the Send's", []approval.Pending{other, mine}, state.Approval{}, r,
			state.Approval{Open: true, ID: "a1", CallID: "call-1", Tool: "run_command", Args: `{"cmd":"ls"}`}},
		{"edits kept", []approval.Pending{mine}, edited, r, edited},
		{"answered elsewhere", nil, edited, r, state.Approval{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := toolApproval(tc.ps, tc.cur, tc.r); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestClipText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"abcdef", 3, "abc\n…[truncated: 6 bytes in all]"},
		{"aé", 2, "a\n…[truncated: 3 bytes in all]"}, // never half a rune
	} {
		if got := clipText(tc.in, tc.n); got != tc.want {
			t.Errorf("clipText(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
	if got := oneLine("a\n  b\tc", 120); got != "a b c" {
		t.Errorf("oneLine = %q", got)
	}
}

// The comms history keeps the newest AI.Comms() entries.
func TestAddCommsKeepsNewest(t *testing.T) {
	ui := testUI()
	n := ui.AI.Comms()
	for i := range n + 3 {
		addComms(ui, state.CommsEntry{Text: strings.Repeat("x", i)})
	}
	if len(ui.Comms) != n || len(ui.Comms[0].Text) != 3 {
		t.Errorf("%d entries, the oldest %d long: want %d, the oldest 3", len(ui.Comms), len(ui.Comms[0].Text), n)
	}
}

// CheckConnection asks an OpenAI-compatible server on 127.0.0.1 for its
// models off the render thread: the model list, where the key came from,
// whether the chosen model is among them (a test), what went wrong (a
// refused key), each exchange in the comms history without the key.
func TestCheckConnection(t *testing.T) {
	const key = "sk-chathost-SECRET-7"
	var auth []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auth = append(auth, r.Header.Get("Authorization"))
		mu.Unlock()
		if r.URL.Path != "/v1/models" {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("Authorization") != "Bearer "+key {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"error":{"message":"bad key"}}`)
			return
		}
		io.WriteString(w, `{"data":[{"id":"m-b"},{"id":"m-a"}]}`)
	}))
	defer srv.Close()
	for _, tc := range []struct {
		name, key, model string
		test             bool
		status           []string // what Chat.ConnStatus says, in order
		models           []string
		comms            string // the comms entry's status
	}{
		{"models", key, "m-a", false, []string{"Connected: 2 models, key from environment variable " + llm.KeyVar(llm.OpenAI)}, []string{"m-a", "m-b"}, "ok"},
		{"test, model not listed", key, "m-z", true, []string{"Connected: 2 models", `"m-z" is not among them`}, []string{"m-a", "m-b"}, "ok"},
		{"key refused", "sk-wrong", "m-a", true, []string{"Failed: "}, nil, "auth"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(llm.KeyVar(llm.OpenAI), tc.key)
			m := newMail()
			h := newHost(t, m)
			ui := testUI()
			ui.AI.Provider, ui.AI.Model, ui.AI.BaseURL = llm.OpenAI, tc.model, srv.URL+"/v1"
			h.CheckConnection(ui, tc.test)
			if !ui.Chat.ConnBusy {
				t.Fatal("not busy while asking")
			}
			h.CheckConnection(ui, tc.test) // a second ask while one runs does nothing
			m.drain(t, h, ui, func() bool { return !ui.Chat.ConnBusy })
			for _, want := range tc.status {
				if !strings.Contains(ui.Chat.ConnStatus, want) {
					t.Errorf("ConnStatus %q: no %q", ui.Chat.ConnStatus, want)
				}
			}
			if !slices.Equal(ui.Chat.Models, tc.models) {
				t.Errorf("Models %v, want %v", ui.Chat.Models, tc.models)
			}
			if len(ui.Comms) != 1 || ui.Comms[0].Kind != "models" || ui.Comms[0].Status != tc.comms {
				t.Fatalf("comms %+v: want one models exchange, status %q", ui.Comms, tc.comms)
			}
			for _, s := range []string{ui.Chat.ConnStatus, ui.Comms[0].Request, ui.Comms[0].Text} {
				if strings.Contains(s, tc.key) {
					t.Errorf("the key is in %q", s)
				}
			}
		})
	}
	mu.Lock()
	defer mu.Unlock()
	if len(auth) != 3 { // one ask per case: the second CheckConnection did nothing
		t.Errorf("%d requests, want 3", len(auth))
	}
}

// Context says "counting" at first, then, counted off the render thread,
// the project's files, where the key comes from (or what to do without
// one) and the request's tokens; a change of the composer is counted
// again, the files read again only when they changed.
func TestContext(t *testing.T) {
	t.Setenv(llm.KeyVar(llm.Anthropic), "")
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "a.go"), []byte("package a\n\nfunc A() int { return 42 }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	redrawn := make(chan struct{}, 10)
	h := New(Config{Post: func(any) {}, Queue: approval.New(nil), CredPath: func() string { return filepath.Join(root, "none") },
		Now: time.Now, Redraw: func() { redrawn <- struct{}{} }})
	ui := testUI()
	ui.Project.Root, ui.Project.Files = root, []string{"a.go", "missing.go"}
	ui.AI.Provider, ui.AI.Model = llm.Anthropic, "claude-x"
	ui.ComposerText = "explain a.go"
	if c := h.Context(ui); !c.Counting {
		t.Fatalf("first Context %+v: want Counting", c)
	}
	wait := func() contract.AIContext {
		t.Helper()
		select {
		case <-redrawn:
		case <-time.After(30 * time.Second):
			t.Fatal("no count came")
		}
		return h.Context(ui)
	}
	c := wait()
	if c.Counting || c.Files != 1 || c.Bytes == 0 || len(c.Unreadable) != 1 || !strings.Contains(c.Unreadable[0], "missing.go") {
		t.Fatalf("counted %+v: want one file read, missing.go unreadable", c)
	}
	if !strings.Contains(c.KeyProblem, llm.KeyVar(llm.Anthropic)) || c.Tokens == 0 {
		t.Errorf("counted %+v: want the key variable named and tokens counted", c)
	}
	before := c.Tokens
	ui.ComposerText += strings.Repeat(" and then some more words", 20)
	h.Context(ui) // a frame: the change starts a count
	c = wait()
	if c.Tokens <= before || c.Files != 1 {
		t.Errorf("after a longer composer: %d tokens (was %d), %d files", c.Tokens, before, c.Files)
	}
}
