package tools

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/slopgui/slopgui/internal/udiff"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/persist"
)

// Tool names of the tools that change files. They are not in Specs yet:
// a change is shown to the user as a diff before it is applied, and that
// approval belongs to the conversation loop (issue 16). Propose and
// Change.Apply are what the loop calls.
const (
	WriteFile = "write_file"
	EditFile  = "edit_file"
)

// maxWrite bounds the text one write_file or edit_file may leave in a file.
const maxWrite = 4 << 20

// EditSpecs describes write_file and edit_file for the model.
func EditSpecs() []llm.ToolSpec {
	str := func(d string) map[string]any { return map[string]any{"type": "string", "description": d} }
	obj := func(props map[string]any, req ...string) map[string]any {
		return map[string]any{"type": "object", "properties": props, "required": req}
	}
	return []llm.ToolSpec{
		{Name: WriteFile, Description: "Write a text file of the project, replacing it whole or creating it (its directory must exist). The path is relative to the project root.",
			Params: obj(map[string]any{"path": str("file path relative to the project root"), "content": str("the file's whole new text")}, "path", "content")},
		{Name: EditFile, Description: "Replace one exact span of a text file of the project with new text. old_text must occur exactly once in the file: include enough surrounding lines to make it unique.",
			Params: obj(map[string]any{"path": str("file path relative to the project root"), "old_text": str("the exact text to replace, occurring once"), "new_text": str("the text to put in its place")}, "path", "old_text", "new_text")},
	}
}

// Change is what a write_file or edit_file call would do to one file,
// computed without writing, so the user can see (and edit) it before it is
// applied.
type Change struct {
	Path   string      // as the model gave it, relative to the root
	Abs    string      // the file on disk, inside the root
	Exists bool        // false: the file is created
	Old    string      // the file's text when proposed ("" when new)
	New    string      // the text Apply writes; the user may edit it
	Mode   fs.FileMode // kept when the file exists; 0644 for a new one
}

// ErrStale is returned by Apply when the file no longer holds the text the
// change was proposed against (edited since, by someone else or a second
// apply): nothing is written.
var ErrStale = errors.New("the file changed since the edit was proposed")

// ErrApplied is returned by Apply when the file already holds the change's
// new text: it was applied before, and is not applied twice.
var ErrApplied = errors.New("the edit is already applied")

// Propose works out the change a write_file or edit_file call asks for.
// Errors are for the model to read: a path outside the root, a file that
// is not a regular text file, an old_text that is missing or not unique.
func (r Runner) Propose(call llm.ToolCall) (Change, error) {
	var args struct {
		Path    string  `json:"path"`
		Content *string `json:"content"`
		OldText *string `json:"old_text"`
		NewText *string `json:"new_text"`
	}
	if err := json.Unmarshal([]byte(call.Args), &args); err != nil {
		return Change{}, fmt.Errorf("the arguments are not a JSON object: %v", err)
	}
	c := Change{Path: args.Path, Mode: 0o644}
	abs, err := r.target(args.Path)
	if err != nil {
		return Change{}, err
	}
	c.Abs = abs
	if info, err := os.Lstat(abs); err == nil {
		if !info.Mode().IsRegular() {
			return Change{}, fmt.Errorf("%s: not a regular file; refused", args.Path)
		}
		old, err := os.ReadFile(abs)
		if err != nil {
			return Change{}, fmt.Errorf("%s: %w", args.Path, err)
		}
		if !utf8.Valid(old) || bytes.IndexByte(old, 0) >= 0 {
			return Change{}, fmt.Errorf("%s: a binary file; only text files are edited", args.Path)
		}
		c.Exists, c.Old, c.Mode = true, string(old), info.Mode().Perm()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return Change{}, fmt.Errorf("%s: %w", args.Path, err)
	}
	switch call.Name {
	case WriteFile:
		if args.Content == nil {
			return Change{}, errors.New("write_file needs content: the file's whole new text")
		}
		c.New = *args.Content
	case EditFile:
		if args.OldText == nil || args.NewText == nil {
			return Change{}, errors.New("edit_file needs old_text and new_text")
		}
		if !c.Exists {
			return Change{}, fmt.Errorf("%s: no such file in the project; use write_file to create it", args.Path)
		}
		c.New, err = ReplaceUnique(c.Old, *args.OldText, *args.NewText)
		if err != nil {
			return Change{}, fmt.Errorf("%s: %w", args.Path, err)
		}
	default:
		return Change{}, fmt.Errorf("%s does not change files", call.Name)
	}
	if len(c.New) > maxWrite {
		return Change{}, fmt.Errorf("%s: the new text is %d bytes, over the %d MB a tool may write", args.Path, len(c.New), maxWrite>>20)
	}
	return c, nil
}

// target resolves a path to write: an existing file by Resolve's rules, or
// a new file whose directory resolves inside the root.
func (r Runner) target(rel string) (string, error) {
	if rel == "" || rel == "." || strings.HasSuffix(rel, "/") {
		return "", fmt.Errorf("%q: give a file path relative to the project root", rel)
	}
	if p, err := Resolve(r.Root, rel); err == nil {
		return p, nil
	} else if !strings.HasSuffix(err.Error(), "no such file or directory in the project") {
		return "", err
	}
	dir, err := Resolve(r.Root, filepath.Dir(rel))
	if err != nil {
		return "", err
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return "", fmt.Errorf("%s: %s is not a directory", rel, filepath.Dir(rel))
	}
	return filepath.Join(dir, filepath.Base(rel)), nil
}

// ReplaceUnique returns text with its one occurrence of old replaced by
// repl. A missing span, an empty one, or one that occurs more than once is
// an error saying which, and how many times.
func ReplaceUnique(text, old, repl string) (string, error) {
	if old == "" {
		return "", errors.New("old_text is empty: give the exact text to replace")
	}
	switch n := strings.Count(text, old); n {
	case 0:
		return "", errors.New("old_text was not found in the file (it must match exactly, spaces and line ends included): read the file again and copy the span")
	case 1:
		return strings.Replace(text, old, repl, 1), nil
	default:
		return "", fmt.Errorf("old_text occurs %d times in the file: include more of the surrounding lines so it occurs once", n)
	}
}

// Apply writes the change, atomically, keeping the file's mode. It writes
// only over the text the change was proposed against: a file that already
// holds the new text is ErrApplied (applied before, never twice), one that
// holds anything else is ErrStale.
func (c Change) Apply() error {
	cur, err := os.ReadFile(c.Abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if c.Exists {
			return fmt.Errorf("%s: %w (it was deleted)", c.Path, ErrStale)
		}
	case err != nil:
		return fmt.Errorf("%s: %w", c.Path, err)
	case string(cur) == c.New:
		return fmt.Errorf("%s: %w", c.Path, ErrApplied)
	case !c.Exists || string(cur) != c.Old:
		return fmt.Errorf("%s: %w", c.Path, ErrStale)
	}
	if err := persist.WriteFileAtomic(c.Abs, []byte(c.New), c.Mode); err != nil {
		return fmt.Errorf("writing %s: %w", c.Path, err)
	}
	return nil
}

// Diff is the change as a unified diff of the file, for the approval.
func (c Change) Diff() string {
	a := "a/" + c.Path
	if !c.Exists {
		a = "/dev/null"
	}
	d := udiff.Unified(a, "b/"+c.Path, []byte(c.Old), []byte(c.New))
	if d == "" {
		return "(no change to " + c.Path + ")\n"
	}
	return d
}
