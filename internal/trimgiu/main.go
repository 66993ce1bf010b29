// Command trimgiu writes third_party/giu: giu (github.com/AllenDang/giu)
// without the widgets that bring in cimgui-go's ImPlot, ImNodes, ImGuizmo,
// imgui_markdown and ImGuiColorTextEdit bindings, which slopgui does not
// use (its plot is drawn by gui/giubackend, its markdown by markdown/).
//
// Why: slopgui's host imports plugin, and a program that can load plugins
// keeps every exported method of what it links, so those five bindings
// cost the host ~8 MB and every link of it ~0.2 s of its ~2 s (measured:
// README, "Stop 32"), on every hot restart, stable edit and build. go.mod
// replaces giu with the trimmed copy.
//
// Usage (from the repository root; it downloads the giu and cimgui-go
// versions go.mod requires, checked against the hashes internal/upstream
// pins, which also says how to move to new versions):
//
//	go run ./internal/trimgiu
//
// Every cut is an exact edit that must match once: a giu that changed
// where one applies fails with the file and the text not found, and the
// edit is then updated by hand here. TestCheckedInCopy checks that
// third_party/giu is exactly what this writes from the version go.mod
// names.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/slopgui/slopgui/internal/upstream"
)

// dropFiles are giu's files of the widgets left out.
var dropFiles = map[string]bool{
	"CodeEditor.go": true, "Gizmo.go": true, "Markdown.go": true,
	"Plot.go": true, "PlotSpec.go": true, "plotproperty_enumer.go": true,
}

// droppedBindings are the cimgui-go packages no file of the copy may
// import.
var droppedBindings = []string{
	"github.com/AllenDang/cimgui-go/ImGuiColorTextEdit", "github.com/AllenDang/cimgui-go/imguizmo",
	"github.com/AllenDang/cimgui-go/immarkdown", "github.com/AllenDang/cimgui-go/imnodes",
	"github.com/AllenDang/cimgui-go/implot",
}

// dropDirs are giu's directories not needed to build it.
var dropDirs = map[string]bool{".github": true, "examples": true, "cmd": true, "docs": true, "screenshots": true}

// edit removes or replaces text that must occur exactly once in a file.
type edit struct{ file, old, new string }

