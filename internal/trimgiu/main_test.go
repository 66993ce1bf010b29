package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// moduleDir downloads (or finds in the module cache) the version of path
// that go.mod requires and returns its directory.
func moduleDir(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", path).Output()
	if err != nil {
		t.Fatalf("go list -m %s: %v", path, err)
	}
	v := strings.TrimSpace(string(out))
	cmd := exec.Command("go", "mod", "download", "-json", path+"@"+v)
	if path == upstream.path {
		// go.sum has no line for a replaced module, and the checksum
		// database may be out of reach: the download is checked against
		// the pinned hash instead.
		if v != upstream.version {
			t.Fatalf("go.mod requires %s %s, internal/trimgiu pins %s: update upstream", path, v, upstream.version)
		}
		cmd.Env = append(os.Environ(), "GONOSUMDB="+path, "GOFLAGS=-mod=mod")
	}
	out, err = cmd.Output()
	if err != nil {
		t.Fatalf("go mod download %s@%s: %v\n%s", path, v, err, out)
	}
	var m struct{ Dir, Sum, Error string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		t.Fatalf("go mod download %s@%s: %v %s", path, v, err, m.Error)
	}
	if path == upstream.path && m.Sum != upstream.sum {
		t.Fatalf("%s@%s downloaded with hash %s, pinned %s", path, v, m.Sum, upstream.sum)
	}
	return m.Dir
}

// third_party/giu is exactly what trimgiu writes from the giu and
// cimgui-go versions go.mod requires: the copy holds no edit this
// command does not make.
func TestCheckedInCopy(t *testing.T) {
	giu := moduleDir(t, "github.com/AllenDang/giu")
	cimgui := moduleDir(t, "github.com/AllenDang/cimgui-go")
	dst := filepath.Join(t.TempDir(), "giu")
	if err := trim(giu, filepath.Join(cimgui, "implot"), dst); err != nil {
		t.Fatal(err)
	}
	want := readTree(t, dst)
	got := readTree(t, filepath.Join("..", "..", "third_party", "giu"))
	for name, b := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("third_party/giu/%s is missing", name)
		} else if !bytes.Equal(g, b) {
			t.Errorf("third_party/giu/%s differs from what trimgiu writes", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("third_party/giu/%s is not trimgiu's", name)
		}
	}
	if t.Failed() {
		t.Log("run go run ./internal/trimgiu (see its doc comment) to write the copy again")
	}
}

// A giu whose text moved fails with the file and the text not found.
func TestEditMustMatch(t *testing.T) {
	giu := moduleDir(t, "github.com/AllenDang/giu")
	cimgui := moduleDir(t, "github.com/AllenDang/cimgui-go")
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
	err := trim(src, filepath.Join(cimgui, "implot"), filepath.Join(t.TempDir(), "out"))
	if err == nil || !strings.Contains(err.Error(), "MasterWindow.go: the text to cut occurs 0 times") {
		t.Fatalf("trim = %v, want MasterWindow.go's cut not found", err)
	}
}

func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// A cut that leaves an import of a dropped binding fails, also in a file
// that imports Dear ImGui's own bindings too (MasterWindow.go does).
func TestDroppedImportFails(t *testing.T) {
	giu := moduleDir(t, "github.com/AllenDang/giu")
	cimgui := moduleDir(t, "github.com/AllenDang/cimgui-go")
	old := edits[0]
	edits[0].new = "\t\"github.com/AllenDang/cimgui-go/imnodes\"\n" // keep one of the four imports
	defer func() { edits[0] = old }()
	err := trim(giu, filepath.Join(cimgui, "implot"), filepath.Join(t.TempDir(), "out"))
	if err == nil || !strings.Contains(err.Error(), "MasterWindow.go still imports github.com/AllenDang/cimgui-go/imnodes") {
		t.Fatalf("trim = %v, want MasterWindow.go still importing imnodes", err)
	}
}
