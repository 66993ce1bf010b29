package mma

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go/parser"
	"go/token"

	"github.com/slopgui/slopgui/ruleapi"
	"github.com/slopgui/slopgui/skeleton"
)

// maxTree bounds the paths a walked file tree lists.
const maxTree = 20_000

// walkTree lists root's files as slash paths, skipping hidden directories
// and vendor/node_modules.
func walkTree(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || name == "vendor" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		if len(out) >= maxTree {
			return fs.SkipAll
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing the project's files: %w", err)
	}
	return out, nil
}

// gather reads the named files in full and skeletons of the project's Go
// packages they import, within budget bytes in all: full text first, in
// the order named; a file over what is left of the budget is sent as a
// skeleton (a Go file) or named as left out.
func gather(root string, files []string, budget int) (full, skel []ruleapi.NamedText) {
	left := budget
	named := map[string]bool{}
	var imports []string
	for _, f := range files {
		named[f] = true
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			continue // a file the ticket creates
		}
		if strings.HasSuffix(f, ".go") {
			imports = append(imports, goImports(b)...)
		}
		if len(b) <= left {
			full = append(full, ruleapi.NamedText{Path: f, Text: string(b)})
			left -= len(b)
			continue
		}
		if s, err := skeleton.File(f, b); err == nil && len(s) <= left {
			skel = append(skel, ruleapi.NamedText{Path: f, Text: s})
			left -= len(s)
			continue
		}
		full = append(full, ruleapi.NamedText{Path: f, Text: fmt.Sprintf("(%d bytes: over the context budget, not sent; read_file it)", len(b))})
	}
	mod := modulePath(root)
	if mod == "" {
		return full, skel
	}
	seen := map[string]bool{}
	for _, imp := range imports {
		if seen[imp] || (imp != mod && !strings.HasPrefix(imp, mod+"/")) {
			continue
		}
		seen[imp] = true
		dir := strings.TrimPrefix(strings.TrimPrefix(imp, mod), "/")
		entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(dir)))
		if err != nil {
			continue
		}
		for _, e := range entries {
			rel := path.Join(dir, e.Name())
			if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") || named[rel] {
				continue
			}
			b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
			if err != nil {
				continue
			}
			s, err := skeleton.File(rel, b)
			if err != nil || len(s) > left {
				continue
			}
			skel = append(skel, ruleapi.NamedText{Path: rel, Text: s})
			left -= len(s)
		}
	}
	return full, skel
}

// goImports lists a Go file's import paths (none when it does not parse).
func goImports(src []byte) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var out []string
	for _, imp := range f.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err == nil && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// modulePath is the module line of root's go.mod, or "".
func modulePath(root string) string {
	f, err := os.Open(filepath.Join(root, "go.mod"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module"); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}
