package tools_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/llm/tools"
)

func TestReplaceUnique(t *testing.T) {
	for _, tc := range []struct {
		name, text, old, repl, want, err string
	}{
		{"unique", "a\nb\nc\n", "b\n", "B\n", "a\nB\nc\n", ""},
		{"missing", "a\nb\n", "x", "y", "", "not found"},
		{"repeated", "x = 1\nx = 1\n", "x = 1", "x = 2", "", "occurs 2 times"},
		{"empty span", "abc", "", "y", "", "old_text is empty"},
		{"whitespace matters", "\tif x {\n", "    if x {", "", "", "not found"},
		{"delete", "keep drop keep", " drop", "", "keep keep", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tools.ReplaceUnique(tc.text, tc.old, tc.repl)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("= %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func call(name string, args map[string]string) llm.ToolCall {
	b, _ := json.Marshal(args)
	return llm.ToolCall{ID: "c1", Name: name, Args: string(b)}
}

func TestProposeAndApply(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(root, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o640))
	must(os.Mkdir(filepath.Join(root, "sub"), 0o755))
	must(os.WriteFile(filepath.Join(outside, "secret"), []byte("s"), 0o600))
	must(os.Symlink(filepath.Join(outside, "secret"), filepath.Join(root, "link")))
	must(os.Symlink(outside, filepath.Join(root, "outdir")))
	must(syscall.Mkfifo(filepath.Join(root, "fifo"), 0o600))
	must(os.WriteFile(filepath.Join(root, "bin"), []byte{0x7f, 'E', 0, 1}, 0o644))
	r := tools.Runner{Root: root}

	for _, tc := range []struct {
		name string
		call llm.ToolCall
		err  string
	}{
		{"absolute", call(tools.WriteFile, map[string]string{"path": "/etc/x", "content": ""}), "absolute paths are refused"},
		{"climbs out", call(tools.WriteFile, map[string]string{"path": "../x", "content": ""}), "leaves the project root"},
		{"symlink out", call(tools.WriteFile, map[string]string{"path": "link", "content": "x"}), "symlink leads out"},
		{"new file through a symlinked dir", call(tools.WriteFile, map[string]string{"path": "outdir/new", "content": "x"}), "symlink leads out"},
		{"missing directory", call(tools.WriteFile, map[string]string{"path": "nodir/new.go", "content": "x"}), "no such file or directory"},
		{"fifo", call(tools.WriteFile, map[string]string{"path": "fifo", "content": "x"}), "not a regular file"},
		{"directory", call(tools.WriteFile, map[string]string{"path": "sub", "content": "x"}), "not a regular file"},
		{"binary", call(tools.EditFile, map[string]string{"path": "bin", "old_text": "E", "new_text": "F"}), "binary file"},
		{"edit a missing file", call(tools.EditFile, map[string]string{"path": "sub/none.go", "old_text": "a", "new_text": "b"}), "use write_file"},
		{"edit, span missing", call(tools.EditFile, map[string]string{"path": "main.go", "old_text": "func other()", "new_text": ""}), "not found"},
		{"write without content", call(tools.WriteFile, map[string]string{"path": "main.go"}), "needs content"},
		{"not JSON", llm.ToolCall{Name: tools.WriteFile, Args: "{"}, "not a JSON object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := r.Propose(tc.call)
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("err = %v, want one saying %q", err, tc.err)
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(outside, "secret")); string(b) != "s" {
		t.Fatalf("the file outside the root changed: %q", b)
	}

	// An edit: proposed, applied once, refused the second time.
	c, err := r.Propose(call(tools.EditFile, map[string]string{"path": "main.go", "old_text": "func main() {}", "new_text": "func main() { println(1) }"}))
	must(err)
	if !c.Exists || c.Old != "package main\n\nfunc main() {}\n" || c.New != "package main\n\nfunc main() { println(1) }\n" {
		t.Fatalf("change = %+v", c)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "main.go")); strings.Contains(string(b), "println") {
		t.Fatal("Propose wrote the file")
	}
	c.New = strings.Replace(c.New, "println(1)", "println(2)", 1) // the user edits it before Approve
	must(c.Apply())
	b, _ := os.ReadFile(filepath.Join(root, "main.go"))
	if string(b) != "package main\n\nfunc main() { println(2) }\n" {
		t.Fatalf("file = %q, want the user's edited text", b)
	}
	if info, _ := os.Stat(filepath.Join(root, "main.go")); info.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want 0640 kept", info.Mode().Perm())
	}
	if err := c.Apply(); !errors.Is(err, tools.ErrApplied) {
		t.Fatalf("second Apply = %v, want ErrApplied", err)
	}

	// A change whose file was edited since is not applied.
	c2, err := r.Propose(call(tools.WriteFile, map[string]string{"path": "main.go", "content": "package main\n"}))
	must(err)
	must(os.WriteFile(filepath.Join(root, "main.go"), []byte("package main // edited by hand\n"), 0o640))
	if err := c2.Apply(); !errors.Is(err, tools.ErrStale) {
		t.Fatalf("Apply over a changed file = %v, want ErrStale", err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "main.go")); string(b) != "package main // edited by hand\n" {
		t.Fatalf("the hand edit was overwritten: %q", b)
	}

	// A new file in a subdirectory.
	c3, err := r.Propose(call(tools.WriteFile, map[string]string{"path": "sub/new.txt", "content": "hello\n"}))
	must(err)
	if c3.Exists {
		t.Fatal("a new file is proposed as existing")
	}
	must(c3.Apply())
	if b, _ := os.ReadFile(filepath.Join(root, "sub", "new.txt")); string(b) != "hello\n" {
		t.Fatalf("new file = %q", b)
	}
	if err := c3.Apply(); !errors.Is(err, tools.ErrApplied) {
		t.Fatalf("second Apply of a new file = %v, want ErrApplied", err)
	}
}

func TestChangeDiff(t *testing.T) {
	c := tools.Change{Path: "a.go", Exists: true, Old: "x\ny\n", New: "x\nz\n"}
	if got, want := c.Diff(), "--- a/a.go\n+++ b/a.go\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n"; got != want {
		t.Errorf("diff = %q, want %q", got, want)
	}
	n := tools.Change{Path: "n.txt", New: "hi\n"}
	if got := n.Diff(); !strings.HasPrefix(got, "--- /dev/null\n+++ b/n.txt\n") {
		t.Errorf("new file diff = %q", got)
	}
}
