package upstream

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/internal/testutil"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name      string
		want, got map[string]string
		diffs     []string
	}{
		{"the same", map[string]string{"a.go": "x", "d/b.h": "y"}, map[string]string{"a.go": "x", "d/b.h": "y"}, nil},
		{"edited, missing, extra",
			map[string]string{"a.go": "x", "d/b.h": "y"},
			map[string]string{"a.go": "x2", "c.go": "z"},
			[]string{"a.go differs from what the command writes", "c.go is not the command's", "d/b.h is missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, g := tree(t, tt.want), tree(t, tt.got)
			diffs, err := Diff(w, g)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(diffs, tt.diffs) {
				t.Errorf("Diff = %q, want %q", diffs, tt.diffs)
			}
		})
	}
}

func tree(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, files)
	return dir
}

// A download whose hash is not the pinned one, or a version go.mod does
// not require, is refused.
func TestDirChecks(t *testing.T) {
	root := filepath.Join("..", "..")
	wrongSum := Giu
	wrongSum.Sum = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
	if _, err := wrongSum.Dir(root); err == nil || !strings.Contains(err.Error(), "pinned "+wrongSum.Sum) {
		t.Errorf("Dir with another hash = %v, want refused", err)
	}
	wrongVersion := Giu
	wrongVersion.Version = "v0.14.0"
	if _, err := wrongVersion.Dir(root); err == nil || !strings.Contains(err.Error(), "go.mod requires github.com/AllenDang/giu v0.15.0") {
		t.Errorf("Dir of another version = %v, want refused", err)
	}
	if dir, err := Giu.Dir(root); err != nil {
		t.Error(err)
	} else if _, err := os.Stat(filepath.Join(dir, "MasterWindow.go")); err != nil {
		t.Errorf("giu's directory %s: %v", dir, err)
	}
}
