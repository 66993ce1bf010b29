// Package upstream fetches the exact upstream modules that the trimmed
// copies in third_party/ are written from (internal/trimgiu,
// internal/trimcimgui), and compares a copy with what its command writes.
//
// go.sum has no line for a module that go.mod replaces with a directory,
// and the checksum database may be out of reach, so a download is checked
// against the hash pinned here instead.
package upstream

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// Module is one version of an upstream module and its go.sum hash (h1:).
type Module struct{ Path, Version, Sum string }

// The modules go.mod replaces with trimmed copies. To move to a new
// version: set it in go.mod's require line and here, with its hash (the
// h1: line go.sum gets when it is required without the replace), and run
// both commands (internal/trimcimgui first: giu's copy reads nothing of
// cimgui-go's copy, but trimcimgui loads giu's).
var (
	Giu      = Module{"github.com/AllenDang/giu", "v0.15.0", "h1:D3G8qnLot82vXP7ebOOnOM9sdASrrUinBL7/PzR+27k="}
	CimguiGo = Module{"github.com/AllenDang/cimgui-go", "v1.5.0", "h1:wnS4h1wWyE+3x59cHJnNSszka7pIR+pehim6ifOk9Rg="}
)

// Dir checks that the go.mod in root requires m's version, downloads m
// (or finds it in the module cache) and returns its directory. It fails if
// the download's hash is not m.Sum.
func (m Module) Dir(root string) (string, error) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Version}}", m.Path)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list -m %s: %w", m.Path, err)
	}
	if v := strings.TrimSpace(string(out)); v != m.Version {
		return "", fmt.Errorf("go.mod requires %s %s, internal/upstream pins %s: update it", m.Path, v, m.Version)
	}
	cmd = exec.Command("go", "mod", "download", "-json", m.Path+"@"+m.Version)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GONOSUMDB="+m.Path, "GOFLAGS=-mod=mod")
	out, err = cmd.Output()
	var r struct{ Dir, Sum, Error string }
	if jerr := json.Unmarshal(out, &r); jerr != nil && err == nil {
		err = jerr
	}
	if err != nil || r.Error != "" || r.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s: %v %s", m.Path, m.Version, err, r.Error)
	}
	if r.Sum != m.Sum {
		return "", fmt.Errorf("%s@%s downloaded with hash %s, pinned %s", m.Path, m.Version, r.Sum, m.Sum)
	}
	return r.Dir, nil
}

// Diff compares the tree got (a checked-in copy) with want (what its
// command writes) and names each file that is missing, differs or is not
// the command's, in order; none when they are the same.
func Diff(want, got string) ([]string, error) {
	w, err := readTree(want)
	if err != nil {
		return nil, err
	}
	g, err := readTree(got)
	if err != nil {
		return nil, err
	}
	var out []string
	for name, b := range w {
		if gb, ok := g[name]; !ok {
			out = append(out, name+" is missing")
		} else if !bytes.Equal(gb, b) {
			out = append(out, name+" differs from what the command writes")
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			out = append(out, name+" is not the command's")
		}
	}
	sort.Strings(out)
	return out, nil
}

// readTree reads every file under root by slash path.
func readTree(root string) (map[string][]byte, error) {
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
	return files, err
}
