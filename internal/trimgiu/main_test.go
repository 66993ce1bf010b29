package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/internal/upstream"
)

// dirs returns the upstream giu and cimgui-go's implot directory.
func dirs(t *testing.T) (giu, implot string) {
	t.Helper()
	giu, err := upstream.Giu.Dir(".")
	if err != nil {
		t.Fatal(err)
	}
	cimgui, err := upstream.CimguiGo.Dir(".")
	if err != nil {
		t.Fatal(err)
	}
	return giu, filepath.Join(cimgui, "implot")
}

// third_party/giu is exactly what trimgiu writes from the giu and
// cimgui-go versions go.mod requires: the copy holds no edit this
// command does not make.
func TestCheckedInCopy(t *testing.T) {
	giu, implot := dirs(t)
	dst := filepath.Join(t.TempDir(), "giu")
	if err := trim(giu, implot, dst); err != nil {
		t.Fatal(err)
	}
	diffs, err := upstream.Diff(dst, filepath.Join("..", "..", "third_party", "giu"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffs {
		t.Errorf("third_party/giu/%s", d)
	}
	if t.Failed() {
		t.Log("run go run ./internal/trimgiu to write the copy again")
	}
}

// A giu whose text moved fails with the file and the text not found.
func TestEditMustMatch(t *testing.T) {
	giu, implot := dirs(t)
	src := filepath.Join(t.TempDir(), "giu")
	if err := os.CopyFS(src, os.DirFS(giu)); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(src, "MasterWindow.go")
	b, _ := os.ReadFile(p)
	os.Chmod(p, 0o644) // the module cache's files are read-only
	b = bytes.Replace(b, []byte("\timguizmo.BeginFrame()\n"), []byte("\timguizmo.BeginFrame() // moved\n"), 1)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	err := trim(src, implot, filepath.Join(t.TempDir(), "out"))
	if err == nil || !strings.Contains(err.Error(), "MasterWindow.go: the text to cut occurs 0 times") {
		t.Fatalf("trim = %v, want MasterWindow.go's cut not found", err)
	}
}

// A cut that leaves an import of a dropped binding fails, also in a file
// that imports Dear ImGui's own bindings too (MasterWindow.go does).
func TestDroppedImportFails(t *testing.T) {
	giu, implot := dirs(t)
	old := edits[0]
	edits[0].new = "\t\"github.com/AllenDang/cimgui-go/imnodes\"\n" // keep one of the four imports
	defer func() { edits[0] = old }()
	err := trim(giu, implot, filepath.Join(t.TempDir(), "out"))
	if err == nil || !strings.Contains(err.Error(), "MasterWindow.go still imports github.com/AllenDang/cimgui-go/imnodes") {
		t.Fatalf("trim = %v, want MasterWindow.go still importing imnodes", err)
	}
}
