package llm

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"google.golang.org/genai"
)

// geminiProvider speaks the Gemini API (google.golang.org/genai).
type geminiProvider struct{ cfg Config }

var _ Provider = (*geminiProvider)(nil)

func (p *geminiProvider) Name() string { return Gemini }

func (p *geminiProvider) client(ctx context.Context, hc *http.Client) (*genai.Client, error) {
	cc := &genai.ClientConfig{APIKey: p.cfg.APIKey, Backend: genai.BackendGeminiAPI, HTTPClient: hc}
	if p.cfg.BaseURL != "" {
		cc.HTTPOptions.BaseURL = p.cfg.BaseURL
	}
	if p.cfg.APIKey == "" {
		// The SDK refuses to start without a key; say which variable.
		return nil, &Error{Kind: KindAuth, Provider: Gemini, Status: 401, KeyVar: p.cfg.KeyVar, Detail: "no API key is set"}
	}
	c, err := genai.NewClient(ctx, cc)
	if err != nil {
		return nil, fmt.Errorf("gemini client: %w", err)
	}
	return c, nil
}

func (p *geminiProvider) Models(ctx context.Context) ([]string, error) {
	rec := newRecorder(p.cfg)
	c, err := p.client(ctx, rec.client())
	if err != nil {
		return nil, classify(err, p.cfg, rec)
	}
	var names []string
	for m, err := range c.Models.All(ctx) {
		if err != nil {
			return nil, classify(err, p.cfg, rec)
		}
		names = append(names, strings.TrimPrefix(m.Name, "models/"))
	}
	return names, nil
}

func (p *geminiProvider) Stream(ctx context.Context, req Request) <-chan Event {
	return runStream(ctx, p.cfg, func(ctx context.Context, hc *http.Client, emit func(Event)) (string, error) {
		c, err := p.client(ctx, hc)
		if err != nil {
			return "", err
		}
		temp := float32(req.Temperature)
		cfg := &genai.GenerateContentConfig{Temperature: &temp}
		if req.MaxTokens > 0 {
			cfg.MaxOutputTokens = int32(req.MaxTokens)
		}
		if req.System != "" {
			cfg.SystemInstruction = genai.NewContentFromText(req.System, genai.RoleUser)
		}
		if len(req.Tools) > 0 {
			t := &genai.Tool{}
			for _, s := range req.Tools {
				t.FunctionDeclarations = append(t.FunctionDeclarations, &genai.FunctionDeclaration{
					Name: s.Name, Description: s.Description, ParametersJsonSchema: s.Params,
				})
			}
			cfg.Tools = []*genai.Tool{t}
		}
		stop := ""
		n := 0
		for resp, err := range c.Models.GenerateContentStream(ctx, req.Model, geminiContents(req), cfg) {
			if err != nil {
				return "", err
			}
			if u := resp.UsageMetadata; u != nil {
				emit(Event{Kind: EventUsage, Usage: Usage{In: int(u.PromptTokenCount), Out: int(u.CandidatesTokenCount)}})
			}
			for _, cand := range resp.Candidates {
				if cand.FinishReason != "" {
					stop = string(cand.FinishReason)
				}
				if cand.Content == nil {
					continue
				}
				for _, part := range cand.Content.Parts {
					switch {
					case part.FunctionCall != nil:
						n++
						args, _ := json.Marshal(part.FunctionCall.Args)
						id := part.FunctionCall.ID
						if id == "" {
							id = fmt.Sprintf("call_%d", n)
						}
						emit(Event{Kind: EventToolCall, Call: ToolCall{ID: id, Name: part.FunctionCall.Name, Args: argsJSON(string(args))}})
					case part.Text != "" && !part.Thought:
						emit(Event{Kind: EventText, Text: part.Text})
					}
				}
			}
		}
		return stop, nil
	})
}

func geminiContents(req Request) []*genai.Content {
	var out []*genai.Content
	for _, m := range req.Messages {
		var parts []*genai.Part
		if m.Role == Assistant {
			if m.Text != "" {
				parts = append(parts, genai.NewPartFromText(m.Text))
			}
			for _, c := range m.ToolCalls {
				args := map[string]any{}
				_ = json.Unmarshal([]byte(c.Args), &args)
				parts = append(parts, &genai.Part{FunctionCall: &genai.FunctionCall{ID: c.ID, Name: c.Name, Args: args}})
			}
			if len(parts) > 0 {
				out = append(out, genai.NewContentFromParts(parts, genai.RoleModel))
			}
			continue
		}
		for _, r := range m.ToolResults {
			key := "output"
			if r.IsError {
				key = "error"
			}
			parts = append(parts, &genai.Part{FunctionResponse: &genai.FunctionResponse{
				ID: r.CallID, Name: r.Name, Response: map[string]any{key: r.Content}}})
		}
		for _, img := range m.Images {
			parts = append(parts, genai.NewPartFromBytes(img.Data, img.MIME))
		}
		if m.Text != "" {
			parts = append(parts, genai.NewPartFromText(m.Text))
		}
		if len(parts) > 0 {
			out = append(out, genai.NewContentFromParts(parts, genai.RoleUser))
		}
	}
	return out
}
