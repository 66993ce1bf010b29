package hot_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/hot"
)

const testModPath = "example.com/m"

// writeFile writes root/rel, creating its directory.
func writeFile(tb testing.TB, root, rel, content string) {
	tb.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// mustModule creates a Go module: hot package views/ imports stable
// package state/, which imports stable package deep/; other/ is unrelated.
func mustModule(tb testing.TB) string {
	tb.Helper()
	root := tb.TempDir()
	writeFile(tb, root, "go.mod", "module "+testModPath+"\n\ngo 1.22\n")
	writeFile(tb, root, "views/views.go", "package views\n\nimport (\n\t\"fmt\"\n\n\t\""+testModPath+"/state\"\n)\n\nvar _ = fmt.Sprint(state.N)\n")
	writeFile(tb, root, "views/views_test.go", "package views\n")
	writeFile(tb, root, "state/state.go", "package state\n\nimport \""+testModPath+"/deep\"\n\nvar N = deep.N\n")
	writeFile(tb, root, "deep/deep.go", "package deep\n\nvar N = 1\n")
	writeFile(tb, root, "other/other.go", "package other\n")
	writeFile(tb, root, "testdata/x/x.go", "package x\n")
	writeFile(tb, root, ".hidden/h.go", "package h\n")
	return root
}

func TestTakeFingerprint(t *testing.T) {
	root := mustModule(t)
	fp, err := hot.TakeFingerprint(root, []string{"views"})
	if err != nil {
		t.Fatalf("TakeFingerprint: %v", err)
	}
	var keys []string
	for k := range fp {
		keys = append(keys, k)
	}
	if got, want := sorted(keys), []string{"deep", "go.mod", "go.sum", "other", "state"}; !reflect.DeepEqual(got, want) {
		t.Errorf("fingerprint keys = %v, want %v", got, want)
	}
	again, err := hot.TakeFingerprint(root, []string{"views"})
	if err != nil || !reflect.DeepEqual(fp, again) {
		t.Errorf("a second fingerprint of the same tree differs: %v, %v", err, again)
	}
	writeFile(t, root, "state/state_test.go", "package state\n// tests do not count\n")
	if again, _ := hot.TakeFingerprint(root, []string{"views"}); again["state"] != fp["state"] {
		t.Error("adding a _test.go file changed the fingerprint")
	}
	writeFile(t, root, "state/more.go", "package state\n")
	if again, _ := hot.TakeFingerprint(root, []string{"views"}); again["state"] == fp["state"] {
		t.Error("adding a Go file did not change the fingerprint")
	}
}

// A fingerprint taken ahead is of the tree when it was started (a spare's:
// the sources its binary was built from), not of a save made since; one
// of another tree or other hot dirs, or none, is taken when asked.
func TestFingerprintAhead(t *testing.T) {
	hotDirs := []string{"views"}
	root := mustModule(t)
	before, err := hot.TakeFingerprint(root, hotDirs)
	if err != nil {
		t.Fatal(err)
	}
	ahead := hot.TakeFingerprintAhead(root, hotDirs)
	got, err := ahead.Get(root, hotDirs) // waits for it
	if err != nil || !reflect.DeepEqual(got, before) {
		t.Fatalf("Get = %v, %v; want %v", got, err, before)
	}
	writeFile(t, root, "state/state.go", "package state\n\nvar N = 2\n") // saved while the spare waits
	now, err := hot.TakeFingerprint(root, hotDirs)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := ahead.Get(root, hotDirs); !reflect.DeepEqual(got, before) {
		t.Errorf("Get after a save = %v, want the fingerprint taken ahead %v", got, before)
	}
	if changed := now.Changed(before); !reflect.DeepEqual(changed, []string{"state"}) {
		t.Errorf("the save made while waiting: changed %v, want [state]", changed)
	}
	for _, c := range []struct {
		name string
		f    *hot.FingerprintAhead
		hot  []string
	}{
		{"other hot dirs", ahead, []string{"views", "state"}},
		{"none taken ahead", nil, hotDirs},
		{"another tree", hot.TakeFingerprintAhead(mustModule(t), hotDirs), hotDirs},
		{"nothing to take", hot.TakeFingerprintAhead("", hotDirs), hotDirs},
	} {
		want, err := hot.TakeFingerprint(root, c.hot)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := c.f.Get(root, c.hot); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Get = %v, %v; want the tree's now %v", c.name, got, err, want)
		}
	}
}

