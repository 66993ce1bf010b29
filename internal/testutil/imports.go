package testutil

import (
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Import is one import of a package's non-test file.
type Import struct {
	File string // the file's name in its directory
	Path string // the imported package's path
}

// Imports lists the imports of the non-test Go files in dir, for the
// tests that state what a package may import.
func Imports(tb testing.TB, dir string) []Import {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var out []Import
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, e.Name()), nil, parser.ImportsOnly)
		if err != nil {
			tb.Fatal(err)
		}
		for _, imp := range f.Imports {
			out = append(out, Import{File: e.Name(), Path: strings.Trim(imp.Path.Value, `"`)})
		}
	}
	return out
}

// OnlyImports fails tb for each import of the non-test Go files in dir
// that is neither the standard library nor in allowed; what names the
// package in the message ("the engine").
func OnlyImports(tb testing.TB, dir, what string, allowed ...string) {
	tb.Helper()
	for _, imp := range Imports(tb, dir) {
		if strings.Contains(imp.Path, ".") && !slices.Contains(allowed, imp.Path) {
			tb.Errorf("%s imports %s: %s may import only the standard library and %v", imp.File, imp.Path, what, allowed)
		}
	}
}

// Deps lists every package the package in dir links, itself included
// (`go list -deps`, test files left out), for the tests that state what a
// binary may carry.
func Deps(tb testing.TB, dir string) []string {
	tb.Helper()
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		tb.Fatalf("go list -deps in %s: %v\n%s", dir, err, stderr)
	}
	return strings.Fields(string(out))
}
