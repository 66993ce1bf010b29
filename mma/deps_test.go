package mma_test

import (
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// The engine is UI-free: it may import the standard library and these
// packages of the module, never app, gui, hot, views, giu or cimgui-go.
var allowed = []string{
	"github.com/slopgui/slopgui/agent",
	"github.com/slopgui/slopgui/approval",
	"github.com/slopgui/slopgui/llm",
	"github.com/slopgui/slopgui/llm/tools",
	"github.com/slopgui/slopgui/rules",
	"github.com/slopgui/slopgui/skeleton",
	"github.com/slopgui/slopgui/state",
}

func TestImports(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), e.Name(), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if !strings.Contains(p, ".") { // the standard library
				continue
			}
			ok := false
			for _, a := range allowed {
				ok = ok || p == a
			}
			if !ok {
				t.Errorf("%s imports %s: the engine may import only the standard library and %v", e.Name(), p, allowed)
			}
		}
	}
}
