package ctl_test

import (
	"reflect"
	"testing"

	"github.com/slopgui/slopgui/internal/ctl"
)

func TestUnified(t *testing.T) {
	for _, tc := range []struct {
		name, a, b, want string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"one line changed", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nFIVE\n6\n7\n8\n",
			"--- a/x\n+++ b/x\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+FIVE\n 6\n 7\n 8\n"},
		{"added at end", "1\n", "1\n2\n", "--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n 1\n+2\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "X\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\nY\n",
			"--- a/x\n+++ b/x\n@@ -1,4 +1,4 @@\n-1\n+X\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+Y\n"},
		{"new file", "", "a\n", "--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+a\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ctl.Unified("a/x", "b/x", []byte(tc.a), []byte(tc.b)); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

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
