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
	// MaxEntries is how many entries search_files walks before it stops
	// with an error (MaxWalkEntries when zero).
	MaxEntries int
}

// Limits of the file tools: each call ends with an error the model sees
// when it takes longer than FileToolTimeout or walks more than
// MaxWalkEntries entries; a glob may hold at most MaxGlobStars "**".
const (
	FileToolTimeout = 20 * time.Second
	MaxWalkEntries  = 200_000
	MaxGlobStars    = 4
	maxSearchFile   = 4 << 20  // bytes of one file searched
	maxSearchTotal  = 64 << 20 // bytes read by one search
	maxListEntries  = 10_000
)

// Run executes call and returns what the model is told. Every tool ends
// promptly when ctx is cancelled.
func (r Runner) Run(ctx context.Context, call llm.ToolCall) (string, error) {
	var args map[string]any
	if err := json.Unmarshal([]byte(call.Args), &args); err != nil {
		return "", fmt.Errorf("the arguments are not a JSON object: %v", err)
	}
	s := func(k string) string { v, _ := args[k].(string); return v }
	if call.Name == RunCommand {
		return r.runCommand(ctx, s("command"))
	}
	ctx, cancel := context.WithTimeout(ctx, FileToolTimeout)
	defer cancel()
	var out string
	var err error
	switch call.Name {
	case ReadFile:
		out, err = r.readFile(ctx, s("path"))
	case ListFiles:
		out, err = r.listFiles(ctx, s("path"))
	case SearchFiles:
		out, err = r.search(ctx, s("query"), s("glob"))
	default:
		return "", fmt.Errorf("unknown tool %q", call.Name)
	}
	if cerr := ctx.Err(); cerr != nil && err != nil {
		if errors.Is(cerr, context.DeadlineExceeded) {
			return "", fmt.Errorf("%s stopped after %v: it took too long; narrow the path or the glob", call.Name, FileToolTimeout)
		}
		return "", fmt.Errorf("%s: stopped", call.Name)
	}
	return out, err
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

// openRegular opens p for reading if it is a regular file, without
// blocking on a FIFO or device (O_NONBLOCK, then fstat on what was opened).
func openRegular(p, rel string) (*os.File, os.FileInfo, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", rel, err)
	}
	if fi.IsDir() {
		return nil, nil, fmt.Errorf("%s is a directory: use list_files", rel)
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%s is not a regular file (%s): refused", rel, kind(fi.Mode()))
	}
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", rel, err)
	}
	if fi, err = f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, fmt.Errorf("%s is not a regular file: refused", rel)
	}
	return f, fi, nil
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

func (r Runner) readFile(ctx context.Context, rel string) (string, error) {
	p, err := Resolve(r.Root, rel)
	if err != nil {
		return "", err
	}
	f, fi, err := openRegular(p, rel)
	if err != nil {
		return "", err
	}
	defer f.Close()
	stop := context.AfterFunc(ctx, func() { f.Close() })
	defer stop()
	b := make([]byte, r.max()+1)
	n, _ := io.ReadFull(f, b) // short: the whole (smaller) file was read
	if err := ctx.Err(); err != nil {
		return "", err
	}
	out := string(b[:min(n, r.max())])
	if n > r.max() {
		out += fmt.Sprintf("\n[truncated: the file has %d bytes, the first %d are shown]", fi.Size(), r.max())
	}
	return out, nil
}

func (r Runner) listFiles(ctx context.Context, rel string) (string, error) {
	p, err := Resolve(r.Root, rel)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(p)
	if err != nil {
		return "", fmt.Errorf("%s: %w", rel, err)
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("%s is not a directory: use read_file for a file", rel)
	}
	d, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_DIRECTORY, 0)
	if err != nil {
		return "", fmt.Errorf("%s: %w", rel, err)
	}
	defer d.Close()
	var b strings.Builder
	seen := 0
	for {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		ents, err := d.ReadDir(256)
		for _, e := range ents {
			name := e.Name()
			if e.IsDir() {
				name += "/"
			}
			b.WriteString(name + "\n")
			seen++
			if b.Len() > r.max() || seen >= maxListEntries {
				b.WriteString("[truncated]\n")
				return b.String(), nil
			}
		}
		if err == io.EOF || len(ents) == 0 {
			break
		}
		if err != nil {
			return "", fmt.Errorf("%s: %w", rel, err)
		}
	}
	if b.Len() == 0 {
		return "(empty directory)", nil
	}
	return b.String(), nil
}

// errStop ends a walk early with the result gathered so far.
var errStop = errors.New("stop")

