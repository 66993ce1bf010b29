package hostbuild

import (
	"context"
	"debug/buildinfo"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
)

// directModule writes a module whose main prints what its packages say:
// lib (the host's own), shared (imported by the hot package views too).
func directModule(t *testing.T, extra map[string]string) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/h\n\ngo 1.21\n",
		"main.go": "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/h/lib\"\n\t\"example.com/h/shared\"\n\t\"example.com/h/views\"\n\t_ \"example.com/h/zed\" // listed after lib\n)\n\n" +
			"func main() { fmt.Println(lib.Say(), views.V(), shared.S()) }\n",
		"lib/lib.go":     libSource(`"one"`),
		"zed/zed.go":     zedSource("z"),
		"shared/s.go":    "package shared\n\nfunc S() string { return \"s\" }\n",
		"views/views.go": "package views\n\nimport \"example.com/h/shared\"\n\nfunc V() string { return \"v\" + shared.S() }\n",
	}
	maps.Copy(files, extra)
	for name, text := range files {
		writeFile(t, filepath.Join(root, name), text)
	}
	return root
}

// directFixture writes the module and builds it once with the go command:
// the binary and build info Direct's must match. It returns the root,
// that build (a GoBuild Direct stands for), its binary and build info.
func directFixture(t *testing.T) (root string, gb GoBuild, ref string, info *debug.BuildInfo) {
	t.Helper()
	return directFixtureWith(t, nil)
}

// directFixtureWith is directFixture with extra files (a name → text
// that replaces the module's own).
func directFixtureWith(t *testing.T, extra map[string]string) (root string, gb GoBuild, ref string, info *debug.BuildInfo) {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	root = directModule(t, extra)
	gb = GoBuild{Root: root, Package: ".", OutDir: t.TempDir(), Name: "h", Args: []string{"-trimpath", "-buildvcs=false"},
		Env: append(os.Environ(), "GOFLAGS=")}
	ref, err := gb.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info, err = buildinfo.ReadFile(ref); err != nil {
		t.Fatal(err)
	}
	return root, gb, ref, info
}

func zedSource(text string) string {
	return "package zed\n\nfunc Z() string { return \"" + text + "\" }\n"
}

func libSource(expr string) string {
	return "package lib\n\nfunc Say() string { return " + expr + " }\n"
}

