package app_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/internal/testutil"
)

// reloadReal triggers a real reload (go build -buildmode=plugin and
// plugin.Open) and draws the frames that swap it in.
func reloadReal(tb testing.TB, a interface {
	ReloadAll()
	Reloader() *hot.Reloader
	Frame()
}, hc *headless.Context) hot.Status {
	tb.Helper()
	a.ReloadAll()
	// A cold Go cache compiles cimgui-go for plugins first: minutes.
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	if err := a.Reloader().Wait(ctx); err != nil {
		tb.Fatalf("reload did not finish: %v", err)
	}
	if err := hc.Frames(2, a.Frame); err != nil {
		tb.Fatal(err)
	}
	return a.Reloader().Status()
}

// A modified copy of a view is built as a real plugin, loaded into this
// process and run; broken copies fail with the compiler's message while
// the last good generation keeps running; a fix recovers.
func TestRealPluginReload(t *testing.T) {
	if testing.Short() {
		t.Skip("builds real plugins")
	}
	root := testutil.MustCopyModule(t)
	project := filepath.Join(root, "views", "project", "project.go")
	broken := filepath.Join(root, "views", "zz_broken.go")
	const marker = "set by generation 1"
	testutil.MustReplace(t, project, "u := f.UI\n", "u := f.UI\n\tu.Forms.NewFilePattern = \""+marker+"\"\n")

	hc := headless.New(t, 1280, 800)
	a := mustNewApp(t, root)
	if err := hc.Frames(2, a.Frame); err != nil {
		t.Fatal(err)
	}
	if a.Forms.NewFilePattern == marker {
		t.Fatal("generation 0 already shows the new behaviour")
	}

	st := reloadReal(t, a, hc)
	if st.Generation != 1 || st.IsError {
		t.Fatalf("good reload: generation %d, error %q", st.Generation, st.Error)
	}
	if a.Forms.NewFilePattern != marker {
		t.Fatalf("NewFilePattern = %q: the reloaded view did not run", a.Forms.NewFilePattern)
	}
	if h := st.History[len(st.History)-1]; h.Build <= 0 || h.Load <= 0 {
		t.Fatalf("timings not recorded: %+v", h)
	}

	tests := []struct {
		name, src string
		want      *regexp.Regexp
	}{
		{"syntax error", "package views\n\nfunc broken( {\n", regexp.MustCompile(`views/zz_broken\.go:3:\d+: syntax error`)},
		// The views root is compiled with the plugin's main: its errors
		// still name it, and its files.
		{"type error", "package views\n\nvar _ int = \"not an int\"\n", regexp.MustCompile(`# github.com/slopgui/slopgui/views\n(.*\n)*views/zz_broken\.go:3:\d+: cannot use "not an int"`)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(broken, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.Remove(broken)
			st := reloadReal(t, a, hc)
			if !st.IsError || st.Reason != hot.ReasonBuild {
				t.Fatalf("broken reload: reason %q, error %q", st.Reason, st.Error)
			}
			if !tc.want.MatchString(st.Error) {
				t.Fatalf("error does not match %v:\n%s", tc.want, st.Error)
			}
			if st.Generation != 1 {
				t.Fatalf("generation = %d, want 1 (the last good one)", st.Generation)
			}
			a.Forms.NewFilePattern = ""
			if err := hc.Frame(a.Frame); err != nil {
				t.Fatal(err)
			}
			if a.Forms.NewFilePattern != marker {
				t.Fatal("generation 1 is no longer the code that runs")
			}
		})
	}

	st = reloadReal(t, a, hc)
	if st.Generation != 2 || st.IsError {
		t.Fatalf("fixed reload: generation %d, error %q", st.Generation, st.Error)
	}
}

// A reload compiles only the view packages whose sources changed (and the
// plugin's main, compiled with the views root, which imports them: one
// compile, hot.DirectBuilder's mergeRoot): the others keep their import
// path — the host's own copy, or the one an earlier reload compiled — and
// come from the build cache.
func TestReloadCompilesOnlyChangedPackages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds real plugins")
	}
	root := testutil.MustCopyModule(t)
	hc := headless.New(t, 1280, 800)
	a := mustNewApp(t, root)
	if err := hc.Frames(2, a.Frame); err != nil {
		t.Fatal(err)
	}
	const mod = "github.com/slopgui/slopgui/"
	gen := regexp.MustCompile(`hotgen/b[0-9]+/`)
	steps := []struct {
		file, old, new string
		want           []string // compiled packages, hotgen/bN/ left out
	}{
		{"views/discussion/discussion.go", `g.Label("Composer")`, `g.Label("Composer 1")`,
			[]string{mod + "hotmain", mod + "views/discussion"}},
		{"views/mma/mma.go", "u := f.UI\n", "u := f.UI\n\t_ = u\n",
			[]string{mod + "hotmain", mod + "views/mma"}},
		{"views/discussion/discussion.go", `g.Label("Composer 1")`, `g.Label("Composer 2")`,
			[]string{mod + "hotmain", mod + "views/discussion"}},
		// views/ui is imported by every view package: they all move.
		{"views/ui/ui.go", "func Ago(", "// Ago is unchanged; this comment is new.\nfunc Ago(",
			[]string{mod + "hotmain", mod + "views/ai", mod + "views/discussion", mod + "views/hotreload",
				mod + "views/menu", mod + "views/mma", mod + "views/operations", mod + "views/project", mod + "views/ui"}},
	}
	for i, s := range steps {
		testutil.MustReplace(t, filepath.Join(root, filepath.FromSlash(s.file)), s.old, s.new)
		st := reloadReal(t, a, hc)
		if st.Generation != i+1 || st.IsError {
			t.Fatalf("step %d (%s): generation %d, error %q", i+1, s.file, st.Generation, st.Error)
		}
		rec := st.History[len(st.History)-1]
		var got []string
		for _, p := range rec.Compiled {
			got = append(got, gen.ReplaceAllString(p, ""))
		}
		if !slices.Equal(got, s.want) {
			t.Errorf("step %d (%s): compiled %v\nwant %v", i+1, s.file, got, s.want)
		}
		t.Logf("step %d: build %v (compile %v, link %v), load %v, %d packages compiled",
			i+1, rec.Build, rec.Compile, rec.Link, rec.Load, len(rec.Compiled))
	}
}
