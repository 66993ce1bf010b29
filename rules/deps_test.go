package rules_test

import (
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// imports reports whether any non-test file of the package imports pkg.
func imports(t *testing.T, pkg string) bool {
	t.Helper()
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
			if strings.Trim(imp.Path.Value, `"`) == pkg {
				return true
			}
		}
	}
	return false
}