// noinlineSource is libSource with a Say no importer can inline: its
// body is not in lib's export data.
func noinlineSource(expr string) string {
	return "package lib\n\n//go:noinline\nfunc Say() string { return " + expr + " }\n"
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func runBinary(t *testing.T, bin string) string {
	t.Helper()
	b, err := exec.Command(bin).CombinedOutput()
	if err != nil {
		t.Fatalf("running %s: %v\n%s", bin, err, b)
	}
	return strings.TrimSpace(string(b))
}

// A host build after the first compiles only what changed and what
// imports it (unless what it imports kept its export data), and links,
// itself; what it leaves to the go command (a new import, go.mod) is
// listed or built by it. Every binary says what its sources say.
func TestDirectBuild(t *testing.T) {
	root, gb, _, info := directFixture(t)
	// Inline: lib is imported by main alone, and these steps are about
	// bodies importers inline (TestDirectBuildNoInline is about -l).
	d := &Direct{Go: gb, HotDirs: []string{"views"}, ModInfo: info, Inline: true}
	const lib, shared, views, main = "example.com/h/lib", "example.com/h/shared", "example.com/h/views", "example.com/h"

	steps := []struct {
		name     string
		edit     func()
		want     string // what the binary prints
		direct   bool
		listed   bool
		compiled []string
		kept     []string // not compiled though it imports what was
	}{
		{"first build: listed, linked here", func() {}, "one vs s", true, true, nil, nil},
		{"a body edit: lib and main compiled", func() { writeFile(t, filepath.Join(root, "lib/lib.go"), libSource(`"two"`)) },
			"two vs s", true, false, []string{lib, main}, nil},
		{"Say no longer inlinable: its export data changed, main compiled", func() { writeFile(t, filepath.Join(root, "lib/lib.go"), noinlineSource(`"2"`)) },
			"2 vs s", true, false, []string{lib, main}, nil},
		{"a body nothing inlines: lib compiled, main kept", func() { writeFile(t, filepath.Join(root, "lib/lib.go"), noinlineSource(`"II"`)) },
			"II vs s", true, false, []string{lib}, []string{main}},
		{"inlinable again: main compiled", func() { writeFile(t, filepath.Join(root, "lib/lib.go"), libSource(`"two"`)) },
			"two vs s", true, false, []string{lib, main}, nil},
		{"main alone", func() {
			writeFile(t, filepath.Join(root, "main.go"), strings.Replace(readFile(t, filepath.Join(root, "main.go")), "fmt.Println(", "fmt.Println(\"m\", ", 1))
		}, "m two vs s", true, false, []string{main}, nil},
		{"nothing changed", func() {}, "m two vs s", true, false, nil, nil},
		{"a package the views share: compiled here, as the go command does, with the packages that inline it", func() {
			writeFile(t, filepath.Join(root, "shared/s.go"), "package shared\n\nfunc S() string { return \"S\" }\n")
		}, "m two vS S", true, false, []string{shared, views, main}, nil},
		{"an import no package had: listed again", func() {
			writeFile(t, filepath.Join(root, "lib/lib.go"), "package lib\n\nimport \"container/list\"\n\nfunc Say() string { return list.New().Init().PushBack(\"three\").Value.(string) }\n")
		}, "m three vS S", true, true, nil, nil},
		{"an import of a package listed after it, both edited: listed again", func() {
			writeFile(t, filepath.Join(root, "zed/zed.go"), zedSource("four"))
			writeFile(t, filepath.Join(root, "lib/lib.go"), "package lib\n\nimport \"example.com/h/zed\"\n\nfunc Say() string { return zed.Z() }\n")
		}, "m four vS S", true, true, nil, nil},
		{"go.mod: the go command", func() {
			writeFile(t, filepath.Join(root, "go.mod"), "module example.com/h\n\ngo 1.21\n\n// edited\n")
		}, "m four vS S", false, false, nil, nil},
	}
	for _, s := range steps {
		s.edit()
		bin, tr := buildSays(t, d, s.name, s.want)
		if tr.Direct != s.direct || tr.Listed != s.listed || !slices.Equal(tr.Compiled, s.compiled) || !slices.Equal(tr.Kept, s.kept) {
			t.Errorf("%s: trace %+v, want direct %v, listed %v, compiled %q, kept %q", s.name, tr, s.direct, s.listed, s.compiled, s.kept)
		}
		if s.direct {
			got, err := buildinfo.ReadFile(bin)
			if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			if got.String() != info.String() {
				t.Errorf("%s: build info\n%s\nwant (go build's)\n%s", s.name, got, info)
			}
		}
	}
}

// buildSays builds with d, checks that the binary prints want, and
// returns it and how it was built; step names the step for messages.
func buildSays(t *testing.T, d *Direct, step, want string) (string, Trace) {
	t.Helper()
	bin, err := d.Build(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	if got := runBinary(t, bin); got != want {
		t.Errorf("%s: the binary says %q, want %q", step, got, want)
	}
	return bin, d.LastTrace()
}

// A package only main imports is compiled without inlining: from its
// second build on, no body edit changes its export data and main is
// kept. A package another imports keeps its inlining: a body edit
// changes its export data, and its importer is compiled again.
func TestDirectBuildNoInline(t *testing.T) {
	deep := func(text string) string { return "package deep\n\nfunc D() string { return \"" + text + "\" }\n" }
	lib := func(text string) string {
		return "package lib\n\nimport \"example.com/h/deep\"\n\nfunc Say() string { return \"" + text + "\" + deep.D() }\n"
	}
	root, gb, _, info := directFixtureWith(t, map[string]string{"lib/lib.go": lib("a"), "deep/deep.go": deep("d")})
	d := &Direct{Go: gb, HotDirs: []string{"views"}, ModInfo: info}
	const libP, deepP, mainP = "example.com/h/lib", "example.com/h/deep", "example.com/h"
	for _, s := range []struct {
		name           string
		edit           func()
		want           string
		compiled, kept []string
	}{
		{"first build", func() {}, "ad vs s", nil, nil},
		{"lib's first build here, without inlining: its export data is not go build's, main compiled",
			func() { writeFile(t, filepath.Join(root, "lib/lib.go"), lib("b")) }, "bd vs s", []string{libP, mainP}, nil},
		{"a body edit in lib (inlinable by go build): main kept",
			func() { writeFile(t, filepath.Join(root, "lib/lib.go"), lib("c")) }, "cd vs s", []string{libP}, []string{mainP}},
		{"a body edit in deep, which lib imports: deep keeps its inlining, so lib is compiled (main kept)",
			func() { writeFile(t, filepath.Join(root, "deep/deep.go"), deep("e")) }, "ce vs s", []string{deepP, libP}, []string{mainP}},
		{"and again (not deep's first build here)",
			func() { writeFile(t, filepath.Join(root, "deep/deep.go"), deep("f")) }, "cf vs s", []string{deepP, libP}, []string{mainP}},
	} {
		s.edit()
		if _, tr := buildSays(t, d, s.name, s.want); !tr.Direct || !slices.Equal(tr.Compiled, s.compiled) || !slices.Equal(tr.Kept, s.kept) {
			t.Errorf("%s: trace %+v, want compiled %q, kept %q", s.name, tr, s.compiled, s.kept)
		}
	}
}

// A build reads only the package directories whose files' identities
// changed (or are too recent to trust): nothing else to read on the key's
// path. A file rewritten with its old size and modification time is
// still seen (its change time moved).
func TestDirectPlanReadsOnlyChanged(t *testing.T) {
	root, gb, _, info := directFixture(t)
	d := &Direct{Go: gb, HotDirs: []string{"views"}, ModInfo: info, Inline: true}
	lib := filepath.Join(root, "lib/lib.go")
	later := func() time.Time { return time.Now().Add(time.Hour) } // every file's change well before
	// step builds and returns the package directories the build read.
	step := func(name, want string) []string {
		t.Helper()
		dirsRead.Lock()
		dirsRead.dirs = nil
		dirsRead.Unlock()
		buildSays(t, d, name, want)
		dirsRead.Lock()
		defer dirsRead.Unlock()
		var got []string
		for _, dir := range dirsRead.dirs {
			rel, _ := filepath.Rel(root, dir)
			got = append(got, rel)
		}
		return got
	}
	exactly := func(name, want string, read ...string) {
		t.Helper()
		if got := step(name, want); !slices.Equal(got, read) {
			t.Errorf("%s: package directories read %q, want %q", name, got, read)
		}
	}
	identNow = later
	defer func() { identNow = time.Now }()
	exactly("first build (listed)", "one vs s")
	exactly("nothing changed", "one vs s")
	writeFile(t, lib, libSource(`"two"`))
	exactly("lib edited", "two vs s", "lib")
	exactly("nothing changed since", "two vs s")
	fi, err := os.Stat(lib)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, lib, libSource(`"six"`)) // same size
	if err := os.Chtimes(lib, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	exactly("lib rewritten, same size and modification time", "six vs s", "lib")

	// lib changed a second before the clock: not trusted, so read again
	// by every build (the fixture's other files may be as recent).
	writeFile(t, lib, libSource(`"ten"`))
	fi, err = os.Stat(lib)
	if err != nil {
		t.Fatal(err)
	}
	identNow = func() time.Time { return fi.ModTime().Add(time.Second) }
	for _, name := range []string{"lib edited a second ago", "and built again"} {
		if got := step(name, "ten vs s"); !slices.Contains(got, "lib") {
			t.Errorf("%s: package directories read %q, want lib among them (its change is too recent to trust)", name, got)
		}
	}
}

// The process a hot restart starts from a binary Direct built adopts that
// build's state, kept beside it: no list, and the archives built there
// (lib, which only main imports, without inlining: a body edit keeps
// main). Not adopted: the state of another binary, one naming an archive
// that is gone, or after go.mod changed. Archives no state names are
// removed.
func TestDirectAdopt(t *testing.T) {
	root, gb, ref, info := directFixture(t)
	lib := filepath.Join(root, "lib/lib.go")
	const libP, mainP = "example.com/h/lib", "example.com/h"
	running := func(exe string) *Direct {
		executable = func() (string, error) { return exe, nil }
		return NewDirect(gb, []string{"views"}, info)
	}
	defer func() { executable = os.Executable }()

	d1 := running(ref)
	if _, tr := buildSays(t, d1, "the go command's binary: listed", "one vs s"); !tr.Direct || !tr.Listed {
		t.Fatalf("first build: %+v, want listed and linked here", tr)
	}
	writeFile(t, lib, libSource(`"two"`))
	bin1, tr := buildSays(t, d1, "lib compiled here", "two vs s")
	if !slices.Equal(tr.Compiled, []string{libP, mainP}) {
		t.Fatalf("lib edited: %+v, want lib and main compiled here", tr)
	}
	if fi, err := os.Stat(bin1 + ".direct"); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the state beside the binary: %v, %v; want it, private", fi, err)
	}

	stray := filepath.Join(gb.OutDir, "archives", "example.com_h_lib-1.a") // of a build whose binary never ran
	writeFile(t, stray, "!<arch>\n")
	d2 := running(bin1)
	d2.Prepare(context.Background())
	if !d2.Listed() {
		t.Fatal("running the binary Direct built: Prepare did not adopt its state")
	}
	// Prepare compiled zed (only main imports it) without inlining, and
	// main again, replacing the main archive bin1's state named: that
	// state now names the new one, so bin1 started again adopts it.
	if d := running(bin1); d.keptState() == nil {
		t.Fatal("after Prepare compiled ahead, the state beside the running binary is not adoptable")
	}
	writeFile(t, lib, libSource(`"three"`))
	bin2, tr := buildSays(t, d2, "adopted", "three vs s")
	if !tr.Direct || tr.Listed || !slices.Equal(tr.Compiled, []string{libP}) || !slices.Equal(tr.Kept, []string{mainP}) {
		t.Errorf("a build after adopting: %+v, want no list, lib compiled, main kept", tr)
	}
	named := map[string]bool{}
	for _, m := range []map[string]string{d2.st.archive, d2.st.linkobj} {
		for _, f := range m {
			named[f] = true
		}
	}
	ents, _ := os.ReadDir(filepath.Join(gb.OutDir, "archives"))
	for _, e := range ents {
		if !named[filepath.Join(gb.OutDir, "archives", e.Name())] {
			t.Errorf("archives/%s: no state names it, still there", e.Name())
		}
	}
	if len(ents) != 6 {
		t.Errorf("%d files in archives/, want 6 (lib's, main's and zed's, which Prepare compiled without inlining: archive and object)", len(ents))
	}

	// Listed again instead: with go.mod edited since; the first binary
	// (its state names lib's older archive, removed when replaced); with
	// an archive gone.
	mod := filepath.Join(root, "go.mod")
	modText := readFile(t, mod)
	for _, c := range []struct {
		name, exe     string
		before, after func()
	}{
		{"go.mod edited", bin2, func() { writeFile(t, mod, modText+"\n// edited\n") }, func() { writeFile(t, mod, modText) }},
		{"running the first binary again", bin1, func() {}, func() {}},
		{"an archive gone", bin2, func() { os.Remove(d2.st.linkobj[mainP]) }, func() {}},
	} {
		c.before()
		if _, tr := buildSays(t, running(c.exe), c.name, "three vs s"); !tr.Direct || !tr.Listed {
			t.Errorf("%s: %+v, want listed again", c.name, tr)
		}
		c.after()
	}
}

// A module go.mod replaces with a directory in the tree (third_party/giu)
// is watched too: an edit to it is built, by the go command (without it
// the binary says the old text: linked with the old archive).
func TestDirectBuildSeesAReplacedModuleInTheTree(t *testing.T) {
	tp := func(text string) string { return "package tp\n\nfunc T() string { return \"" + text + "\" }\n" }
	root, gb, _, info := directFixtureWith(t, map[string]string{
		"go.mod": "module example.com/h\n\ngo 1.21\n\nrequire example.com/tp v0.0.0\n\nreplace example.com/tp => ./third_party/tp\n",
		"main.go": "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/h/lib\"\n\t\"example.com/tp\"\n)\n\n" +
			"func main() { fmt.Println(lib.Say(), tp.T()) }\n",
		"third_party/tp/go.mod": "module example.com/tp\n\ngo 1.21\n",
		"third_party/tp/tp.go":  tp("t"),
	})
	d := &Direct{Go: gb, HotDirs: []string{"views"}, ModInfo: info}
	for _, s := range []struct {
		name, edit, want string
		listed           bool
	}{
		{"first build", "", "one t", true},
		{"the replaced module edited", "t2", "one t2", true},
		{"nothing changed", "", "one t2", false},
	} {
		if s.edit != "" {
			writeFile(t, filepath.Join(root, "third_party/tp/tp.go"), tp(s.edit))
		}
		if _, tr := buildSays(t, d, s.name, s.want); !tr.Direct || tr.Listed != s.listed || len(tr.Compiled) > 0 {
			t.Errorf("%s: trace %+v, want listed %v, nothing compiled here", s.name, tr, s.listed)
		}
	}
}

// Prepared (listed ahead), even the first build compiles and links here.
func TestDirectPrepare(t *testing.T) {
	root, gb, _, info := directFixture(t)
	d := NewDirect(gb, []string{"views"}, info)
	if d.Listed() {
		t.Fatal("listed before Prepare")
	}
	if d.Prepared() {
		t.Fatal("prepared before Prepare")
	}
	d.Prepare(context.Background())
	if !d.Listed() || !d.Prepared() {
		t.Fatalf("after Prepare: listed %v, prepared %v", d.Listed(), d.Prepared())
	}
	// lib and zed (only main imports them) were compiled again without
	// inlining, and main with them: the first edit compiles lib alone.
	if want := []string{"example.com/h/lib", "example.com/h/zed", "example.com/h"}; !slices.Equal(compiledHere(d), want) {
		t.Errorf("Prepare compiled %q ahead, want %q", compiledHere(d), want)
	}
	writeFile(t, filepath.Join(root, "lib/lib.go"), libSource(`"prepared"`))
	if _, tr := buildSays(t, d, "prepared", "prepared vs s"); !tr.Direct || tr.Listed || !slices.Equal(tr.Compiled, []string{"example.com/h/lib"}) ||
		!slices.Equal(tr.Kept, []string{"example.com/h"}) {
		t.Errorf("trace %+v, want lib compiled here, main kept, no list", tr)
	}
}

// compiledHere lists, in dependency order, the packages whose archives
// Direct compiled (not go list's).
func compiledHere(d *Direct) []string {
	var out []string
	for _, ip := range d.st.order {
		if d.st.linkobj[ip] != "" {
			out = append(out, ip)
		}
	}
	return out
}

// A package in a Private directory is compiled without inlining though
// another package imports it: a body edit in it compiles it alone, its
// importers kept. Prepare compiles it (and what imports it) ahead, so
// that holds from the first edit.
func TestDirectPrivate(t *testing.T) {
	deep := func(text string) string { return "package deep\n\nfunc D() string { return \"" + text + "\" }\n" }
	lib := "package lib\n\nimport \"example.com/h/deep\"\n\nfunc Say() string { return \"a\" + deep.D() }\n"
	// cg (cgo, which only main imports) is the go command's to compile:
	// Prepare leaves it as listed.
	main := "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/h/cg\"\n\t\"example.com/h/lib\"\n\t\"example.com/h/shared\"\n\t\"example.com/h/views\"\n\t_ \"example.com/h/zed\"\n)\n\n" +
		"func main() { _ = cg.One(); fmt.Println(lib.Say(), views.V(), shared.S()) }\n"
	cg := "package cg\n\n// static int one(void) { return 1; }\nimport \"C\"\n\nfunc One() int { return int(C.one()) }\n"
	root, gb, _, info := directFixtureWith(t, map[string]string{"lib/lib.go": lib, "deep/deep.go": deep("d"), "main.go": main, "cg/cg.go": cg})
	const libP, deepP, zedP, mainP = "example.com/h/lib", "example.com/h/deep", "example.com/h/zed", "example.com/h"
	for _, s := range []struct {
		name           string
		private        []string
		prepared       []string
		compiled, kept []string
	}{
		{"deep private", []string{"deep"}, []string{deepP, libP, zedP, mainP}, []string{deepP}, []string{libP, mainP}},
		{"the module's root private", []string{"."}, []string{deepP, libP, zedP, mainP}, []string{deepP}, []string{libP, mainP}},
		{"none private: deep keeps its inlining, its body edit compiles lib", nil, []string{libP, zedP, mainP}, []string{deepP, libP}, []string{mainP}},
	} {
		writeFile(t, filepath.Join(root, "deep/deep.go"), deep("d"))
		d := NewDirect(gb, []string{"views"}, info)
		d.Private = s.private
		d.Prepare(context.Background())
		if !slices.Equal(compiledHere(d), s.prepared) {
			t.Errorf("%s: Prepare compiled %q ahead, want %q", s.name, compiledHere(d), s.prepared)
		}
		writeFile(t, filepath.Join(root, "deep/deep.go"), deep("e"))
		if _, tr := buildSays(t, d, s.name, "ae vs s"); !tr.Direct || tr.Listed || !slices.Equal(tr.Compiled, s.compiled) || !slices.Equal(tr.Kept, s.kept) {
			t.Errorf("%s: trace %+v, want compiled %q, kept %q", s.name, tr, s.compiled, s.kept)
		}
	}
}

// A build does not wait for a Prepare whose list is slow (niced on a busy
// machine): it stops it and lists itself. The fake go command's first
// list sleeps two minutes.
func TestDirectBuildStopsPrepare(t *testing.T) {
	_, gb, _, info := directFixture(t)
	dir := t.TempDir()
	started := filepath.Join(dir, "started")
	goCmd := filepath.Join(dir, "go")
	writeFile(t, goCmd, "#!/bin/sh\nif [ \"$1\" = list ] && [ ! -e "+started+" ]; then : > "+started+"; sleep 120; fi\nexec go \"$@\"\n")
	os.Chmod(goCmd, 0o755)
	gb.GoCmd = goCmd
	d := NewDirect(gb, []string{"views"}, info)
	prepared := make(chan struct{})
	go func() { d.Prepare(context.Background()); close(prepared) }()
	poll(t, "the prepare's list", func() bool { _, err := os.Stat(started); return err == nil })
	built := make(chan error, 1)
	go func() {
		bin, err := d.Build(context.Background())
		if err == nil {
			if out, _ := exec.Command(bin).Output(); strings.TrimSpace(string(out)) != "one vs s" {
				err = fmt.Errorf("the binary says %q", out)
			}
		}
		built <- err
	}()
	select {
	case err := <-built:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(90 * time.Second):
		t.Fatal("the build waited for the prepare's list")
	}
	<-prepared
	if tr := d.LastTrace(); !tr.Direct || !tr.Listed {
		t.Errorf("trace %+v: want the build's own list", tr)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A compile error is the compiler's, naming the file as go build does,
// and leaves no binary; the state stays (the archives the last build
// had), and the fix compiles what changed, listing nothing again.
func TestDirectBuildError(t *testing.T) {
	root, gb, ref, info := directFixture(t)
	os.Remove(ref)
	d := &Direct{Go: gb, HotDirs: []string{"views"}, ModInfo: info}
	if _, err := d.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "lib/lib.go"), libSource("undefinedThing"))
	bin, err := d.Build(context.Background())
	var be *BuildError
	if !errors.As(err, &be) || bin != "" || !strings.Contains(be.Output, "# example.com/h/lib") ||
		!strings.Contains(be.Output, "lib/lib.go:3:28: undefined: undefinedThing") {
		t.Fatalf("Build = %q, %v; want the compiler's error", bin, err)
	}
	if tr := d.LastTrace(); !tr.Direct {
		t.Errorf("the error came from the go command: %+v", tr)
	}
	// Two packages that do not import each other compile at once: the
	// error says what is wrong in both, in dependency order, as go build's
	// does.
	writeFile(t, filepath.Join(root, "zed/zed.go"), "package zed\n\nfunc Z() string { return alsoUndefined }\n")
	_, err = d.Build(context.Background())
	if !errors.As(err, &be) || !strings.Contains(be.Output, "undefined: undefinedThing") || !strings.Contains(be.Output, "zed/zed.go:3:26: undefined: alsoUndefined") ||
		strings.Index(be.Output, "# example.com/h/lib") > strings.Index(be.Output, "# example.com/h/zed") {
		t.Fatalf("two broken packages: %v; want both compiler errors, lib's first", err)
	}
	if tr := d.LastTrace(); !tr.Direct || tr.Listed {
		t.Errorf("after a failed compile, the next build listed again or went to the go command: %+v", tr)
	}
	bins, _ := filepath.Glob(filepath.Join(gb.OutDir, "h-*[0-9]"))
	if len(bins) != 1 {
		t.Errorf("binaries after failed builds: %q, want the first only", bins)
	}
	// The fix compiles what changed, without listing the packages again.
	writeFile(t, filepath.Join(root, "zed/zed.go"), zedSource("z"))
	writeFile(t, filepath.Join(root, "lib/lib.go"), libSource(`"fixed"`))
	if _, tr := buildSays(t, d, "after the fix", "fixed vs s"); !tr.Direct || tr.Listed || !slices.Contains(tr.Compiled, "example.com/h/lib") {
		t.Errorf("the fix: trace %+v, want lib compiled here, not listed", tr)
	}
	// A build that fails after some packages compiled (shared and views,
	// which import no broken package) leaves the state naming the
	// archives it had, not the ones in its removed object directory.
	writeFile(t, filepath.Join(root, "shared/s.go"), "package shared\n\nfunc S() string { return \"t\" }\n")
	writeFile(t, filepath.Join(root, "lib/lib.go"), libSource("undefinedThing"))
	if _, err := d.Build(context.Background()); !errors.As(err, &be) {
		t.Fatalf("lib broken again: %v, want the compiler's error", err)
	}
	for ip, a := range d.st.archive {
		for _, f := range []string{a, d.st.linkobj[ip]} {
			if _, err := os.Stat(f); f != "" && err != nil {
				t.Errorf("after the failed build the state names %s's %s: %v", ip, f, err)
			}
		}
	}
	writeFile(t, filepath.Join(root, "lib/lib.go"), libSource(`"again"`))
	buildSays(t, d, "fixed again", "again vt t")
}

// A build whose compiles failed reports every compiler error, in
// dependency order, unless one failure is not the compiler's (the build
// stopped, or one for the go command).
func TestCompileErrors(t *testing.T) {
	lib := &BuildError{Output: "# lib\nlib.go:1: bad", Err: errors.New("exit status 1")}
	zed := &BuildError{Output: "# zed\nzed.go:1: bad", Err: errors.New("exit status 1")}
	stopped := context.Canceled
	for _, c := range []struct {
		name string
		errs map[string]error
		want string // the error's text; "" for none
		is   error
	}{
		{"none", nil, "", nil},
		{"one", map[string]error{"lib": lib}, lib.Output, nil},
		{"two, in dependency order", map[string]error{"zed": zed, "lib": lib}, lib.Output + "\n" + zed.Output, nil},
		{"one for the go command", map[string]error{"lib": lib, "zed": errGo}, errGo.Error(), errGo},
		{"the build stopped", map[string]error{"lib": stopped, "zed": zed}, stopped.Error(), stopped},
	} {
		err := compileErrors([]string{"lib", "mid", "zed"}, func(p string) error { return c.errs[p] })
		if got := fmt.Sprint(err); (err == nil) != (c.want == "") || (err != nil && got != c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if c.is != nil && !errors.Is(err, c.is) {
			t.Errorf("%s: %v is not %v", c.name, err, c.is)
		}
	}
}

// A file saved while the list read it may not be what it compiled: the
// build compiles its package again. A go command that saves lib/lib.go
// after go list has read (and compiled) the old one stands for that save.
func TestDirectBuildDistrustsFilesSavedDuringTheList(t *testing.T) {
	root, gb, _, info := directFixture(t)
	goCmd := filepath.Join(t.TempDir(), "go")
	script := "#!/bin/sh\ngo \"$@\"; rc=$?\n[ \"$1\" = list ] && printf '%s' '" + libSource(`"two"`) + "' > " +
		filepath.Join(root, "lib/lib.go") + "\nexit $rc\n"
	writeFile(t, goCmd, script)
	os.Chmod(goCmd, 0o755)
	gb.GoCmd = goCmd
	d := &Direct{Go: gb, HotDirs: []string{"views"}, ModInfo: info}
	_, tr := buildSays(t, d, "lib saved during the list: what lib/lib.go says now", "two vs s")
	if got, want := tr.Compiled, []string{"example.com/h/lib", "example.com/h"}; !slices.Equal(got, want) {
		t.Errorf("compiled %q, want %q", got, want)
	}
}

// The build flags Direct passes on to the linker, and the ones it leaves
// to the go command (nil): compiler flags only as hot.CompilerFlags
// allows, and -ldflags it can split without a shell's quoting.
func TestDirectLdflags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"-trimpath", "-buildvcs=false", "-tags=x"}, []string{}},
		{[]string{"-trimpath", "-gcflags=all=-dwarf=false", "-ldflags=-extld=/x/extld.sh -w"}, []string{"-extld=/x/extld.sh", "-w"}},
		{[]string{"-gcflags=all=-N -l"}, nil},
		{[]string{"-gcflags=-dwarf=false"}, nil},
		{[]string{"-ldflags=-X 'main.v=a b'"}, nil},
		{[]string{"-race"}, nil},
	} {
		d := &Direct{Go: GoBuild{Args: c.args}}
		got := d.ldflags()
		if (got == nil) != (c.want == nil) || !slices.Equal(got, c.want) {
			t.Errorf("ldflags(%q) = %#v, want %#v", c.args, got, c.want)
		}
	}
}

