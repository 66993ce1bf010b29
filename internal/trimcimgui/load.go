package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// listed is what go list says of a package.
type listed struct {
	ImportPath, Dir                    string
	GoFiles, CgoFiles, TestGoFiles     []string
	XTestGoFiles                       []string
	Imports, TestImports, XTestImports []string
	Module                             *struct{ Path string }
	Error                              *struct{ Err string }
	checked                            *checked
	visiting, isRoot                   bool
}

// checked is a package type-checked from source.
type checked struct {
	path   string
	files  []string // absolute paths
	syntax []*ast.File
	info   *types.Info
	pkg    *types.Package
}

// loader type-checks packages from source with cgo's C faked, so that no
// C compiler runs (cgo's own pass over cimgui-go's imgui takes minutes):
// references to C are left untyped, which is all that is lost; what Go
// code refers to is what the copy needs.
type loader struct {
	root, modfile string
	sources       map[string]bool // module paths whose packages are checked from source
	fset          *token.FileSet
	pkgs          map[string]*listed
	exports       map[string]string
	gc            types.Importer
	errs          []string
}

// load lists patterns (with their tests) and their dependencies in root
// with modfile, and type-checks from source the patterns and every
// dependency in the modules sources names; the rest comes from export
// data. It returns the checked packages: each pattern's package (with its
// in-package tests), its external tests, and the dependencies checked.
func load(root, modfile string, patterns []string, sources map[string]bool) ([]*checked, error) {
	l := &loader{root: root, modfile: modfile, sources: sources, fset: token.NewFileSet(), pkgs: map[string]*listed{}}
	roots, err := l.list(false, patterns)
	if err != nil {
		return nil, err
	}
	all := append([]string{}, patterns...)
	for _, p := range roots {
		p.isRoot = true
		all = append(all, p.TestImports...)
		all = append(all, p.XTestImports...)
	}
	deps, err := l.list(true, all)
	if err != nil {
		return nil, err
	}
	for _, p := range roots {
		l.pkgs[p.ImportPath] = p
	}
	var bin []string
	for _, p := range deps {
		if l.pkgs[p.ImportPath] != nil {
			continue
		}
		l.pkgs[p.ImportPath] = p
		if !l.fromSource(p) && p.ImportPath != "unsafe" && p.ImportPath != "C" {
			bin = append(bin, p.ImportPath)
		}
	}
	if err := l.listExports(bin); err != nil {
		return nil, err
	}
	l.gc = importer.ForCompiler(l.fset, "gc", func(path string) (io.ReadCloser, error) {
		f := l.exports[path]
		if f == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(f)
	})
	var out []*checked
	paths := make([]string, 0, len(l.pkgs))
	for path := range l.pkgs {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		if p := l.pkgs[path]; l.fromSource(p) {
			c, err := l.check(p)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	for _, p := range roots {
		if len(p.XTestGoFiles) == 0 {
			continue
		}
		c, err := l.typecheck(p.ImportPath+"_test", p.Dir, p.XTestGoFiles, false)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if len(l.errs) > 0 {
		if len(l.errs) > 10 {
			l.errs = append(l.errs[:10], fmt.Sprintf("… and %d more", len(l.errs)-10))
		}
		return nil, fmt.Errorf("type-checking %v:\n%s", patterns, strings.Join(l.errs, "\n"))
	}
	return out, nil
}

// fromSource says whether p is type-checked from source.
func (l *loader) fromSource(p *listed) bool {
	return p.isRoot || (p.Module != nil && l.sources[p.Module.Path])
}

// goList runs go list in the root with the modfile.
func (l *loader) goList(args ...string) ([]byte, error) {
	cmd := exec.Command("go", append([]string{"list", "-modfile=" + l.modfile, "-e"}, args...)...)
	cmd.Dir = l.root
	cmd.Env = append(os.Environ(), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"),
		"GOOS=linux", "GOARCH=amd64", "CGO_ENABLED=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return out, nil
}

// list lists patterns (and with deps, what they import).
func (l *loader) list(deps bool, patterns []string) ([]*listed, error) {
	args := []string{"-json=ImportPath,Dir,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles,Imports,TestImports,XTestImports,Module,Error"}
	if deps {
		args = append(args, "-deps")
	}
	out, err := l.goList(append(args, patterns...)...)
	if err != nil {
		return nil, err
	}
	var pkgs []*listed
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p listed
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list: %w", err)
		}
		if p.Error != nil {
			return nil, fmt.Errorf("go list: %s: %s", p.ImportPath, p.Error.Err)
		}
		pkgs = append(pkgs, &p)
	}
	return pkgs, nil
}

// listExports builds (or finds in the build cache) the export data of the
// packages not checked from source: the standard library and modules that
// know nothing of cimgui-go.
func (l *loader) listExports(paths []string) error {
	l.exports = map[string]string{}
	if len(paths) == 0 {
		return nil
	}
	out, err := l.goList(append([]string{"-export", "-f", "{{.ImportPath}} {{.Export}}"}, paths...)...)
	if err != nil {
		return err
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, file, ok := strings.Cut(line, " "); ok {
			l.exports[path] = file
		}
	}
	return nil
}

// check type-checks p (with its in-package tests if it is a root) after
// the source packages it imports.
func (l *loader) check(p *listed) (*checked, error) {
	if p.checked != nil {
		return p.checked, nil
	}
	if p.visiting {
		return nil, fmt.Errorf("import cycle through %s", p.ImportPath)
	}
	p.visiting = true
	imports := p.Imports
	files := append(append([]string{}, p.GoFiles...), p.CgoFiles...)
	if p.isRoot {
		imports = append(append([]string{}, imports...), p.TestImports...)
		files = append(files, p.TestGoFiles...)
	}
	for _, path := range imports {
		if d := l.pkgs[path]; d != nil && d != p && l.fromSource(d) {
			if _, err := l.check(d); err != nil {
				return nil, err
			}
		}
	}
	c, err := l.typecheck(p.ImportPath, p.Dir, files, len(p.CgoFiles) > 0)
	if err != nil {
		return nil, err
	}
	p.checked = c
	return c, nil
}

// typecheck parses and type-checks one package. Errors in a package that
// uses cgo are expected (C is faked) and dropped.
func (l *loader) typecheck(path, dir string, names []string, cgo bool) (*checked, error) {
	c := &checked{path: path, info: &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{},
	}}
	var files []*ast.File
	for _, n := range names {
		f := filepath.Join(dir, n)
		syntax, err := parser.ParseFile(l.fset, f, nil, parser.ParseComments|parser.SkipObjectResolution) // comments: //export
		if err != nil {
			return nil, err
		}
		files = append(files, syntax)
		c.files = append(c.files, f)
		c.syntax = append(c.syntax, syntax)
	}
	conf := types.Config{
		FakeImportC: true,
		Importer: importerFunc(func(ipath string) (*types.Package, error) {
			if d := l.pkgs[ipath]; d != nil && d.checked != nil {
				return d.checked.pkg, nil
			}
			if ipath == "unsafe" {
				return types.Unsafe, nil
			}
			return l.gc.Import(ipath)
		}),
		Error: func(err error) {
			// A type made of C's is invalid here: errors about one (in
			// cgo packages, and about such a type or a value of it
			// anywhere) are expected; any other is not.
			msg := err.Error()
			if !cgo && !strings.Contains(msg, "invalid type") && !strings.Contains(msg, `"`+cimgui.Path+"/") {
				l.errs = append(l.errs, msg)
			}
		},
	}
	c.pkg, _ = conf.Check(path, l.fset, files, c.info)
	return c, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
