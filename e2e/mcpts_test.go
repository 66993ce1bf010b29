package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/gui/uitree"
)

// mcpTSDir holds the TypeScript SDK client script, its package.json and
// package-lock.json; make test runs npm ci there.
const mcpTSDir = "testdata/mcpts"

// requireNode fails the test (never skips it) unless node is installed
// and npm ci has installed the pinned TypeScript MCP SDK next to the
// script.
func requireNode(t *testing.T) string {
	t.Helper()
	const fix = "run make test (it installs nodejs and npm and runs npm ci --prefix e2e/testdata/mcpts), or apt-get install nodejs npm && npm ci --prefix e2e/testdata/mcpts"
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not installed: %s", fix)
	}
	if v, err := exec.Command(node, "--version").Output(); err == nil {
		t.Logf("node %s", bytes.TrimSpace(v))
	}
	var want struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	b, err := os.ReadFile(filepath.Join(mcpTSDir, "package.json"))
	if err != nil || json.Unmarshal(b, &want) != nil || want.Dependencies["@modelcontextprotocol/sdk"] == "" {
		t.Fatalf("%s/package.json does not name @modelcontextprotocol/sdk: %v", mcpTSDir, err)
	}
	var have struct {
		Version string `json:"version"`
	}
	b, err = os.ReadFile(filepath.Join(mcpTSDir, "node_modules", "@modelcontextprotocol", "sdk", "package.json"))
	if err != nil {
		t.Fatalf("the TypeScript MCP SDK is not installed in %s/node_modules: %s", mcpTSDir, fix)
	}
	if json.Unmarshal(b, &have) != nil || have.Version != want.Dependencies["@modelcontextprotocol/sdk"] {
		t.Fatalf("%s/node_modules has @modelcontextprotocol/sdk %q, package.json pins %q: %s",
			mcpTSDir, have.Version, want.Dependencies["@modelcontextprotocol/sdk"], fix)
	}
	return node
}

// tsCall is one tool call as the TypeScript client saw it.
type tsCall struct {
	IsError    bool            `json:"isError"`
	Text       string          `json:"text"`
	Structured json.RawMessage `json:"structured"`
}

// tsRun is what client.mjs prints.
type tsRun struct {
	Server *struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"server"`
	Tools     []string     `json:"tools"`
	Reload    tsCall       `json:"reload"`
	UIError   *string      `json:"uiError"`
	Button    *uitree.Item `json:"button"`
	Before    tsCall       `json:"before"`
	Click     tsCall       `json:"click"`
	After     tsCall       `json:"after"`
	Ambiguous tsCall       `json:"ambiguous"`
	Missing   tsCall       `json:"missing"`
}

// TestMCPTypeScriptSDK: an MCP client that is not ours, the official
// TypeScript SDK run by node, starts `slopgui mcp` over stdio and drives a
// view the test just added a button to: hot_reload builds it in, get_ui
// lists the button, click runs its OnClick (the result lists the
// composer's new text), get_state reads the state the click changed; an
// ambiguous label and an unknown state key come back as tool errors.
func TestMCPTypeScriptSDK(t *testing.T) {
	t.Parallel()
	node := requireNode(t)
	s, _ := startCtlSession(t)
	actView(s)

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "client.mjs", s.bin, strconv.Itoa(s.cmd.Process.Pid))
	cmd.Dir = mcpTSDir
	cmd.Env = append(os.Environ(), s.env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node client.mjs: %v\nstdout: %s\nstderr: %s", err, stdout.String(), stderr.String())
	}
	var run tsRun
	if err := json.Unmarshal(stdout.Bytes(), &run); err != nil {
		t.Fatalf("client.mjs printed no JSON: %v\n%s\nstderr: %s", err, stdout.String(), stderr.String())
	}
	if stderr.Len() > 0 {
		t.Logf("the TypeScript client's stderr:\n%s", stderr.String())
	}

	if run.Server == nil || run.Server.Name != "slopgui" {
		t.Errorf("the server the TypeScript client met: %+v", run.Server)
	}
	for _, name := range []string{"hot_reload", "get_ui", "click", "get_state", "type", "wait_for"} {
		found := false
		for _, have := range run.Tools {
			found = found || have == name
		}
		if !found {
			t.Errorf("tools/list lacks %s: %v", name, run.Tools)
		}
	}

	var reload struct {
		OK     bool `json:"ok"`
		Status *struct {
			Generation int `json:"generation"`
		} `json:"status"`
	}
	if run.Reload.IsError || json.Unmarshal(run.Reload.Structured, &reload) != nil || !reload.OK || reload.Status == nil || reload.Status.Generation != 1 {
		t.Fatalf("hot_reload: isError %v, %s %s", run.Reload.IsError, run.Reload.Structured, run.Reload.Text)
	}
	if run.UIError != nil {
		t.Fatalf("get_ui: %s", *run.UIError)
	}
	if b := run.Button; b == nil || b.Window != "Discussion Hub" || !b.Enabled || b.ID == "" {
		t.Fatalf("get_ui: the added button is %+v", run.Button)
	}
	if run.Before.IsError || run.Before.Text != `""` {
		t.Errorf("get_state ComposerText before the click: %+v", run.Before)
	}

	var acted struct {
		Changed []uitree.Item `json:"changed"`
	}
	if run.Click.IsError || json.Unmarshal(run.Click.Structured, &acted) != nil {
		t.Fatalf("click: isError %v, %s %s", run.Click.IsError, run.Click.Structured, run.Click.Text)
	}
	changed := false
	for _, it := range acted.Changed {
		changed = changed || (it.Kind == uitree.Input && it.Value == "filled by ctl")
	}
	if !changed {
		t.Errorf("click: the changed items %+v do not hold the composer's new text", acted.Changed)
	}
	if run.After.IsError || run.After.Text != `"filled by ctl"` {
		t.Errorf("get_state ComposerText after the click: %+v", run.After)
	}
	// The app agrees, read without MCP.
	if got := composer(t, s); got != "filled by ctl" {
		t.Errorf("ctl state ComposerText after the MCP click = %q", got)
	}

	if !run.Ambiguous.IsError || !strings.Contains(run.Ambiguous.Text, `"Twin" matches 2 items`) {
		t.Errorf("click Twin: want a tool error listing the candidates, got %+v", run.Ambiguous)
	}
	if !run.Missing.IsError || !strings.Contains(run.Missing.Text, `no state key "NoSuchKey"`) {
		t.Errorf("get_state NoSuchKey: want a tool error, got %+v", run.Missing)
	}
}
