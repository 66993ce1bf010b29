package e2e_test

import (
	"encoding/json"
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

	"github.com/slopgui/slopgui/persist"
)

const e2eKey = "sk-e2e-SECRET-7f3a9c"

// modelServer is an OpenAI-compatible chat server on 127.0.0.1, started by
// the test: request n gets script[n]; bodies are kept.
type modelServer struct {
	*httptest.Server
	mu     sync.Mutex
	bodies []string
	auth   []string
}

func newModelServer(t testing.TB, script ...func(w http.ResponseWriter)) *modelServer {
	m := &modelServer{}
	m.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/chat/completions") {
			http.Error(w, `{"error":{"message":"not here"}}`, 404)
			return
		}
		b, _ := io.ReadAll(r.Body)
		m.mu.Lock()
		n := len(m.bodies)
		m.bodies = append(m.bodies, string(b))
		m.auth = append(m.auth, r.Header.Get("Authorization"))
		m.mu.Unlock()
		if n >= len(script) {
			http.Error(w, `{"error":{"message":"the test server has no more answers"}}`, 500)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		script[n](w)
	}))
	t.Cleanup(m.Close)
	return m
}

func (m *modelServer) requests() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.bodies...)
}

func sseChunk(w http.ResponseWriter, delta string) {
	fmt.Fprintf(w, "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"testmodel\",\"choices\":[{\"index\":0,\"delta\":%s}]}\n\n", delta)
	w.(http.Flusher).Flush()
}

func sseText(w http.ResponseWriter, text string) {
	b, _ := json.Marshal(text)
	sseChunk(w, `{"content":`+string(b)+`}`)
}

func sseEnd(w http.ResponseWriter) {
	io.WriteString(w, `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"testmodel","choices":[],"usage":{"prompt_tokens":50,"completion_tokens":5,"total_tokens":55}}`+"\n\n")
	io.WriteString(w, "data: [DONE]\n\n")
}

func sseTool(id, name, args string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		a, _ := json.Marshal(args)
		sseChunk(w, `{"tool_calls":[{"index":0,"id":"`+id+`","type":"function","function":{"name":"`+name+`","arguments":`+string(a)+`}}]}`)
		sseEnd(w)
	}
}

// The Discussion Hub talks to a real (local) model server: the answer
// streams onto the screen, a reload in the middle does not interrupt it,
// a tool call is approved and one denied through the dialog, and Comms
// History shows the exchanges after a restart. The key reaches no file.
func TestSendStreamsToolsAndHistory(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := newModelServer(t,
		func(w http.ResponseWriter) { // paced, then held until the test has reloaded
			for _, p := range []string{"Streaming ", "answer ", "begins "} {
				sseText(w, p)
				time.Sleep(100 * time.Millisecond)
			}
			select {
			case <-release:
			case <-time.After(10 * time.Minute):
			}
			sseText(w, "and finishes nicely.")
			sseEnd(w)
		},
		sseTool("call_r", "read_file", `{"path":"notes.txt"}`),
		sseTool("call_c", "run_command", `{"command":"echo ran > ran.txt"}`),
		func(w http.ResponseWriter) { sseText(w, "Tools finished fine."); sseEnd(w) },
	)
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "notes.txt"), []byte("NOTES-CONTENT-42\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	proj := filepath.Join(t.TempDir(), "ai.toml")
	toml := fmt.Sprintf(`Format = 1
[Project]
  Name = "Model Project"
  Root = %q
  Files = ["notes.txt"]
[AI]
  Provider = "openai-compatible"
  Model = "testmodel"
  Temperature = 0.2
  MaxTokens = 256
  SystemPrompt = "Answer briefly."
  BaseURL = %q
[[Discussions]]
  Name = "main"
`, root, srv.URL+"/v1")
	if err := os.WriteFile(proj, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startSessionArgs(t, []string{"OPENAI_API_KEY=" + e2eKey, "OPENAI_BASE_URL="}, []string{"-project", proj})
	s.waitScreen("opened", 30*time.Second, "Model Project", "Context: 1 files")

	// Type, Send, and watch the answer arrive.
	s.typeComposer("Hello model")
	s.clickText("Send")
	s.waitScreen("streaming", 30*time.Second, "begins", "streaming", "Stop")
	if got := srv.requests(); len(got) != 1 || !strings.Contains(got[0], "Hello model") || !strings.Contains(got[0], "NOTES-CONTENT-42") {
		t.Fatalf("first request: %q", got)
	}

	// Reload the views mid-answer: the stream goes on into the new code.
	s.xdotool("key", "ctrl+alt+r")
	if r := s.waitReload(1); r.IsError || r.Generation != 1 {
		t.Fatalf("reload: generation %d, error %q", r.Generation, r.Error)
	}
	_, text := s.waitScreenText("reloaded mid-stream", 30*time.Second, "begins", "streaming")
	if strings.Contains(text, "finishes") {
		t.Fatal("the end of the answer is on screen before the server sent it")
	}
	close(release)
	s.waitScreen("finished", 30*time.Second, "finishes", "nicely", "Send")

	// Tools: approve read_file, deny run_command.
	s.typeComposer("Please use tools")
	s.clickText("Send")
	s.waitScreen("approval 1", 30*time.Second, "read_file", "notes.txt", "Deny")
	s.clickText("Approve")
	s.waitScreen("approval 2", 30*time.Second, "run_command", "Deny")
	s.clickText("Deny")
	s.waitScreen("tools done", 30*time.Second, "Tools", "finished", "fine.")
	got := srv.requests()
	if len(got) != 4 || !strings.Contains(got[2], "NOTES-CONTENT-42") || !strings.Contains(got[3], "denied by the user") {
		t.Fatalf("tool requests: %d, %q", len(got), got[2:])
	}
	if _, err := os.Stat(filepath.Join(root, "ran.txt")); err == nil {
		t.Fatal("the denied command ran")
	}
	for _, a := range srv.auth {
		if a != "Bearer "+e2eKey {
			t.Fatalf("authorization %q: the key from OPENAI_API_KEY was not sent", a)
		}
	}

	// Quit, start again: Comms History shows the exchanges.
	s.quitFromMenu()
	p, err := persist.LoadProject(proj)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Comms) != 4 || p.Comms[0].Model != "testmodel" || p.Comms[3].Status != "ok" ||
		len(p.ToolLog) != 2 || p.ToolLog[0].Decision != "approved" || p.ToolLog[1].Decision != "denied" {
		t.Fatalf("saved comms %+v\ntool log %+v", p.Comms, p.ToolLog)
	}
	s.launch("-project", proj)
	s.waitScreen("history after restart", 30*time.Second, "Comms", "testmodel", "kept")

	// The key is in no file slopgui wrote.
	for _, dir := range []string{s.config, filepath.Dir(proj)} {
		filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
			if err == nil && info.Mode().IsRegular() {
				if b, _ := os.ReadFile(path); strings.Contains(string(b), e2eKey) {
					t.Errorf("the API key is in %s", path)
				}
			}
			return nil
		})
	}
	if b, _ := os.ReadFile(s.log.Name()); strings.Contains(string(b), e2eKey) {
		t.Error("the API key is in slopgui's log")
	}
}
