package skeleton_test

import (
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/skeleton"
)

func TestFileKeepsTheAPIAndDropsBodies(t *testing.T) {
	src, err := os.ReadFile("testdata/sample.go.txt")
	if err != nil {
		t.Fatal(err)
	}
	got, err := skeleton.File("sample.go", src)
	if err != nil {
		t.Fatal(err)
	}
	// The skeleton is Go: it parses.
	if _, err := parser.ParseFile(token.NewFileSet(), "skel.go", got, parser.ParseComments); err != nil {
		t.Fatalf("skeleton does not parse: %v\n%s", err, got)
	}
	for _, tc := range []struct {
		text string
		kept bool
	}{
		{"// Package sample is a file to take the skeleton of.", true},
		{"package sample", true},
		{`"strings"`, true},
		{"// Limit is the most a Box holds.", true},
		{"const Limit = 10", true},
		{"hidden", false},
		{"Small Kind = iota // a small box", true},
		{"Large", true},
		{"large", false},
		{"var Default = New(\"default\")", true},
		{"cache", false},
		{"type Kind int", true},
		{"// Name is shown to the user.", true},
		{"Name string", true},
		{"items", false},
		{"\tKind\n", true},
		{"inner", false},
		{"// Open opens b.", true},
		{"Open(b *Box) error", true},
		{"close()", false},
		{"fmt.Stringer", true},
		{"type Pair[K comparable, V any] struct", true},
		{"func New(name string) *Box\n", true},
		{"a comment inside a body", false},
		{"strings.TrimSpace", false},
		{"// Add puts s in the box,\n// over two lines of doc.\nfunc (b *Box) Add(s string)\n", true},
		{"append", false},
		{"grow", false},
		{"Exported", false}, // a method of an unexported type
		{"helper", false},
		{"func Get[K comparable, V any](p Pair[K, V],\n\tfallback V) V\n", true},
		{"return &Box", false},
		{"return p.Val", false},
		{"{\n", false}, // no bodies opened anywhere except type literals
	} {
		if tc.text == "{\n" {
			for _, line := range strings.Split(got, "\n") {
				if strings.HasPrefix(line, "func ") && strings.HasSuffix(line, "{") {
					t.Errorf("a function kept its body: %q", line)
				}
			}
			continue
		}
		if strings.Contains(got, tc.text) != tc.kept {
			t.Errorf("contains %q = %v, want %v\n--- skeleton:\n%s", tc.text, !tc.kept, tc.kept, got)
		}
	}
}

func TestFileSyntaxError(t *testing.T) {
	_, err := skeleton.File("broken.go", []byte("package x\nfunc {"))
	if err == nil || !strings.Contains(err.Error(), "broken.go:2") {
		t.Fatalf("error = %v, want one naming broken.go:2", err)
	}
}

func TestSkeletonIsSmaller(t *testing.T) {
	src, err := os.ReadFile("skeleton.go")
	if err != nil {
		t.Fatal(err)
	}
	got, err := skeleton.File("skeleton.go", src)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "func File(name string, src []byte) (string, error)\n") || strings.Contains(got, "func decl(") {
		t.Fatalf("skeleton of this package:\n%s", got)
	}
	if len(got)*3 > len(src) {
		t.Errorf("skeleton is %d bytes of %d: bodies and unexported code should be most of it", len(got), len(src))
	}
}

// TestImportsOnlyTheStandardLibrary states what the package may import: it
// runs in the MMA engine's context builder, beside no GUI and no network.
func TestImportsOnlyTheStandardLibrary(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "skeleton.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range f.Imports {
		path := strings.Trim(imp.Path.Value, `"`)
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
			t.Errorf("skeleton imports %s: only the standard library is allowed", path)
		}
	}
}
