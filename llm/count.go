package llm

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"

	tiktoken "github.com/pkoukk/tiktoken-go"
	tiktokenloader "github.com/pkoukk/tiktoken-go-loader"
)

// Counter is a provider that counts a request's input tokens with its own
// endpoint, as the model will see them: Anthropic's POST
// /v1/messages/count_tokens and Gemini's models/{model}:countTokens.
// OpenAI-compatible servers have none: LocalTokens estimates for them.
type Counter interface {
	CountTokens(ctx context.Context, req Request) (int, error)
}

var (
	_ Counter = (*anthropicProvider)(nil)
	_ Counter = (*geminiProvider)(nil)
)

// CountTokens asks Anthropic's count_tokens endpoint.
func (p *anthropicProvider) CountTokens(ctx context.Context, req Request) (int, error) {
	rec := newRecorder(p.cfg)
	body := map[string]any{"model": req.Model, "messages": anthropicMessages(req)}
	if req.System != "" {
		body["system"] = req.System
	}
	var tools []any
	for _, t := range req.Tools {
		schema := map[string]any{"type": "object"}
		for k, v := range t.Params {
			schema[k] = v
		}
		tools = append(tools, map[string]any{"name": t.Name, "description": t.Description, "input_schema": schema})
	}
	if len(tools) > 0 {
		body["tools"] = tools
	}
	var out struct {
		InputTokens *int `json:"input_tokens"`
	}
	if err := postJSON(ctx, rec.client(), p.url("messages/count_tokens"), p.header(), body, &out); err != nil {
		return 0, classify(err, p.cfg, rec)
	}
	if out.InputTokens == nil {
		return 0, fmt.Errorf("anthropic count_tokens: no input_tokens in the answer")
	}
	return *out.InputTokens, nil
}

// CountTokens asks Gemini's countTokens endpoint, with the whole
// generateContent request (system instruction and tools included).
func (p *geminiProvider) CountTokens(ctx context.Context, req Request) (int, error) {
	rec := newRecorder(p.cfg)
	h, err := p.header()
	if err != nil {
		return 0, err
	}
	model := "models/" + strings.TrimPrefix(req.Model, "models/")
	gen := map[string]any{"model": model, "contents": p.contents(req)}
	if req.System != "" {
		gen["systemInstruction"] = geminiContent{Role: "user", Parts: []geminiPart{{Text: req.System}}}
	}
	var decls []any
	for _, s := range req.Tools {
		decls = append(decls, map[string]any{"name": s.Name, "description": s.Description, "parametersJsonSchema": s.Params})
	}
	if len(decls) > 0 {
		gen["tools"] = []any{map[string]any{"functionDeclarations": decls}}
	}
	var out struct {
		TotalTokens *int `json:"totalTokens"`
	}
	if err := postJSON(ctx, rec.client(), p.url(model+":countTokens"), h, map[string]any{"generateContentRequest": gen}, &out); err != nil {
		return 0, classify(err, p.cfg, rec)
	}
	if out.TotalTokens == nil {
		return 0, fmt.Errorf("gemini countTokens: no totalTokens in the answer")
	}
	return *out.TotalTokens, nil
}

// postJSON POSTs body and decodes the JSON answer into v.
func postJSON(ctx context.Context, hc *http.Client, url string, header http.Header, body, v any) error {
	resp, err := send(ctx, hc, http.MethodPost, url, header, body)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("reading the answer from %s: %w", url, err)
	}
	return nil
}

// ImageTokens is the local estimate of one image's tokens (providers
// charge by its size; about a 1,000 × 750 screenshot).
const ImageTokens = 1000

var (
	bpeOnce sync.Once
	bpe     *tiktoken.Tiktoken
	bpeErr  error
)

// LocalTokens counts text's tokens with OpenAI's o200k_base BPE
// (tiktoken-go, its ranks embedded in the binary: no network). It is
// exact for OpenAI's current models and an estimate for others. The
// first call loads the ranks (a fraction of a second): call it off the
// render thread.
func LocalTokens(text string) int {
	if text == "" {
		return 0
	}
	bpeOnce.Do(func() {
		tiktoken.SetBpeLoader(tiktokenloader.NewOfflineLoader())
		bpe, bpeErr = tiktoken.GetEncoding(tiktoken.MODEL_O200K_BASE)
	})
	if bpeErr != nil {
		return int(EstimateTokens(int64(len(text)), 0))
	}
	return len(bpe.EncodeOrdinary(text))
}
