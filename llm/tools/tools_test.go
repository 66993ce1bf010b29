package tools_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/llm/tools"
)

// project makes a root with a file, a subdirectory, a secret outside the
// root, and symlinks in and out.
func project(t *testing.T) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root = filepath.Join(base, "proj")
	outside = filepath.Join(base, "secret.txt")
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "src"), 0o755))
	must(os.WriteFile(filepath.Join(root, "src", "main.go"), []byte("package main\n// TODO: hello\n"), 0o644))
	must(os.WriteFile(filepath.Join(root, "notes.txt"), []byte("hello notes\n"), 0o644))
	must(os.WriteFile(outside, []byte("TOP SECRET\n"), 0o644))
	must(os.Symlink(outside, filepath.Join(root, "leak.txt")))
	must(os.Symlink(base, filepath.Join(root, "up")))
	must(os.Symlink(filepath.Join(root, "notes.txt"), filepath.Join(root, "alias.txt")))
	return root, outside
}

func run(t *testing.T, r tools.Runner, name, args string) (string, error) {
	t.Helper()
	return r.Run(context.Background(), llm.ToolCall{ID: "1", Name: name, Args: args})
}

func TestFileToolsStayInsideRoot(t *testing.T) {
	root, outside := project(t)
	r := tools.Runner{Root: root}
	refused := []struct{ tool, args, says string }{
		{tools.ReadFile, `{"path":"` + outside + `"}`, "absolute"},
		{tools.ReadFile, `{"path":"../secret.txt"}`, "leaves the project root"},
		{tools.ReadFile, `{"path":"src/../../secret.txt"}`, "leaves the project root"},
		{tools.ReadFile, `{"path":"leak.txt"}`, "symlink"},
		{tools.ReadFile, `{"path":"up/secret.txt"}`, "symlink"},
		{tools.ReadFile, `{"path":"~/secret.txt"}`, "absolute"},
		{tools.ListFiles, `{"path":".."}`, "leaves the project root"},
		{tools.ListFiles, `{"path":"up"}`, "symlink"},
		{tools.ListFiles, `{"path":"/"}`, "absolute"},
		{tools.SearchFiles, `{"query":"SECRET","glob":"../*"}`, "inside the project root"},
		{tools.SearchFiles, `{"query":"SECRET","glob":"/tmp/*"}`, "inside the project root"},
	}
	for _, c := range refused {
		out, err := run(t, r, c.tool, c.args)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s %s: want an error saying %q, got %q / %v", c.tool, c.args, c.says, out, err)
		}
		if strings.Contains(out, "TOP SECRET") {
			t.Errorf("%s %s leaked the outside file", c.tool, c.args)
		}
	}
	// Searching everything does not follow the symlinks out.
	out, err := run(t, r, tools.SearchFiles, `{"query":"SECRET"}`)
	if err != nil || strings.Contains(out, "TOP SECRET") {
		t.Errorf("search of ** leaked: %q %v", out, err)
	}
}

func TestFileToolsWorkInsideRoot(t *testing.T) {
	root, _ := project(t)
	r := tools.Runner{Root: root}
	for _, c := range []struct{ tool, args, want string }{
		{tools.ReadFile, `{"path":"notes.txt"}`, "hello notes"},
		{tools.ReadFile, `{"path":"src/../notes.txt"}`, "hello notes"},
		{tools.ReadFile, `{"path":"alias.txt"}`, "hello notes"}, // a symlink that stays inside
		{tools.ListFiles, `{"path":"."}`, "src/"},
		{tools.ListFiles, `{"path":"src"}`, "main.go"},
		{tools.SearchFiles, `{"query":"TODO","glob":"**/*.go"}`, "src/main.go:2: // TODO: hello"},
		{tools.SearchFiles, `{"query":"nowhere"}`, "no matches"},
	} {
		out, err := run(t, r, c.tool, c.args)
		if err != nil || !strings.Contains(out, c.want) {
			t.Errorf("%s %s: %q, %v; want %q", c.tool, c.args, out, err, c.want)
		}
	}
	if _, err := run(t, r, tools.ReadFile, `{"path":"missing.txt"}`); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestReadFileBounded(t *testing.T) {
	root, _ := project(t)
	if err := os.WriteFile(filepath.Join(root, "big.txt"), []byte(strings.Repeat("x", 5000)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, tools.Runner{Root: root, MaxOutput: 1000}, tools.ReadFile, `{"path":"big.txt"}`)
	if err != nil || strings.Count(out, "x") != 1000 || !strings.Contains(out, "truncated") {
		t.Fatalf("%d x, %v; %q", strings.Count(out, "x"), err, out[len(out)-80:])
	}
}

func TestRunCommand(t *testing.T) {
	root, _ := project(t)
	r := tools.Runner{Root: root, Timeout: 500 * time.Millisecond, MaxOutput: 2000}
	out, err := run(t, r, tools.RunCommand, `{"command":"pwd; echo out; echo err >&2; exit 3"}`)
	if err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(root)
	for _, want := range []string{real, "out", "err", "[exit status 3]"} {
		if !strings.Contains(out, want) {
			t.Errorf("output %q lacks %q", out, want)
		}
	}
	// Killed after the timeout, children too.
	start := time.Now()
	out, err = run(t, r, tools.RunCommand, `{"command":"echo started; sleep 30 & sleep 30"}`)
	if err != nil || !strings.Contains(out, "started") || !strings.Contains(out, "timed out") {
		t.Fatalf("%q, %v", out, err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Fatalf("the command ran %v: not killed", took)
	}
	// Output bounded.
	out, err = run(t, r, tools.RunCommand, `{"command":"yes | head -c 100000"}`)
	if err != nil || len(out) > 2200 || !strings.Contains(out, "output truncated: 98000 more bytes") {
		t.Fatalf("%d bytes, %v: %q", len(out), err, out[max(0, len(out)-100):])
	}
}
