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
			b := &DirectBuilder{Inline: tc.inline, tools: dir, env: os.Environ()}
			err := b.compile(t.Context(), BuildRequest{Root: dir}, "example.com/m/hotgen/b1/v", dir,
				[]string{src}, map[string]string{src: src}, map[string]string{}, filepath.Join(dir, "out", "v.a"))
			if err != nil {
				t.Fatal(err)
			}
			out, err := os.ReadFile(log)
			if err != nil {
				t.Fatal(err)
			}
			args := strings.Split(strings.TrimSpace(string(out)), "\n")
			if got := slices.Contains(args, "-l"); got != tc.want {
				t.Errorf("-l given: %v, want %v; compile %q", got, tc.want, args)
			}
		})
	}
}
