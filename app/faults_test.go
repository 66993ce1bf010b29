package app_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/AllenDang/cimgui-go/imgui"
	clone "github.com/huandu/go-clone"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/ctl"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/state"
)

// The faults are injected by adding files to the copy's views/ directory,
// never by editing the views themselves (they change under other work).
// Each injected file is an init that rewraps entries of views.Targets.

// probeSrc wraps every view so that, when the composer text starts with
// "probe:", each view that runs appends "<target>=<tag>": a probe frame
// tells which generation draws each view without touching state otherwise.
// It is named so that its init runs before the fault files' (zz_*).
const probeSrc = `package views

import (
	"strings"

	"github.com/slopgui/slopgui/contract"
)

func init() {
	for _, name := range []string{"DiscussionHub", "ProjectSettings", "MMADashboard"} {
		inner, ok := Targets[name]
		if !ok {
			continue
		}
		Targets[name] = func(f *contract.Frame) {
			if strings.HasPrefix(f.UI.ComposerText, "probe:") {
				f.UI.ComposerText += " " + name + "=TAG"
			}
			inner(f)
		}
	}
}
`

const (
	probeFile = "zm_fault_probe.go"
	faultFile = "zz_fault.go"
	popupFile = "zz_fault_popup.go"
)

// Fault files, each added as views/zz_fault.go.
const (
	syntaxErrorSrc = "package views\n\nfunc zzFaultSyntax() {\n\tvar x = )\n}\n"
	typeErrorSrc   = "package views\n\nvar zzFaultType int = \"not an int\"\n"
	initPanicSrc   = "package views\n\nfunc init() { panic(\"zz fault: init panic\") }\n"
	missingSrc     = "package views\n\nfunc init() { delete(Targets, \"MMADashboard\") }\n"
	signatureSrc   = `package views

import "github.com/slopgui/slopgui/contract"

func init() { Targets["ProjectSettings"] = func(f *contract.Frame, n int) {} }
`
	// The new MMADashboard scribbles on the state, then panics: in its
	// first frame.
	firstFramePanicSrc = `package views

import "github.com/slopgui/slopgui/contract"

func init() {
	Targets["MMADashboard"] = func(f *contract.Frame) {
		f.UI.ComposerText = "scribbled by the broken generation"
		f.UI.Discussions = nil
		f.UI.ShowWindows = nil
		panic("zz fault: first frame panic")
	}
}
`
	// The new DiscussionHub panics, inside a window it began, once the
	// composer holds "boom": in a later frame.
	laterPanicSrc = `package views

import (
	"strings"

	"github.com/slopgui/slopgui/contract"
	g "github.com/slopgui/slopgui/gui"
)

func init() {
	inner := Targets["DiscussionHub"]
	Targets["DiscussionHub"] = func(f *contract.Frame) {
		if strings.Contains(f.UI.ComposerText, "boom") {
			g.Window("zz half drawn").Layout(g.Custom(func() { panic("zz fault: later frame panic") }))
		}
		inner(f)
	}
}
`
	// ProjectSettings also draws a modal, opened when the composer holds
	// "open the modal"; while open, it answers the probe with modal=TAG.
	// PANIC is replaced by a panic inside the modal, or nothing.
	popupSrc = `package views

import (
	"strings"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/gui/imgui"
)

func init() {
	inner := Targets["ProjectSettings"]
	Targets["ProjectSettings"] = func(f *contract.Frame) {
		inner(f)
		if f.UI.ComposerText == "open the modal" {
			f.UI.ComposerText = ""
			imgui.OpenPopupStr("zz fault modal")
		}
		if imgui.BeginPopupModalV("zz fault modal", nil, imgui.WindowFlagsAlwaysAutoResize) {
			imgui.TextUnformatted("modal drawn by TAG")
			if strings.HasPrefix(f.UI.ComposerText, "probe:") {
				f.UI.ComposerText += " modal=TAG"
			}
			PANIC
			imgui.EndPopup()
		}
	}
}
`
)

// faultRig is one App reloading real plugins from a copy of the repo.
type faultRig struct {
	a    *app.App
	hc   *headless.Context
	root string
	tags *int // shared by rigs on the same root: tags stay unique
	tag  string
}