// Prune removes the binaries, kept states and object directories earlier
// processes left, but the running binary's and anything made since.
func TestPrune(t *testing.T) {
	dir := t.TempDir()
	since := time.Now().Add(-time.Minute)
	old, recent := since.Add(-time.Hour), since.Add(time.Second)
	for _, f := range []struct {
		name string
		at   time.Time
		dir  bool
		kept bool
	}{
		{"h-1", old, false, false},            // an earlier process's
		{"h-1.direct", old, false, false},     // its state
		{"h-2", old, false, true},             // the running binary
		{"h-2.direct", old, false, true},      // its state
		{"h-3", recent, false, true},          // built by this process
		{"h-3.direct.tmp", old, false, false}, // a state never renamed
		{"objs-7", old, true, false},          // a killed build's objects
		{"objs-8", recent, true, true},        // a build under way
		{"archives", old, true, true},         // Direct's (adopt prunes them)
		{"notes.txt", old, false, true},       // not a build's
	} {
		p := filepath.Join(dir, f.name)
		if f.dir {
			writeFile(t, filepath.Join(p, "x.o"), "x")
		} else {
			writeFile(t, p, "x")
		}
		if err := os.Chtimes(p, f.at, f.at); err != nil {
			t.Fatal(err)
		}
		defer func() {
			_, err := os.Stat(p)
			if gone := errors.Is(err, os.ErrNotExist); gone == f.kept {
				t.Errorf("%s: removed %v, want %v", f.name, gone, !f.kept)
			}
		}()
	}
	if n := Prune(dir, "h", filepath.Join(dir, "h-2"), since); n != 4 {
		t.Errorf("Prune removed %d, want 4", n)
	}
}

