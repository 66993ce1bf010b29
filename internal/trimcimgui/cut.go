package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"path"
	"sort"
	"strconv"
	"strings"
)

// cut removes from the Go file src (named name) every function and method
// whose key is not in keep (init and //export functions stay), with its
// doc comment, then the imports left unused, and formats the rest.
func cut(name string, src []byte, keep map[string]bool) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var spans [][2]int
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || keep[declKey(fd)] || (fd.Recv == nil && fd.Name.Name == "init") || exported(fd) {
			continue
		}
		spans = append(spans, lines(fset, src, fd.Doc, fd))
	}
	src = remove(src, spans)
	fset = token.NewFileSet()
	if f, err = parser.ParseFile(fset, name, src, parser.ParseComments); err != nil {
		return nil, fmt.Errorf("%s after the cuts: %w", name, err)
	}
	usedNames := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := s.X.(*ast.Ident); ok {
				usedNames[id.Name] = true
			}
		}
		return true
	})
	spans = spans[:0]
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue
		}
		var unused []ast.Spec
		for _, s := range g.Specs {
			is := s.(*ast.ImportSpec)
			p, _ := strconv.Unquote(is.Path.Value)
			name := path.Base(p)
			if is.Name != nil {
				name = is.Name.Name
			}
			if p != "C" && name != "_" && name != "." && !usedNames[name] {
				unused = append(unused, s)
			}
		}
		switch {
		case len(unused) == 0:
		case len(unused) == len(g.Specs):
			spans = append(spans, lines(fset, src, g.Doc, g))
		default:
			for _, s := range unused {
				spans = append(spans, lines(fset, src, s.(*ast.ImportSpec).Doc, s))
			}
		}
	}
	out, err := format.Source(remove(src, spans))
	if err != nil {
		return nil, fmt.Errorf("%s after the cuts: %w", name, err)
	}
	return out, nil
}

// declKey is key's name for a function declaration, from its syntax.
func declKey(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.Ident:
			return x.Name + "." + fd.Name.Name
		case *ast.StarExpr: // *T
			t = x.X
		case *ast.IndexExpr: // T[P]
			t = x.X
		case *ast.IndexListExpr: // T[P, Q]
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		default:
			return ""
		}
	}
}

// exported says whether fd carries a cgo //export line.
func exported(fd *ast.FuncDecl) bool {
	if fd.Doc == nil {
		return false
	}
	for _, c := range fd.Doc.List {
		if strings.HasPrefix(c.Text, "//export ") {
			return true
		}
	}
	return false
}

// lines is the byte span of the whole lines that node (with its doc
// comment, if any) occupies, with one blank line after it.
func lines(fset *token.FileSet, src []byte, doc *ast.CommentGroup, node ast.Node) [2]int {
	start := fset.Position(node.Pos()).Offset
	if doc != nil {
		start = fset.Position(doc.Pos()).Offset
	}
	end := fset.Position(node.End()).Offset
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	if i := bytes.IndexByte(src[end:], '\n'); i >= 0 {
		end += i + 1
	} else {
		end = len(src)
	}
	if end < len(src) && src[end] == '\n' {
		end++
	}
	return [2]int{start, end}
}

// remove returns src without the byte spans.
func remove(src []byte, spans [][2]int) []byte {
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var out []byte
	at := 0
	for _, s := range spans {
		if s[0] < at {
			s[0] = at
		}
		if s[1] <= at {
			continue
		}
		out = append(out, src[at:s[0]]...)
		at = s[1]
	}
	return append(out, src[at:]...)
}