// newTag rewrites the probe file with a fresh tag and returns it: code
// built from now on answers probes with it.
func (r *faultRig) newTag(t *testing.T) string {
	t.Helper()
	*r.tags++
	r.tag = fmt.Sprintf("t%d", *r.tags)
	r.write(t, "views/"+probeFile, strings.ReplaceAll(probeSrc, "TAG", r.tag))
	return r.tag
}

func (r *faultRig) write(t *testing.T, rel, src string) {
	t.Helper()
	p := filepath.Join(r.root, filepath.FromSlash(rel))
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// inject adds rel and removes it when the subtest ends (it is normally
// removed earlier, before the recovery reload).
func (r *faultRig) inject(t *testing.T, rel, src string) {
	t.Helper()
	r.write(t, rel, src)
	t.Cleanup(func() { os.Remove(filepath.Join(r.root, filepath.FromSlash(rel))) })
}

func (r *faultRig) remove(t *testing.T, rel string) {
	t.Helper()
	if err := os.Remove(filepath.Join(r.root, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
}

func (r *faultRig) frames(t *testing.T, n int) {
	t.Helper()
	if err := r.hc.Frames(n, r.a.Frame); err != nil {
		t.Fatalf("a frame failed: %v", err)
	}
}

func (r *faultRig) reload(t *testing.T) hot.Status {
	t.Helper()
	return reloadReal(t, r.a, r.hc)
}

// snapshot is a deep copy of the App's UI state.
func (r *faultRig) snapshot() state.UI { return clone.Clone(r.a.UI).(state.UI) }

func (r *faultRig) sameState(t *testing.T, before state.UI, when string) {
	t.Helper()
	if !reflect.DeepEqual(r.a.UI, before) {
		t.Errorf("%s: App state changed:\n got %+v\nwant %+v", when, r.a.UI, before)
	}
}

// probe draws one frame asking every view which generation draws it, and
// returns the answers ("DiscussionHub=t3 ProjectSettings=t3 ..."), leaving
// the state as it was.
func (r *faultRig) probe(t *testing.T) string {
	t.Helper()
	saved := r.a.ComposerText
	r.a.ComposerText = "probe:"
	err := r.hc.Frame(r.a.Frame)
	got := strings.Fields(strings.TrimPrefix(r.a.ComposerText, "probe:"))
	r.a.ComposerText = saved
	if err != nil {
		t.Fatalf("probe frame failed: %v", err)
	}
	sort.Strings(got) // the order views are drawn in is not the point
	return strings.Join(got, " ")
}

// answers is what a probe returns when the three views run hub, proj
// and mma ("" leaves a view out: it is not drawn by probed code). A
// proj of "t3 modal=t3" adds the modal's answer.
func answers(hub, proj, mma string) string {
	var parts []string
	for _, p := range [][2]string{{"DiscussionHub", hub}, {"ProjectSettings", proj}, {"MMADashboard", mma}} {
		if p[1] != "" {
			parts = append(parts, strings.Fields(p[0]+"="+p[1])...)
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func all(tag string) string { return answers(tag, tag, tag) }

// windowDrawn reports whether the ImGui window name was drawn in the last
// frame.
func windowDrawn(name string) bool {
	w := imgui.InternalFindWindowByName(name)
	return w != nil && w.CData != nil && w.Active()
}

// refused triggers a reload that must fail without swapping anything and
// checks everything a harmless failure promises: the app keeps drawing,
// the last good generation keeps running, the state is untouched, the
// status has reason and names the cause and the cure (want). The probe
// file gets a new tag first, so new code running would show.
func (r *faultRig) refused(t *testing.T, reason hot.Reason, want ...any) hot.Status {
	t.Helper()
	st, _ := r.refusedAfter(t, true, nil, nil, reason, want...)
	return st
}

// refusedAfter is refused; retag says whether to write a new tag, then
// prepare (if any) runs just before the trigger. checkProbe, if set,
// replaces the check that the views answer the probe as before.
func (r *faultRig) refusedAfter(t *testing.T, retag bool, prepare func(), checkProbe func(got, before string), reason hot.Reason, want ...any) (hot.Status, string) {
	t.Helper()
	st0 := r.a.Reloader().Status()
	probe0 := r.probe(t)
	before := r.snapshot()
	newTag := ""
	if retag {
		newTag = r.newTag(t)
	}
	if prepare != nil {
		prepare()
	}
	st := r.reload(t)
	if !st.IsError && st.Generation != st0.Generation {
		t.Fatalf("the fault went unnoticed: the reload succeeded and swapped in generation %d (want reason %q)", st.Generation, reason)
	}
	r.sameState(t, before, "after the failed reload")
	if !st.IsError || st.Reason != reason {
		t.Errorf("status: IsError %v, reason %q, want %q; error:\n%s", st.IsError, st.Reason, reason, st.Error)
	}
	if st.Generation != st0.Generation {
		t.Errorf("generation %d, want %d (nothing swapped)", st.Generation, st0.Generation)
	}
	if st.Stats.Reloads != st0.Stats.Reloads+1 || st.Stats.Failures != st0.Stats.Failures+1 {
		t.Errorf("stats %+v, want one more failed reload than %+v", st.Stats, st0.Stats)
	}
	r.errorSays(t, st, want...)
	r.frames(t, 3)
	got := r.probe(t)
	if newTag != "" && strings.Contains(got, newTag) {
		t.Errorf("views answer %q: the refused code runs", got)
	}
	if checkProbe != nil {
		checkProbe(got, probe0)
	} else if got != probe0 {
		t.Errorf("views answer %q, want %q: the last good generation must keep running", got, probe0)
	}
	r.sameState(t, before, "after more frames")
	return st, got
}

// errorSays checks the error text: strings must occur, regexps match.
func (r *faultRig) errorSays(t *testing.T, st hot.Status, want ...any) {
	t.Helper()
	for _, w := range want {
		switch w := w.(type) {
		case string:
			if !strings.Contains(st.Error, w) {
				t.Errorf("the error does not say %q:\n%s", w, st.Error)
			}
		case *regexp.Regexp:
			if !w.MatchString(st.Error) {
				t.Errorf("the error does not match %v:\n%s", w, st.Error)
			}
		default:
			t.Fatalf("bad want %T", w)
		}
	}
}

// recovers triggers a good reload: no error, a new generation running
// everywhere, the state kept.
func (r *faultRig) recovers(t *testing.T) hot.Status {
	t.Helper()
	st0 := r.a.Reloader().Status()
	before := r.snapshot()
	tag := r.newTag(t)
	st := r.reload(t)
	if st.IsError || st.Generation != st0.Generation+1 {
		t.Fatalf("recovery reload: generation %d (want %d), reason %q, error:\n%s", st.Generation, st0.Generation+1, st.Reason, st.Error)
	}
	r.sameState(t, before, "after the recovery reload")
	if got := r.probe(t); got != all(tag) {
		t.Fatalf("after recovery the views answer %q, want %q", got, all(tag))
	}
	return st
}

// newSwitchableGo writes a go command for SLOPGUI_GO: the real go, or,
// while on() is set, a Go 1.0.0 that answers "go env GOVERSION" and
// refuses to do anything else.
func newSwitchableGo(t *testing.T) (path string, set func(bool)) {
	t.Helper()
	real, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	flag := filepath.Join(dir, "fake-on")
	path = filepath.Join(dir, "go")
	script := fmt.Sprintf(`#!/bin/sh
if [ -e '%s' ]; then
	if [ "$1" = env ] && [ "$2" = GOVERSION ]; then echo go1.0.0; exit 0; fi
	echo "fake go1.0.0: refusing to run go $*" >&2
	exit 3
fi
exec '%s' "$@"
`, flag, real)
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path, func(on bool) {
		t.Helper()
		if on {
			if err := os.WriteFile(flag, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		} else if err := os.Remove(flag); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
}

// uniqueBuilds is the real plugin build (the reloader's own builder; the
// reloader's default plugin.Open loads it), with the build IDs moved out
// of the range any other Reloader in this test binary uses: hot numbers
// builds per Reloader (hotgen/b1, b2, ...), and Go refuses to load the same
// plugin path twice in a process ("plugin already loaded").
type uniqueBuilds struct {
	*hot.DirectBuilder
	offset int
	// lenient, while set, lets a build outlive the reloader's deadline,
	// so an App whose BuildTimeout is 1ms can show that it recovers.
	lenient *atomic.Bool
}

var buildRanges atomic.Int64

func newUniqueBuilds(goCmd string) uniqueBuilds {
	return uniqueBuilds{DirectBuilder: &hot.DirectBuilder{Go: hot.GoBuilder{GoCmd: goCmd, Settings: hot.HostBuildSettings()}},
		offset: int(buildRanges.Add(1)) * 1_000_000, lenient: &atomic.Bool{}}
}

func (b uniqueBuilds) Build(ctx context.Context, req hot.BuildRequest) (string, error) {
	req.ID += b.offset
	if b.lenient.Load() {
		ctx = context.WithoutCancel(ctx)
	}
	return b.DirectBuilder.Build(ctx, req)
}

// newFaultApp is an App reloading real plugins from root.
func newFaultApp(t *testing.T, root string, timeout time.Duration, b uniqueBuilds) *app.App {
	t.Helper()
	a, err := app.New(app.Config{SourceRoot: root, WorkDir: t.TempDir(), BuildTimeout: timeout, Builder: b})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	// Project Settings would start background file counts: App.FileMatches'
	// goroutine calls giu.Update when it finishes, which crashes the test
	// binary if that is after the headless context is gone (app/host.go
	// does not track it).
	a.Project.Files = nil
	return a
}

// TestFaultMatrix breaks the views in every way the README's "When a
// reload fails" table lists, with real plugin builds, and checks that no
// fault hurts: the app keeps drawing, the last good code keeps running,
// the state is untouched, the status names the cause and the cure, and the
// next good reload recovers fully.
func TestFaultMatrix(t *testing.T) {
	if testing.Short() {
		t.Skip("builds real plugins")
	}
	root := testutil.MustCopyModule(t)
	goCmd, fakeGo := newSwitchableGo(t)
	t.Setenv("SLOPGUI_GO", goCmd) // read by app.New: row 7 switches it to a fake Go
	hc := headless.New(t, 1280, 800)
	tags := 0
	r := &faultRig{a: newFaultApp(t, root, 5*time.Minute, newUniqueBuilds(goCmd)), hc: hc, root: root, tags: &tags}
	r.frames(t, 2)
	// A first good generation that answers probes: the "last good" code.
	if st := r.recovers(t); st.Generation != 1 {
		t.Fatalf("first reload: generation %d", st.Generation)
	}

	rows := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"01 syntax error", func(t *testing.T) {
			r.inject(t, "views/"+faultFile, syntaxErrorSrc)
			r.refused(t, hot.ReasonBuild, "the views do not compile",
				regexp.MustCompile(`views/zz_fault\.go:4:\d+: syntax error`), "fix the error above")
			r.remove(t, "views/"+faultFile)
			r.recovers(t)
		}},
		{"02 type error", func(t *testing.T) {
			r.inject(t, "views/"+faultFile, typeErrorSrc)
			r.refused(t, hot.ReasonBuild, "the views do not compile",
				regexp.MustCompile(`views/zz_fault\.go:3:\d+: cannot use "not an int"`), "fix the error above")
			r.remove(t, "views/"+faultFile)
			r.recovers(t)
		}},
		{"03 delegation target removed", func(t *testing.T) {
			r.inject(t, "views/"+faultFile, missingSrc)
			st0 := r.a.Reloader().Status()
			before := r.snapshot()
			tag := r.newTag(t)
			st := r.reload(t)
			r.sameState(t, before, "after the reload")
			if !st.IsError || st.Reason != hot.ReasonMissingTarget || st.Generation != st0.Generation+1 {
				t.Errorf("status: generation %d (want %d, the others swapped), IsError %v, reason %q", st.Generation, st0.Generation+1, st.IsError, st.Reason)
			}
			r.errorSays(t, st, "delegation target views.MMADashboard is missing", "add it back to the module's Targets")
			r.frames(t, 2)
			if got, want := r.probe(t), answers(tag, tag, ""); got != want {
				t.Errorf("views answer %q, want %q: the others run the new code, MMADashboard none", got, want)
			}
			if !windowDrawn("MMADashboard (unavailable)") {
				t.Error("no placeholder for the missing MMADashboard")
			}
			r.sameState(t, before, "after more frames")
			r.remove(t, "views/"+faultFile)
			r.recovers(t)
			if windowDrawn("MMADashboard (unavailable)") {
				t.Error("the placeholder is still drawn after the recovery")
			}
		}},
		{"04 target with the wrong signature", func(t *testing.T) {
			// views.Targets is typed: a view with the wrong signature does
			// not compile (hot/'s own signature check, for untyped
			// Targets, is covered by hot's TestReloadFailures).
			r.inject(t, "views/"+faultFile, signatureSrc)
			r.refused(t, hot.ReasonBuild, "the views do not compile",
				regexp.MustCompile(`views/zz_fault\.go:\d+:\d+: cannot use func\(f \*contract\.Frame, n int\) \{\}`),
				"fix the error above")
			r.remove(t, "views/"+faultFile)
			r.recovers(t)
		}},
		{"05 API version differs", func(t *testing.T) {
			views := filepath.Join(root, "views", "views.go")
			testutil.MustReplace(t, views, "const APIVersion = 5\n", "const APIVersion = 6\n")
			restored := false
			t.Cleanup(func() {
				if !restored {
					testutil.MustReplace(t, views, "const APIVersion = 6\n", "const APIVersion = 5\n")
				}
			})
			r.refused(t, hot.ReasonAPIVersion, "written for API 6, this slopgui speaks API 5",
				"the host is older than the code: rebuild and restart slopgui")
			testutil.MustReplace(t, views, "const APIVersion = 6\n", "const APIVersion = 5\n")
			restored = true
			r.recovers(t)
		}},
		{"06 stable package edited", func(t *testing.T) {
			// The README promises "restart needed" for an edit to any
			// stable package; hot only checks the packages the views
			// import, so edits to app/ and hot/ go unnoticed.
			for _, pkg := range []string{"state", "theme", "app", "hot"} {
				t.Run(pkg, func(t *testing.T) {
					rel := pkg + "/zz_fault_edit.go"
					r.inject(t, rel, "package "+pkg+"\n\nfunc zzFaultEdit() {}\n")
					builds := r.a.Reloader().Status().Stats.Builds
					st := r.refused(t, hot.ReasonStableChanged, "restart needed", "["+pkg+"]", "Restart slopgui", "Nothing was built")
					if st.Stats.Builds != builds {
						t.Errorf("Stats.Builds %d -> %d: the edit must be refused before building", builds, st.Stats.Builds)
					}
					r.remove(t, rel)
					r.recovers(t)
				})
			}
		}},
		{"07 another Go toolchain", func(t *testing.T) {
			fakeGo(true)
			t.Cleanup(func() { fakeGo(false) })
			builds := r.a.Reloader().Status().Stats.Builds
			st := r.refused(t, hot.ReasonToolchain, "Go version mismatch", runtime.Version(), "is go1.0.0",
				"nothing was built", "SLOPGUI_GO")
			if st.Stats.Builds != builds {
				t.Errorf("Stats.Builds %d -> %d: no build may be attempted", builds, st.Stats.Builds)
			}
			fakeGo(false)
			r.recovers(t)
		}},
		{"08 panic in the first frame", func(t *testing.T) {
			r.inject(t, "views/"+faultFile, firstFramePanicSrc)
			r.a.ComposerText = "typed before the reload"
			r.frames(t, 1)
			st := r.refused(t, hot.ReasonFirstFramePanic, "zz fault: first frame panic", "panicked in its first frame",
				"rolled back to generation", "restored the state", "fix the panic and reload")
			// The control socket's view of it: the view, the value, and a
			// stack whose first frame is the view's file in views/, not
			// the plugin build's hotgen/bN path.
			ps := ctl.ParsePanics(app.ModulePath, st.Error)
			if len(ps) != 1 || ps[0].View != "MMADashboard" || ps[0].Value != "zz fault: first frame panic" ||
				len(ps[0].Stack) == 0 || ps[0].Stack[0].File != "views/"+faultFile || ps[0].Stack[0].Line != 10 {
				t.Errorf("structured panic %+v\nfrom %s", ps, st.Error)
			}
			r.remove(t, "views/"+faultFile)
			r.recovers(t)
		}},
		{"09 panic in a later frame in one view", func(t *testing.T) {
			oldTag := r.tag
			r.inject(t, "views/"+faultFile, laterPanicSrc)
			st1 := r.recovers(t) // no boom yet: a good generation
			newTag := r.tag
			r.a.ComposerText = "boom"
			before := r.snapshot()
			r.frames(t, 5)
			st := r.a.Reloader().Status()
			if st.IsError || st.Generation != st1.Generation {
				t.Errorf("a later panic in one view: generation %d (want %d), IsError %v, error %q", st.Generation, st1.Generation, st.IsError, st.Error)
			}
			if st.Stats.ViewPanics != st1.Stats.ViewPanics+1 {
				t.Errorf("Stats.ViewPanics %d -> %d, want one more (and the failing target not called again)", st1.Stats.ViewPanics, st.Stats.ViewPanics)
			}
			r.sameState(t, before, "after the panic")
			if got, want := r.probe(t), answers(oldTag, newTag, newTag); got != want {
				t.Errorf("views answer %q, want %q: only DiscussionHub falls back to the last good generation", got, want)
			}
			if !windowDrawn("DiscussionHub failed") {
				t.Error("no panel says DiscussionHub failed")
			}
			r.a.ComposerText = ""
			r.remove(t, "views/"+faultFile)
			r.recovers(t)
			if windowDrawn("DiscussionHub failed") {
				t.Error("the failure panel is still drawn after the recovery")
			}
		}},
		{"10 panic in a package init", func(t *testing.T) {
			r.inject(t, "views/"+faultFile, initPanicSrc)
			r.refused(t, hot.ReasonInitPanic, "a package init in the new code panicked: zz fault: init panic",
				"nothing was swapped")
			r.remove(t, "views/"+faultFile)
			r.recovers(t)
		}},
		{"11 build runs too long", func(t *testing.T) {
			b := newUniqueBuilds(goCmd)
			a2 := newFaultApp(t, root, time.Millisecond, b)
			r2 := &faultRig{a: a2, hc: hc, root: root, tags: &tags}
			r2.frames(t, 2)
			builds := a2.Reloader().Status().Stats.Builds
			st := r2.refused(t, hot.ReasonTimeout, "build cancelled", "ran longer than 1ms", "check the code")
			if st.Stats.Builds != builds+1 {
				t.Errorf("Stats.Builds %d -> %d: the build should have started and been cancelled", builds, st.Stats.Builds)
			}
			b.lenient.Store(true)
			r2.recovers(t)
		}},
		{"12 views sources missing or unreadable", func(t *testing.T) {
			dir := filepath.Join(root, "views")
			moved := filepath.Join(root, "zz_views_moved")
			for _, how := range []string{"missing", "not a directory"} {
				t.Run(how, func(t *testing.T) {
					if err := os.Rename(dir, moved); err != nil {
						t.Fatal(err)
					}
					restored := false
					restore := func() {
						if restored {
							return
						}
						restored = true
						os.Remove(dir) // the file standing in for it, if any
						if err := os.Rename(moved, dir); err != nil {
							t.Fatal(err)
						}
					}
					t.Cleanup(restore)
					if how == "not a directory" {
						if err := os.WriteFile(dir, []byte("not a directory\n"), 0o644); err != nil {
							t.Fatal(err)
						}
					}
					builds := r.a.Reloader().Status().Stats.Builds
					// No new tag: there is no views/ to write it to.
					st, _ := r.refusedAfter(t, false, nil, nil, hot.ReasonSources, "cannot read the hot sources in "+dir, "restore the directory")
					if st.Stats.Builds != builds {
						t.Errorf("Stats.Builds %d -> %d", builds, st.Stats.Builds)
					}
					restore()
					r.recovers(t)
				})
			}
		}},
		{"13 a hundred triggers at once", func(t *testing.T) {
			st0 := r.a.Reloader().Status()
			before := r.snapshot()
			tag := r.newTag(t)
			start := time.Now()
			for range 100 {
				r.a.ReloadAll()
			}
			ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
			defer cancel()
			if err := r.a.Reloader().Wait(ctx); err != nil {
				t.Fatal(err)
			}
			r.frames(t, 3)
			st := r.a.Reloader().Status()
			if d := st.Stats.Builds - st0.Stats.Builds; d < 1 || d > 2 {
				t.Errorf("%d builds for 100 triggers, want 1 or 2", d)
			}
			if d := st.Stats.Reloads - st0.Stats.Reloads; d < 1 || d > 2 {
				t.Errorf("%d reload results for 100 triggers, want 1 (at most 2)", d)
			}
			if d := st.Stats.Coalesced - st0.Stats.Coalesced; d < 98 {
				t.Errorf("only %d triggers coalesced", d)
			}
			n := 0
			for _, h := range st.History {
				if !h.When.Before(start) {
					n++
					if !h.OK {
						t.Errorf("a reload failed: %+v", h)
					}
				}
			}
			if n < 1 || n > 2 {
				t.Errorf("%d new history records, want 1 or 2", n)
			}
			if st.IsError || st.Generation <= st0.Generation || st.Generation > st0.Generation+2 {
				t.Errorf("final status: generation %d after %d, error %q", st.Generation, st0.Generation, st.Error)
			}
			r.sameState(t, before, "after the triggers")
			if got := r.probe(t); got != all(tag) {
				t.Errorf("views answer %q, want %q", got, all(tag))
			}
		}},
		{"14 reload while a modal is open", func(t *testing.T) {
			t.Cleanup(func() { os.Remove(filepath.Join(root, "views", popupFile)) })
			writePopup := func(t *testing.T, panicking bool) {
				src := strings.ReplaceAll(popupSrc, "TAG", r.tag)
				p := ""
				if panicking {
					p = `panic("zz fault: panic inside the modal")`
				}
				r.write(t, "views/"+popupFile, strings.Replace(src, "PANIC", p, 1))
			}
			modal := func() bool { return imgui.InternalTopMostAndVisiblePopupModal().CData != nil }

			// A generation that can draw the modal; the user opens it.
			r.newTag(t)
			writePopup(t, false)
			st1 := r.reload(t)
			if st1.IsError {
				t.Fatalf("reload with the modal code: %s", st1.Error)
			}
			r.a.ComposerText = "open the modal"
			r.frames(t, 3)
			if !modal() {
				t.Fatal("the modal did not open")
			}
			tag1 := r.tag
			if got, want := r.probe(t), answers(tag1, tag1+" modal="+tag1, tag1); got != want {
				t.Fatalf("views answer %q, want %q", got, want)
			}

			t.Run("kept by a good reload", func(t *testing.T) {
				before := r.snapshot()
				tag := r.newTag(t)
				writePopup(t, false)
				st := r.reload(t)
				if st.IsError || st.Generation != st1.Generation+1 {
					t.Fatalf("status: generation %d, error %q", st.Generation, st.Error)
				}
				r.frames(t, 2)
				r.sameState(t, before, "after the reload")
				if !modal() {
					t.Error("the open modal was lost by the reload")
				}
				if got, want := r.probe(t), answers(tag, tag+" modal="+tag, tag); got != want {
					t.Errorf("views answer %q, want %q: the new code should draw the still open modal", got, want)
				}
			})
			// A failed reload may keep the modal (the last good code goes on
			// drawing it) or close it cleanly: then nothing is left open and
			// the user can open it again, drawn by the last good code.
			keptOrClosed := func(t *testing.T, got, kept string) {
				t.Helper()
				closed := strings.TrimSpace(regexp.MustCompile(` ?modal=\S+`).ReplaceAllString(kept, ""))
				switch got {
				case kept:
					if !modal() {
						t.Error("the modal is drawn but not visible")
					}
				case closed:
					if n := imgui.CurrentContext().OpenPopupStack().Size; n != 0 || modal() {
						t.Errorf("the modal is neither drawn nor closed: %d popups open, visible %v", n, modal())
					}
					t.Log("the failed reload closed the open modal")
					r.a.ComposerText = "open the modal"
					r.frames(t, 2)
					if got := r.probe(t); !modal() || got != kept {
						t.Errorf("the modal cannot be opened again: visible %v, views answer %q, want %q", modal(), got, kept)
					}
				default:
					t.Errorf("views answer %q, want %q (modal kept) or %q (closed)", got, kept, closed)
				}
			}
			t.Run("a build error while it is open", func(t *testing.T) {
				defer os.Remove(filepath.Join(root, "views", faultFile))
				r.refusedAfter(t, true, func() { writePopup(t, false); r.write(t, "views/"+faultFile, syntaxErrorSrc) },
					func(got, before string) { keptOrClosed(t, got, before) }, hot.ReasonBuild, "syntax error")
			})
			t.Run("first frame panics inside it", func(t *testing.T) {
				os.Remove(filepath.Join(root, "views", faultFile))
				r.refusedAfter(t, true, func() { writePopup(t, true) },
					func(got, before string) { keptOrClosed(t, got, before) },
					hot.ReasonFirstFramePanic, "zz fault: panic inside the modal", "rolled back")
			})
			t.Run("closed cleanly by code without it", func(t *testing.T) {
				if !modal() {
					t.Fatal("precondition: the modal should be open")
				}
				r.remove(t, "views/"+popupFile)
				r.recovers(t)
				r.frames(t, 2)
				if modal() {
					t.Error("a modal nobody draws any more still blocks the window")
				}
			})
		}},
	}
	for _, row := range rows {
		t.Run(row.name, row.run)
		if r.a.Reloader().Status().Busy {
			t.Fatal("a reload is still under way after the row")
		}
	}
}
