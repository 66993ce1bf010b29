package main

import (
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"strings"

	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/upstream"
)

// alwaysKept are method names that packages outside those loaded (fmt,
// errors, encoding/json, …) may call through an interface.
var alwaysKept = []string{
	"String", "GoString", "Format", "Error", "Unwrap", "Is", "As",
	"MarshalJSON", "UnmarshalJSON", "MarshalText", "UnmarshalText",
}

// used returns the keys (see key) of package imgui's functions and
// methods that the copy keeps: the packages patterns name (loaded with
// their tests in root, the slopgui module, against the upstream
// cimgui-go in src) are its users.
func used(root, src string, patterns []string) (map[string]bool, error) {
	modfile, cleanup, err := upstreamModfile(root, src)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	ifaces := map[string]bool{}
	for _, n := range alwaysKept {
		ifaces[n] = true
	}
	keep := map[string]bool{}
	imguiPath := cimgui.Path + "/" + trimmed
	mainPath, err := hot.ModulePath(root)
	if err != nil {
		return nil, err
	}
	pkgs, err := load(root, modfile, patterns, map[string]bool{mainPath: true, upstream.Giu.Path: true, cimgui.Path: true})
	if err != nil {
		return nil, err
	}
	var p *checked
	for _, c := range pkgs {
		interfaceMethods(c.info, ifaces)
		if c.path == imguiPath {
			p = c
			continue
		}
		for _, obj := range c.info.Uses {
			if k := key(obj, imguiPath); k != "" {
				keep[k] = true
			}
		}
	}
	if p == nil {
		return nil, fmt.Errorf("nothing loaded imports %s", imguiPath)
	}

	// imgui itself: what each declaration refers to.
	refs := map[string][]string{}
	var roots []string
	for _, f := range p.syntax {
		for _, d := range f.Decls {
			var out []string
			ast.Inspect(d, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if k := key(p.info.Uses[id], imguiPath); k != "" {
						out = append(out, k)
					}
				}
				return true
			})
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				roots = append(roots, out...) // package-level variables, constants and types
				continue
			}
			k := key(p.info.Defs[fd.Name], imguiPath)
			refs[k] = append(refs[k], out...)
			if fd.Recv == nil && fd.Name.Name == "init" {
				roots = append(roots, out...)
			}
			if exported(fd) || (fd.Recv != nil && ifaces[fd.Name.Name]) {
				roots = append(roots, k) // called from C, or through an interface
			}
		}
	}
	work := roots
	for k := range keep {
		work = append(work, k)
	}
	for len(work) > 0 {
		k := work[len(work)-1]
		work = work[:len(work)-1]
		if keep[k] && len(refs[k]) == 0 {
			continue
		}
		keep[k] = true
		work = append(work, refs[k]...)
		delete(refs, k)
	}
	return keep, nil
}

// upstreamModfile writes a go.mod for root that takes cimgui-go from src
// instead of the copy (and every relative directory replacement made
// absolute), with root's go.sum beside it.
func upstreamModfile(root, src string) (string, func(), error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return "", nil, err
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", nil, err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return "", nil, err
	}
	var lines []string
	for _, l := range strings.Split(string(mod), "\n") {
		if strings.HasPrefix(l, "replace "+cimgui.Path+" ") {
			continue
		}
		if i := strings.Index(l, "=> ."); i >= 0 { // a directory relative to root
			l = l[:i+3] + filepath.Join(root, strings.TrimSpace(l[i+3:]))
		}
		lines = append(lines, l)
	}
	lines = append(lines, "replace "+cimgui.Path+" => "+src, "")
	dir, err := os.MkdirTemp("", "trimcimgui")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	modfile := filepath.Join(dir, "go.mod")
	if err := os.WriteFile(modfile, []byte(strings.Join(lines, "\n")), 0o644); err == nil {
		err = os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644)
	}
	if err != nil {
		cleanup()
		return "", nil, err
	}
	return modfile, cleanup, nil
}

// key names a function ("Name") or method ("Type.Name") of the package
// at path pkg; "" for any other object.
func key(obj types.Object, pkg string) string {
	fn, ok := obj.(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != pkg {
		return ""
	}
	fn = fn.Origin()
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return fn.Name()
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := t.(*types.Named); ok {
		return n.Origin().Obj().Name() + "." + fn.Name()
	}
	return "" // an interface's method
}

// interfaceMethods adds to names the methods of every interface that a
// type in info mentions: a method of such a name may be called on an
// imgui value through an interface.
func interfaceMethods(info *types.Info, names map[string]bool) {
	seen := map[types.Type]bool{}
	var walk func(t types.Type)
	walk = func(t types.Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Named:
			walk(t.Underlying())
			for i := 0; i < t.TypeArgs().Len(); i++ {
				walk(t.TypeArgs().At(i))
			}
		case *types.Alias:
			walk(types.Unalias(t))
		case *types.Interface:
			for i := 0; i < t.NumMethods(); i++ {
				names[t.Method(i).Name()] = true
			}
		case *types.TypeParam:
			walk(t.Constraint())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case interface{ Elem() types.Type }: // pointer, slice, array, channel
			walk(t.Elem())
		case *types.Signature:
			walk(t.Params())
			walk(t.Results())
		case *types.Tuple:
			for i := 0; i < t.Len(); i++ {
				walk(t.At(i).Type())
			}
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				walk(t.Field(i).Type())
			}
		}
	}
	for _, tv := range info.Types {
		walk(tv.Type)
	}
	for _, m := range []map[*ast.Ident]types.Object{info.Defs, info.Uses} {
		for _, obj := range m {
			if obj != nil {
				walk(obj.Type())
			}
		}
	}
}