func (r Runner) search(ctx context.Context, query, glob string) (string, error) {
	if query == "" {
		return "", errors.New("search_files needs a query")
	}
	if glob == "" {
		glob = "**"
	}
	if filepath.IsAbs(glob) || strings.Contains(glob, "..") {
		return "", fmt.Errorf("%s: the pattern must stay inside the project root", glob)
	}
	pat := path.Clean(filepath.ToSlash(glob))
	if n := strings.Count(pat, "**"); n > MaxGlobStars {
		return "", fmt.Errorf("%s: the pattern has %d \"**\"; at most %d are allowed (one is enough to match any depth)", glob, n, MaxGlobStars)
	}
	if len(pat) > 512 {
		return "", fmt.Errorf("the pattern is %d bytes long; at most 512 are allowed", len(pat))
	}
	if !doublestar.ValidatePattern(pat) {
		return "", fmt.Errorf("%s: not a valid glob pattern", glob)
	}
	root, err := Resolve(r.Root, ".")
	if err != nil {
		return "", err
	}
	// Walk only the pattern's fixed leading directories (src/ of src/**/*.go).
	base, _ := doublestar.SplitPattern(pat)
	top, err := Resolve(root, base)
	if err != nil {
		return "no matches", nil
	}
	var b strings.Builder
	hits, walked, read := 0, 0, 0
	limit := r.MaxEntries
	if limit <= 0 {
		limit = MaxWalkEntries
	}
	err = filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if walked++; walked > limit {
			return fmt.Errorf("search_files walked %d entries and stopped: narrow the glob (e.g. src/**/*.go)", limit)
		}
		if err != nil || d.IsDir() {
			return nil // an unreadable directory is skipped
		}
		rel, _ := filepath.Rel(top, p)
		rel = path.Join(base, filepath.ToSlash(rel))
		if ok, _ := doublestar.Match(pat, rel); !ok {
			return nil
		}
		if d.Type()&fs.ModeSymlink == 0 && !d.Type().IsRegular() {
			return nil // a FIFO, device or socket
		}
		real, err := Resolve(root, rel)
		if err != nil {
			return nil // a symlink out of the root
		}
		f, _, err := openRegular(real, rel)
		if err != nil {
			return nil
		}
		data, _ := io.ReadAll(io.LimitReader(f, maxSearchFile))
		f.Close()
		if read += len(data); read > maxSearchTotal {
			b.WriteString(fmt.Sprintf("[stopped: %d MiB read; narrow the glob to search the rest]\n", maxSearchTotal>>20))
			return errStop
		}
		if bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0 {
			return nil // binary
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for n := 1; sc.Scan(); n++ {
			if n%4096 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			if strings.Contains(sc.Text(), query) {
				fmt.Fprintf(&b, "%s:%d: %s\n", rel, n, sc.Text())
				hits++
				if b.Len() > r.max() {
					b.WriteString("[truncated: more matches]\n")
					return errStop
				}
			}
		}
		return nil
	})
	if err != nil && err != errStop {
		return "", err
	}
	if hits == 0 && err == nil {
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
	// The output goes through a pipe of ours, not exec's copying
	// goroutines: Wait returns when the shell ends, whoever else holds
	// the pipe, and the rest is then killed (see proc.go).
	pr, pw, err := os.Pipe()
	if err != nil {
		return "", fmt.Errorf("running %q: %w", command, err)
	}
	defer pr.Close()
	marker := newMarker()
	startMu.Lock() // started and registered before a KillAll sees the list
	cmd, err := start(func() *exec.Cmd {
		c := exec.Command("sh", "-c", command)
		c.Dir = root
		c.Stdout, c.Stderr = pw, pw
		return c
	}, marker)
	if err == nil {
		running.Store(marker, cmd)
	}
	startMu.Unlock()
	pw.Close()
	if err != nil {
		return "", fmt.Errorf("running %q: %w", command, err)
	}
	defer running.Delete(marker)
	out := &limitedBuffer{n: r.max()}
	copied := make(chan struct{})
	go func() {
		io.Copy(out, pr)
		close(copied)
	}()
	stop := context.AfterFunc(ctx, func() { killTree(cmd, marker) })
	err = cmd.Wait()
	stop()
	killTree(cmd, marker) // what the shell left running
	select {
	case <-copied:
	case <-time.After(2 * time.Second):
		// A process that escaped the kill (it cleared its environment in
		// the fallback mode) still holds the pipe.
		pr.Close()
		<-copied
	}
	text := out.buf.String()
	if out.dropped > 0 {
		text += fmt.Sprintf("\n[output truncated: %d more bytes]", out.dropped)
	}
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return text + fmt.Sprintf("\n[killed after %v: the command timed out]", timeout), nil
	case ctx.Err() != nil:
		return text + "\n[killed: stopped]", ctx.Err()
	case err != nil:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return text + fmt.Sprintf("\n[exit status %d]", ee.ExitCode()), nil
		}
		return "", fmt.Errorf("running %q: %w", command, err)
	}
	return text + "\n[exit status 0]", nil
}
