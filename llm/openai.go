package llm

import (
	"context"
	"encoding/base64"
	"net/http"
	"slices"
	"strings"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/packages/param"
	"github.com/openai/openai-go/v3/shared"
)

// openaiProvider speaks the OpenAI chat completions API (openai-go).
type openaiProvider struct{ cfg Config }

var _ Provider = (*openaiProvider)(nil)

func (p *openaiProvider) Name() string { return OpenAI }

func (p *openaiProvider) client(hc *http.Client) openai.Client {
	// Options are explicit: the SDK would otherwise read OPENAI_* itself.
	opts := []option.RequestOption{
		option.WithAPIKey(p.cfg.APIKey), option.WithHTTPClient(hc), option.WithMaxRetries(0),
	}
	if p.cfg.BaseURL != "" {
		opts = append(opts, option.WithBaseURL(p.cfg.BaseURL))
	} else {
		opts = append(opts, option.WithBaseURL("https://api.openai.com/v1/"))
	}
	return openai.NewClient(opts...)
}

func (p *openaiProvider) Models(ctx context.Context) ([]string, error) {
	rec := newRecorder(p.cfg)
	c := p.client(rec.client())
	page, err := c.Models.List(ctx)
	if err != nil {
		return nil, classify(err, p.cfg, rec)
	}
	var names []string
	for _, m := range page.Data {
		names = append(names, m.ID)
	}
	slices.Sort(names)
	return names, nil
}

func (p *openaiProvider) Stream(ctx context.Context, req Request) <-chan Event {
	return runStream(ctx, p.cfg, func(ctx context.Context, hc *http.Client, emit func(Event)) (string, error) {
		params := openai.ChatCompletionNewParams{
			Model:         req.Model,
			Messages:      openaiMessages(req),
			StreamOptions: openai.ChatCompletionStreamOptionsParam{IncludeUsage: openai.Bool(true)},
		}
		if req.MaxTokens > 0 {
			params.MaxTokens = openai.Int(int64(req.MaxTokens))
		}
		params.Temperature = openai.Float(req.Temperature)
		for _, t := range req.Tools {
			params.Tools = append(params.Tools, openai.ChatCompletionFunctionTool(shared.FunctionDefinitionParam{
				Name: t.Name, Description: param.NewOpt(t.Description), Parameters: t.Params,
			}))
		}
		c := p.client(hc)
		stream := c.Chat.Completions.NewStreaming(ctx, params)
		defer stream.Close()
		type partial struct{ id, name, args strings.Builder }
		var calls []*partial
		stop := ""
		for stream.Next() {
			chunk := stream.Current()
			if chunk.JSON.Usage.Valid() && (chunk.Usage.PromptTokens > 0 || chunk.Usage.CompletionTokens > 0) {
				emit(Event{Kind: EventUsage, Usage: Usage{In: int(chunk.Usage.PromptTokens), Out: int(chunk.Usage.CompletionTokens)}})
			}
			for _, c := range chunk.Choices {
				if c.Delta.Content != "" {
					emit(Event{Kind: EventText, Text: c.Delta.Content})
				}
				for _, tc := range c.Delta.ToolCalls {
					i := int(tc.Index)
					for len(calls) <= i {
						calls = append(calls, &partial{})
					}
					calls[i].id.WriteString(tc.ID)
					calls[i].name.WriteString(tc.Function.Name)
					calls[i].args.WriteString(tc.Function.Arguments)
				}
				if c.FinishReason != "" {
					stop = c.FinishReason
				}
			}
		}
		if err := stream.Err(); err != nil {
			return "", err
		}
		for _, c := range calls {
			emit(Event{Kind: EventToolCall, Call: ToolCall{ID: c.id.String(), Name: c.name.String(), Args: argsJSON(c.args.String())}})
		}
		return stop, nil
	})
}

func openaiMessages(req Request) []openai.ChatCompletionMessageParamUnion {
	var out []openai.ChatCompletionMessageParamUnion
	if req.System != "" {
		out = append(out, openai.SystemMessage(req.System))
	}
	for _, m := range req.Messages {
		switch m.Role {
		case Assistant:
			a := openai.ChatCompletionAssistantMessageParam{}
			if m.Text != "" {
				a.Content.OfString = param.NewOpt(m.Text)
			}
			for _, c := range m.ToolCalls {
				a.ToolCalls = append(a.ToolCalls, openai.ChatCompletionMessageToolCallUnionParam{
					OfFunction: &openai.ChatCompletionMessageFunctionToolCallParam{
						ID:       c.ID,
						Function: openai.ChatCompletionMessageFunctionToolCallFunctionParam{Name: c.Name, Arguments: c.Args},
					}})
			}
			out = append(out, openai.ChatCompletionMessageParamUnion{OfAssistant: &a})
		default:
			for _, r := range m.ToolResults {
				out = append(out, openai.ToolMessage(r.Content, r.CallID))
			}
			if m.Text == "" && len(m.Images) == 0 {
				continue
			}
			if len(m.Images) == 0 {
				out = append(out, openai.UserMessage(m.Text))
				continue
			}
			parts := []openai.ChatCompletionContentPartUnionParam{openai.TextContentPart(m.Text)}
			for _, img := range m.Images {
				url := "data:" + img.MIME + ";base64," + base64.StdEncoding.EncodeToString(img.Data)
				parts = append(parts, openai.ImageContentPart(openai.ChatCompletionContentPartImageImageURLParam{URL: url}))
			}
			out = append(out, openai.UserMessage(parts))
		}
	}
	return out
}