// edits are the cuts in the files kept: what called into the dropped
// bindings, and what named the dropped widgets' types.
var edits = []edit{
	{"MasterWindow.go", "\t\"github.com/AllenDang/cimgui-go/imguizmo\"\n\t\"github.com/AllenDang/cimgui-go/immarkdown\"\n\t\"github.com/AllenDang/cimgui-go/imnodes\"\n\t\"github.com/AllenDang/cimgui-go/implot\"\n", ""},
	{"MasterWindow.go", "\timplot.CreateContext()\n\timnodes.CreateContext()\n\n", ""},
	{"MasterWindow.go", "\timmarkdown.ClearMarkdownLinkCallbackPool()\n", ""},
	{"MasterWindow.go", "\timplot.DestroyContext()\n\timnodes.DestroyContext()\n", ""},
	{"MasterWindow.go", "\timguizmo.BeginFrame()\n", ""},
	{"ExtraWidgets.go", "\t_ PlotWidget = &CustomWidget{}\n\t_ GizmoI     = &CustomWidget{}\n", ""},
	{"ExtraWidgets.go", "// Plot implements Plot interface.\nfunc (c *CustomWidget) Plot() {\n\tc.Build()\n}\n\n", ""},
	{"ExtraWidgets.go", "// Gizmo implements GizmoI interface.\nfunc (c *CustomWidget) Gizmo(_ *ViewMatrix, _ *ProjectionMatrix) {\n\tc.Build()\n}\n\n", ""},
	{"StyleSetter.go", "\t\"github.com/AllenDang/cimgui-go/implot\"\n", ""},
	{"StyleSetter.go", "\tplots  []PlotWidget\n", ""},
	{"StyleSetter.go", "// Plots allows to set plots to apply style for.\nfunc (ss *StyleSetter) Plots(widgets ...PlotWidget) *StyleSetter {\n\tss.plots = widgets\n\treturn ss\n}\n\n", ""},
	{"StyleSetter.go", "// Plot implements PlotWidget.\nfunc (ss *StyleSetter) Plot() {\n\tif len(ss.plots) == 0 {\n\t\treturn\n\t}\n\n\tss.Push()\n\n\tfor _, plot := range ss.plots {\n\t\tplot.Plot()\n\t}\n\n\tss.Pop()\n}\n\n", ""},
	{"StyleSetter.go", "\t// Push plot colors\n\tfor k, v := range ss.plotColors {\n\t\timplot.PushStyleColorVec4(implot.Col(k), ToVec4Color(v))\n\t}\n\n", ""},
	{"StyleSetter.go", "\t// Push plot colors\n\tfor k, v := range ss.plotStyles {\n\t\tpushVarID(k.IsVec2(), v, func(value float32) {\n\t\t\timplot.PushStyleVarFloat(implot.StyleVar(k), value)\n\t\t}, func(value imgui.Vec2) {\n\t\t\timplot.PushStyleVarVec2(implot.StyleVar(k), value)\n\t\t})\n\t}\n\n", ""},
	{"StyleSetter.go", "\timplot.PopStyleColorV(int32(len(ss.plotColors)))\n", ""},
	{"StyleSetter.go", "\timplot.PopStyleVarV(int32(len(ss.plotStyles)))\n", ""},
	// Not a binding: on Linux, giu's font atlas looks five fonts up at
	// start (findfont walks the font directories once per name: ~80 ms
	// with 3,000 font files, at every start and every hot restart's
	// spare) and merges what it finds after the fonts it is given.
	// slopgui gives it its own (DejaVu Sans, and the CJK and emoji
	// fonts app.FallbackFonts finds in one walk).
	{"FontAtlasProsessor.go", "\tcase \"linux\":\n\t\t// English fonts\n\t\tresult.registerDefaultFonts([]FontInfo{\n\t\t\t{\n\t\t\t\tfontName: \"FreeSans.ttf\",\n\t\t\t},\n\t\t\t{\n\t\t\t\tfontName: \"FiraCode-Medium\",\n\t\t\t},\n\t\t\t{\n\t\t\t\tfontName: \"sans\",\n\t\t\t},\n\t\t})\n\t\t// Chinese fonts\n\t\tresult.registerDefaultFonts([]FontInfo{\n\t\t\t{\n\t\t\t\tfontName: \"wqy-microhei\",\n\t\t\t},\n\t\t\t{\n\t\t\t\tfontName: \"SourceHanSansCN\",\n\t\t\t},\n\t\t})\n",
		"\tcase \"linux\":\n\t\t// None looked up (internal/trimgiu: slopgui gives giu its fonts).\n"},
	// giu rebuilds its atlas only when it had found a font at start: the
	// fonts given afterwards were used only because one was found (with
	// none, Dear ImGui's default font drew everything). Giving a font now
	// asks for the rebuild.
	{"FontAtlasProsessor.go", "\t\t{\n\t\t\tfontByte: fontBytes,\n\t\t},\n\t}, a.defaultFonts...)\n}\n",
		"\t\t{\n\t\t\tfontByte: fontBytes,\n\t\t},\n\t}, a.defaultFonts...)\n\ta.shouldRebuildFontAtlas = true\n}\n"},
	{"FontAtlasProsessor.go", "\ta.extraFonts = append(a.extraFonts, fi)\n\n\treturn &fi\n}\n\nfunc (a *FontAtlas) registerDefaultFont",
		"\ta.extraFonts = append(a.extraFonts, fi)\n\ta.shouldRebuildFontAtlas = true\n\n\treturn &fi\n}\n\nfunc (a *FontAtlas) registerDefaultFont"},
}

// constFiles keep their plot flag and style constants, with ImPlot's
// values written in (the names and values do not change).
var constFiles = []string{"Flags.go", "StyleIDs.go"}

// note is written beside the copy.
const note = `# giu, trimmed for slopgui

Generated by ` + "`go run ./internal/trimgiu`" + ` from the giu version go.mod requires:
do not edit by hand (internal/trimgiu says why and how to update it).
Left out: CodeEditor, Gizmo, Markdown, Plot and PlotSpec, and with them
cimgui-go's ImGuiColorTextEdit, ImGuizmo, imgui_markdown, ImNodes and ImPlot.
giu's plot flag and style constants stay, with ImPlot's values; a
StyleSetter's plot colours and styles are kept and not applied.
On Linux the font atlas looks no system font up at start (slopgui gives
giu its fonts), and a font given from bytes asks for the atlas's rebuild.
`

func main() {
	src := flag.String("src", "", "upstream giu directory (default: downloaded)")
	implot := flag.String("implot", "", "cimgui-go's implot directory, for its enum values (default: downloaded)")
	dst := flag.String("dst", "third_party/giu", "directory to write (replaced whole)")
	flag.Parse()
	err := func() (err error) {
		if *src == "" {
			if *src, err = upstream.Giu.Dir("."); err != nil {
				return err
			}
		}
		if *implot == "" {
			dir, err := upstream.CimguiGo.Dir(".")
			if err != nil {
				return err
			}
			*implot = filepath.Join(dir, "implot")
		}
		return trim(*src, *implot, *dst)
	}()
	if err != nil {
		fmt.Fprintln(os.Stderr, "trimgiu:", err)
		os.Exit(1)
	}
}

