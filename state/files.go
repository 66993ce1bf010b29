package state

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/bmatcuk/doublestar/v4"
)

// Match is what one file entry (a path or glob) finds under a root.
type Match struct {
	Pattern string
	Files   []string // matched regular files, slash-separated, relative to root
	Err     error    // a malformed pattern, or an unreadable root
}

// ExpandFiles expands each pattern (a path, or a glob with *, ? and **)
// against root.
func ExpandFiles(root string, patterns []string) []Match {
	out := make([]Match, len(patterns))
	fsys := os.DirFS(root)
	for i, p := range patterns {
		m := Match{Pattern: p}
		clean := filepath.ToSlash(filepath.Clean(p))
		switch {
		case filepath.IsAbs(p):
			m.Err = fmt.Errorf("%s: use a path relative to the project root", p)
		case !doublestar.ValidatePattern(clean):
			m.Err = fmt.Errorf("%s: malformed pattern", p)
		default:
			files, err := doublestar.Glob(fsys, clean, doublestar.WithFilesOnly(), doublestar.WithFailOnIOErrors())
			m.Files, m.Err = files, err
		}
		out[i] = m
	}
	return out
}

// PathExists reports whether p (relative to root unless absolute) exists.
func PathExists(root, p string) bool {
	if p == "" {
		return false
	}
	_, err := os.Stat(InRoot(root, p))
	return err == nil
}

// InRoot is p as a project names it: relative to root unless absolute.
func InRoot(root, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(root, p)
}
