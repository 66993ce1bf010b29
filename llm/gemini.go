package llm

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// geminiProvider speaks the Gemini API: POST
// {base}/v1beta/models/{model}:streamGenerateContent?alt=sse, answered as
// SSE chunks of which the last carries a finishReason.
//
// Gemini's thinking models sign their function calls and refuse the next
// request unless the call comes back with its thoughtSignature; the
// provider keeps each signature by call ID, as ToolCall has no field for
// it, and sends it back with the call.
type geminiProvider struct {
	cfg  Config
	mu   sync.Mutex
	sigs map[string]string // call ID → thoughtSignature
}

var _ Provider = (*geminiProvider)(nil)

func (p *geminiProvider) Name() string { return Gemini }

func (p *geminiProvider) url(path string) string {
	base := p.cfg.BaseURL
	if base == "" {
		base = "https://generativelanguage.googleapis.com"
	}
	return strings.TrimRight(base, "/") + "/v1beta/" + path
}

// header carries the key, or says which variable should hold it.
func (p *geminiProvider) header() (http.Header, error) {
	if p.cfg.APIKey == "" {
		return nil, &Error{Kind: KindAuth, Provider: Gemini, Status: 401, KeyVar: p.cfg.KeyVar, Detail: "no API key is set"}
	}
	h := http.Header{}
	h.Set("X-Goog-Api-Key", p.cfg.APIKey)
	return h, nil
}

func (p *geminiProvider) Models(ctx context.Context) ([]string, error) {
	rec := newRecorder(p.cfg)
	h, err := p.header()
	if err != nil {
		return nil, err
	}
	var names []string
	token := ""
	for {
		u := p.url("models?pageSize=1000")
		if token != "" {
			u += "&pageToken=" + url.QueryEscape(token)
		}
		var page struct {
			Models []struct {
				Name string `json:"name"`
			} `json:"models"`
			NextPageToken string `json:"nextPageToken"`
		}
		if err := getJSON(ctx, rec.client(), u, h, &page); err != nil {
			return nil, classify(err, p.cfg, rec)
		}
		for _, m := range page.Models {
			names = append(names, strings.TrimPrefix(m.Name, "models/"))
		}
		if page.NextPageToken == "" || page.NextPageToken == token {
			return names, nil
		}
		token = page.NextPageToken
	}
}

// geminiPart is one part of a Gemini content, as sent and received.
type geminiPart struct {
	Text             string          `json:"text,omitempty"`
	Thought          bool            `json:"thought,omitempty"`
	ThoughtSignature string          `json:"thoughtSignature,omitempty"`
	InlineData       *geminiBlob     `json:"inlineData,omitempty"`
	FunctionCall     *geminiCall     `json:"functionCall,omitempty"`
	FunctionResponse *geminiResponse `json:"functionResponse,omitempty"`
}

type geminiBlob struct {
	MIMEType string `json:"mimeType"`
	Data     string `json:"data"` // base64
}

type geminiCall struct {
	ID   string          `json:"id,omitempty"`
	Name string          `json:"name"`
	Args json.RawMessage `json:"args,omitempty"`
}

type geminiResponse struct {
	ID       string         `json:"id,omitempty"`
	Name     string         `json:"name"`
	Response map[string]any `json:"response"`
}

type geminiContent struct {
	Role  string       `json:"role,omitempty"`
	Parts []geminiPart `json:"parts"`
}

// geminiChunk is the part of a streamed GenerateContentResponse we read.
type geminiChunk struct {
	Candidates []struct {
		Content      *geminiContent `json:"content"`
		FinishReason string         `json:"finishReason"`
	} `json:"candidates"`
	PromptFeedback *struct {
		BlockReason string `json:"blockReason"`
	} `json:"promptFeedback"`
	UsageMetadata *struct {
		PromptTokenCount        int `json:"promptTokenCount"`
		CandidatesTokenCount    int `json:"candidatesTokenCount"`
		CachedContentTokenCount int `json:"cachedContentTokenCount"`
	} `json:"usageMetadata"`
	Error json.RawMessage `json:"error"`
}

