package e2e_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/gui/uitree"
)

// anthropicServer speaks Anthropic's wire format on 127.0.0.1:
// count_tokens answers a quarter of the body's bytes, messages streams a
// short answer whose usage reports prompt-cache reads and writes. The
// messages requests' bodies are kept.
type anthropicServer struct {
	*httptest.Server
	mu       sync.Mutex
	messages []string
	counts   int
}

func newAnthropicServer(t *testing.T) *anthropicServer {
	a := &anthropicServer{}
	a.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		switch r.URL.Path {
		case "/v1/messages/count_tokens":
			a.mu.Lock()
			a.counts++
			a.mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"input_tokens":%d}`, len(b)/4)
		case "/v1/messages":
			a.mu.Lock()
			a.messages = append(a.messages, string(b))
			a.mu.Unlock()
			w.Header().Set("Content-Type", "text/event-stream")
			for _, ev := range []string{
				`{"type":"message_start","message":{"usage":{"input_tokens":40,"cache_creation_input_tokens":1234,"cache_read_input_tokens":5678,"output_tokens":1}}}`,
				`{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}`,
				`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Trimmed answer arrived."}}`,
				`{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":4}}`,
				`{"type":"message_stop"}`,
			} {
				fmt.Fprintf(w, "event: x\ndata: %s\n\n", ev)
			}
		default:
			http.Error(w, `{"error":{"message":"not here"}}`, 404)
		}
	}))
	t.Cleanup(a.Close)
	return a
}

func (a *anthropicServer) sent() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.messages...)
}

// budgetBar is the budget bar's item in the Discussion Hub, if drawn.
func budgetBar(t *testing.T, s *session) (uitree.Item, bool) {
	for _, it := range uiTree(t, s).Items() {
		if it.Kind == uitree.Bar && it.Key == "budget-bar" {
			return it, true
		}
	}
	return uitree.Item{}, false
}

// The token budget: with a model window far smaller than the discussion
// (6,000 tokens, set in the project), the composer shows the bar counted
// by the provider's count_tokens endpoint; Send shows the trimming
// preview instead of sending; Cancel sends nothing; Send trimmed sends
// the request without the oldest entries, which stay in the discussion.
// The Comms History shows the prompt-cache tokens the server reported.
func TestTokenBudgetTrimAndCache(t *testing.T) {
	t.Parallel()
	srv := newAnthropicServer(t)
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "notes.txt"), []byte("NOTES-CONTENT-42\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat(" alpha", 2000)
	proj := filepath.Join(t.TempDir(), "budget.toml")
	toml := fmt.Sprintf(`Format = 1
[Project]
  Name = "Budget Project"
  Root = %q
  Files = ["notes.txt"]
[AI]
  Provider = "anthropic"
  Model = "claude-test"
  MaxTokens = 256
  SystemPrompt = "Answer briefly."
  BaseURL = %q
  ContextWindow = 6000
[[Discussions]]
  Name = "main"
  [[Discussions.Entries]]
    Role = "User"
    Text = "OLDONE%s"
  [[Discussions.Entries]]
    Role = "AI"
    Text = "OLDTWO%s"
  [[Discussions.Entries]]
    Role = "User"
    Text = "OLDTHREE%s"
`, root, srv.URL, long, long, long)
	if err := os.WriteFile(proj, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startSessionArgs(t, []string{"XDG_RUNTIME_DIR=" + t.TempDir(), "ANTHROPIC_API_KEY=" + e2eKey}, []string{"-project", proj})

	// The bar: counted by the provider (no "estimate"), over the window.
	var bar uitree.Item
	deadline := time.Now().Add(60 * time.Second)
	for {
		it, ok := budgetBar(t, s)
		if ok && strings.Contains(it.Text, "/ 6,000 tokens") {
			bar = it
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no budget bar counted against the 6,000-token window (last: %+v, drawn %v)", it, ok)
		}
		time.Sleep(200 * time.Millisecond) // polling the widget tree, with a deadline
	}
	if strings.Contains(bar.Text, "estimate") {
		t.Errorf("bar %q: the provider's count is labelled an estimate", bar.Text)
	}
	if fr, _ := bar.Value.([]any); len(fr) != 5 {
		t.Errorf("bar segments %v, want one per part (system prompt, files, screenshots, history, tools)", bar.Value)
	}
	// On screen: the legend of the parts (the figures over the coloured bar
	// and in red are read from the widget tree above: OCR misreads them).
	s.waitScreen("budget bar", 30*time.Second, "system prompt", "history", "tools")

	// Send over budget: the preview, nothing sent.
	s.typeComposer("NEWQUESTION here")
	if r := s.ctl("click", "Send"); r.code != 0 {
		t.Fatalf("click Send: exit %d, %s", r.code, r.stderr)
	}
	_, text := s.waitScreenText("trim preview", 30*time.Second, "Over budget", "leaves out", "Send trimmed", "Cancel")
	if !strings.Contains(text, "OLDONE") {
		t.Errorf("the preview does not name the oldest entry:\n%s", text)
	}
	if r := s.ctl("click", "Cancel"); r.code != 0 {
		t.Fatalf("click Cancel: exit %d, %s", r.code, r.stderr)
	}
	s.waitScreenWithout("cancelled", 30*time.Second, "leaves out")
	if got := srv.sent(); len(got) != 0 {
		t.Fatalf("Cancel sent %d requests", len(got))
	}

	// Send trimmed: the oldest entries are not in the request, the
	// question is; the discussion keeps them all.
	if r := s.ctl("click", "Send"); r.code != 0 {
		t.Fatalf("click Send: exit %d, %s", r.code, r.stderr)
	}
	s.waitScreen("trim preview again", 30*time.Second, "Send trimmed")
	if r := s.ctl("click", "Send trimmed"); r.code != 0 {
		t.Fatalf("click Send trimmed: exit %d, %s", r.code, r.stderr)
	}
	s.waitScreen("answer", 30*time.Second, "Trimmed", "answer", "arrived.")
	got := srv.sent()
	if len(got) != 1 {
		t.Fatalf("%d requests sent, want 1", len(got))
	}
	if strings.Contains(got[0], "OLDONE") || !strings.Contains(got[0], "NEWQUESTION") || !strings.Contains(got[0], "NOTES-CONTENT-42") {
		t.Errorf("the trimmed request keeps the oldest entry or lacks the question or context: %.300s…", got[0])
	}
	if !strings.Contains(got[0], `"cache_control"`) {
		t.Errorf("the request marks no cached prefix: %.300s…", got[0])
	}
	if r := s.ctl("state", "Discussions"); !strings.Contains(r.stdout, "OLDONE") {
		t.Errorf("the oldest entry left the discussion: %.300s", r.stdout)
	}

	// The Comms History shows the cache tokens the server reported.
	s.waitScreen("cache tokens", 30*time.Second, "cache", "read", "5678", "1234")
}
