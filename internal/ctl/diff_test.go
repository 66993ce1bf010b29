package ctl_test

import (
	"reflect"
	"testing"

	"github.com/slopgui/slopgui/internal/ctl"
)

func TestDiffTrees(t *testing.T) {
	old := map[string][]byte{"views/a.go": []byte("package views\n"), "views/b.go": []byte("x\n"), "views/c.go": []byte("same\n")}
	new := map[string][]byte{"views/a.go": []byte("package views\n\nvar V = 1\n"), "views/c.go": []byte("same\n"), "views/d.go": []byte("new\n")}
	files, diff := ctl.DiffTrees(old, new)
	want := []ctl.FileChange{{"views/a.go", "modified"}, {"views/b.go", "removed"}, {"views/d.go", "added"}}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("files = %v, want %v", files, want)
	}
	wantDiff := "--- a/views/a.go\n+++ b/views/a.go\n@@ -1 +1,3 @@\n package views\n+\n+var V = 1\n" +
		"--- a/views/b.go\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n" +
		"--- /dev/null\n+++ b/views/d.go\n@@ -0,0 +1 @@\n+new\n"
	if diff != wantDiff {
		t.Errorf("diff\n%s\nwant\n%s", diff, wantDiff)
	}
}