func (p *geminiProvider) Stream(ctx context.Context, req Request) <-chan Event {
	return runStream(ctx, p.cfg, func(ctx context.Context, hc *http.Client, emit func(Event)) (string, error) {
		h, err := p.header()
		if err != nil {
			return "", err
		}
		gen := map[string]any{"temperature": req.Temperature}
		if req.MaxTokens > 0 {
			gen["maxOutputTokens"] = req.MaxTokens
		}
		if a := req.Answer; a != nil {
			gen["responseMimeType"] = "application/json"
			gen["responseSchema"] = geminiSchema(a.Schema)
		}
		body := map[string]any{"contents": p.contents(req), "generationConfig": gen}
		if req.System != "" {
			body["systemInstruction"] = geminiContent{Role: "user", Parts: []geminiPart{{Text: req.System}}}
		}
		var decls []any
		for _, s := range req.Tools {
			decls = append(decls, map[string]any{"name": s.Name, "description": s.Description, "parametersJsonSchema": s.Params})
		}
		if len(decls) > 0 {
			body["tools"] = []any{map[string]any{"functionDeclarations": decls}}
		}
		u := p.url("models/" + strings.TrimPrefix(req.Model, "models/") + ":streamGenerateContent?alt=sse")
		resp, err := send(ctx, hc, http.MethodPost, u, h, body)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		stop, n := "", 0
		err = readSSE(resp.Body, func(_, data string) error {
			var c geminiChunk
			if err := json.Unmarshal([]byte(data), &c); err != nil {
				return err
			}
			if len(c.Error) > 0 && string(c.Error) != "null" {
				return streamError(p.cfg, c.Error)
			}
			if u := c.UsageMetadata; u != nil {
				emit(Event{Kind: EventUsage, Usage: Usage{In: u.PromptTokenCount, Out: u.CandidatesTokenCount, CacheRead: u.CachedContentTokenCount}})
			}
			if f := c.PromptFeedback; f != nil && f.BlockReason != "" {
				stop = f.BlockReason // the prompt was refused: no candidates come
			}
			for _, cand := range c.Candidates {
				if cand.FinishReason != "" {
					stop = cand.FinishReason
				}
				if cand.Content == nil {
					continue
				}
				for _, part := range cand.Content.Parts {
					switch {
					case part.FunctionCall != nil:
						n++
						fc := part.FunctionCall
						id := fc.ID
						if id == "" {
							id = fmt.Sprintf("call_%d", n)
						}
						if part.ThoughtSignature != "" {
							p.mu.Lock()
							if p.sigs == nil {
								p.sigs = map[string]string{}
							}
							p.sigs[id] = part.ThoughtSignature
							p.mu.Unlock()
						}
						emit(Event{Kind: EventToolCall, Call: ToolCall{ID: id, Name: fc.Name, Args: argsJSON(string(fc.Args))}})
					case part.Text != "" && !part.Thought:
						emit(Event{Kind: EventText, Text: part.Text})
					}
				}
			}
			return nil
		})
		if err != nil {
			return "", err
		}
		if stop == "" {
			return "", errIncomplete
		}
		return stop, nil
	})
}

// contents is req's messages as Gemini contents ("user" and "model").
func (p *geminiProvider) contents(req Request) []geminiContent {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []geminiContent
	for _, m := range req.Messages {
		var parts []geminiPart
		role := "user"
		if m.Role == Assistant {
			role = "model"
			if m.Text != "" {
				parts = append(parts, geminiPart{Text: m.Text})
			}
			for _, c := range m.ToolCalls {
				parts = append(parts, geminiPart{FunctionCall: &geminiCall{ID: c.ID, Name: c.Name, Args: json.RawMessage(argsJSON(c.Args))},
					ThoughtSignature: p.sigs[c.ID]})
			}
		} else {
			for _, r := range m.ToolResults {
				key := "output"
				if r.IsError {
					key = "error"
				}
				parts = append(parts, geminiPart{FunctionResponse: &geminiResponse{ID: r.CallID, Name: r.Name,
					Response: map[string]any{key: r.Content}}})
			}
			for _, img := range m.Images {
				parts = append(parts, geminiPart{InlineData: &geminiBlob{MIMEType: img.MIME, Data: base64.StdEncoding.EncodeToString(img.Data)}})
			}
			if m.Text != "" {
				parts = append(parts, geminiPart{Text: m.Text})
			}
		}
		if len(parts) > 0 {
			out = append(out, geminiContent{Role: role, Parts: parts})
		}
	}
	return out
}

// geminiSchemaKeys are the JSON-schema keywords Gemini's responseSchema
// (a subset of the OpenAPI schema object) takes; geminiSchema leaves out
// every other one (additionalProperties, $schema, $defs, …), which
// Gemini refuses as unknown fields.
var geminiSchemaKeys = map[string]bool{
	"type": true, "format": true, "title": true, "description": true, "nullable": true, "enum": true,
	"items": true, "minItems": true, "maxItems": true,
	"properties": true, "required": true, "minProperties": true, "maxProperties": true, "propertyOrdering": true,
	"minLength": true, "maxLength": true, "pattern": true, "minimum": true, "maximum": true, "anyOf": true,
}

// geminiSchema is a JSON schema as Gemini's responseSchema takes it: only
// the keywords of geminiSchemaKeys, types in upper case (OBJECT, STRING),
// a type list with "null" as the other type and nullable.
func geminiSchema(s map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range s {
		if !geminiSchemaKeys[k] {
			continue
		}
		switch k {
		case "type":
			switch t := v.(type) {
			case string:
				out[k] = strings.ToUpper(t)
			case []any:
				for _, x := range t {
					if x == "null" {
						out["nullable"] = true
					} else if xs, ok := x.(string); ok {
						out[k] = strings.ToUpper(xs)
					}
				}
			case []string:
				for _, x := range t {
					if x == "null" {
						out["nullable"] = true
					} else {
						out[k] = strings.ToUpper(x)
					}
				}
			}
		case "items":
			if m, ok := v.(map[string]any); ok {
				out[k] = geminiSchema(m)
			}
		case "properties":
			if m, ok := v.(map[string]any); ok {
				props := map[string]any{}
				for name, ps := range m {
					if pm, ok := ps.(map[string]any); ok {
						props[name] = geminiSchema(pm)
					}
				}
				out[k] = props
			}
		case "anyOf":
			if l, ok := v.([]any); ok {
				var alts []any
				for _, x := range l {
					if m, ok := x.(map[string]any); ok {
						alts = append(alts, geminiSchema(m))
					}
				}
				out[k] = alts
			}
		default:
			out[k] = v
		}
	}
	return out
}
