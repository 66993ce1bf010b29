package reqctx_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/slopgui/slopgui/budget"
	"github.com/slopgui/slopgui/internal/reqctx"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/state"
)

// countServer answers Anthropic's count_tokens and Gemini's countTokens
// with n, counting the requests and keeping the last body.
func countServer(t *testing.T, n int) (*httptest.Server, *atomic.Int32, *atomic.Value) {
	t.Helper()
	var hits atomic.Int32
	var last atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		last.Store(string(body))
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/v1/messages/count_tokens" && r.Header.Get("X-Api-Key") == "k":
			json.NewEncoder(w).Encode(map[string]int{"input_tokens": n})
		case r.Method == http.MethodPost && r.URL.Path == "/v1beta/models/gemini-test:countTokens" && r.Header.Get("X-Goog-Api-Key") == "k":
			json.NewEncoder(w).Encode(map[string]any{"totalTokens": n})
		default:
			http.Error(w, `{"error":{"message":"no such endpoint"}}`, http.StatusNotFound)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &hits, &last
}

func TestLocalTokens(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{{"", 0}, {"hello world", 2}, {"Hello, world! This is a test.", 9}} {
		if got := llm.LocalTokens(tc.text); got != tc.want {
			t.Errorf("LocalTokens(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

func TestMeasureProviderCount(t *testing.T) {
	hist := []state.Entry{{Role: state.RoleUser, Text: "first question"}, {Role: state.RoleAI, Text: "first answer"},
		{Role: state.RoleUser, Text: "second"}}
	for _, tc := range []struct{ provider, model, wantBody string }{
		{llm.Anthropic, "claude-test", `"messages"`},
		{llm.Gemini, "gemini-test", `"generateContentRequest"`},
	} {
		t.Run(tc.provider, func(t *testing.T) {
			srv, hits, last := countServer(t, 1000)
			p, err := llm.New(llm.Config{Provider: tc.provider, BaseURL: srv.URL, APIKey: "k"})
			if err != nil {
				t.Fatal(err)
			}
			var c reqctx.Counter
			parts := reqctx.Parts{Model: tc.model, System: "Be brief.", History: hist, Window: 4000,
				Context: reqctx.Context{Text: "=== a.go ===\npackage a\n"}, Pending: "a new question"}
			b, err := c.Measure(context.Background(), p, parts)
			if err != nil {
				t.Fatal(err)
			}
			if b.Estimate {
				t.Error("a provider's count is labelled an estimate")
			}
			pending := llm.LocalTokens("a new question")
			if got := b.Total(); got < 1000+pending-3 || got > 1000+pending+3 {
				t.Errorf("total %d, want the provider's 1000 + the pending text's %d (rounding aside)", got, pending)
			}
			if len(b.Entries) != 4 || b.Entries[3] != pending {
				t.Errorf("entries %v: want 3 counted + the pending one (%d)", b.Entries, pending)
			}
			if s, _ := last.Load().(string); !strings.Contains(s, tc.wantBody) || !strings.Contains(s, "first answer") {
				t.Errorf("count request %s: want %s and the history", s, tc.wantBody)
			}
			if _, err := c.Measure(context.Background(), p, parts); err != nil || hits.Load() != 1 {
				t.Errorf("second count of the same content: err %v, %d requests; want 1 (cached by content hash)", err, hits.Load())
			}
			parts.History = append(parts.History, state.Entry{Role: state.RoleAI, Text: "more"})
			if _, err := c.Measure(context.Background(), p, parts); err != nil || hits.Load() != 2 {
				t.Errorf("count of changed content: err %v, %d requests; want 2", err, hits.Load())
			}
		})
	}
}

func TestMeasureFallsBackToEstimate(t *testing.T) {
	srv, _, _ := countServer(t, 5)
	parts := reqctx.Parts{Model: "m", System: "hello world", Window: 100, History: []state.Entry{{Role: state.RoleUser, Text: "hello world"}}}
	for _, tc := range []struct {
		name    string
		cfg     llm.Config
		wantErr bool
	}{
		{"openai-compatible: local tokenizer", llm.Config{Provider: llm.OpenAI, BaseURL: srv.URL}, false},
		{"count refused: estimate", llm.Config{Provider: llm.Anthropic, BaseURL: srv.URL, APIKey: "wrong"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := llm.New(tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			var c reqctx.Counter
			b, err := c.Measure(context.Background(), p, parts)
			if (err != nil) != tc.wantErr {
				t.Errorf("err %v, want error %v", err, tc.wantErr)
			}
			if !b.Estimate || b.Parts[budget.System] != 2 || b.Parts[budget.History] != 2 {
				t.Errorf("breakdown %+v: want an estimate of 2 + 2 tokens", b)
			}
		})
	}
}