// TestFingerprintReadsOnlyChanged: a fingerprint reads again only the
// packages whose files changed (a trigger takes one on the key's path),
// and still sees every kind of change.
func TestFingerprintReadsOnlyChanged(t *testing.T) {
	root := mustModule(t)
	// The files count as long unchanged when they are read.
	later := time.Now().Add(time.Hour)
	defer hot.SetFingerprintClock(func() time.Time { return later })()
	hotDirs := []string{"views"}
	take := func() (hot.Fingerprint, int64) {
		t.Helper()
		n := hot.FilesHashed()
		fp, err := hot.TakeFingerprint(root, hotDirs)
		if err != nil {
			t.Fatalf("TakeFingerprint: %v", err)
		}
		return fp, hot.FilesHashed() - n
	}
	base, _ := take()
	if again, read := take(); read != 0 || !reflect.DeepEqual(again, base) {
		t.Fatalf("nothing changed: read %d files, fingerprint %v (was %v); want 0 and the same", read, again, base)
	}
	stateGo := filepath.Join(root, "state", "state.go")
	info, err := os.Stat(stateGo)
	if err != nil {
		t.Fatal(err)
	}
	old, err := os.ReadFile(stateGo)
	if err != nil {
		t.Fatal(err)
	}
	same := strings.Replace(string(old), "deep.N", "deep.M", 1) // same size
	steps := []struct {
		name string
		edit func(t *testing.T)
	}{
		{"edited in place, same size and modification time", func(t *testing.T) {
			if err := os.WriteFile(stateGo, []byte(same), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(stateGo, info.ModTime(), info.ModTime()); err != nil {
				t.Fatal(err)
			}
		}},
		{"replaced by rename (an editor's save)", func(t *testing.T) {
			tmp := stateGo + ".tmp"
			writeFile(t, root, "state/state.go.tmp", string(old))
			if err := os.Chtimes(tmp, info.ModTime(), info.ModTime()); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, stateGo); err != nil {
				t.Fatal(err)
			}
		}},
		{"file added", func(t *testing.T) { writeFile(t, root, "state/more.go", "package state\n") }},
		{"file removed", func(t *testing.T) {
			if err := os.Remove(filepath.Join(root, "state", "more.go")); err != nil {
				t.Fatal(err)
			}
		}},
	}
	prev := base
	for _, s := range steps {
		// A change is judged against a clock later than the change.
		later = time.Now().Add(time.Hour)
		s.edit(t)
		later = later.Add(time.Hour)
		fp, read := take()
		if fp["state"] == prev["state"] {
			t.Errorf("%s: the fingerprint of state did not change", s.name)
		}
		if read > 2 {
			t.Errorf("%s: read %d files, want only state's", s.name, read)
		}
		for k := range fp {
			if k != "state" && fp[k] != base[k] {
				t.Errorf("%s: %s changed too", s.name, k)
			}
		}
		prev = fp
	}
	if fp, _ := take(); !reflect.DeepEqual(fp, prev) {
		t.Errorf("fingerprint after the steps moved again: %v, want %v", fp, prev)
	}
}

// TestFingerprintDistrustsRecentFiles: files changed just before they are
// read are read again next time, however their identity looks: a write
// in the same clock tick as the read could leave it unchanged.
func TestFingerprintDistrustsRecentFiles(t *testing.T) {
	root := mustModule(t)
	hotDirs := []string{"views"}
	if _, err := hot.TakeFingerprint(root, hotDirs); err != nil {
		t.Fatal(err)
	}
	n := hot.FilesHashed()
	if _, err := hot.TakeFingerprint(root, hotDirs); err != nil {
		t.Fatal(err)
	}
	if read := hot.FilesHashed() - n; read != 3 {
		t.Errorf("files written a moment ago: read %d again, want all 3 stable ones", read)
	}
}

