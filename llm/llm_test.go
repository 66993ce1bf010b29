package llm_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/llm"
)

const secret = "sk-test-SECRET-0123456789"

// wire speaks one provider's streaming format.
type wire struct {
	provider string
	path     string // a request path the provider's SDK uses for streaming
	// text streams the pieces; tool streams one call; both as SSE lines.
	text func(pieces []string) string
	tool func(id, name, args string) string
}

func sse(data ...string) string {
	var b strings.Builder
	for _, d := range data {
		b.WriteString("data: " + d + "\n\n")
	}
	return b.String()
}

func jsonStr(s string) string { b, _ := json.Marshal(s); return string(b) }

var wires = []wire{
	{
		provider: llm.OpenAI, path: "/chat/completions",
		text: func(pieces []string) string {
			var d []string
			for _, p := range pieces {
				d = append(d, `{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":`+jsonStr(p)+`}}]}`)
			}
			d = append(d, `{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}`,
				`{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}}`, "[DONE]")
			return sse(d...)
		},
		tool: func(id, name, args string) string {
			half := len(args) / 2
			return sse(
				`{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"`+id+`","type":"function","function":{"name":"`+name+`","arguments":`+jsonStr(args[:half])+`}}]}}]}`,
				`{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":`+jsonStr(args[half:])+`}}]}}]}`,
				`{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}`,
				"[DONE]")
		},
	},
	{
		provider: llm.Anthropic, path: "/v1/messages",
		text: func(pieces []string) string {
			var b strings.Builder
			ev := func(name, data string) { b.WriteString("event: " + name + "\ndata: " + data + "\n\n") }
			ev("message_start", `{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"m","stop_reason":null,"usage":{"input_tokens":11,"output_tokens":1}}}`)
			ev("content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}`)
			for _, p := range pieces {
				ev("content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":`+jsonStr(p)+`}}`)
			}
			ev("content_block_stop", `{"type":"content_block_stop","index":0}`)
			ev("message_delta", `{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":7}}`)
			ev("message_stop", `{"type":"message_stop"}`)
			return b.String()
		},
		tool: func(id, name, args string) string {
			var b strings.Builder
			ev := func(n, data string) { b.WriteString("event: " + n + "\ndata: " + data + "\n\n") }
			half := len(args) / 2
			ev("message_start", `{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"m","stop_reason":null,"usage":{"input_tokens":11,"output_tokens":1}}}`)
			ev("content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"`+id+`","name":"`+name+`","input":{}}}`)
			ev("content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":`+jsonStr(args[:half])+`}}`)
			ev("content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":`+jsonStr(args[half:])+`}}`)
			ev("content_block_stop", `{"type":"content_block_stop","index":0}`)
			ev("message_delta", `{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":9}}`)
			ev("message_stop", `{"type":"message_stop"}`)
			return b.String()
		},
	},
	{
		provider: llm.Gemini, path: ":streamGenerateContent",
		text: func(pieces []string) string {
			var d []string
			for i, p := range pieces {
				fin := ""
				if i == len(pieces)-1 {
					fin = `,"finishReason":"STOP"`
				}
				d = append(d, `{"candidates":[{"content":{"role":"model","parts":[{"text":`+jsonStr(p)+`}]}`+fin+`}],"usageMetadata":{"promptTokenCount":11,"candidatesTokenCount":7}}`)
			}
			return sse(d...)
		},
		tool: func(id, name, args string) string {
			return sse(`{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"id":"` + id + `","name":"` + name + `","args":` + args + `}}]},"finishReason":"STOP"}]}`)
		},
	},
}

// fake is a provider server on 127.0.0.1: each request gets the next
// scripted response; bodies are kept.
type fake struct {
	*httptest.Server
	mu     sync.Mutex
	bodies []string
	auths  []string
	script []func(w http.ResponseWriter, r *http.Request)
}

func newFake(t *testing.T, script ...func(w http.ResponseWriter, r *http.Request)) *fake {
	f := &fake{script: script}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		n := len(f.bodies)
		f.bodies = append(f.bodies, r.URL.Path+" "+string(b))
		f.auths = append(f.auths, r.Header.Get("Authorization")+r.Header.Get("X-Api-Key")+r.Header.Get("X-Goog-Api-Key")+r.URL.Query().Get("key"))
		f.mu.Unlock()
		if n >= len(f.script) {
			http.Error(w, "unexpected request", 500)
			return
		}
		f.script[n](w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func sseReply(body string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, body)
	}
}

func errorReply(status int, hdr map[string]string, body string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		for k, v := range hdr {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

func provider(t *testing.T, w wire, url string) llm.Provider {
	t.Helper()
	p, err := llm.New(llm.Config{Provider: w.provider, BaseURL: url, APIKey: secret, HeaderTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

type result struct {
	text  string
	calls []llm.ToolCall
	usage llm.Usage
	done  *llm.Event
	err   *llm.Error
}

func collect(t *testing.T, ch <-chan llm.Event) result {
	t.Helper()
	var r result
	timeout := time.After(20 * time.Second)
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				if r.done == nil && r.err == nil {
					t.Fatal("stream closed without Done or Error")
				}
				return r
			}
			switch e.Kind {
			case llm.EventText:
				r.text += e.Text
			case llm.EventToolCall:
				r.calls = append(r.calls, e.Call)
			case llm.EventUsage:
				r.usage = e.Usage
			case llm.EventDone:
				r.done = &e
			case llm.EventError:
				le, ok := llm.AsError(e.Err)
				if !ok {
					t.Fatalf("error is not an *llm.Error: %v", e.Err)
				}
				r.err = le
			}
		case <-timeout:
			t.Fatal("stream did not finish within 20s")
		}
	}
}

func req() llm.Request {
	return llm.Request{Model: "m", System: "be brief", MaxTokens: 100,
		Messages: []llm.Message{{Role: llm.User, Text: "hello there"}}}
}

func TestStreamsText(t *testing.T) {
	for _, w := range wires {
		t.Run(w.provider, func(t *testing.T) {
			f := newFake(t, sseReply(w.text([]string{"Hel", "lo, ", "world"})))
			r := collect(t, provider(t, w, f.URL).Stream(context.Background(), req()))
			if r.err != nil {
				t.Fatalf("error: %v", r.err)
			}
			if r.text != "Hello, world" {
				t.Fatalf("text %q", r.text)
			}
			if r.usage.In != 11 || r.usage.Out != 7 {
				t.Errorf("usage %+v, want 11 in, 7 out", r.usage)
			}
			if !strings.Contains(f.bodies[0], w.path) || !strings.Contains(f.bodies[0], "hello there") || !strings.Contains(f.bodies[0], "be brief") {
				t.Errorf("request %q: want path %s, the user text and the system prompt", f.bodies[0], w.path)
			}
			if !strings.Contains(f.auths[0], secret) {
				t.Errorf("the key was not sent (auth %q)", f.auths[0])
			}
			if !strings.Contains(r.done.Exchange.RequestJSON, "hello there") || r.done.Exchange.Status != 200 {
				t.Errorf("exchange %+v", r.done.Exchange)
			}
		})
	}
}

func TestErrorsAreClassified(t *testing.T) {
	leak := `{"error":{"message":"Incorrect API key provided: ` + secret + `","type":"invalid_request_error"}}`
	cases := []struct {
		name   string
		reply  func(w http.ResponseWriter, r *http.Request)
		kind   llm.Kind
		want   []string
		status int
	}{
		{"401", errorReply(401, nil, leak), llm.KindAuth, []string{"KEYVAR", "401"}, 401},
		{"429", errorReply(429, map[string]string{"Retry-After": "7"}, `{"error":{"message":"slow down"}}`), llm.KindRateLimit, []string{"retry after 7 s", "slow down"}, 429},
		{"500", errorReply(500, nil, `{"error":{"message":"boom"}}`), llm.KindServer, []string{"HTTP 500", "retry"}, 500},
		{"404 model", errorReply(404, nil, `{"error":{"message":"model m not found"}}`), llm.KindBadRequest, []string{"model name", "not found"}, 404},
	}
	for _, w := range wires {
		for _, c := range cases {
			t.Run(w.provider+"/"+c.name, func(t *testing.T) {
				f := newFake(t, c.reply)
				r := collect(t, provider(t, w, f.URL).Stream(context.Background(), req()))
				if r.err == nil {
					t.Fatalf("no error; text %q", r.text)
				}
				if r.err.Kind != c.kind || r.err.Status != c.status {
					t.Fatalf("kind %v status %d, want %v %d: %v", r.err.Kind, r.err.Status, c.kind, c.status, r.err)
				}
				msg := r.err.Error()
				if strings.Contains(msg, secret) || strings.Contains(r.err.Detail, secret) {
					t.Fatalf("the key leaked into the error: %s", msg)
				}
				for _, want := range c.want {
					want = strings.ReplaceAll(want, "KEYVAR", llm.KeyVar(w.provider))
					if !strings.Contains(msg, want) {
						t.Errorf("error %q does not say %q", msg, want)
					}
				}
				if c.kind == llm.KindRateLimit && r.err.RetrySeconds() != 7 {
					t.Errorf("retry after %d s, want 7", r.err.RetrySeconds())
				}
				if len(f.bodies) != 1 {
					t.Errorf("%d requests: the SDK retried on its own", len(f.bodies))
				}
			})
		}
	}
}

// A connection cut in the middle of an answer is a network error, and the
// text that came before it was delivered.
func TestConnectionCutMidStream(t *testing.T) {
	for _, w := range wires {
		t.Run(w.provider, func(t *testing.T) {
			full := w.text([]string{"partial ", "answer", " never"})
			// Cut after the second piece's event.
			cut := strings.Index(full, "never")
			cut = strings.LastIndex(full[:cut], "\n\n") + 2
			f := newFake(t, func(rw http.ResponseWriter, r *http.Request) {
				rw.Header().Set("Content-Type", "text/event-stream")
				io.WriteString(rw, full[:cut])
				rw.(http.Flusher).Flush()
				conn, _, err := rw.(http.Hijacker).Hijack()
				if err == nil {
					conn.Close()
				}
			})
			r := collect(t, provider(t, w, f.URL).Stream(context.Background(), req()))
			if r.err == nil || r.err.Kind != llm.KindNetwork {
				t.Fatalf("want a network error, got %v (text %q)", r.err, r.text)
			}
			if !strings.Contains(r.text, "partial answer") || strings.Contains(r.text, "never") {
				t.Fatalf("text before the cut %q", r.text)
			}
		})
	}
}

// The model calls a tool; the next request carries the call and its
// result, and the model answers.
func TestToolCallRoundTrip(t *testing.T) {
	for _, w := range wires {
		t.Run(w.provider, func(t *testing.T) {
			f := newFake(t, sseReply(w.tool("call_42", "read_file", `{"path":"notes.txt"}`)),
				sseReply(w.text([]string{"The file says hi."})))
			p := provider(t, w, f.URL)
			rq := req()
			rq.Tools = []llm.ToolSpec{{Name: "read_file", Description: "read", Params: map[string]any{
				"type": "object", "properties": map[string]any{"path": map[string]any{"type": "string"}}, "required": []string{"path"}}}}
			r := collect(t, p.Stream(context.Background(), rq))
			if r.err != nil || len(r.calls) != 1 {
				t.Fatalf("err %v, calls %+v", r.err, r.calls)
			}
			c := r.calls[0]
			if c.ID != "call_42" || c.Name != "read_file" || c.Args != `{"path":"notes.txt"}` {
				t.Fatalf("call %+v", c)
			}
			if !strings.Contains(f.bodies[0], "read_file") {
				t.Errorf("tools not sent: %s", f.bodies[0])
			}
			rq.Messages = append(rq.Messages, llm.Message{Role: llm.Assistant, ToolCalls: r.calls},
				llm.Message{Role: llm.User, ToolResults: []llm.ToolResult{{CallID: c.ID, Name: c.Name, Content: "RESULT-hi"}}})
			r2 := collect(t, p.Stream(context.Background(), rq))
			if r2.err != nil || r2.text != "The file says hi." {
				t.Fatalf("second answer %q, %v", r2.text, r2.err)
			}
			for _, want := range []string{"call_42", "RESULT-hi", "notes.txt"} {
				if !strings.Contains(f.bodies[1], want) {
					t.Errorf("second request lacks %q: %s", want, f.bodies[1])
				}
			}
		})
	}
}

// Stop (a cancelled context) ends the stream at once with KindCanceled,
// keeping what came.
func TestCancelStopsStream(t *testing.T) {
	for _, w := range wires {
		t.Run(w.provider, func(t *testing.T) {
			release := make(chan struct{})
			f := newFake(t, func(rw http.ResponseWriter, r *http.Request) {
				rw.Header().Set("Content-Type", "text/event-stream")
				full := w.text([]string{"first", "second"})
				cut := strings.Index(full, "second")
				cut = strings.LastIndex(full[:cut], "\n\n") + 2
				io.WriteString(rw, full[:cut])
				rw.(http.Flusher).Flush()
				select {
				case <-release:
				case <-r.Context().Done():
				}
			})
			defer close(release)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			ch := provider(t, w, f.URL).Stream(ctx, req())
			var text string
			for e := range ch {
				if e.Kind == llm.EventText {
					text += e.Text
					cancel()
				}
				if e.Kind == llm.EventError {
					le, _ := llm.AsError(e.Err)
					if le == nil || le.Kind != llm.KindCanceled {
						t.Fatalf("want cancelled, got %v", e.Err)
					}
					if text != "first" {
						t.Fatalf("text %q", text)
					}
					return
				}
			}
			t.Fatal("no cancel event")
		})
	}
}

func TestNetworkDown(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there now
	for _, w := range wires {
		t.Run(w.provider, func(t *testing.T) {
			r := collect(t, provider(t, w, url).Stream(context.Background(), req()))
			if r.err == nil || r.err.Kind != llm.KindNetwork {
				t.Fatalf("want a network error, got %v", r.err)
			}
			if !strings.Contains(r.err.Error(), "base URL") {
				t.Errorf("error does not say what to check: %v", r.err)
			}
		})
	}
}

func TestHeaderTimeout(t *testing.T) {
	w := wires[0]
	block := make(chan struct{})
	f := newFake(t, func(rw http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	})
	defer close(block)
	p, _ := llm.New(llm.Config{Provider: w.provider, BaseURL: f.URL, APIKey: secret, HeaderTimeout: 200 * time.Millisecond})
	r := collect(t, p.Stream(context.Background(), req()))
	if r.err == nil || r.err.Kind != llm.KindTimeout {
		t.Fatalf("want a timeout, got %v", r.err)
	}
}

func TestModels(t *testing.T) {
	bodies := map[string]string{
		llm.OpenAI:    `{"object":"list","data":[{"id":"b-model","object":"model","created":1,"owned_by":"x"},{"id":"a-model","object":"model","created":1,"owned_by":"x"}]}`,
		llm.Anthropic: `{"data":[{"id":"a-model","type":"model","display_name":"A","created_at":"2025-01-01T00:00:00Z"},{"id":"b-model","type":"model","display_name":"B","created_at":"2025-01-01T00:00:00Z"}],"has_more":false,"first_id":"a-model","last_id":"b-model"}`,
		llm.Gemini:    `{"models":[{"name":"models/a-model"},{"name":"models/b-model"}]}`,
	}
	for _, w := range wires {
		t.Run(w.provider, func(t *testing.T) {
			f := newFake(t, errorReply(200, nil, bodies[w.provider]))
			names, err := provider(t, w, f.URL).Models(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(names) != "[a-model b-model]" {
				t.Fatalf("models %v", names)
			}
		})
	}
}

// A stream that closes cleanly but without the provider's end marker
// (OpenAI's finish_reason and [DONE], Anthropic's message_stop, Gemini's
// finishReason) is an interrupted answer, a network error to retry, not
// a complete one; the text that came is delivered.
func TestStreamWithoutEndMarkerIsInterrupted(t *testing.T) {
	for _, w := range wires {
		t.Run(w.provider, func(t *testing.T) {
			full := w.text([]string{"partial ", "answer", " never"})
			cut := strings.Index(full, "never")
			cut = strings.LastIndex(full[:cut], "\n\n") + 2
			// Two deltas, then the start of a line that never ends.
			f := newFake(t, sseReply(full[:cut]+full[cut:cut+20]))
			r := collect(t, provider(t, w, f.URL).Stream(context.Background(), req()))
			if r.done != nil {
				t.Fatalf("a cut answer was reported complete (stop %q, text %q)", r.done.Stop, r.text)
			}
			if r.err == nil || r.err.Kind != llm.KindNetwork || r.err.Status != 0 {
				t.Fatalf("want a network error, got %v", r.err)
			}
			if !strings.Contains(r.err.Error(), "before the answer was complete") {
				t.Errorf("error does not say the answer was cut: %v", r.err)
			}
			if r.text != "partial answer" {
				t.Fatalf("text before the cut %q", r.text)
			}
		})
	}
}

// OpenAI-compatible servers end a stream with a finish_reason, with
// [DONE], or both: either marks the answer complete.
func TestOpenAIEndMarkers(t *testing.T) {
	delta := `data: {"choices":[{"index":0,"delta":{"content":"hi"}}]}` + "\n\n"
	finish := `data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}` + "\n\n"
	for _, c := range []struct {
		name, body string
		complete   bool
	}{
		{"both", delta + finish + "data: [DONE]\n\n", true},
		{"finish_reason only", delta + finish, true},
		{"[DONE] only", delta + "data: [DONE]\n\n", true},
		{"neither", delta, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(t, sseReply(c.body))
			r := collect(t, provider(t, wires[0], f.URL).Stream(context.Background(), req()))
			if (r.done != nil) != c.complete || r.text != "hi" {
				t.Fatalf("complete %v, want %v (err %v, text %q)", r.done != nil, c.complete, r.err, r.text)
			}
		})
	}
}

// An error event in a stream that began well is the provider failing
// mid-answer: retry later.
func TestErrorEventMidStream(t *testing.T) {
	bodies := map[string]string{
		llm.OpenAI:    `data: {"choices":[{"index":0,"delta":{"content":"hi"}}]}` + "\n\n" + `data: {"error":{"message":"overloaded, try later"}}` + "\n\n",
		llm.Anthropic: "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3}}}\n\n" + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}\n\n" + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"overloaded, try later\"}}\n\n",
		llm.Gemini:    `data: {"candidates":[{"content":{"role":"model","parts":[{"text":"hi"}]}}]}` + "\n\n" + `data: {"error":{"code":503,"message":"overloaded, try later","status":"UNAVAILABLE"}}` + "\n\n",
	}
	for _, w := range wires {
		t.Run(w.provider, func(t *testing.T) {
			f := newFake(t, sseReply(bodies[w.provider]))
			r := collect(t, provider(t, w, f.URL).Stream(context.Background(), req()))
			if r.err == nil || r.err.Kind != llm.KindServer || !strings.Contains(r.err.Error(), "overloaded, try later") {
				t.Fatalf("want a server error with the provider's words, got %v", r.err)
			}
			if r.text != "hi" {
				t.Errorf("text %q", r.text)
			}
		})
	}
}

// Anthropic: the system prompt goes as a block marked for the prompt
// cache, and the cache's read and write counts come back in Usage.
func TestAnthropicPromptCache(t *testing.T) {
	body := "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5,\"cache_creation_input_tokens\":1200,\"cache_read_input_tokens\":3400,\"output_tokens\":1}}}\n\n" +
		"event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n" +
		"event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"ok\"}}\n\n" +
		"event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}\n\n" +
		"event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
	f := newFake(t, sseReply(body))
	rq := req()
	rq.Messages = append([]llm.Message{{Role: llm.User, Text: "=== a.go ===", Images: []llm.Image{{MIME: "image/png", Data: []byte{1}}}, Cache: true}}, rq.Messages...)
	r := collect(t, provider(t, wires[1], f.URL).Stream(context.Background(), rq))
	if r.err != nil || r.text != "ok" || r.done.Stop != "end_turn" {
		t.Fatalf("err %v, text %q", r.err, r.text)
	}
	if want := (llm.Usage{In: 5, Out: 2, CacheWrite: 1200, CacheRead: 3400}); r.usage != want {
		t.Errorf("usage %+v, want %+v", r.usage, want)
	}
	var sent struct {
		System []struct {
			Text         string `json:"text"`
			CacheControl struct {
				Type string `json:"type"`
			} `json:"cache_control"`
		} `json:"system"`
		Messages []struct {
			Content []struct {
				Type         string          `json:"type"`
				CacheControl json.RawMessage `json:"cache_control"`
			} `json:"content"`
		} `json:"messages"`
	}
	_, js, _ := strings.Cut(f.bodies[0], " ")
	if err := json.Unmarshal([]byte(js), &sent); err != nil || len(sent.System) != 1 ||
		sent.System[0].Text != "be brief" || sent.System[0].CacheControl.Type != "ephemeral" {
		t.Fatalf("system sent as %+v (%v): %s", sent.System, err, js)
	}
	// The prefix ends with the context message: its last block (the
	// files' text, after the screenshots) is marked, nothing after it.
	var marks []string
	for i, m := range sent.Messages {
		for j, c := range m.Content {
			if len(c.CacheControl) > 0 {
				marks = append(marks, fmt.Sprintf("message %d block %d (%s): %s", i, j, c.Type, c.CacheControl))
			}
		}
	}
	if want := []string{`message 0 block 1 (text): {"type":"ephemeral"}`}; !slices.Equal(marks, want) {
		t.Errorf("cache_control on %q, want %q: %s", marks, want, js)
	}
}

// Gemini: a function call's thoughtSignature goes back with the call in
// the next request (thinking models refuse the request without it).
func TestGeminiThoughtSignatureReturns(t *testing.T) {
	call := sse(`{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"read_file","args":{"path":"a"}},"thoughtSignature":"SIG-123"}]},"finishReason":"STOP"}]}`)
	f := newFake(t, sseReply(call), sseReply(wires[2].text([]string{"done"})))
	p := provider(t, wires[2], f.URL)
	rq := req()
	r := collect(t, p.Stream(context.Background(), rq))
	if r.err != nil || len(r.calls) != 1 {
		t.Fatalf("err %v, calls %+v", r.err, r.calls)
	}
	rq.Messages = append(rq.Messages, llm.Message{Role: llm.Assistant, ToolCalls: r.calls},
		llm.Message{Role: llm.User, ToolResults: []llm.ToolResult{{CallID: r.calls[0].ID, Name: "read_file", Content: "x"}}})
	if r2 := collect(t, p.Stream(context.Background(), rq)); r2.err != nil {
		t.Fatal(r2.err)
	}
	if !strings.Contains(f.bodies[1], `"thoughtSignature":"SIG-123"`) {
		t.Fatalf("second request lacks the signature: %s", f.bodies[1])
	}
}

// A Request's Answer schema goes out in each provider's own shape, and the
// JSON answer comes back as text: OpenAI's response_format json_schema
// (strict), Anthropic's forced tool (its tool_use input streamed back as
// text, no tool call), Gemini's responseMimeType + responseSchema (cut to
// the keywords Gemini takes: no additionalProperties, types in capitals).
func TestStructuredAnswer(t *testing.T) {
	str := map[string]any{"type": "string"}
	schema := map[string]any{
		"type": "object", "required": []string{"tracks"}, "additionalProperties": false,
		"properties": map[string]any{"tracks": map[string]any{
			"type": "array", "minItems": 1,
			"items": map[string]any{
				"type": "object", "required": []string{"title", "files"}, "additionalProperties": false,
				"properties": map[string]any{"title": str, "files": map[string]any{"type": "array", "items": str}},
			},
		}},
	}
	schemaJSON, _ := json.Marshal(schema)
	const answer = `{"tracks":[{"title":"Undo","files":["app/undo.go"]}]}`
	anthropicAnswer := func() string {
		var b strings.Builder
		ev := func(n, data string) { b.WriteString("event: " + n + "\ndata: " + data + "\n\n") }
		ev("message_start", `{"type":"message_start","message":{"usage":{"input_tokens":11,"output_tokens":1}}}`)
		ev("content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"tracks","input":{}}}`)
		for _, piece := range []string{answer[:10], answer[10:30], answer[30:]} {
			ev("content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":`+jsonStr(piece)+`}}`)
		}
		ev("content_block_stop", `{"type":"content_block_stop","index":0}`)
		ev("message_delta", `{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":7}}`)
		ev("message_stop", `{"type":"message_stop"}`)
		return b.String()
	}
	// at digs a value out of decoded JSON by object keys and array indexes.
	at := func(v any, path ...any) any {
		for _, p := range path {
			switch k := p.(type) {
			case string:
				m, _ := v.(map[string]any)
				v = m[k]
			case int:
				l, _ := v.([]any)
				if k >= len(l) {
					return nil
				}
				v = l[k]
			}
		}
		return v
	}
	same := func(v any, want []byte) bool { b, _ := json.Marshal(v); return string(b) == string(want) }
	for _, tc := range []struct {
		wire  wire
		reply string
		stop  string
		check func(t *testing.T, body any)
	}{
		{wires[0], wires[0].text([]string{answer[:20], answer[20:]}), "stop", func(t *testing.T, body any) {
			rf := at(body, "response_format")
			if at(rf, "type") != "json_schema" || at(rf, "json_schema", "name") != "tracks" || at(rf, "json_schema", "strict") != true ||
				!same(at(rf, "json_schema", "schema"), schemaJSON) {
				t.Errorf("response_format = %v, want json_schema named tracks, strict, with the schema as given", rf)
			}
		}},
		{wires[1], anthropicAnswer(), "end_turn", func(t *testing.T, body any) {
			tool := at(body, "tools", 0)
			if at(tool, "name") != "tracks" || !same(at(tool, "input_schema"), schemaJSON) {
				t.Errorf("tools[0] = %v, want the answer tool with the schema as its input_schema", tool)
			}
			if tc := at(body, "tool_choice"); at(tc, "type") != "tool" || at(tc, "name") != "tracks" {
				t.Errorf("tool_choice = %v, want the answer tool forced", tc)
			}
		}},
		{wires[2], wires[2].text([]string{answer[:25], answer[25:]}), "STOP", func(t *testing.T, body any) {
			gen := at(body, "generationConfig")
			if at(gen, "responseMimeType") != "application/json" {
				t.Errorf("responseMimeType = %v", at(gen, "responseMimeType"))
			}
			rs := at(gen, "responseSchema")
			item := at(rs, "properties", "tracks", "items")
			if at(rs, "type") != "OBJECT" || at(rs, "properties", "tracks", "type") != "ARRAY" || at(rs, "properties", "tracks", "minItems") != 1.0 ||
				at(item, "type") != "OBJECT" || at(item, "properties", "files", "items", "type") != "STRING" ||
				!same(at(item, "required"), []byte(`["title","files"]`)) {
				t.Errorf("responseSchema = %v", rs)
			}
			if b, _ := json.Marshal(rs); strings.Contains(string(b), "additionalProperties") {
				t.Errorf("responseSchema keeps additionalProperties, which Gemini refuses: %s", b)
			}
		}},
	} {
		t.Run(tc.wire.provider, func(t *testing.T) {
			f := newFake(t, sseReply(tc.reply))
			rq := req()
			rq.Answer = &llm.AnswerSchema{Name: "tracks", Schema: schema}
			r := collect(t, provider(t, tc.wire, f.URL).Stream(context.Background(), rq))
			if r.err != nil {
				t.Fatalf("error: %v", r.err)
			}
			if r.text != answer || len(r.calls) != 0 || r.done.Stop != tc.stop {
				t.Errorf("answer %q, calls %+v, stop %q; want the JSON as text, no calls, stop %q", r.text, r.calls, r.done.Stop, tc.stop)
			}
			_, js, _ := strings.Cut(f.bodies[0], " ")
			var body any
			if err := json.Unmarshal([]byte(js), &body); err != nil {
				t.Fatal(err)
			}
			tc.check(t, body)

			// Without an Answer none of it is sent.
			f2 := newFake(t, sseReply(tc.wire.text([]string{"hi"})))
			if r := collect(t, provider(t, tc.wire, f2.URL).Stream(context.Background(), req())); r.err != nil {
				t.Fatal(r.err)
			}
			for _, k := range []string{"response_format", "tool_choice", "responseSchema", "responseMimeType"} {
				if strings.Contains(f2.bodies[0], `"`+k+`"`) {
					t.Errorf("a request without Answer sends %s: %s", k, f2.bodies[0])
				}
			}
		})
	}
}

// An Anthropic answer tool beside ordinary tools: a call of an ordinary
// tool is still a ToolCall.
func TestAnthropicAnswerToolBesideTools(t *testing.T) {
	f := newFake(t, sseReply(wires[1].tool("toolu_9", "read_file", `{"path":"a.go"}`)))
	rq := req()
	rq.Tools = []llm.ToolSpec{{Name: "read_file", Params: map[string]any{"type": "object"}}}
	rq.Answer = &llm.AnswerSchema{Name: "answer", Schema: map[string]any{"type": "object"}}
	r := collect(t, provider(t, wires[1], f.URL).Stream(context.Background(), rq))
	if r.err != nil || r.text != "" || len(r.calls) != 1 || r.calls[0].Name != "read_file" || r.done.Stop != "tool_use" {
		t.Fatalf("err %v, text %q, calls %+v, stop %q", r.err, r.text, r.calls, r.done.Stop)
	}
}

// geminiSchema keeps nullable types and drops what Gemini refuses at every depth.
func TestGeminiSchemaNullable(t *testing.T) {
	f := newFake(t, sseReply(wires[2].text([]string{"{}"})))
	rq := req()
	rq.Answer = &llm.AnswerSchema{Name: "a", Schema: map[string]any{
		"type": "object", "$schema": "https://json-schema.org/draft/2020-12/schema",
		"properties": map[string]any{"note": map[string]any{"type": []any{"string", "null"}, "additionalProperties": false}},
	}}
	if r := collect(t, provider(t, wires[2], f.URL).Stream(context.Background(), rq)); r.err != nil {
		t.Fatal(r.err)
	}
	_, js, _ := strings.Cut(f.bodies[0], " ")
	var body struct {
		GenerationConfig struct {
			ResponseSchema map[string]any `json:"responseSchema"`
		} `json:"generationConfig"`
	}
	if err := json.Unmarshal([]byte(js), &body); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(body.GenerationConfig.ResponseSchema)
	if want := `{"properties":{"note":{"nullable":true,"type":"STRING"}},"type":"OBJECT"}`; string(b) != want {
		t.Errorf("responseSchema %s, want %s", b, want)
	}
}
