package llm

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// anthropicProvider speaks the Anthropic Messages API: POST
// {base}/v1/messages with "stream": true, answered as SSE events from
// message_start to message_stop. The stable prefix every request of a
// discussion repeats (tools, the system prompt, and the context files'
// message, Message.Cache) is marked for the prompt cache: the system
// prompt's block and the context message's last block carry
// cache_control.
type anthropicProvider struct{ cfg Config }

var _ Provider = (*anthropicProvider)(nil)

func (p *anthropicProvider) Name() string { return Anthropic }

func (p *anthropicProvider) url(path string) string {
	base := p.cfg.BaseURL
	if base == "" {
		base = "https://api.anthropic.com"
	}
	return strings.TrimRight(base, "/") + "/v1/" + path
}

func (p *anthropicProvider) header() http.Header {
	h := http.Header{}
	h.Set("X-Api-Key", p.cfg.APIKey)
	h.Set("Anthropic-Version", "2023-06-01")
	return h
}

func (p *anthropicProvider) Models(ctx context.Context) ([]string, error) {
	rec := newRecorder(p.cfg)
	var names []string
	after := ""
	for {
		u := p.url("models?limit=1000")
		if after != "" {
			u += "&after_id=" + url.QueryEscape(after)
		}
		var page struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
			HasMore bool   `json:"has_more"`
			LastID  string `json:"last_id"`
		}
		if err := getJSON(ctx, rec.client(), u, p.header(), &page); err != nil {
			return nil, classify(err, p.cfg, rec)
		}
		for _, m := range page.Data {
			names = append(names, m.ID)
		}
		if !page.HasMore || page.LastID == "" || page.LastID == after {
			return names, nil
		}
		after = page.LastID
	}
}

// anthropicUsage is the usage object of message_start and message_delta.
type anthropicUsage struct {
	InputTokens              int `json:"input_tokens"`
	OutputTokens             int `json:"output_tokens"`
	CacheCreationInputTokens int `json:"cache_creation_input_tokens"`
	CacheReadInputTokens     int `json:"cache_read_input_tokens"`
}

// anthropicEvent is the part of a streamed event we read.
type anthropicEvent struct {
	Type    string `json:"type"`
	Index   int    `json:"index"`
	Message struct {
		Usage anthropicUsage `json:"usage"`
	} `json:"message"`
	ContentBlock struct {
		Type string `json:"type"`
		ID   string `json:"id"`
		Name string `json:"name"`
		Text string `json:"text"`
	} `json:"content_block"`
	Delta struct {
		Type        string `json:"type"`
		Text        string `json:"text"`
		PartialJSON string `json:"partial_json"`
		StopReason  string `json:"stop_reason"`
	} `json:"delta"`
	Usage *anthropicUsage `json:"usage"`
	Error json.RawMessage `json:"error"`
}

// addAnthropic takes the counts a reports (message_delta repeats only some).
func (u *Usage) addAnthropic(a anthropicUsage) {
	for _, f := range []struct {
		dst *int
		v   int
	}{
		{&u.In, a.InputTokens}, {&u.Out, a.OutputTokens},
		{&u.CacheWrite, a.CacheCreationInputTokens}, {&u.CacheRead, a.CacheReadInputTokens},
	} {
		if f.v > 0 {
			*f.dst = f.v
		}
	}
}

