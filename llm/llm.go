// Package llm talks to language-model providers: OpenAI-compatible chat
// servers (OpenAI, llama.cpp, Ollama, vLLM, LM Studio), Anthropic and
// Gemini, behind one small interface. Each provider's wire protocol
// (JSON over net/http, answers streamed as server-sent events) is spoken
// by a small client of its own here: no SDK.
//
// A Provider streams a Request as Events (text deltas, tool calls, usage,
// then exactly one Done or Error); a Request may ask for a JSON answer of
// a schema (AnswerSchema), which each provider enforces its own way.
// Failures are *Error values classified by what the user should do (a key
// to set, a time to wait, a server to start); their text never contains
// the API key. The package has no GUI code: the
// app drives it from goroutines and shows the events.
package llm

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Provider names, as AI Settings offers them.
const (
	OpenAI    = "openai-compatible"
	Anthropic = "anthropic"
	Gemini    = "gemini"
)

// Role is who wrote a message.
type Role string

// Message roles.
const (
	User      Role = "user"
	Assistant Role = "assistant"
)

// Image is a picture sent with a user message.
type Image struct {
	Name string // file name, for the comms history
	MIME string // image/png, image/jpeg, image/gif, image/webp
	Data []byte
}

// ToolCall is one call the model asked for. Args is a JSON object.
type ToolCall struct {
	ID   string
	Name string
	Args string
}

// ToolResult answers a ToolCall.
type ToolResult struct {
	CallID  string
	Name    string
	Content string
	IsError bool
}

// Message is one turn of the conversation. A user message may carry
// images and tool results; an assistant message may carry tool calls.
type Message struct {
	Role        Role
	Text        string
	Images      []Image
	ToolCalls   []ToolCall
	ToolResults []ToolResult
	// Cache marks the end of the stable prefix every request of a
	// discussion repeats (the system prompt and the context files):
	// Anthropic marks it with cache_control so repeated sends read it
	// from the prompt cache; other providers cache on their own.
	Cache bool
}

// ToolSpec describes a tool the model may call; Params is a JSON Schema
// object ("type": "object", "properties": …, "required": …).
type ToolSpec struct {
	Name        string
	Description string
	Params      map[string]any
}

// Request is one model call.
type Request struct {
	Model       string
	System      string
	Messages    []Message
	Tools       []ToolSpec
	Temperature float64
	MaxTokens   int
	// Answer, when set, constrains the answer to one JSON object of its
	// schema, by the provider's own means (see AnswerSchema). The JSON
	// comes back as the answer's text events, as any answer does.
	Answer *AnswerSchema
}

// AnswerSchema is the shape a structured answer must have, sent the way
// each provider takes it: OpenAI's response_format json_schema (strict),
// a forced tool whose input is the answer for Anthropic (its tool_use
// input comes back as text, not as a ToolCall), and Gemini's
// responseMimeType application/json with responseSchema (the schema cut
// to the OpenAPI subset Gemini takes: additionalProperties and other
// keywords it refuses are left out).
//
// Schema must be an object schema that OpenAI's strict mode takes: every
// property required, additionalProperties false on every object.
type AnswerSchema struct {
	// Name is letters, digits, '_' and '-', at most 64 (the json_schema
	// name, the Anthropic tool's name).
	Name        string
	Description string
	Schema      map[string]any
}

// Usage counts tokens as the provider reports them. In and Out are the
// prompt and answer tokens. CacheRead and CacheWrite are the prompt
// tokens read from and written to the provider's prompt cache: Anthropic
// counts them beside In (its input_tokens excludes them); OpenAI and
// Gemini count the cached tokens within In and write no cache entries.
type Usage struct {
	In, Out               int
	CacheRead, CacheWrite int
}

// EventKind says what an Event carries.
type EventKind int

// The kinds of events a stream delivers.
const (
	EventText     EventKind = iota // Text holds the next piece of the answer
	EventToolCall                  // Call is a complete tool call
	EventUsage                     // Usage holds the token counts so far
	EventDone                      // the answer is complete; Exchange is set
	EventError                     // Err is set (an *Error); Exchange is set
)

// Event is one step of a streamed answer.
type Event struct {
	Kind     EventKind
	Text     string
	Call     ToolCall
	Usage    Usage
	Stop     string // the provider's stop reason (Done)
	Err      error
	Exchange Exchange // what went over the wire (Done and Error)
}

// Exchange records one request for the comms history: the request body
// as sent (JSON, keys redacted), the HTTP status and how long it took.
type Exchange struct {
	RequestJSON string
	Status      int
	Latency     time.Duration
}

// Provider is one configured model provider.
type Provider interface {
	// Name is the provider's name (OpenAI, Anthropic or Gemini).
	Name() string
	// Stream sends req and delivers the answer as events on the returned
	// channel, which is closed after one EventDone or EventError.
	// Cancelling ctx ends the stream with an EventError of KindCanceled.
	Stream(ctx context.Context, req Request) <-chan Event
	// Models lists the model names the provider offers.
	Models(ctx context.Context) ([]string, error)
}

// Config configures New.
type Config struct {
	Provider string // OpenAI, Anthropic or Gemini
	BaseURL  string // empty: the provider's default
	APIKey   string
	// KeyVar is the environment variable the key belongs in, named in
	// errors about the key (KeyVar(Provider) when empty).
	KeyVar string
	// HeaderTimeout bounds the wait for the response headers (60 s when
	// zero): a server that accepts and never answers is a timeout.
	HeaderTimeout time.Duration
	// Transport is the HTTP transport underneath (http.DefaultTransport's
	// settings when nil); tests pass their own.
	Transport http.RoundTripper
}

// New returns the Provider cfg names.
func New(cfg Config) (Provider, error) {
	if cfg.KeyVar == "" {
		cfg.KeyVar = KeyVar(cfg.Provider)
	}
	if cfg.HeaderTimeout == 0 {
		cfg.HeaderTimeout = 60 * time.Second
	}
	switch cfg.Provider {
	case OpenAI:
		return &openaiProvider{cfg: cfg}, nil
	case Anthropic:
		return &anthropicProvider{cfg: cfg}, nil
	case Gemini:
		return &geminiProvider{cfg: cfg}, nil
	}
	return nil, fmt.Errorf("unknown provider %q: choose one of %s, %s, %s", cfg.Provider, OpenAI, Anthropic, Gemini)
}

// runStream runs one streaming call on a goroutine and turns its outcome
// into the closing event. call emits events and returns the stop reason.
func runStream(ctx context.Context, cfg Config, call func(ctx context.Context, hc *http.Client, emit func(Event)) (string, error)) <-chan Event {
	ch := make(chan Event, 64)
	go func() {
		defer close(ch)
		rec := newRecorder(cfg)
		start := time.Now()
		emit := func(e Event) {
			select {
			case ch <- e:
			case <-ctx.Done():
			}
		}
		stop, err := call(ctx, rec.client(), emit)
		ex := rec.exchange(time.Since(start))
		if err == nil && ctx.Err() != nil {
			err = ctx.Err()
		}
		if err != nil {
			ch <- Event{Kind: EventError, Err: classify(err, cfg, rec), Exchange: ex}
			return
		}
		ch <- Event{Kind: EventDone, Stop: stop, Exchange: ex}
	}()
	return ch
}

// argsJSON returns s if it is a JSON object, else "{}" (a model that
// streamed no arguments called the tool with none).
func argsJSON(s string) string {
	var m map[string]any
	if s == "" || json.Unmarshal([]byte(s), &m) != nil {
		return "{}"
	}
	return s
}
