// Package tools runs the tools a model may call: read_file, list_files,
// search_files (confined to the project root: absolute paths, "..", and
// symlinks that lead out of the root are refused) and run_command (a shell
// command in the project root, killed after a timeout, its output
// bounded). The app asks the user before each call; this package only
// runs what was approved.
package tools

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/slopgui/slopgui/llm"
)

// Tool names.
const (
	ReadFile    = "read_file"
	ListFiles   = "list_files"
	SearchFiles = "search_files"
	RunCommand  = "run_command"
)

// Specs describes the tools for the model.
func Specs() []llm.ToolSpec {
	str := func(d string) map[string]any { return map[string]any{"type": "string", "description": d} }
	obj := func(props map[string]any, req ...string) map[string]any {
		return map[string]any{"type": "object", "properties": props, "required": req}
	}
	return []llm.ToolSpec{
		{Name: ReadFile, Description: "Read a text file of the project. The path is relative to the project root.",
			Params: obj(map[string]any{"path": str("file path relative to the project root")}, "path")},
		{Name: ListFiles, Description: "List the files and directories in a directory of the project (relative to the root; \".\" is the root).",
			Params: obj(map[string]any{"path": str("directory relative to the project root")}, "path")},
		{Name: SearchFiles, Description: "Search the project's files for lines containing a text. glob limits the files (e.g. **/*.go).",
			Params: obj(map[string]any{"query": str("text to find"), "glob": str("optional file pattern, default **")}, "query")},
		{Name: RunCommand, Description: "Run a shell command (sh -c) in the project root and return its output and exit status.",
			Params: obj(map[string]any{"command": str("the shell command")}, "command")},
	}
}

// Runner runs approved tool calls.
type Runner struct {
	Root      string        // the project root
	Timeout   time.Duration // run_command's limit (30 s when zero)
	MaxOutput int           // bytes of output kept (64 KiB when zero)
}

// Run executes call and returns what the model is told.
func (r Runner) Run(ctx context.Context, call llm.ToolCall) (string, error) {
	var args map[string]any
	if err := json.Unmarshal([]byte(call.Args), &args); err != nil {
		return "", fmt.Errorf("the arguments are not a JSON object: %v", err)
	}
	s := func(k string) string { v, _ := args[k].(string); return v }
	switch call.Name {
	case ReadFile:
		return r.readFile(s("path"))
	case ListFiles:
		return r.listFiles(s("path"))
	case SearchFiles:
		return r.search(s("query"), s("glob"))
	case RunCommand:
		return r.runCommand(ctx, s("command"))
	}
	return "", fmt.Errorf("unknown tool %q", call.Name)
}

func (r Runner) max() int {
	if r.MaxOutput > 0 {
		return r.MaxOutput
	}
	return 64 << 10
}

// Resolve maps rel, a path relative to root, to a path on disk that is
// inside root after every symlink is followed. It refuses absolute paths,
// paths that climb out with "..", and symlinks leading out of the root.
func Resolve(root, rel string) (string, error) {
	if rel == "" {
		rel = "."
	}
	if filepath.IsAbs(rel) || strings.HasPrefix(rel, "~") {
		return "", fmt.Errorf("%s: absolute paths are refused; use a path relative to the project root", rel)
	}
	clean := filepath.Clean(rel)
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s: the path leaves the project root", rel)
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", fmt.Errorf("project root %s: %w", root, err)
	}
	realRoot, _ = filepath.Abs(realRoot)
	full := filepath.Join(realRoot, clean)
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%s: no such file or directory in the project", rel)
		}
		return "", fmt.Errorf("%s: %w", rel, err)
	}
	if !inside(realRoot, real) {
		return "", fmt.Errorf("%s: a symlink leads out of the project root; refused", rel)
	}
	return real, nil
}

func inside(root, p string) bool {
	if p == root {
		return true
	}
	return strings.HasPrefix(p, strings.TrimSuffix(root, string(filepath.Separator))+string(filepath.Separator))
}