// trim writes the trimmed copy of src to dst.
func trim(src, implotDir, dst string) error {
	values, err := implotConsts(filepath.Join(implotDir, "enums.go"))
	if err != nil {
		return err
	}
	files, err := collect(src)
	if err != nil {
		return err
	}
	for _, e := range edits {
		b, ok := files[e.file]
		if !ok {
			return fmt.Errorf("%s: not in %s", e.file, src)
		}
		if n := bytes.Count(b, []byte(e.old)); n != 1 {
			return fmt.Errorf("%s: the text to cut occurs %d times, not once:\n%s", e.file, n, e.old)
		}
		files[e.file] = bytes.Replace(b, []byte(e.old), []byte(e.new), 1)
	}
	for _, name := range constFiles {
		b, err := inlineImplot(name, files[name], values)
		if err != nil {
			return err
		}
		files[name] = b
	}
	for name, b := range files {
		if strings.HasSuffix(name, ".go") {
			if b, err = format.Source(b); err != nil {
				return fmt.Errorf("%s after the cuts: %w", name, err)
			}
			files[name] = b
		}
		for _, p := range droppedBindings {
			if bytes.Contains(b, []byte(strconv.Quote(p))) {
				return fmt.Errorf("%s still imports %s", name, p)
			}
		}
	}
	files["SLOPGUI.md"] = []byte(note)
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	for name, b := range files {
		p := filepath.Join(dst, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// collect reads the files of src that the copy keeps, by slash path.
func collect(src string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if dropDirs[rel] {
				return filepath.SkipDir
			}
			return nil
		}
		base := d.Name()
		if dropFiles[rel] || strings.HasSuffix(base, "_test.go") || strings.HasPrefix(base, ".") || base == "README.md" {
			return nil
		}
		b, err := os.ReadFile(p)
		files[rel] = b
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading giu: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("reading giu: no files in %s", src)
	}
	return files, nil
}

// implotConsts reads ImPlot's enum constants and types from its enums.go:
// constant name → its literal value, type name → "" (every enum type is an
// int32).
func implotConsts(path string) (map[string]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return nil, fmt.Errorf("reading ImPlot's enums: %w", err)
	}
	out := map[string]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range g.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				if id, ok := s.Type.(*ast.Ident); ok && id.Name == "int32" {
					out[s.Name.Name] = ""
				}
			case *ast.ValueSpec:
				for i, n := range s.Names {
					if i < len(s.Values) {
						if lit, ok := s.Values[i].(*ast.BasicLit); ok && lit.Kind == token.INT {
							out[n.Name] = lit.Value
						}
					}
				}
			}
		}
	}
	if len(out) == 0 {
		return nil, errors.New("reading ImPlot's enums: no constants in " + path)
	}
	return out, nil
}

// inlineImplot rewrites a file's implot.X selectors to ImPlot's values
// (implot.ColFrameBg → 0) and types (implot.Flags → int32) and drops its
// implot import. Comments are kept as they are.
func inlineImplot(name string, src []byte, values map[string]string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var missing []string
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			for i, a := range n.Args {
				n.Args[i] = replaceSel(a, values, &missing)
			}
			n.Fun = replaceSel(n.Fun, values, &missing)
		case *ast.ValueSpec:
			for i, v := range n.Values {
				n.Values[i] = replaceSel(v, values, &missing)
			}
		case *ast.TypeSpec:
			n.Type = replaceSel(n.Type, values, &missing)
		}
		return true
	})
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: ImPlot has no %s", name, strings.Join(missing, ", "))
	}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue
		}
		for i, s := range g.Specs {
			if p, _ := strconv.Unquote(s.(*ast.ImportSpec).Path.Value); p == "github.com/AllenDang/cimgui-go/implot" {
				g.Specs = append(g.Specs[:i], g.Specs[i+1:]...)
				break
			}
		}
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// replaceSel returns e with an implot.X selector replaced by ImPlot's
// value or type for X.
func replaceSel(e ast.Expr, values map[string]string, missing *[]string) ast.Expr {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return e
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok || pkg.Name != "implot" {
		return e
	}
	v, ok := values[sel.Sel.Name]
	switch {
	case !ok:
		*missing = append(*missing, sel.Sel.Name)
		return e
	case v == "":
		return &ast.Ident{Name: "int32", NamePos: sel.Pos()}
	default:
		return &ast.BasicLit{Kind: token.INT, Value: v, ValuePos: sel.Pos()}
	}
}