// A package the hot packages share is compiled here as the go command
// compiles it: a plugin the go command builds of a hot package (as the
// views' builder does, in the plugin build mode) loads in the host Direct
// linked, whose copy of the shared package it must match exactly
// (plugin.Open compares each package's fingerprint, a hash of its export
// data), whether the edit changed that export data (its importers
// compiled) or not (kept).
func TestDirectSharedPackagePluginLoads(t *testing.T) {
	if testing.Short() {
		t.Skip("builds plugins")
	}
	shared := func(body string) string { return "package shared\n\n" + body + "\n" }
	main := "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"plugin\"\n\n\t\"example.com/h/lib\"\n\t\"example.com/h/shared\"\n\t\"example.com/h/views\"\n\t_ \"example.com/h/zed\"\n)\n\n" +
		"func main() {\n\tp, err := plugin.Open(os.Args[1])\n\tif err != nil {\n\t\tfmt.Println(err)\n\t\treturn\n\t}\n" +
		"\tv, _ := p.Lookup(\"V\")\n\tfmt.Println(lib.Say(), views.V(), shared.S(), v.(func() string)())\n}\n"
	plug := "package main\n\nimport \"example.com/h/views\"\n\nfunc V() string { return \"plugin \" + views.V() }\n"
	root, gb, _, info := directFixtureWith(t, map[string]string{"main.go": main, "plug/plug.go": plug,
		"shared/s.go": shared(`func S() string { return "s" }`)})
	d := &Direct{Go: gb, HotDirs: []string{"views", "plug"}, ModInfo: info}
	const sharedP, viewsP, mainP = "example.com/h/shared", "example.com/h/views", "example.com/h"
	for _, s := range []struct {
		name           string
		body           string
		want           string
		compiled, kept []string
	}{
		{"first build", `func S() string { return "s" }`, "one vs s plugin vs", nil, nil},
		{"an inlinable body: export data changed, importers compiled", `func S() string { return "t" }`,
			"one vt t plugin vt", []string{sharedP, viewsP, mainP}, nil},
		{"not inlinable: export data changed", "//go:noinline\nfunc S() string { return \"u\" }",
			"one vu u plugin vu", []string{sharedP, viewsP, mainP}, nil},
		{"a body nothing inlines: importers kept", "//go:noinline\nfunc S() string { return \"w\" }",
			"one vw w plugin vw", []string{sharedP}, []string{viewsP, mainP}},
	} {
		writeFile(t, filepath.Join(root, "shared/s.go"), shared(s.body))
		bin, err := d.Build(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if tr := d.LastTrace(); !tr.Direct || tr.Listed != (s.compiled == nil) || !slices.Equal(tr.Compiled, s.compiled) || !slices.Equal(tr.Kept, s.kept) {
			t.Errorf("%s: trace %+v, want compiled %q, kept %q", s.name, tr, s.compiled, s.kept)
		}
		so := filepath.Join(t.TempDir(), "plug.so")
		cmd := exec.Command("go", "build", "-buildmode=plugin", "-trimpath", "-buildvcs=false", "-o", so, "./plug")
		cmd.Dir, cmd.Env = root, gb.Env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: building the plugin: %v\n%s", s.name, err, out)
		}
		out, err := exec.Command(bin, so).CombinedOutput()
		if got := strings.TrimSpace(string(out)); err != nil || got != s.want {
			t.Errorf("%s: the host with the plugin says %q (%v), want %q", s.name, got, err, s.want)
		}
	}
}