func TestChangedStable(t *testing.T) {
	hotDirs := []string{"views"}
	tests := []struct {
		name string
		edit func(t *testing.T, root string)
		want []string
	}{
		{"nothing", func(*testing.T, string) {}, nil},
		{"imported stable package", func(t *testing.T, root string) {
			writeFile(t, root, "state/state.go", "package state\n\nimport \""+testModPath+"/deep\"\n\nvar N = deep.N + 1\n")
		}, []string{"state"}},
		{"indirectly imported package", func(t *testing.T, root string) {
			writeFile(t, root, "deep/deep.go", "package deep\n\nvar N = 2\n")
		}, []string{"deep"}},
		{"file added to a stable package", func(t *testing.T, root string) {
			writeFile(t, root, "state/extra.go", "package state\n")
		}, []string{"state"}},
		{"package the views do not import", func(t *testing.T, root string) {
			writeFile(t, root, "other/other.go", "package other\n\nvar X = 1\n")
		}, []string{"other"}},
		{"package created after start", func(t *testing.T, root string) {
			writeFile(t, root, "newpkg/n.go", "package newpkg\n")
		}, nil},
		{"package deleted", func(t *testing.T, root string) {
			if err := os.RemoveAll(filepath.Join(root, "other")); err != nil {
				t.Fatal(err)
			}
		}, []string{"other"}},
		{"go.mod", func(t *testing.T, root string) {
			writeFile(t, root, "go.mod", "module "+testModPath+"\n\ngo 1.23\n")
		}, []string{"go.mod"}},
		{"go.sum created", func(t *testing.T, root string) {
			writeFile(t, root, "go.sum", "example.org/x v1.0.0 h1:abc=\n")
		}, []string{"go.sum"}},
		{"hot package", func(t *testing.T, root string) {
			writeFile(t, root, "views/views.go", "package views\n\nimport \""+testModPath+"/state\"\n\nvar _ = state.N + 1\n")
		}, nil},
		{"hot package and stable package", func(t *testing.T, root string) {
			writeFile(t, root, "views/more.go", "package views\n")
			writeFile(t, root, "deep/deep.go", "package deep\n\nvar N = 3\n")
			writeFile(t, root, "go.mod", "module "+testModPath+"\n\ngo 1.24\n")
		}, []string{"deep", "go.mod"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := mustModule(t)
			base, err := hot.TakeFingerprint(root, hotDirs)
			if err != nil {
				t.Fatalf("TakeFingerprint: %v", err)
			}
			tc.edit(t, root)
			got, err := hot.ChangedStable(base, root, testModPath, hotDirs)
			if err != nil {
				t.Fatalf("ChangedStable: %v", err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ChangedStable = %#v, want %#v", got, tc.want)
			}
		})
	}
}

func TestModulePath(t *testing.T) {
	tests := []struct {
		name  string
		gomod string // "": no go.mod
		want  string
		err   string
	}{
		{"plain", "module example.com/m\n\ngo 1.22\n", "example.com/m", ""},
		{"after comments, quoted", "// a module\n\n  module \"example.com/q\"  \r\n", "example.com/q", ""},
		{"no module line", "go 1.22\n", "", "no module line"},
		{"no go.mod", "", "", "reading go.mod"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if tc.gomod != "" {
				writeFile(t, root, "go.mod", tc.gomod)
			}
			got, err := hot.ModulePath(root)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("ModulePath = %q, %v; want an error containing %q", got, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("ModulePath = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// fakeGoSrc is a go that answers go env GOVERSION with the version it was
// linked with (-X main.version=...).
const fakeGoSrc = `package main

import (
	"fmt"
	"os"
)

var version = "unset"

func main() {
	if len(os.Args) == 3 && os.Args[1] == "env" && os.Args[2] == "GOVERSION" {
		fmt.Println(version)
		return
	}
	os.Exit(3)
}
`

// buildFakeGo links fakeGoSrc once per version into dir and returns the
// binaries by version.
func buildFakeGo(t *testing.T, dir string, versions ...string) map[string]string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH")
	}
	src := filepath.Join(dir, "src")
	writeFile(t, src, "go.mod", "module fakego\n\ngo 1.22\n")
	writeFile(t, src, "main.go", fakeGoSrc)
	out := map[string]string{}
	for _, v := range versions {
		bin := filepath.Join(dir, "fakego-"+v)
		cmd := exec.Command("go", "build", "-ldflags=-X main.version="+v, "-o", bin, ".")
		cmd.Dir = src
		cmd.Env = append(os.Environ(), "GOFLAGS=", "CGO_ENABLED=0")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("building a fake go: %v\n%s", err, b)
		}
		out[v] = bin
	}
	return out
}

// installAs copies the file from to the path to, as a new file.
func installAs(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(to)
	if err := os.WriteFile(to, b, 0o755); err != nil {
		t.Fatal(err)
	}
}

// CheckToolchain asks go again only when what its answer depends on
// changed (or changed too recently to tell), never remembers a wrong Go,
// and asks a go that is not a Go binary (a script, as asdf's shims are)
// every time.
func TestCheckToolchainAsksOnlyWhenGoChanges(t *testing.T) {
	dir := t.TempDir()
	fakes := buildFakeGo(t, t.TempDir(), runtime.Version(), "go1.0.0")
	t.Chdir(dir)
	t.Setenv("GOENV", filepath.Join(dir, "goenv"))
	fake := filepath.Join(dir, "go")
	installAs(t, fakes[runtime.Version()], fake)
	// Files written a minute ago, as far as trusting their identity goes.
	restore := hot.SetFingerprintClock(func() time.Time { return time.Now().Add(time.Minute) })
	defer func() { restore() }()
	check := func(wantAsked int64, wantErr string) {
		t.Helper()
		before := hot.ToolchainAsked()
		err := hot.CheckToolchain(context.Background(), fake)
		if asked := hot.ToolchainAsked() - before; asked != wantAsked {
			t.Errorf("go was asked %d times, want %d", asked, wantAsked)
		}
		if (err == nil) != (wantErr == "") || err != nil && !strings.Contains(err.Error(), wantErr) {
			t.Errorf("CheckToolchain = %v, want %q", err, wantErr)
		}
	}
	check(1, "")
	check(0, "") // remembered
	steps := []struct {
		name   string
		change func()
	}{
		{"go.mod written here (a toolchain line switches Go)", func() { writeFile(t, dir, "go.mod", "module m\n\ngo 1.22\ntoolchain go1.99.0\n") }},
		{"go.work written here", func() { writeFile(t, dir, "go.work", "go 1.22\n") }},
		{"the user's go env file written", func() { writeFile(t, dir, "goenv", "GOTOOLCHAIN=go1.99.0\n") }},
		{"GOTOOLCHAIN set", func() { t.Setenv("GOTOOLCHAIN", "local") }},
		{"the go binary replaced", func() { installAs(t, fakes[runtime.Version()], fake) }},
	}
	for _, st := range steps {
		st.change()
		t.Log(st.name)
		check(1, "")
		check(0, "")
	}

	// Another Go: reported every time, never remembered.
	installAs(t, fakes["go1.0.0"], fake)
	check(1, "is go1.0.0")
	check(1, "is go1.0.0")
	installAs(t, fakes[runtime.Version()], fake)
	check(1, "")

	// A go that is a script: asked every time.
	writeFile(t, dir, "go", "#!/bin/sh\nif [ \"$1 $2\" = \"env GOVERSION\" ]; then echo "+runtime.Version()+"; exit 0; fi\nexit 3\n")
	check(1, "")
	check(1, "")

	// A file changed within the last 2 s: asked at every check.
	installAs(t, fakes[runtime.Version()], fake)
	check(1, "")
	restore()
	restore = func() {}
	writeFile(t, dir, "go.mod", "module m\n\ngo 1.22\n")
	check(1, "")
	check(1, "")
}

func TestCheckToolchain(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "fakego")
	writeFile(t, dir, "fakego", "#!/bin/sh\nif [ \"$1 $2\" = \"env GOVERSION\" ]; then echo go1.0.0; exit 0; fi\nexit 3\n")
	if err := os.Chmod(fake, 0o755); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "brokengo")
	writeFile(t, dir, "brokengo", "#!/bin/sh\nexit 1\n")
	if err := os.Chmod(broken, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		goCmd string
		want  []string // substrings; none: no error
	}{
		{"not found", filepath.Join(dir, "no-such-go"), []string{"no Go toolchain", "was not found", runtime.Version()}},
		{"not on PATH", "no-such-go-command-xyz", []string{`"no-such-go-command-xyz" was not found`}},
		{"other version", fake, []string{"Go version mismatch", runtime.Version(), "go1.0.0"}},
		{"broken go", broken, []string{"env GOVERSION failed"}},
		{"real go", "go", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.goCmd == "go" {
				if _, err := exec.LookPath("go"); err != nil {
					t.Skip("go is not on PATH")
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			err := hot.CheckToolchain(ctx, tc.goCmd)
			if len(tc.want) == 0 {
				if err != nil {
					t.Errorf("CheckToolchain(%q) = %v, want nil", tc.goCmd, err)
				}
				return
			}
			var he *hot.Error
			if !errors.As(err, &he) || he.Reason != hot.ReasonToolchain {
				t.Fatalf("CheckToolchain(%q) = %v (%T), want a *hot.Error with reason %q", tc.goCmd, err, err, hot.ReasonToolchain)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}