func (r Runner) readFile(rel string) (string, error) {
	p, err := Resolve(r.Root, rel)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(p)
	if err != nil {
		return "", fmt.Errorf("%s: %w", rel, err)
	}
	if fi.IsDir() {
		return "", fmt.Errorf("%s is a directory: use list_files", rel)
	}
	f, err := os.Open(p)
	if err != nil {
		return "", fmt.Errorf("%s: %w", rel, err)
	}
	defer f.Close()
	b := make([]byte, r.max()+1)
	n, _ := io.ReadFull(f, b) // short: the whole (smaller) file was read
	out := string(b[:min(n, r.max())])
	if n > r.max() {
		out += fmt.Sprintf("\n[truncated: the file has %d bytes, the first %d are shown]", fi.Size(), r.max())
	}
	return out, nil
}

func (r Runner) listFiles(rel string) (string, error) {
	p, err := Resolve(r.Root, rel)
	if err != nil {
		return "", err
	}
	ents, err := os.ReadDir(p)
	if err != nil {
		return "", fmt.Errorf("%s: %w", rel, err)
	}
	var b strings.Builder
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() {
			name += "/"
		}
		b.WriteString(name + "\n")
		if b.Len() > r.max() {
			b.WriteString("[truncated]\n")
			break
		}
	}
	if b.Len() == 0 {
		return "(empty directory)", nil
	}
	return b.String(), nil
}

func (r Runner) search(query, glob string) (string, error) {
	if query == "" {
		return "", errors.New("search_files needs a query")
	}
	if glob == "" {
		glob = "**"
	}
	if filepath.IsAbs(glob) || strings.Contains(glob, "..") {
		return "", fmt.Errorf("%s: the pattern must stay inside the project root", glob)
	}
	root, err := Resolve(r.Root, ".")
	if err != nil {
		return "", err
	}
	files, err := doublestar.Glob(os.DirFS(root), path.Clean(filepath.ToSlash(glob)), doublestar.WithFilesOnly(), doublestar.WithNoFollow())
	if err != nil {
		return "", fmt.Errorf("%s: %w", glob, err)
	}
	var b strings.Builder
	hits := 0
	for _, f := range files {
		p, err := Resolve(root, f)
		if err != nil {
			continue // a symlink out of the root
		}
		data, err := os.ReadFile(p)
		if err != nil || bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0 {
			continue // unreadable or binary
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for n := 1; sc.Scan(); n++ {
			if strings.Contains(sc.Text(), query) {
				fmt.Fprintf(&b, "%s:%d: %s\n", f, n, sc.Text())
				hits++
				if b.Len() > r.max() {
					b.WriteString("[truncated: more matches]\n")
					return b.String(), nil
				}
			}
		}
	}
	if hits == 0 {
		return "no matches", nil
	}
	return b.String(), nil
}

// limitedBuffer keeps the first n bytes written and counts the rest.
type limitedBuffer struct {
	buf     bytes.Buffer
	n       int
	dropped int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	room := l.n - l.buf.Len()
	if room >= len(p) {
		return l.buf.Write(p)
	}
	if room > 0 {
		l.buf.Write(p[:room])
	}
	l.dropped += len(p) - max(room, 0)
	return len(p), nil
}

func (r Runner) runCommand(ctx context.Context, command string) (string, error) {
	if strings.TrimSpace(command) == "" {
		return "", errors.New("run_command needs a command")
	}
	root, err := Resolve(r.Root, ".")
	if err != nil {
		return "", err
	}
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	cmd.Dir = root
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
	out := &limitedBuffer{n: r.max()}
	cmd.Stdout, cmd.Stderr = out, out
	err = cmd.Run()
	text := out.buf.String()
	if out.dropped > 0 {
		text += fmt.Sprintf("\n[output truncated: %d more bytes]", out.dropped)
	}
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return text + fmt.Sprintf("\n[killed after %v: the command timed out]", timeout), nil
	case err != nil:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return text + fmt.Sprintf("\n[exit status %d]", ee.ExitCode()), nil
		}
		return "", fmt.Errorf("running %q: %w", command, err)
	}
	return text + "\n[exit status 0]", nil
}
