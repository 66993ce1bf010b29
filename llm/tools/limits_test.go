package tools_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/llm/tools"
)

// runBounded runs a call and fails the test if it does not return.
func runBounded(t *testing.T, ctx context.Context, r tools.Runner, name, args string) (string, error) {
	t.Helper()
	type result struct {
		out string
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := r.Run(ctx, llm.ToolCall{ID: "1", Name: name, Args: args})
		done <- result{out, err}
	}()
	select {
	case res := <-done:
		return res.out, res.err
	case <-time.After(10 * time.Second):
		t.Fatalf("%s %s did not return", name, args)
	}
	return "", nil
}

func TestFileToolsRefuseSpecialFiles(t *testing.T) {
	root := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(root, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", filepath.Join(root, "sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	os.WriteFile(filepath.Join(root, "a.txt"), []byte("needle here\n"), 0o644)
	os.Symlink("fifo", filepath.Join(root, "tofifo"))
	r := tools.Runner{Root: root}
	for _, c := range []struct{ tool, args, says string }{
		{tools.ReadFile, `{"path":"fifo"}`, "not a regular file (a named pipe)"},
		{tools.ReadFile, `{"path":"tofifo"}`, "not a regular file (a named pipe)"},
		{tools.ReadFile, `{"path":"sock"}`, "not a regular file (a socket)"},
		{tools.ListFiles, `{"path":"fifo"}`, "not a directory"},
		{tools.ListFiles, `{"path":"a.txt"}`, "not a directory"},
	} {
		out, err := runBounded(t, context.Background(), r, c.tool, c.args)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s %s = %q, %v; want an error saying %q", c.tool, c.args, out, err, c.says)
		}
	}
	out, err := runBounded(t, context.Background(), r, tools.SearchFiles, `{"query":"needle"}`)
	if err != nil || out != "a.txt:1: needle here\n" {
		t.Errorf("search over a FIFO and a socket = %q, %v; want the one match in a.txt", out, err)
	}
}

// tree makes a directory chain depth deep with a file at each level.
func tree(t *testing.T, depth int) string {
	root := t.TempDir()
	d := root
	for i := 0; i < depth; i++ {
		d = filepath.Join(d, fmt.Sprintf("d%d", i))
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(d, "f.txt"), []byte("needle\n"), 0o644)
	}
	return root
}

func TestSearchIsBounded(t *testing.T) {
	root := tree(t, 15)
	cases := []struct {
		name   string
		r      tools.Runner
		args   string
		says   string
		result string // when no error
	}{
		{"25 ** segments", tools.Runner{Root: root}, `{"query":"needle","glob":"` + strings.Repeat("**/", 25) + `f.txt"}`, "at most 4 are allowed", ""},
		{"a walk over too many entries", tools.Runner{Root: root, MaxEntries: 10}, `{"query":"needle"}`, "walked 10 entries and stopped: narrow the glob", ""},
		{"a bad pattern", tools.Runner{Root: root}, `{"query":"needle","glob":"[a"}`, "not a valid glob", ""},
		{"within the limits", tools.Runner{Root: root}, `{"query":"needle","glob":"d0/**/d13/*.txt"}`, "", "d0/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/f.txt:1: needle\n"},
		{"a missing base directory", tools.Runner{Root: root}, `{"query":"needle","glob":"nope/**"}`, "", "no matches"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := runBounded(t, context.Background(), c.r, tools.SearchFiles, c.args)
			if c.says != "" {
				if err == nil || !strings.Contains(err.Error(), c.says) {
					t.Errorf("= %q, %v; want an error saying %q", out, err, c.says)
				}
				return
			}
			if err != nil || out != c.result {
				t.Errorf("= %q, %v; want %q", out, err, c.result)
			}
		})
	}
}

func TestFileToolsStopWhenCancelled(t *testing.T) {
	root := tree(t, 15)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := tools.Runner{Root: root}
	for _, c := range []struct{ tool, args string }{
		{tools.SearchFiles, `{"query":"needle"}`},
		{tools.ReadFile, `{"path":"d0/f.txt"}`},
		{tools.ListFiles, `{"path":"d0"}`},
	} {
		out, err := runBounded(t, ctx, r, c.tool, c.args)
		if err == nil || !strings.Contains(err.Error(), "stopped") || out != "" {
			t.Errorf("%s after Stop = %q, %v; want no result and an error saying stopped", c.tool, out, err)
		}
	}
}