// A package that embeds files is compiled here too (its -embedcfg made as
// the go command makes it): after an edit in a package it imports, or in
// a file it embeds, in its directory or one below. A pattern that names a
// directory is the go command's to walk: listed again.
func TestDirectBuildEmbed(t *testing.T) {
	emb := func(patterns string) string {
		return "package emb\n\nimport (\n\t\"embed\"\n\n\t\"example.com/h/lib\"\n)\n\n//go:embed " + patterns + "\nvar files embed.FS\n\n" +
			"func Msg() string {\n\tout := lib.Say()\n\tfor _, f := range []string{\"msg.txt\", \"sub/more.txt\"} {\n" +
			"\t\tif b, err := files.ReadFile(f); err == nil {\n\t\t\tout += \" \" + string(b)\n\t\t}\n\t}\n\treturn out\n}\n"
	}
	main := "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/h/emb\"\n)\n\nfunc main() { fmt.Println(emb.Msg()) }\n"
	root, gb, _, info := directFixtureWith(t, map[string]string{"main.go": main, "emb/emb.go": emb("msg.txt"), "emb/msg.txt": "hello"})
	d := &Direct{Go: gb, HotDirs: []string{"views"}, ModInfo: info, Inline: true}
	const libP, embP, mainP = "example.com/h/lib", "example.com/h/emb", "example.com/h"
	// Every file's change long past: a build reads only the directories
	// whose files' identities changed, and those a package embeds below it.
	identNow = func() time.Time { return time.Now().Add(time.Hour) }
	defer func() { identNow = time.Now }()
	file := func(name, text string) func() { return func() { writeFile(t, filepath.Join(root, name), text) } }
	for _, s := range []struct {
		name           string
		edit           func()
		want           string
		listed         bool
		compiled, kept []string
	}{
		{"first build", func() {}, "one hello", true, nil, nil},
		{"an edit in what it imports", file("lib/lib.go", libSource(`"two"`)), "two hello", false, []string{libP, embP}, []string{mainP}},
		{"an edit in the file it embeds", file("emb/msg.txt", "world"), "two world", false, []string{embP}, []string{mainP}},
		{"a glob, in a directory below", func() {
			writeFile(t, filepath.Join(root, "emb/sub/more.txt"), "below")
			writeFile(t, filepath.Join(root, "emb/emb.go"), emb("m*.txt sub/*.txt"))
		}, "two world below", false, []string{embP}, []string{mainP}},
		{"an edit in the directory below", file("emb/sub/more.txt", "deeper"), "two world deeper", false, []string{embP}, []string{mainP}},
		{"a directory: listed again", file("emb/emb.go", emb("msg.txt sub")), "two world deeper", true, nil, nil},
	} {
		s.edit()
		_, tr := buildSays(t, d, s.name, s.want)
		if !tr.Direct || tr.Listed != s.listed || !slices.Equal(tr.Compiled, s.compiled) || !slices.Equal(tr.Kept, s.kept) {
			t.Errorf("%s: trace %+v, want listed %v, compiled %q, kept %q", s.name, tr, s.listed, s.compiled, s.kept)
		}
	}
}

