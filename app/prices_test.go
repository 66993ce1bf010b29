package app_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/state"
)

// A price in config.toml reaches the MMA token table: a tier-1 plan
// against a real OpenAI-compatible server on 127.0.0.1 is counted with
// its tokens and priced from the user's entry; the request asked for the
// tracks schema as structured output.
func TestConfigPriceCostsMMAUsage(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", testKey)
	t.Setenv("OPENAI_BASE_URL", "")
	srv := newChatServer(t, textReply(`{"tracks":[{"title":"notes","brief":"tidy the notes","files":["notes.txt"]}]}`))
	cfgDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(cfgDir, "config.toml"), []byte("[Prices.\"test-model\"]\nIn = 10\nOut = 20\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	hc := headless.New(t, 1280, 800)
	a := mustOpen(t, app.Config{ConfigDir: cfgDir, ProjectPath: filepath.Join(t.TempDir(), "p.toml")})
	if p := a.Prices["test-model"]; p != (state.Price{In: 10, Out: 20}) {
		t.Fatalf("the config's price table was not loaded: %v", a.Prices)
	}
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "notes.txt"), []byte("notes\n"), 0o644)
	a.Project = state.Project{Name: "t", Root: root}
	a.AI = state.AISettings{Provider: "openai-compatible", Model: "test-model", BaseURL: srv.URL, MaxTokens: 100}
	frames := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("%s: not within 20s", what)
			}
			if err := hc.Frame(a.Frame); err != nil {
				t.Fatal(err)
			}
			time.Sleep(5 * time.Millisecond) // frame pacing, as giu's loop would
		}
	}
	// The host made with the settings above (a host made before them is
	// replaced once they differ and it is idle).
	frames("an MMA host", func() bool { return app.MMAForTest(a) != nil })
	if err := hc.Frames(3, a.Frame); err != nil {
		t.Fatal(err)
	}
	h := app.MMAForTest(a)
	h.Plan("tidy up")
	frames("the plan", func() bool { v := h.MMAView(); return !v.Planning && len(v.Usage) == 1 })
	v := h.MMAView()
	if v.PlanError != "" || len(v.Proposals) != 1 {
		t.Fatalf("plan: error %q, proposals %+v", v.PlanError, v.Proposals)
	}
	u := v.Usage[0]
	if u.Tier != 1 || u.Model != "test-model" || u.In != 50 || u.Out != 5 || !u.Priced || math.Abs(u.Cost-(50*10+5*20)/1e6) > 1e-12 {
		t.Errorf("usage row %+v, want tier 1, test-model, 50 in, 5 out, priced at $%g", u, (50*10+5*20)/1e6)
	}
	var body struct {
		ResponseFormat struct {
			Type       string `json:"type"`
			JSONSchema struct {
				Name   string         `json:"name"`
				Strict bool           `json:"strict"`
				Schema map[string]any `json:"schema"`
			} `json:"json_schema"`
		} `json:"response_format"`
	}
	if err := json.Unmarshal([]byte(srv.body(0)), &body); err != nil {
		t.Fatal(err)
	}
	rf := body.ResponseFormat
	if rf.Type != "json_schema" || rf.JSONSchema.Name != "tracks" || !rf.JSONSchema.Strict || rf.JSONSchema.Schema["properties"] == nil {
		t.Errorf("the tier-1 request's response_format = %+v", rf)
	}
}
