package llm

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// openaiProvider speaks the OpenAI chat completions API: POST
// {base}/chat/completions with "stream": true, answered as SSE chunks
// that end with a finish_reason and "data: [DONE]".
type openaiProvider struct{ cfg Config }

var _ Provider = (*openaiProvider)(nil)

func (p *openaiProvider) Name() string { return OpenAI }

// url is the endpoint path under the base URL (default OpenAI's /v1).
func (p *openaiProvider) url(path string) string {
	base := p.cfg.BaseURL
	if base == "" {
		base = "https://api.openai.com/v1"
	}
	return strings.TrimRight(base, "/") + "/" + path
}

func (p *openaiProvider) header() http.Header {
	h := http.Header{}
	if p.cfg.APIKey != "" { // local servers take none
		h.Set("Authorization", "Bearer "+p.cfg.APIKey)
	}
	return h
}

func (p *openaiProvider) Models(ctx context.Context) ([]string, error) {
	rec := newRecorder(p.cfg)
	var page struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if err := getJSON(ctx, rec.client(), p.url("models"), p.header(), &page); err != nil {
		return nil, classify(err, p.cfg, rec)
	}
	var names []string
	for _, m := range page.Data {
		names = append(names, m.ID)
	}
	slices.Sort(names)
	return names, nil
}

// openaiChunk is the part of a streamed chat.completion.chunk we read.
type openaiChunk struct {
	Choices []struct {
		Delta struct {
			Content   string `json:"content"`
			ToolCalls []struct {
				Index    int    `json:"index"`
				ID       string `json:"id"`
				Function struct {
					Name      string `json:"name"`
					Arguments string `json:"arguments"`
				} `json:"function"`
			} `json:"tool_calls"`
		} `json:"delta"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
	Usage *struct {
		PromptTokens        int `json:"prompt_tokens"`
		CompletionTokens    int `json:"completion_tokens"`
		PromptTokensDetails struct {
			CachedTokens int `json:"cached_tokens"`
		} `json:"prompt_tokens_details"`
	} `json:"usage"`
	Error json.RawMessage `json:"error"`
}

func (p *openaiProvider) Stream(ctx context.Context, req Request) <-chan Event {
	return runStream(ctx, p.cfg, func(ctx context.Context, hc *http.Client, emit func(Event)) (string, error) {
		body := map[string]any{
			"model":          req.Model,
			"messages":       openaiMessages(req),
			"stream":         true,
			"stream_options": map[string]any{"include_usage": true},
			"temperature":    req.Temperature,
		}
		if req.MaxTokens > 0 {
			body["max_tokens"] = req.MaxTokens
		}
		var tools []any
		for _, t := range req.Tools {
			tools = append(tools, map[string]any{"type": "function", "function": map[string]any{
				"name": t.Name, "description": t.Description, "parameters": t.Params}})
		}
		if len(tools) > 0 {
			body["tools"] = tools
		}
		if a := req.Answer; a != nil {
			js := map[string]any{"name": a.Name, "schema": a.Schema, "strict": true}
			if a.Description != "" {
				js["description"] = a.Description
			}
			body["response_format"] = map[string]any{"type": "json_schema", "json_schema": js}
		}
		resp, err := send(ctx, hc, http.MethodPost, p.url("chat/completions"), p.header(), body)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		type partial struct{ id, name, args strings.Builder }
		var calls []*partial
		stop, done := "", false
		err = readSSE(resp.Body, func(_, data string) error {
			if data == "[DONE]" {
				done = true
				return errStop
			}
			var c openaiChunk
			if err := json.Unmarshal([]byte(data), &c); err != nil {
				return err
			}
			if len(c.Error) > 0 && string(c.Error) != "null" {
				return streamError(p.cfg, c.Error)
			}
			if u := c.Usage; u != nil && (u.PromptTokens > 0 || u.CompletionTokens > 0) {
				emit(Event{Kind: EventUsage, Usage: Usage{In: u.PromptTokens, Out: u.CompletionTokens, CacheRead: u.PromptTokensDetails.CachedTokens}})
			}
			for _, ch := range c.Choices {
				if ch.Delta.Content != "" {
					emit(Event{Kind: EventText, Text: ch.Delta.Content})
				}
				for _, tc := range ch.Delta.ToolCalls {
					if tc.Index < 0 || tc.Index >= 256 {
						return fmt.Errorf("the server sent tool call number %d: not a call slopgui can take", tc.Index)
					}
					for len(calls) <= tc.Index {
						calls = append(calls, &partial{})
					}
					calls[tc.Index].id.WriteString(tc.ID)
					calls[tc.Index].name.WriteString(tc.Function.Name)
					calls[tc.Index].args.WriteString(tc.Function.Arguments)
				}
				if ch.FinishReason != "" {
					stop = ch.FinishReason
				}
			}
			return nil
		})
		if err != nil {
			return "", err
		}
		if !done && stop == "" {
			return "", errIncomplete
		}
		for _, c := range calls {
			emit(Event{Kind: EventToolCall, Call: ToolCall{ID: c.id.String(), Name: c.name.String(), Args: argsJSON(c.args.String())}})
		}
		return stop, nil
	})
}

// openaiMessages is req as chat messages: the system prompt first, tool
// results as "tool" messages, images as data URLs.
func openaiMessages(req Request) []any {
	var out []any
	if req.System != "" {
		out = append(out, map[string]any{"role": "system", "content": req.System})
	}
	for _, m := range req.Messages {
		if m.Role == Assistant {
			a := map[string]any{"role": "assistant"}
			if m.Text != "" {
				a["content"] = m.Text
			}
			var calls []any
			for _, c := range m.ToolCalls {
				calls = append(calls, map[string]any{"id": c.ID, "type": "function",
					"function": map[string]any{"name": c.Name, "arguments": c.Args}})
			}
			if len(calls) > 0 {
				a["tool_calls"] = calls
			}
			out = append(out, a)
			continue
		}
		for _, r := range m.ToolResults {
			out = append(out, map[string]any{"role": "tool", "tool_call_id": r.CallID, "content": r.Content})
		}
		switch {
		case m.Text == "" && len(m.Images) == 0:
		case len(m.Images) == 0:
			out = append(out, map[string]any{"role": "user", "content": m.Text})
		default:
			parts := []any{map[string]any{"type": "text", "text": m.Text}}
			for _, img := range m.Images {
				url := "data:" + img.MIME + ";base64," + base64.StdEncoding.EncodeToString(img.Data)
				parts = append(parts, map[string]any{"type": "image_url", "image_url": map[string]any{"url": url}})
			}
			out = append(out, map[string]any{"role": "user", "content": parts})
		}
	}
	return out
}
