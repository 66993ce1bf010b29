package ctl

import (
	"bytes"
	"sort"
	"strings"

	"github.com/slopgui/slopgui/internal/udiff"
)

// FileChange is one file that differs between two source trees.
type FileChange struct {
	Path string `json:"path"`
	// Kind is "added", "removed" or "modified".
	Kind string `json:"kind"`
}

// DiffTrees compares two source trees (file contents by slash path) and
// returns the files that differ, sorted, and a unified diff of them.
func DiffTrees(old, new map[string][]byte) ([]FileChange, string) {
	paths := map[string]bool{}
	for p := range old {
		paths[p] = true
	}
	for p := range new {
		paths[p] = true
	}
	sorted := make([]string, 0, len(paths))
	for p := range paths {
		sorted = append(sorted, p)
	}
	sort.Strings(sorted)
	var changes []FileChange
	var diff strings.Builder
	for _, p := range sorted {
		a, inOld := old[p]
		b, inNew := new[p]
		switch {
		case !inOld:
			changes = append(changes, FileChange{Path: p, Kind: "added"})
			diff.WriteString(udiff.Unified("/dev/null", "b/"+p, nil, b))
		case !inNew:
			changes = append(changes, FileChange{Path: p, Kind: "removed"})
			diff.WriteString(udiff.Unified("a/"+p, "/dev/null", a, nil))
		case !bytes.Equal(a, b):
			changes = append(changes, FileChange{Path: p, Kind: "modified"})
			diff.WriteString(udiff.Unified("a/"+p, "b/"+p, a, b))
		}
	}
	return changes, diff.String()
}
