package llm

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/anthropics/anthropic-sdk-go"
	"github.com/anthropics/anthropic-sdk-go/option"
)

// anthropicProvider speaks the Anthropic Messages API (anthropic-sdk-go).
type anthropicProvider struct{ cfg Config }

var _ Provider = (*anthropicProvider)(nil)

func (p *anthropicProvider) Name() string { return Anthropic }

func (p *anthropicProvider) client(hc *http.Client) anthropic.Client {
	opts := []option.RequestOption{
		option.WithAPIKey(p.cfg.APIKey), option.WithHTTPClient(hc), option.WithMaxRetries(0),
	}
	base := p.cfg.BaseURL
	if base == "" {
		base = "https://api.anthropic.com/"
	}
	opts = append(opts, option.WithBaseURL(base))
	return anthropic.NewClient(opts...)
}

func (p *anthropicProvider) Models(ctx context.Context) ([]string, error) {
	rec := newRecorder(p.cfg)
	c := p.client(rec.client())
	page, err := c.Models.List(ctx, anthropic.ModelListParams{Limit: anthropic.Int(1000)})
	if err != nil {
		return nil, classify(err, p.cfg, rec)
	}
	var names []string
	for _, m := range page.Data {
		names = append(names, m.ID)
	}
	return names, nil
}

func (p *anthropicProvider) Stream(ctx context.Context, req Request) <-chan Event {
	return runStream(ctx, p.cfg, func(ctx context.Context, hc *http.Client, emit func(Event)) (string, error) {
		maxTok := int64(req.MaxTokens)
		if maxTok <= 0 {
			maxTok = 4096
		}
		params := anthropic.MessageNewParams{
			Model:       anthropic.Model(req.Model),
			MaxTokens:   maxTok,
			Messages:    anthropicMessages(req),
			Temperature: anthropic.Float(min(req.Temperature, 1)),
		}
		if req.System != "" {
			params.System = []anthropic.TextBlockParam{{Text: req.System}}
		}
		for _, t := range req.Tools {
			schema := anthropic.ToolInputSchemaParam{Properties: t.Params["properties"]}
			if r, ok := t.Params["required"].([]string); ok {
				schema.Required = r
			}
			params.Tools = append(params.Tools, anthropic.ToolUnionParam{OfTool: &anthropic.ToolParam{
				Name: t.Name, Description: anthropic.String(t.Description), InputSchema: schema,
			}})
		}
		c := p.client(hc)
		stream := c.Messages.NewStreaming(ctx, params)
		defer stream.Close()
		type block struct {
			id, name string
			args     strings.Builder
			tool     bool
		}
		blocks := map[int64]*block{}
		var order []int64
		var usage Usage
		stop := ""
		for stream.Next() {
			ev := stream.Current()
			switch ev.Type {
			case "message_start":
				usage.In = int(ev.Message.Usage.InputTokens)
				usage.Out = int(ev.Message.Usage.OutputTokens)
				emit(Event{Kind: EventUsage, Usage: usage})
			case "content_block_start":
				b := &block{id: ev.ContentBlock.ID, name: ev.ContentBlock.Name, tool: ev.ContentBlock.Type == "tool_use"}
				blocks[ev.Index] = b
				order = append(order, ev.Index)
				if ev.ContentBlock.Type == "text" && ev.ContentBlock.Text != "" {
					emit(Event{Kind: EventText, Text: ev.ContentBlock.Text})
				}
			case "content_block_delta":
				switch ev.Delta.Type {
				case "text_delta":
					emit(Event{Kind: EventText, Text: ev.Delta.Text})
				case "input_json_delta":
					if b := blocks[ev.Index]; b != nil {
						b.args.WriteString(ev.Delta.PartialJSON)
					}
				}
			case "message_delta":
				if ev.Usage.OutputTokens > 0 {
					usage.Out = int(ev.Usage.OutputTokens)
				}
				if ev.Usage.InputTokens > 0 {
					usage.In = int(ev.Usage.InputTokens)
				}
				emit(Event{Kind: EventUsage, Usage: usage})
				if ev.Delta.StopReason != "" {
					stop = string(ev.Delta.StopReason)
				}
			}
		}
		if err := stream.Err(); err != nil {
			return "", err
		}
		for _, i := range order {
			if b := blocks[i]; b.tool {
				emit(Event{Kind: EventToolCall, Call: ToolCall{ID: b.id, Name: b.name, Args: argsJSON(b.args.String())}})
			}
		}
		return stop, nil
	})
}

func anthropicMessages(req Request) []anthropic.MessageParam {
	var out []anthropic.MessageParam
	for _, m := range req.Messages {
		var blocks []anthropic.ContentBlockParamUnion
		if m.Role == Assistant {
			if m.Text != "" {
				blocks = append(blocks, anthropic.NewTextBlock(m.Text))
			}
			for _, c := range m.ToolCalls {
				var input any = map[string]any{}
				_ = json.Unmarshal([]byte(c.Args), &input)
				blocks = append(blocks, anthropic.NewToolUseBlock(c.ID, input, c.Name))
			}
			if len(blocks) > 0 {
				out = append(out, anthropic.NewAssistantMessage(blocks...))
			}
			continue
		}
		for _, r := range m.ToolResults {
			blocks = append(blocks, anthropic.NewToolResultBlock(r.CallID, r.Content, r.IsError))
		}
		for _, img := range m.Images {
			blocks = append(blocks, anthropic.NewImageBlockBase64(img.MIME, base64.StdEncoding.EncodeToString(img.Data)))
		}
		if m.Text != "" {
			blocks = append(blocks, anthropic.NewTextBlock(m.Text))
		}
		if len(blocks) > 0 {
			out = append(out, anthropic.NewUserMessage(blocks...))
		}
	}
	return out
}