// Packages that do not import each other compile at once: lib and zed,
// both edited, each wait (up to a minute) in a wrapper of the compiler
// for the other's compile to start; one after another, the first would
// wait alone and say so.
func TestDirectCompilesAtOnce(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one processor: one compile at a time")
	}
	root, gb, _, info := directFixture(t)
	d := &Direct{Go: gb, HotDirs: []string{"views"}, ModInfo: info, Inline: true}
	buildSays(t, d, "first build", "one vs s")
	tools, marks := t.TempDir(), t.TempDir()
	if err := os.Symlink(filepath.Join(d.st.tools, "link"), filepath.Join(tools, "link")); err != nil {
		t.Fatal(err)
	}
	wrapper := `#!/bin/sh
p=; prev=
for a in "$@"; do [ "$prev" = -p ] && p=${a##*/}; prev=$a; done
case "$p" in
lib) other=zed ;;
zed) other=lib ;;
*) exec "` + filepath.Join(d.st.tools, "compile") + `" "$@" ;;
esac
touch "` + marks + `/$p"
i=0
while [ ! -e "` + marks + `/$other" ]; do
  i=$((i+1)); [ $i -gt 600 ] && { touch "` + marks + `/$p.alone"; break; }
  sleep 0.1
done
exec "` + filepath.Join(d.st.tools, "compile") + `" "$@"
`
	writeFile(t, filepath.Join(tools, "compile"), wrapper)
	if err := os.Chmod(filepath.Join(tools, "compile"), 0o755); err != nil {
		t.Fatal(err)
	}
	d.st.tools = tools
	writeFile(t, filepath.Join(root, "lib/lib.go"), noinlineSource(`"two"`))
	writeFile(t, filepath.Join(root, "zed/zed.go"), zedSource("zz"))
	if _, tr := buildSays(t, d, "lib and zed edited", "two vs s"); !slices.Contains(tr.Compiled, "example.com/h/lib") || !slices.Contains(tr.Compiled, "example.com/h/zed") {
		t.Fatalf("trace %+v, want lib and zed compiled", tr)
	}
	if alone, _ := filepath.Glob(filepath.Join(marks, "*.alone")); len(alone) > 0 {
		t.Errorf("compiled one after another: %q waited a minute for the other", alone)
	}
}

