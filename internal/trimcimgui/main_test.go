package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/internal/upstream"
)

// third_party/cimgui-go is exactly what trimcimgui writes from the
// cimgui-go version go.mod requires, keeping the functions and methods it
// keeps: nothing edited by hand. (That it keeps what slopgui uses is what
// building slopgui checks; that it keeps nothing more, TestKeepsOnlyWhatIsUsed.)
func TestCheckedInCopy(t *testing.T) {
	root := filepath.Join("..", "..")
	src, err := cimgui.Dir(root)
	if err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(root, "third_party", "cimgui-go")
	keep, err := keysIn(filepath.Join(copied, trimmed))
	if err != nil {
		t.Fatal(err)
	}
	files, err := trim(src, keep)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "cimgui-go")
	if err := write(dst, files); err != nil {
		t.Fatal(err)
	}
	diffs, err := upstream.Diff(dst, copied)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffs {
		t.Errorf("third_party/cimgui-go/%s", d)
	}
	if t.Failed() {
		t.Log("run go run ./internal/trimcimgui to write the copy again")
	}
}

// keysIn returns the keys of the functions and methods declared in the Go
// files of dir.
func keysIn(dir string) (map[string]bool, error) {
	fset := token.NewFileSet()
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				keep[declKey(fd)] = true
			}
		}
	}
	return keep, nil
}

// The copy keeps no function or method that slopgui no longer uses.
func TestKeepsOnlyWhatIsUsed(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the whole module and upstream cimgui-go")
	}
	root := filepath.Join("..", "..")
	src, err := cimgui.Dir(root)
	if err != nil {
		t.Fatal(err)
	}
	want, err := keysIn(filepath.Join(root, "third_party", "cimgui-go", trimmed))
	if err != nil {
		t.Fatal(err)
	}
	got, err := used(root, src, users())
	if err != nil {
		t.Fatal(err)
	}
	for k := range want {
		if !got[k] && k != "init" {
			t.Errorf("third_party/cimgui-go keeps %s, which nothing uses", k)
		}
	}
	if t.Failed() {
		t.Log("run go run ./internal/trimcimgui to write the copy again")
	}
}

func TestCut(t *testing.T) {
	const head = "package imgui\n\n"
	tests := []struct {
		name, src, want string
		keep            []string
	}{
		{
			name: "an unused method goes with its doc comment, a used one stays",
			src:  head + "type T struct{}\n\n// A does a.\nfunc (t *T) A() {}\n\n// B does b.\nfunc (t T) B() {}\n\nfunc F() {}\n",
			keep: []string{"T.B", "F"},
			want: head + "type T struct{}\n\n// B does b.\nfunc (t T) B() {}\n\nfunc F() {}\n",
		},
		{
			name: "generic receivers are keyed by their type",
			src:  head + "type V[N any] struct{}\n\nfunc (v *V[N]) Get() {}\n\nfunc (v *V[N]) Set() {}\n",
			keep: []string{"V.Get"},
			want: head + "type V[N any] struct{}\n\nfunc (v *V[N]) Get() {}\n",
		},
		{
			name: "init and //export functions stay unasked",
			src:  head + "func init() {}\n\n//export cb\nfunc cb() {}\n\nfunc gone() {}\n",
			want: head + "func init() {}\n\n//export cb\nfunc cb() {}\n",
		},
		{
			name: "imports left unused go, C and blank imports stay",
			src: head + "// #include <x.h>\nimport \"C\"\n\nimport (\n\t_ \"embed\"\n\t\"fmt\"\n\t\"strings\"\n)\n\n" +
				"func A() { fmt.Println() }\n\nfunc B() { strings.ToUpper(\"\") }\n",
			keep: []string{"A"},
			want: head + "// #include <x.h>\nimport \"C\"\n\nimport (\n\t_ \"embed\"\n\t\"fmt\"\n)\n\nfunc A() { fmt.Println() }\n",
		},
		{
			name: "an import declaration left empty goes whole",
			src:  head + "import \"unsafe\"\n\nfunc P() unsafe.Pointer { return nil }\n\nconst K = 1\n",
			want: head + "const K = 1\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keep := map[string]bool{}
			for _, k := range tt.keep {
				keep[k] = true
			}
			got, err := cut("x.go", []byte(tt.src), keep)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// used follows references from the users into imgui and within it, keeps
// what an interface could call, and nothing else.
func TestUsed(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "cimgui-go")
	root := filepath.Join(dir, "app")
	testutil.WriteTree(t, dir, map[string]string{
		"cimgui-go/go.mod": "module " + cimgui.Path + "\n\ngo 1.21\n",
		"cimgui-go/imgui/imgui.go": `package imgui

var registry = map[string]func(){"r": registered}

func init() { fromInit() }

func fromInit()   {}
func registered() {}

//export exported
func exported() { fromExported() }

func fromExported() {}

type Context struct{}

func CreateContext() *Context { return newContext() }
func newContext() *Context    { return &Context{} }

func (c *Context) Used()       { c.helper() }
func (c *Context) helper()     {}
func (c *Context) Unused()     { c.onlyFromUnused() }
func (c *Context) onlyFromUnused() {}
func (c *Context) String() string { return "" }
func (c *Context) Draw()       {}
func (c *Context) Tested()     {}
func Unreferenced()            {}
`,
		"app/go.sum": "",
		"app/go.mod": "module example.com/app\n\ngo 1.21\n\nrequire " + cimgui.Path + " v1.5.0\n\nreplace " + cimgui.Path + " => ./nowhere\n",
		"app/app.go": `package app

import "` + cimgui.Path + `/imgui"

// Drawer has a method of the name of one of imgui's.
type Drawer interface{ Draw() }

func Run() { imgui.CreateContext().Used() }
`,
		"app/app_test.go": `package app

import (
	"testing"

	"` + cimgui.Path + `/imgui"
)

func TestX(t *testing.T) { imgui.CreateContext().Tested() }
`,
	})
	keep, err := used(root, src, []string{"./..."})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for k := range keep {
		got = append(got, k)
	}
	sort.Strings(got)
	want := []string{
		"Context.Draw", "Context.String", "Context.Tested", "Context.Used", "Context.helper",
		"CreateContext", "exported", "fromExported", "fromInit", "newContext", "registered",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("kept %s\nwant %s", strings.Join(got, " "), strings.Join(want, " "))
	}
}
