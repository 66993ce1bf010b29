package chathost

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/agent"
	"github.com/slopgui/slopgui/approval"
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
	for _, imp := range testutil.Imports(t, ".") {
		if !strings.Contains(imp.Path, ".") { // the standard library
			continue
		}
		if !slices.Contains(allowed, imp.Path) {
			t.Errorf("%s imports %s: the chat host may import only the standard library and %v", imp.File, imp.Path, allowed)
		}
	}
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
