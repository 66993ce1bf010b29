package hot_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/slopgui/slopgui/hot"
)

// rulesAPI is the contract version of a module with a contract of its own.
const rulesAPI = 7

func ownAPIModule() hot.Module {
	m := panelModule()
	m.APIVersion = rulesAPI
	return m
}

// A module with its own APIVersion is checked against it, not the host's,
// in generation 0 and in every reload; the other modules keep the host's.
func TestModuleWithItsOwnAPIVersion(t *testing.T) {
	withPanel := func(v int) map[string]hot.Symbols {
		s := genSymbols(1)
		s["panel"] = hot.Symbols{APIVersion: v, Targets: s["panel"].Targets}
		return s
	}
	for _, tc := range []struct {
		name   string
		load   map[string]hot.Symbols
		reason hot.Reason
		want   string
	}{
		{"its own version", withPanel(rulesAPI), hot.ReasonNone, ""},
		{"the host's version", withPanel(hostAPI), hot.ReasonAPIVersion, `module "panel" is written for API 1, this host speaks API 7`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := mustNewUnstarted(t)
			mustRegister(t, e.r, viewsModule(), ownAPIModule())
			static := staticSymbols()
			static["panel"] = hot.Symbols{APIVersion: rulesAPI, Targets: static["panel"].Targets}
			if err := e.r.SetStatic(static); err != nil {
				t.Fatalf("SetStatic: %v", err)
			}
			e.l.setLoad(func(string) (map[string]hot.Symbols, error) { return tc.load, nil })
			mustReload(t, e.r)
			st := e.r.Status()
			if st.Reason != tc.reason || !strings.Contains(st.Error, tc.want) {
				t.Fatalf("status: reason %q, error %q; want %q, %q", st.Reason, st.Error, tc.reason, tc.want)
			}
			wantPanel := 1002
			if tc.reason != hot.ReasonNone {
				wantPanel = 102 // the last good code runs
			}
			if got := call(t, e.r.Current(), "panel", "Panel"); got != wantPanel {
				t.Errorf("panel.Panel wrote %d, want %d", got, wantPanel)
			}
		})
	}
}

// Generation 0's sources are every module's linked sources, and their hash
// is the one a build of the same sources on disk gets.
func TestGenerationZeroSourcesOfEveryModule(t *testing.T) {
	e := mustNewUnstarted(t)
	files := map[string]string{
		"views/v.go":         "package views\n",
		"views/widgets/w.go": "package widgets\n",
		"panel/p.go":         "package panel\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(e.root, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	views, panel := viewsModule(), panelModule()
	views.Linked = fstest.MapFS{"v.go": {Data: []byte(files["views/v.go"])}, "widgets/w.go": {Data: []byte(files["views/widgets/w.go"])}}
	panel.Linked = fstest.MapFS{"p.go": {Data: []byte(files["panel/p.go"])}}
	mustRegister(t, e.r, views, panel)
	if err := e.r.SetStatic(staticSymbols()); err != nil {
		t.Fatal(err)
	}
	g0 := e.r.Current()
	for name, text := range files {
		if string(g0.Sources[name]) != text {
			t.Errorf("generation 0's %s = %q, want %q", name, g0.Sources[name], text)
		}
	}
	if len(g0.Sources) != len(files) || g0.SourceHash == "" {
		t.Fatalf("generation 0: %d sources, hash %q", len(g0.Sources), g0.SourceHash)
	}
	mustReload(t, e.r)
	if g1 := e.r.Current(); g1.N != 1 || g1.SourceHash != g0.SourceHash {
		t.Errorf("a build of the same sources: generation %d, hash %q; generation 0's %q", g1.N, g1.SourceHash, g0.SourceHash)
	}
}