func (p *anthropicProvider) Stream(ctx context.Context, req Request) <-chan Event {
	return runStream(ctx, p.cfg, func(ctx context.Context, hc *http.Client, emit func(Event)) (string, error) {
		maxTok := req.MaxTokens
		if maxTok <= 0 {
			maxTok = 4096
		}
		body := map[string]any{
			"model":       req.Model,
			"max_tokens":  maxTok,
			"messages":    anthropicMessages(req),
			"temperature": min(req.Temperature, 1),
			"stream":      true,
		}
		if req.System != "" {
			body["system"] = []any{map[string]any{"type": "text", "text": req.System,
				"cache_control": map[string]any{"type": "ephemeral"}}}
		}
		var tools []any
		for _, t := range req.Tools {
			schema := map[string]any{"type": "object"}
			for k, v := range t.Params {
				schema[k] = v
			}
			tools = append(tools, map[string]any{"name": t.Name, "description": t.Description, "input_schema": schema})
		}
		answer := "" // the forced tool whose input is the answer
		if a := req.Answer; a != nil {
			answer = a.Name
			desc := a.Description
			if desc == "" {
				desc = "Give your answer as this tool's input."
			}
			tools = append(tools, map[string]any{"name": a.Name, "description": desc, "input_schema": a.Schema})
			body["tool_choice"] = map[string]any{"type": "tool", "name": a.Name}
		}
		if len(tools) > 0 {
			body["tools"] = tools
		}
		resp, err := send(ctx, hc, http.MethodPost, p.url("messages"), p.header(), body)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		type block struct {
			id, name string
			args     strings.Builder
			tool     bool
			answer   bool // the forced answer tool: its input streams as text
		}
		blocks := map[int]*block{}
		var order []int
		var usage Usage
		stop, done := "", false
		err = readSSE(resp.Body, func(_, data string) error {
			var ev anthropicEvent
			if err := json.Unmarshal([]byte(data), &ev); err != nil {
				return err
			}
			switch ev.Type {
			case "error":
				return streamError(p.cfg, ev.Error)
			case "message_start":
				usage.addAnthropic(ev.Message.Usage)
				emit(Event{Kind: EventUsage, Usage: usage})
			case "content_block_start":
				cb := ev.ContentBlock
				tool := cb.Type == "tool_use"
				blocks[ev.Index] = &block{id: cb.ID, name: cb.Name, tool: tool, answer: tool && answer != "" && cb.Name == answer}
				order = append(order, ev.Index)
				if cb.Type == "text" && cb.Text != "" {
					emit(Event{Kind: EventText, Text: cb.Text})
				}
			case "content_block_delta":
				switch ev.Delta.Type {
				case "text_delta":
					emit(Event{Kind: EventText, Text: ev.Delta.Text})
				case "input_json_delta":
					if b := blocks[ev.Index]; b != nil && b.answer {
						if ev.Delta.PartialJSON != "" {
							emit(Event{Kind: EventText, Text: ev.Delta.PartialJSON})
						}
					} else if b != nil {
						b.args.WriteString(ev.Delta.PartialJSON)
					}
				}
			case "message_delta":
				if ev.Usage != nil {
					usage.addAnthropic(*ev.Usage)
				}
				emit(Event{Kind: EventUsage, Usage: usage})
				if ev.Delta.StopReason != "" {
					stop = ev.Delta.StopReason
				}
			case "message_stop":
				done = true
				return errStop
			}
			return nil
		})
		if err != nil {
			return "", err
		}
		if !done {
			return "", errIncomplete
		}
		calls := 0
		for _, i := range order {
			if b := blocks[i]; b.tool && !b.answer {
				calls++
				emit(Event{Kind: EventToolCall, Call: ToolCall{ID: b.id, Name: b.name, Args: argsJSON(b.args.String())}})
			}
		}
		if answer != "" && stop == "tool_use" && calls == 0 {
			stop = "end_turn" // the only tool used was the answer
		}
		return stop, nil
	})
}

// anthropicMessages is req's messages as content blocks: a user turn's
// tool results first, then its images and text.
func anthropicMessages(req Request) []any {
	text := func(s string) any { return map[string]any{"type": "text", "text": s} }
	var out []any
	for _, m := range req.Messages {
		var blocks []any
		role := "user"
		if m.Role == Assistant {
			role = "assistant"
			if m.Text != "" {
				blocks = append(blocks, text(m.Text))
			}
			for _, c := range m.ToolCalls {
				var input any = map[string]any{}
				_ = json.Unmarshal([]byte(c.Args), &input)
				blocks = append(blocks, map[string]any{"type": "tool_use", "id": c.ID, "name": c.Name, "input": input})
			}
		} else {
			for _, r := range m.ToolResults {
				blocks = append(blocks, map[string]any{"type": "tool_result", "tool_use_id": r.CallID,
					"content": r.Content, "is_error": r.IsError})
			}
			for _, img := range m.Images {
				blocks = append(blocks, map[string]any{"type": "image", "source": map[string]any{
					"type": "base64", "media_type": img.MIME, "data": base64.StdEncoding.EncodeToString(img.Data)}})
			}
			if m.Text != "" {
				blocks = append(blocks, text(m.Text))
			}
		}
		if len(blocks) > 0 {
			if m.Cache {
				blocks[len(blocks)-1].(map[string]any)["cache_control"] = map[string]any{"type": "ephemeral"}
			}
			out = append(out, map[string]any{"role": role, "content": blocks})
		}
	}
	return out
}
