package hot

import (
	"errors"
	"fmt"
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCompilerOutput(t *testing.T) {
	const mod = "example.com/m"
	tests := []struct {
		name, in, want string
	}{
		{
			"dependency warnings dropped",
			"# github.com/dep/cgo\nwarning: noise\n  | more noise\n# example.com/m/views\n./views/a.go:3:1: syntax error\n",
			"# example.com/m/views\n./views/a.go:3:1: syntax error\n",
		},
		{
			"only the module's output",
			"# example.com/m/views\n./views/a.go:3:1: x\n",
			"# example.com/m/views\n./views/a.go:3:1: x\n",
		},
		{
			"no block of the module: keep all",
			"# github.com/dep/cgo\nfatal error: foo.h: No such file\n",
			"# github.com/dep/cgo\nfatal error: foo.h: No such file\n",
		},
		{
			"leading lines without a header are kept",
			"go: some toolchain message\n# example.com/m\n./a.go:1:1: y\n",
			"go: some toolchain message\n# example.com/m\n./a.go:1:1: y\n",
		},
		{"not a prefix match", "# example.com/mx\nz\n", "# example.com/mx\nz\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := compilerOutput(tc.in, mod); got != tc.want {
				t.Fatalf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// The direct builder hands what it does not handle to the go command.
func TestDirectBuilderFallsBack(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bctx := build.Default
	tests := []struct {
		name  string
		files map[string]string
	}{
		{"assembly", map[string]string{"a.go": "package p\n", "a_amd64.s": "TEXT ·f(SB),0,$0\n"}},
		{"C file", map[string]string{"a.go": "package p\n", "x.c": "int x;\n"}},
		{"no Go files", map[string]string{"README": "x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			virt := map[string]string{}
			for name, src := range tc.files {
				virt["/virt/"+name] = write(name, src)
			}
			if _, err := goFiles(&bctx, "/virt", virt); !errors.Is(err, errFallback) {
				t.Errorf("goFiles = %v, want errFallback", err)
			}
		})
	}
	b := &DirectBuilder{Go: GoBuilder{Settings: BuildSettings{Flags: []string{"-gcflags=-N"}}}}
	if _, err := b.build(t.Context(), BuildRequest{WorkDir: dir}); !errors.Is(err, errFallback) {
		t.Errorf("with -gcflags: %v, want errFallback", err)
	}
}

// Hot packages are compiled without inlining unless the builder asks for
// it: the compiler is told -l.
func TestDirectBuilderInlining(t *testing.T) {
	for _, tc := range []struct {
		inline bool
		want   bool // -l given
	}{{false, true}, {true, false}} {
		t.Run(fmt.Sprint("inline=", tc.inline), func(t *testing.T) {
			args := compileArgs(t, &DirectBuilder{Inline: tc.inline})
			if got := slices.Contains(args, "-l"); got != tc.want {
				t.Errorf("-l given: %v, want %v; compile %q", got, tc.want, args)
			}
		})
	}
}

// The build flags the direct build takes: -trimpath, -tags and a
// -gcflags=all= of flags that leave code and export data alone
// (-dwarf=false, which the Makefile builds with); any other goes to the
// go command.
func TestDirectFlags(t *testing.T) {
	for _, tc := range []struct {
		flags []string
		want  bool
	}{
		{nil, true},
		{[]string{"-trimpath", "-tags=a,b"}, true},
		{[]string{"-trimpath", "-gcflags=all=-dwarf=false"}, true},
		{[]string{"-gcflags=-dwarf=false"}, false}, // the main package's only
		{[]string{"-gcflags=all=-N -l"}, false},
		{[]string{"-gcflags=all=-dwarf=false -N"}, false},
		{[]string{"-gcflags=all="}, false},
		{[]string{"-race"}, false},
		{[]string{"-asmflags=all=-dynlink"}, false},
	} {
		if got := directFlags(tc.flags); got != tc.want {
			t.Errorf("directFlags(%q) = %v, want %v", tc.flags, got, tc.want)
		}
	}
}

// A -gcflags=all=-dwarf=false build setting reaches every compile.
func TestDirectBuilderPassesGCFlags(t *testing.T) {
	for _, tc := range []struct {
		flags []string
		want  bool // -dwarf=false given
	}{{[]string{"-trimpath"}, false}, {[]string{"-trimpath", "-gcflags=all=-dwarf=false"}, true}} {
		args := compileArgs(t, &DirectBuilder{Go: GoBuilder{Settings: BuildSettings{Flags: tc.flags}}})
		if got := slices.Contains(args, "-dwarf=false"); got != tc.want {
			t.Errorf("settings %q: -dwarf=false given: %v, want %v; compile %q", tc.flags, got, tc.want, args)
		}
	}
}

// compileArgs runs b's compile of a one-file package with a fake
// compiler and returns the arguments it was given.
func compileArgs(t *testing.T, b *DirectBuilder) []string {
	t.Helper()
	dir := t.TempDir()
	log := filepath.Join(dir, "args")
	fake := "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > " + log + "\n"
	if err := os.WriteFile(filepath.Join(dir, "compile"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "v.go")
	if err := os.WriteFile(src, []byte("package v\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	b.tools, b.env = dir, os.Environ()
	err := b.compile(t.Context(), BuildRequest{Root: dir}, unit{importPath: "example.com/m/hotgen/b1/v", dir: dir, files: []string{src}},
		map[string]string{src: src}, map[string]string{}, filepath.Join(dir, "out", "v.a"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}
