// Package skeleton reduces a Go source file to what a model needs to call
// into it without reading it: the package clause, the imports, and the
// exported declarations with their doc comments and signatures, but no
// function bodies and nothing unexported. The MMA engine sends skeletons of
// the files a ticket references but does not edit, so a worker sees an API
// at a fraction of the tokens of the full text.
//
// It works on the syntax tree (go/parser, go/ast, go/printer), never on
// text patterns, so comments, generics and multi-line signatures come out
// as gofmt would print them.
package skeleton

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"sort"
)

// File returns the skeleton of one Go source file. name is used in error
// messages and positions only; src is the file's text. A file that does not
// parse is an error naming the file and the first syntax error.
func File(name string, src []byte) (string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return "", fmt.Errorf("skeleton of %s: %w", name, err)
	}
	out := &ast.File{Name: f.Name, Doc: f.Doc, Package: f.Package}
	for _, d := range f.Decls {
		if kept := decl(d); kept != nil {
			out.Decls = append(out.Decls, kept)
		}
	}
	out.Comments = keptComments(out)
	var buf bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&buf, fset, out); err != nil {
		return "", fmt.Errorf("skeleton of %s: printing: %w", name, err)
	}
	return buf.String(), nil
}

// keptComments lists the comment groups that hang on kept nodes (doc and
// line comments), in file order: the printer prints only the file's list,
// so comments inside dropped bodies and between dropped declarations are
// left out.
func keptComments(f *ast.File) []*ast.CommentGroup {
	var groups []*ast.CommentGroup
	ast.Inspect(f, func(n ast.Node) bool {
		if g, ok := n.(*ast.CommentGroup); ok && g != nil {
			groups = append(groups, g)
		}
		return true
	})
	sort.Slice(groups, func(i, j int) bool { return groups[i].Pos() < groups[j].Pos() })
	return groups
}

// decl returns the part of d that is kept, or nil.
func decl(d ast.Decl) ast.Decl {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if !d.Name.IsExported() || (d.Recv != nil && !exportedRecv(d.Recv)) {
			return nil
		}
		return &ast.FuncDecl{Doc: d.Doc, Recv: d.Recv, Name: d.Name, Type: d.Type}
	case *ast.GenDecl:
		if d.Tok == token.IMPORT {
			return d
		}
		var specs []ast.Spec
		for _, s := range d.Specs {
			if kept := spec(s, d.Tok); kept != nil {
				specs = append(specs, kept)
			}
		}
		if len(specs) == 0 {
			return nil
		}
		g := &ast.GenDecl{Doc: d.Doc, TokPos: d.TokPos, Tok: d.Tok, Specs: specs}
		if len(specs) > 1 || d.Lparen.IsValid() {
			g.Lparen, g.Rparen = d.Lparen, d.Rparen
		}
		return g
	}
	return nil
}

// spec keeps an exported type (with its exported fields and methods only),
// or the exported names of a const or var spec. Constant values are kept
// (they are part of the API: enum values, sizes); variable values are
// dropped unless there is no type to show.
func spec(s ast.Spec, tok token.Token) ast.Spec {
	switch s := s.(type) {
	case *ast.TypeSpec:
		if !s.Name.IsExported() {
			return nil
		}
		c := *s
		c.Type = exportedOnly(s.Type)
		return &c
	case *ast.ValueSpec:
		var names []*ast.Ident
		var values []ast.Expr
		for i, n := range s.Names {
			if !n.IsExported() {
				continue
			}
			names = append(names, n)
			if i < len(s.Values) && (tok == token.CONST || s.Type == nil) {
				values = append(values, s.Values[i])
			}
		}
		if len(names) == 0 {
			return nil
		}
		if len(values) != 0 && len(values) != len(names) {
			values = nil // a partial list would not parse; the type stays
		}
		if s.Type == nil && values == nil && tok == token.VAR {
			return nil
		}
		return &ast.ValueSpec{Doc: s.Doc, Names: names, Type: s.Type, Values: values, Comment: s.Comment}
	}
	return nil
}

// exportedOnly drops the unexported fields of a struct type and the
// unexported methods of an interface type; other types are kept whole.
func exportedOnly(t ast.Expr) ast.Expr {
	switch t := t.(type) {
	case *ast.StructType:
		return &ast.StructType{Struct: t.Struct, Fields: fields(t.Fields, true)}
	case *ast.InterfaceType:
		return &ast.InterfaceType{Interface: t.Interface, Methods: fields(t.Methods, false)}
	}
	return t
}

// fields keeps the exported names of a field list. Embedded fields (no
// names) are kept when their type is exported; in an interface, embedded
// constraints and interfaces are always kept.
func fields(fl *ast.FieldList, isStruct bool) *ast.FieldList {
	if fl == nil {
		return nil
	}
	out := &ast.FieldList{Opening: fl.Opening, Closing: fl.Closing}
	for _, f := range fl.List {
		if len(f.Names) == 0 {
			if !isStruct || exportedType(f.Type) {
				out.List = append(out.List, f)
			}
			continue
		}
		var names []*ast.Ident
		for _, n := range f.Names {
			if n.IsExported() {
				names = append(names, n)
			}
		}
		if len(names) > 0 {
			c := *f
			c.Names = names
			out.List = append(out.List, &c)
		}
	}
	return out
}

// exportedRecv reports whether a method's receiver type is exported.
func exportedRecv(fl *ast.FieldList) bool {
	return len(fl.List) == 1 && exportedType(fl.List[0].Type)
}

// exportedType reports whether a type expression names an exported type:
// T, *T, T[P], pkg.T.
func exportedType(t ast.Expr) bool {
	switch t := t.(type) {
	case *ast.Ident:
		return t.IsExported()
	case *ast.StarExpr:
		return exportedType(t.X)
	case *ast.IndexExpr:
		return exportedType(t.X)
	case *ast.IndexListExpr:
		return exportedType(t.X)
	case *ast.SelectorExpr:
		return t.Sel.IsExported()
	}
	return false
}