// A build stopped while it compiles (a newer save stops it) keeps the
// last build's archives: the next build compiles what changed, without
// listing the packages again (it used to: ~0.6 s and more on the key).
func TestDirectBuildStoppedKeepsItsState(t *testing.T) {
	root, gb, _, info := directFixture(t)
	d := &Direct{Go: gb, HotDirs: []string{"views"}, ModInfo: info, Inline: true}
	buildSays(t, d, "first build", "one vs s")
	tools, marks := t.TempDir(), t.TempDir()
	realTools := d.st.tools
	if err := os.Symlink(filepath.Join(realTools, "link"), filepath.Join(tools, "link")); err != nil {
		t.Fatal(err)
	}
	// A compiler that starts and never ends.
	writeFile(t, filepath.Join(tools, "compile"), "#!/bin/sh\ntouch "+marks+"/started\nexec sleep 600\n")
	if err := os.Chmod(filepath.Join(tools, "compile"), 0o755); err != nil {
		t.Fatal(err)
	}
	d.st.tools = tools
	writeFile(t, filepath.Join(root, "lib/lib.go"), libSource(`"two"`))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { // stops the build once the compile started (or after a minute)
		defer cancel()
		for end := time.Now().Add(time.Minute); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
			if _, err := os.Stat(filepath.Join(marks, "started")); err == nil {
				return
			}
		}
	}()
	if bin, err := d.Build(ctx); err == nil || !errors.Is(err, context.Canceled) || bin != "" {
		t.Fatalf("the stopped build: %q, %v; want no binary, stopped", bin, err)
	}
	if !d.Listed() {
		t.Fatal("the stopped build dropped the packages' state")
	}
	d.st.tools = realTools
	if _, tr := buildSays(t, d, "the next build", "two vs s"); !tr.Direct || tr.Listed || !slices.Contains(tr.Compiled, "example.com/h/lib") {
		t.Errorf("the next build: trace %+v, want lib compiled here, not listed", tr)
	}
}
