package hot

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/parser"
	"go/token"
	"hash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// snapshot is the content of every hot source package at one moment: what
// a build of "exactly the sources on disk" means. Hashes cover file names
// and contents, never modification times.
type snapshot struct {
	Hash string              // all packages together
	Pkgs map[string]pkgFiles // by source dir ("views/ui")
	// Files holds every source file's content, by slash path relative to
	// the module root ("views/ui/ui.go").
	Files map[string][]byte
}

// pkgFiles is one hot package's non-test Go files.
type pkgFiles struct {
	Hash    string   // names and contents
	Files   []string // file names, sorted
	Imports []string // hot source dirs this package imports, sorted
}

// takeSnapshot reads the hot source dirs under root. modPath is the Go
// module path ("" when unknown: no imports are resolved).
func takeSnapshot(root, modPath string, dirs []string) (*snapshot, error) {
	hotDir := map[string]bool{}
	for _, d := range dirs {
		hotDir[d] = true
	}
	s := &snapshot{Pkgs: map[string]pkgFiles{}, Files: map[string][]byte{}}
	all := sha256.New()
	sorted := append([]string(nil), dirs...)
	sort.Strings(sorted)
	for _, d := range sorted {
		dir := filepath.Join(root, filepath.FromSlash(d))
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("reading hot sources in %s: %w", d, err)
		}
		h := sha256.New()
		var p pkgFiles
		imports := map[string]bool{}
		for _, e := range ents {
			name := e.Name()
			if !e.Type().IsRegular() || !isSource(name) {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				return nil, fmt.Errorf("reading %s: %w", path.Join(d, name), err)
			}
			hashFile(h, name, b)
			p.Files = append(p.Files, name)
			s.Files[path.Join(d, name)] = b
			if modPath != "" {
				for _, imp := range importsOf(b) {
					if rel, ok := strings.CutPrefix(imp, modPath+"/"); ok && hotDir[rel] {
						imports[rel] = true
					}
				}
			}
		}
		p.Hash = hex.EncodeToString(h.Sum(nil))
		for imp := range imports {
			p.Imports = append(p.Imports, imp)
		}
		sort.Strings(p.Imports)
		s.Pkgs[d] = p
		fmt.Fprintf(all, "%s\x00%s\x00", d, p.Hash)
	}
	s.Hash = hex.EncodeToString(all.Sum(nil))
	return s, nil
}

// ReadSources reads the hot source dirs under root as a build would take
// them: every non-test Go file, by slash path from root ("views/ui/ui.go"),
// as Generation.Sources holds them.
func ReadSources(root string, dirs []string) (map[string][]byte, error) {
	s, err := takeSnapshot(root, "", dirs)
	if err != nil {
		return nil, err
	}
	return s.Files, nil
}

// isSource reports whether a file name is a Go source compiled into the
// package (tests are not).
func isSource(name string) bool {
	return strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")
}

// hashFile adds one source file to a package hash.
func hashFile(h hash.Hash, name string, b []byte) {
	fmt.Fprintf(h, "%s\x00%d\x00", name, len(b))
	h.Write(b)
}

// linkedHashes hashes, for each hot source dir under module root dir
// root (dirs[0] or a subdirectory of it), the files of fsys, the sources
// linked into the host rooted at root. A dir fsys does not have is left
// out.
func linkedHashes(fsys fs.FS, root string, dirs []string) map[string]string {
	out := map[string]string{}
	for _, d := range dirs {
		rel := "."
		if d != root {
			r, ok := strings.CutPrefix(d, root+"/")
			if !ok {
				continue
			}
			rel = r
		}
		ents, err := fs.ReadDir(fsys, rel)
		if err != nil {
			continue
		}
		h := sha256.New()
		n := 0
		for _, e := range ents {
			if e.IsDir() || !isSource(e.Name()) {
				continue
			}
			b, err := fs.ReadFile(fsys, path.Join(rel, e.Name()))
			if err != nil {
				n = 0
				break
			}
			hashFile(h, e.Name(), b)
			n++
		}
		if n > 0 {
			out[d] = hex.EncodeToString(h.Sum(nil))
		}
	}
	return out
}

// allLinkedFiles returns the modules' Linked sources, by slash path
// relative to the Go module root, and their hash as takeSnapshot computes
// it over every module's dirs: the sources of generation 0. Without
// Linked sources for every module, it returns nil; with a dir missing
// from them, the files and no hash.
func allLinkedFiles(mods []Module) (map[string][]byte, string) {
	files := map[string][]byte{}
	hashes := map[string]string{}
	var dirs []string
	for _, m := range mods {
		if m.Linked == nil || len(m.SourceDirs) == 0 {
			return nil, ""
		}
		root := m.SourceDirs[0]
		for d, h := range linkedHashes(m.Linked, root, m.SourceDirs) {
			hashes[d] = h
		}
		dirs = append(dirs, m.SourceDirs...)
		for _, d := range m.SourceDirs {
			rel := "."
			if d != root {
				rel = strings.TrimPrefix(d, root+"/")
			}
			ents, _ := fs.ReadDir(m.Linked, rel)
			for _, e := range ents {
				if e.IsDir() || !isSource(e.Name()) {
					continue
				}
				if b, err := fs.ReadFile(m.Linked, path.Join(rel, e.Name())); err == nil {
					files[path.Join(d, e.Name())] = b
				}
			}
		}
	}
	if len(mods) == 0 {
		return nil, ""
	}
	sort.Strings(dirs)
	all := sha256.New()
	for _, d := range dirs {
		h, ok := hashes[d]
		if !ok {
			return files, ""
		}
		fmt.Fprintf(all, "%s\x00%s\x00", d, h)
	}
	return files, hex.EncodeToString(all.Sum(nil))
}

// importsOf returns the import paths of a Go file; none if it does not
// parse (the compiler will say why).
func importsOf(src []byte) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var out []string
	for _, imp := range f.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// pkgPath is where a hot package was last compiled: under which prefix
// ("" is its own import path, as linked into the host) and from which
// sources.
type pkgPath struct {
	Hash   string
	Prefix string
}

// assignPrefixes decides each hot package's import path prefix for build
// prefix fresh: a package keeps the prefix it had in last when its sources
// and every hot package it imports kept theirs; otherwise it gets fresh.
// Go loads a package path only once per process, so a changed package
// needs a new path, and a package whose hot imports moved must move too.
// An unchanged package keeps its path, compiles from the build cache, and
// at plugin.Open the runtime shares the copy it already has.
func assignPrefixes(s *snapshot, last map[string]pkgPath, fresh string) map[string]string {
	out := map[string]string{}
	var visit func(d string, seen map[string]bool) string
	visit = func(d string, seen map[string]bool) string {
		if p, ok := out[d]; ok {
			return p
		}
		if seen[d] { // an import cycle: the compiler reports it
			return fresh
		}
		seen[d] = true
		p := s.Pkgs[d]
		prev, ok := last[d]
		keep := ok && prev.Hash == p.Hash
		for _, imp := range p.Imports {
			if visit(imp, seen) != last[imp].Prefix {
				keep = false
			}
		}
		prefix := fresh
		if keep {
			prefix = prev.Prefix
		}
		out[d] = prefix
		return prefix
	}
	dirs := make([]string, 0, len(s.Pkgs))
	for d := range s.Pkgs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		visit(d, map[string]bool{})
	}
	return out
}
