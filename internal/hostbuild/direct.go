package hostbuild

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/build"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slopgui/slopgui/hot"
)

// Direct builds the host as GoBuild does, but runs the compiler and the
// linker itself (go tool compile, go tool link) once it knows the
// packages: what the go command does on every build before and after
// them — loading and hashing some 370 packages, git for the VCS stamp,
// rewriting the build ID of a 50 MB binary — took ~0.6 s of a host build
// here (hot.DirectBuilder does the same for plugins).
//
// Prepare (or else its first build) lists the packages with go list
// -export, which compiles whatever changed with the go command; a build
// then links. Later builds compile the packages whose files changed
// since, and the module's packages that import them, in dependency order,
// and link. An importer is compiled only when what it imports changed
// for it: an edit of a body nothing inlines leaves a package's export
// data (its API, its inlinable bodies, and the fingerprint importers and
// the linker check) as it was, and then its importers' archives still
// hold: a body edit in mma/ compiles mma alone, not also
// internal/mmahost, app (~0.8 s) and main. A change it leaves to the go
// command is listed again first (go list -export compiles it): a package
// with cgo or assembly to compile, an import no package
// had or of a package listed after the importer, or a file saved while
// the list read it. A package the hot packages (HotDirs) import (state/,
// say) is compiled here too, with the go command's flags and inlining:
// the plugins the go command builds of the hot packages must match the
// host's copy exactly (plugin.Open compares each package's fingerprint, a
// hash of its export data), and the same compiler, sources and flags
// write the same export data; the go command itself would compile every
// importer after such an edit (~3.4 s for one in state/ here), its cache
// keyed by what the package's archive holds, not its export data. A
// change to go.mod or go.sum,
// build flags it cannot pass on, a list that fails or a link that fails
// are built by Go itself, whose errors are the go command's.
//
// A build's state (the packages, their archives and sums) is kept beside
// its binary, in BINARY.direct: the process a hot restart starts from that
// binary adopts it (Prepare, or its first build) instead of listing the
// packages again with go list, which compiled the packages just built
// here a second time, with the go command (~1.5 s of processor after
// every restart here), and whose archives are not the ones built here
// (app's first edit after a restart compiled main too). It is adopted
// only by the binary it built, with go.mod, go.sum, the build flags and
// the compiler unchanged and every archive it names still there.
//
// A package nothing but a main package imports (app: only cmd/slopgui
// does), and every package in a Private directory or under one (app/...),
// is compiled without inlining (-l) unless Inline is set, as
// hot.DirectBuilder compiles views: inlining is a quarter of app's
// compile (~0.9 → ~0.67 s here), and without it no body edit changes
// its export data, so its importers are kept: a body edit in a package
// under app/ compiles that package alone, not app. What it costs: their
// own calls are not inlined, and app's frame work is ~1 ms. Other
// packages keep their inlining. The go command's archives of these
// packages have it, so Prepare compiles them again without it, ahead
// (precompile): else the first edit of one would compile its importers.
type Direct struct {
	Go GoBuild // the build it stands for: root, package, flags, output; the fallback
	// HotDirs are the module-relative directories of the hot packages.
	HotDirs []string
	// ModInfo is the build information the binary carries (the running
	// host's: same program, same settings); its VCS facts are dropped, as
	// GoBuild's -buildvcs=false does. Without it, or when it is another
	// program's, every build is Go's.
	ModInfo *debug.BuildInfo
	// Private are module-relative directories of the host's own packages
	// (no hot package imports them): they and the packages under them
	// are compiled without inlining, as those only main imports are.
	Private []string
	// Inline compiles those packages with inlining too, as go build does.
	Inline bool

	mu       sync.Mutex
	base     string // go.mod and go.sum at NewDirect (or the first build)
	st       *directState
	trace    Trace
	listed   atomic.Bool // st is set
	adopted  atomic.Bool // st was the running binary's build's (adopt)
	prepared atomic.Bool // a Prepare returned

	prepMu   sync.Mutex
	prepStop context.CancelFunc // a Prepare under way
}

// Trace says how the last build was made.
type Trace struct {
	Direct   bool     // linked here (else built by the go command)
	Listed   bool     // the packages were listed (and changes compiled) by go list first
	Compiled []string // the packages compiled here, in order
	Kept     []string // importers of compiled packages not compiled: what they import kept its export data
}

// directState is what a list found, kept up to date by each build.
type directState struct {
	tools   string
	pkgs    map[string]*listed // by import path
	order   []string           // dependencies first
	archive map[string]string  // each package's current archive (for compiling its importers)
	linkobj map[string]string  // its object for the linker, when apart from archive (compiled here)
	sum     map[string]string  // each module package's files when its archive was made
	ids     map[string]string  // its directory's trusted file identities (hot.FileIdentities) when they matched sum
	shared  map[string]bool    // packages the hot packages import
}

// listed is a package as go list -json tells it.
type listed struct {
	ImportPath, Name, Dir, Export                             string
	GoFiles, CgoFiles, CFiles, CXXFiles, MFiles, FFiles       []string
	SFiles, SysoFiles, SwigFiles, SwigCXXFiles, EmbedPatterns []string
	EmbedFiles, Imports                                       []string
	Standard                                                  bool
	Module                                                    *struct {
		Path, Dir, GoVersion string
		Main                 bool
	}
	Error *struct{ Err string }
}

// errRelist sends a build through go list again; errGo to the go command.
var (
	errRelist = errors.New("hostbuild: changes for the go command")
	errGo     = errors.New("hostbuild: built by the go command")
)

// NewDirect returns a Direct for gb's builds that carries info (the
// running host's build info: the binary it builds is this one, made of
// other sources). It notes go.mod and go.sum now: once they change, the
// go command builds.
func NewDirect(gb GoBuild, hotDirs []string, info *debug.BuildInfo) *Direct {
	d := &Direct{Go: gb, HotDirs: hotDirs, ModInfo: info}
	d.base = d.modSum()
	return d
}

// Prepare lists the packages ahead (Config.Prepare), at the lower
// priority of an ahead build, so that even the first build compiles and
// links directly, and compiles the packages a build compiles without
// inlining whose archives are the go command's (precompile). A build
// stops it (and lists itself: a niced list on a busy machine can take
// long); so does the end of ctx (Close).
func (d *Direct) Prepare(ctx context.Context) {
	defer d.prepared.Store(true)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	d.prepMu.Lock()
	d.prepStop = cancel
	d.prepMu.Unlock()
	defer func() {
		d.prepMu.Lock()
		d.prepStop = nil
		d.prepMu.Unlock()
	}()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.st != nil || d.usable() != nil {
		return
	}
	if !d.adopt() {
		st, err := d.list(ctx)
		if err != nil {
			return
		}
		d.setState(st)
	}
	d.precompile(ctx)
}

// usable is errGo when every build is the go command's.
func (d *Direct) usable() error {
	if d.base == "" {
		d.base = d.modSum()
	}
	if d.ModInfo == nil || d.modSum() != d.base || d.ldflags() == nil {
		return errGo
	}
	return nil
}

func (d *Direct) setState(st *directState) {
	d.st = st
	d.adopted.Store(false)
	d.listed.Store(st != nil)
}

// Listed reports whether the packages are listed (by Prepare or a
// build): the next build compiles and links here. It never waits.
func (d *Direct) Listed() bool { return d != nil && d.listed.Load() }

// Prepared reports whether a Prepare has returned: the packages listed
// and those compiled without inlining compiled so (or it gave up, or a
// build stopped it). It never waits.
func (d *Direct) Prepared() bool { return d != nil && d.prepared.Load() }

// Adopted reports whether the packages came from the build that made the
// running binary (kept beside it), not from go list. It never waits.
func (d *Direct) Adopted() bool { return d != nil && d.adopted.Load() }

// LastTrace says how the last build was made.
func (d *Direct) LastTrace() Trace {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.trace
}

// Build builds the host from the sources on disk and returns the new
// binary's path (Config.Build).
func (d *Direct) Build(ctx context.Context) (string, error) {
	d.prepMu.Lock()
	if d.prepStop != nil {
		d.prepStop()
	}
	d.prepMu.Unlock()
	d.mu.Lock()
	defer d.mu.Unlock()
	d.trace = Trace{}
	timeout := d.Go.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	bin, err := d.build(ctx)
	if errors.Is(err, errGo) {
		d.setState(nil) // its archives are not the go command's newest
		d.trace.Direct = false
		return d.Go.Build(ctx)
	}
	if err != nil && ctx.Err() != nil {
		err = fmt.Errorf("%w (%w)", err, context.Cause(ctx))
	}
	return bin, err
}

func (d *Direct) build(ctx context.Context) (string, error) {
	if err := d.usable(); err != nil {
		return "", err
	}
	if d.st == nil {
		d.adopt()
	}
	var units []string
	var own map[string]bool
	if d.st != nil {
		var err error
		if units, own, err = d.st.plan(d.Go.Root, d.tags()); errors.Is(err, errRelist) {
			d.setState(nil)
		} else if err != nil {
			return "", err
		}
	}
	if d.st == nil {
		st, err := d.list(ctx)
		if err != nil {
			return "", err
		}
		d.setState(st)
		d.trace.Listed = true
		if units, own, err = st.plan(d.Go.Root, d.tags()); err != nil {
			return "", errGo // changed again since the list
		}
	}
	return d.compileAndLink(ctx, units, own)
}

// compileAndLink compiles units (own: those whose files changed) unless
// what they import kept its export data, and links.
func (d *Direct) compileAndLink(ctx context.Context, units []string, own map[string]bool) (string, error) {
	d.trace.Direct = true
	objs, err := os.MkdirTemp(d.Go.OutDir, "objs-")
	if err != nil {
		return "", fmt.Errorf("host build: %w", err)
	}
	defer os.RemoveAll(objs)
	replaced, err := d.compileUnits(ctx, objs, units, own, &d.trace)
	if err != nil {
		// The sources do not compile, or the build was stopped (a newer
		// save): the archives stay the last build's, and the next build
		// compiles the packages whose files changed again, without
		// listing them (a fix then costs what an edit does).
		for p := range own {
			d.st.sum[p] = ""
			delete(d.st.ids, p)
		}
		return "", err
	}
	out := filepath.Join(d.Go.OutDir, fmt.Sprintf("%s-%d", d.Go.Name, time.Now().UnixNano()))
	if err := d.link(ctx, objs, out); err != nil {
		os.Remove(out)
		d.setState(nil) // the archives just compiled go with objs
		if ctx.Err() == nil {
			// Not the sources' fault (they compiled): whatever this
			// build got wrong, the go command builds them.
			return "", errGo
		}
		return "", err
	}
	if !d.keepArchives(d.trace.Compiled, replaced) {
		d.setState(nil)
		return out, nil
	}
	d.save(out)
	return out, nil
}

// compileUnits compiles units (in dependency order) into objs, each when
// it is own or the export data of a package it imports changed here; tr
// lists what it compiled and kept, in units' order. Packages that do not
// import each other compile at once, as many as there are processors (an
// edit in state/ whose export data changed compiles ~30 packages: one
// after another they took 5.8 s here, at once 5.2). A package that does
// not compile stops only those that import it, as with go build: the
// error says what is wrong in each; a build that fails leaves the
// state's archives as they were. It returns the archives and objects the
// compiled packages had before.
func (d *Direct) compileUnits(ctx context.Context, objs string, units []string, own map[string]bool, tr *Trace) (replaced []string, err error) {
	st := d.st
	type outcome struct {
		compiled, changed bool
		archive, linkobj  string // the ones it replaced
		err               error
	}
	results := make([]outcome, len(units))
	at := make(map[string]int, len(units))
	for i, p := range units {
		at[p] = i
	}
	deps := make([][]int, len(units))
	for i, p := range units {
		for _, imp := range st.pkgs[p].Imports {
			if j, ok := at[imp]; ok {
				deps[i] = append(deps[i], j)
			}
		}
	}
	var mu sync.Mutex // st.archive, st.linkobj
	hot.InOrder(len(units), deps, runtime.GOMAXPROCS(0), func(i int) bool {
		p, o := units[i], &results[i]
		dirty := own[p] || slices.ContainsFunc(deps[i], func(j int) bool { return results[j].changed })
		if !dirty {
			return true // kept: what it imports kept its export data
		}
		if o.err = ctx.Err(); o.err != nil {
			return false
		}
		mu.Lock()
		o.archive, o.linkobj = st.archive[p], st.linkobj[p]
		cfg := d.importcfg(st.pkgs[p])
		mu.Unlock()
		before, _ := exportData(o.archive)
		archive, linkobj, err := d.compile(ctx, st.pkgs[p], objs, cfg)
		if o.err = err; err != nil {
			return false
		}
		mu.Lock()
		st.archive[p], st.linkobj[p] = archive, linkobj
		mu.Unlock()
		o.compiled = true
		after, err := exportData(archive)
		o.changed = before == nil || err != nil || !bytes.Equal(before, after)
		return true
	})
	if err := compileErrors(units, func(p string) error { return results[at[p]].err }); err != nil {
		for i, p := range units {
			if o := results[i]; o.compiled { // in objs, about to go: the archives before stay
				st.archive[p], st.linkobj[p] = o.archive, o.linkobj
			}
		}
		return nil, err
	}
	for i, p := range units {
		if o := results[i]; o.compiled {
			tr.Compiled = append(tr.Compiled, p)
			replaced = append(replaced, o.archive, o.linkobj)
		} else {
			tr.Kept = append(tr.Kept, p)
		}
	}
	return replaced, nil
}

// compileErrors is what a build whose compiles failed reports: the first
// error that is not the compiler's (one for the go command, errGo, or
// the build stopped), else the compiler's errors of every package that
// failed, in dependency order, as go build reports them; nil when none
// failed.
func compileErrors(units []string, errOf func(string) error) error {
	var all *BuildError
	for _, p := range units {
		err := errOf(p)
		var be *BuildError
		switch {
		case err == nil:
		case !errors.As(err, &be):
			return err
		case all == nil:
			all = &BuildError{Output: be.Output, Err: be.Err}
		default:
			all.Output += "\n" + be.Output
		}
	}
	if all == nil {
		return nil
	}
	return all
}

// keepArchives moves the archives of the packages compiled into objs out
// of it, to live on as the next build's, each under a name of its own (the
// state beside an older binary may name the one it replaces: that file is
// removed, never rewritten), and removes the replaced ones it kept before.
// false: the state no longer holds.
func (d *Direct) keepArchives(compiled, replaced []string) bool {
	keep := d.archiveDir()
	if err := os.MkdirAll(keep, 0o700); err != nil {
		return false
	}
	for _, p := range compiled {
		dst := filepath.Join(keep, fmt.Sprintf("%s-%d", strings.ReplaceAll(p, "/", "_"), time.Now().UnixNano()))
		if os.Rename(d.st.archive[p], dst+".a") != nil || os.Rename(d.st.linkobj[p], dst+".o") != nil {
			return false
		}
		d.st.archive[p], d.st.linkobj[p] = dst+".a", dst+".o"
	}
	for _, f := range replaced {
		if filepath.Dir(f) == keep {
			os.Remove(f)
		}
	}
	return true
}

// precompile compiles, after Prepare found the packages, those a build
// compiles without inlining whose archives are still the go command's
// (with inlining), and the module packages that import them: their
// export data differs, so the first edit of one would compile its
// importers too (app, ~0.65 s here). It links nothing, and keeps the
// archives only when all compiled (an importer and what it imports must
// agree on its fingerprint). Once per binary the go command built: a
// binary built here carries its archives (adopt).
func (d *Direct) precompile(ctx context.Context) {
	st := d.st
	if d.Inline || st == nil {
		return
	}
	own, dirty := map[string]bool{}, map[string]bool{}
	var units []string
	for _, ip := range st.order {
		p := st.pkgs[ip]
		if !p.main() || st.shared[ip] {
			continue
		}
		switch {
		case st.linkobj[ip] == "" && st.sum[ip] != "" && p.goOnly() && st.noInline(ip, d.Private):
			own[ip], dirty[ip] = true, true
		case slices.ContainsFunc(p.Imports, func(imp string) bool { return dirty[imp] }):
			if !p.goOnly() {
				return // an importer only the go command compiles (cgo): left as listed
			}
			dirty[ip] = true
		default:
			continue
		}
		units = append(units, ip)
	}
	if len(own) == 0 {
		return
	}
	objs, err := os.MkdirTemp(d.Go.OutDir, "objs-")
	if err != nil {
		return
	}
	defer os.RemoveAll(objs)
	archive, linkobj := maps.Clone(st.archive), maps.Clone(st.linkobj) // as listed, should keeping fail
	var tr Trace
	replaced, err := d.compileUnits(ctx, objs, units, own, &tr)
	if err != nil {
		return // compileUnits left the archives as listed
	}
	if d.keepArchives(tr.Compiled, replaced) {
		// Adopted, the archives replaced were the running binary's
		// state's: it names these now, so that a process started from the
		// same binary again (after a crash, at the memory cap) adopts them
		// instead of listing again. (The sources are those the state
		// summed: only how they were compiled changed.)
		if d.adopted.Load() {
			if exe, err := executable(); err == nil {
				d.save(exe)
			}
		}
		return
	}
	st.archive, st.linkobj = archive, linkobj // as listed: they agree
}

func (d *Direct) archiveDir() string { return filepath.Join(d.Go.OutDir, "archives") }

// stateVersion is the format of the kept state; another is not adopted.
const stateVersion = 1

// savedState is a build's state as kept beside its binary.
type savedState struct {
	Version                    int
	Base, Root, Tools, ToolsID string
	Args, HotDirs, Order       []string
	Pkgs                       map[string]*listed
	Archive, Linkobj, Sum, IDs map[string]string
	Shared                     map[string]bool
}

// save writes the state beside the binary out (out.direct, private):
// whatever goes wrong only leaves the next process to list again.
func (d *Direct) save(out string) {
	st := d.st
	b, err := json.Marshal(savedState{Version: stateVersion, Base: d.base, Root: d.Go.Root, Tools: st.tools, ToolsID: toolsID(st.tools),
		Args: d.Go.Args, HotDirs: d.HotDirs, Order: st.order, Pkgs: st.pkgs,
		Archive: st.archive, Linkobj: st.linkobj, Sum: st.sum, IDs: st.ids, Shared: st.shared})
	if err != nil {
		return
	}
	tmp := out + ".direct.tmp"
	if os.WriteFile(tmp, b, 0o600) != nil || os.Rename(tmp, out+".direct") != nil {
		os.Remove(tmp)
	}
}

// removeBinary removes a built binary and the state kept beside it.
func removeBinary(bin string) {
	os.Remove(bin)
	os.Remove(bin + ".direct")
}

// Prune removes what builds of earlier processes left in outDir, where a
// GoBuild or Direct named name writes: binaries and their kept states
// (name-N, name-N.direct) but keep's (the running binary), and object
// directories (objs-*) of builds that were killed. Only what was made
// before since (this process's start) goes: its own builds stay. Nothing
// runs an older binary again (a crash restarts the running one), and each
// is ~30 MB of the session directory, often on a tmpfs. (Direct's archives
// are pruned when a process adopts them.) It returns how many it removed.
func Prune(outDir, name, keep string, since time.Time) int {
	ents, err := os.ReadDir(outDir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range ents {
		p := filepath.Join(outDir, e.Name())
		if p == keep || p == keep+".direct" ||
			!(strings.HasPrefix(e.Name(), name+"-") || (e.IsDir() && strings.HasPrefix(e.Name(), "objs-"))) {
			continue
		}
		if fi, err := e.Info(); err != nil || !fi.ModTime().Before(since) {
			continue
		}
		if os.RemoveAll(p) == nil {
			n++
		}
	}
	return n
}

// executable is the running binary (tests change it).
var executable = os.Executable

// adopt makes the state kept beside the running binary this Direct's when
// it is (see Direct), and reports whether it did. d is usable.
func (d *Direct) adopt() bool {
	st := d.keptState()
	if st == nil {
		return false
	}
	d.st = st
	d.adopted.Store(true) // before Listed says so
	d.listed.Store(true)
	return true
}

// keptState reads the state kept beside the running binary and checks it
// is this Direct's; if so, it removes the archives the state does not name.
func (d *Direct) keptState() *directState {
	exe, err := executable()
	if err != nil {
		return nil
	}
	b, err := os.ReadFile(exe + ".direct")
	if err != nil {
		return nil
	}
	var sv savedState
	if json.Unmarshal(b, &sv) != nil || sv.Version != stateVersion || sv.Base != d.base || sv.Root != d.Go.Root ||
		!slices.Equal(sv.Args, d.Go.Args) || !slices.Equal(sv.HotDirs, d.HotDirs) || sv.Tools == "" || sv.ToolsID != toolsID(sv.Tools) ||
		len(sv.Order) == 0 || sv.Order[len(sv.Order)-1] != d.ModInfo.Path {
		return nil
	}
	named := map[string]bool{}
	for _, ip := range sv.Order {
		if sv.Pkgs[ip] == nil {
			return nil
		}
		for _, f := range []string{sv.Archive[ip], sv.Linkobj[ip]} {
			if f == "" {
				continue
			}
			if _, err := os.Stat(f); err != nil {
				return nil
			}
			named[f] = true
		}
	}
	keep := d.archiveDir()
	if ents, err := os.ReadDir(keep); err == nil {
		for _, e := range ents {
			if f := filepath.Join(keep, e.Name()); !named[f] {
				os.Remove(f)
			}
		}
	}
	orEmpty := func(m map[string]string) map[string]string {
		if m == nil {
			return map[string]string{}
		}
		return m
	}
	return &directState{tools: sv.Tools, pkgs: sv.Pkgs, order: sv.Order, archive: orEmpty(sv.Archive), linkobj: orEmpty(sv.Linkobj),
		sum: orEmpty(sv.Sum), ids: orEmpty(sv.IDs), shared: sv.Shared}
}

// toolsID identifies the compiler and linker in tools (size and time).
func toolsID(tools string) string {
	var id strings.Builder
	for _, t := range []string{"compile", "link"} {
		fi, err := os.Stat(filepath.Join(tools, t))
		if err != nil {
			return ""
		}
		fmt.Fprintf(&id, "%s %d %d\n", t, fi.Size(), fi.ModTime().UnixNano())
	}
	return id.String()
}

// modSum identifies go.mod and go.sum.
func (d *Direct) modSum() string {
	h := sha256.New()
	for _, f := range []string{"go.mod", "go.sum"} {
		b, _ := os.ReadFile(filepath.Join(d.Go.Root, f))
		fmt.Fprintf(h, "%s %d\n", f, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ldflags returns the linker's flags from d.Go's build flags: nil when one
// of them is not passed on here (only -trimpath, -tags, -buildvcs,
// -gcflags=all= with flags hot.CompilerFlags passes on, and -ldflags are).
func (d *Direct) ldflags() []string {
	ld := []string{}
	for _, a := range d.Go.Args {
		_, gc := hot.CompilerFlags(a)
		switch {
		case a == "-trimpath" || strings.HasPrefix(a, "-buildvcs=") || strings.HasPrefix(a, "-tags="):
		case gc:
		case strings.HasPrefix(a, "-ldflags="):
			v := strings.TrimPrefix(a, "-ldflags=")
			if strings.ContainsAny(v, `'"\`) {
				return nil
			}
			ld = append(ld, strings.Fields(v)...)
		default:
			return nil
		}
	}
	return ld
}

func (d *Direct) has(flag string) bool { return slices.Contains(d.Go.Args, flag) }

func (d *Direct) tags() []string {
	for _, a := range d.Go.Args {
		if t, ok := strings.CutPrefix(a, "-tags="); ok {
			return strings.Split(t, ",")
		}
	}
	return nil
}

func (d *Direct) env() []string {
	if d.Go.Env != nil {
		return d.Go.Env
	}
	return os.Environ()
}

func (d *Direct) goCmd() string {
	if d.Go.GoCmd != "" {
		return d.Go.GoCmd
	}
	return "go"
}

// list runs go list -export on the host's package: every package
// compiled (the changed ones by the go command), with its files.
func (d *Direct) list(ctx context.Context) (*directState, error) {
	if err := os.MkdirAll(d.Go.OutDir, 0o700); err != nil {
		return nil, fmt.Errorf("host build: %w", err)
	}
	fields := "ImportPath,Name,Dir,Export,GoFiles,CgoFiles,CFiles,CXXFiles,MFiles,FFiles,SFiles,SysoFiles," +
		"SwigFiles,SwigCXXFiles,EmbedPatterns,EmbedFiles,Imports,Standard,Module,Error"
	args := append(append([]string{"list", "-e", "-deps", "-export", "-json=" + fields}, d.Go.Args...), d.Go.Package)
	ids := map[string]string{} // each directory's, taken before its files are read: one saved later differs
	before := goSources(d.Go.Root, ids)
	cmd := exec.Command(d.goCmd(), args...)
	var out, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &stderr // cgo's warnings, say
	if _, err := d.run(ctx, cmd); err != nil {
		return nil, errGo // the go command says why, in its own words
	}
	st := &directState{pkgs: map[string]*listed{}, archive: map[string]string{}, linkobj: map[string]string{}, sum: map[string]string{},
		ids: map[string]string{}}
	dec := json.NewDecoder(strings.NewReader(out.String()))
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, errGo
		}
		if p.Error != nil || (p.Export == "" && p.ImportPath != "unsafe") {
			return nil, errGo
		}
		st.pkgs[p.ImportPath] = &p
		st.order = append(st.order, p.ImportPath)
		st.archive[p.ImportPath] = p.Export
	}
	if len(st.order) == 0 || st.order[len(st.order)-1] != d.ModInfo.Path {
		return nil, errGo // not the program whose build info it has (a test's, say)
	}
	after := goSources(d.Go.Root, nil)
	for _, ip := range st.order {
		p := st.pkgs[ip]
		if !p.main() && !p.inTree(d.Go.Root) {
			continue
		}
		s, err := sumFiles(p.Dir, p.files())
		if err != nil || !maps.Equal(inDir(before, p.Dir), inDir(after, p.Dir)) {
			// Saved while the list read it: which did it compile? The
			// plan compiles it again.
			s = ""
		}
		st.sum[ip] = s
		if id, ok := ids[p.Dir]; ok && s != "" {
			st.ids[ip] = id
		}
	}
	st.shared = d.sharedSet(st)
	tools, err := exec.CommandContext(ctx, d.goCmd(), "env", "GOTOOLDIR").Output()
	if err != nil {
		return nil, errGo
	}
	st.tools = strings.TrimSpace(string(tools))
	return st, nil
}

// goOnly reports whether the package is Go files alone (and the files
// they embed), which Direct compiles: no cgo, C or assembly (the go
// command's).
func (p *listed) goOnly() bool {
	return len(p.CgoFiles)+len(p.CFiles)+len(p.CXXFiles)+len(p.MFiles)+len(p.FFiles)+len(p.SFiles)+
		len(p.SysoFiles)+len(p.SwigFiles)+len(p.SwigCXXFiles) == 0
}

// embedsFiles reports whether the package's embed patterns (if any) name
// files, which Direct resolves (hot.EmbedConfig).
func (p *listed) embedsFiles() bool {
	_, err := hot.EmbedConfig(p.Dir, p.EmbedPatterns, "")
	return err == nil
}

// embedsBelow reports whether the package embeds files in directories
// under its own (views embeds its subpackages' sources): their edits do
// not change its directory's identity.
func (p *listed) embedsBelow() bool {
	return slices.ContainsFunc(p.EmbedFiles, func(f string) bool { return strings.Contains(f, "/") })
}

// files are the package's files that make its archive.
func (p *listed) files() []string {
	return append(append(slices.Clone(p.GoFiles), p.CgoFiles...), p.EmbedFiles...)
}

// goSources hashes every Go file under the module root, by path (the
// few a module has: a tree walk and a read of each). With ids, it also
// notes each directory's trusted file identities (dirIdentity), taken
// before its files are read.
func goSources(root string, ids map[string]string) map[string][32]byte {
	out := map[string][32]byte{}
	filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := e.Name()
		if e.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata") {
				return filepath.SkipDir
			}
			if ids != nil {
				if id, ok := dirIdentity(path); ok {
					ids[path] = id
				}
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") {
			if b, err := os.ReadFile(path); err == nil {
				out[path] = sha256.Sum256(b)
			}
		}
		return nil
	})
	return out
}

// identNow is the clock that judges whether file identities can be
// trusted (tests move it).
var identNow = time.Now

// dirsRead lists the package directories plan read (for tests).
var dirsRead struct {
	sync.Mutex
	dirs []string
}

// dirIdentity is the identity of the files in dir (hot.FileIdentities),
// ok when it can be trusted.
func dirIdentity(dir string) (id string, ok bool) {
	readAt := identNow()
	ents, err := os.ReadDir(dir)
	if err != nil {
		return "", false
	}
	id, _, ok = hot.FileIdentities(ents, nil, readAt)
	return id, ok
}

// inDir is the part of sources directly in dir.
func inDir(sources map[string][32]byte, dir string) map[string][32]byte {
	out := map[string][32]byte{}
	for p, h := range sources {
		if filepath.Dir(p) == dir {
			out[p] = h
		}
	}
	return out
}

func (p *listed) main() bool { return p.Module != nil && p.Module.Main && !p.Standard }

// inTree reports whether p belongs to another module whose directory is
// inside the tree at root: one go.mod replaces with a directory, as
// third_party/giu. Its files are watched like the main module's, and a
// change to them is left to the go command.
func (p *listed) inTree(root string) bool {
	if p.Module == nil || p.Module.Main || p.Standard || p.Dir == "" {
		return false
	}
	rel, err := filepath.Rel(root, p.Dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// sharedSet is every package a hot package imports, and the hot ones.
func (d *Direct) sharedSet(st *directState) map[string]bool {
	shared := map[string]bool{}
	var mark func(ip string)
	mark = func(ip string) {
		if shared[ip] {
			return
		}
		shared[ip] = true
		if p := st.pkgs[ip]; p != nil {
			for _, imp := range p.Imports {
				mark(imp)
			}
		}
	}
	for _, ip := range st.order {
		p := st.pkgs[ip]
		if !p.main() {
			continue
		}
		rel, err := filepath.Rel(d.Go.Root, p.Dir)
		if err != nil {
			continue
		}
		for _, h := range d.HotDirs {
			if rel == h || strings.HasPrefix(rel, h+string(filepath.Separator)) {
				mark(ip)
			}
		}
	}
	return shared
}

func sumFiles(dir string, files []string) (string, error) {
	h := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", f, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// plan finds the module packages whose files changed since their archive
// was made (own), and every module package that imports one, and returns
// them in dependency order with their file lists brought up to date; errRelist
// when one of them is for the go command, or a package of another module
// in the tree (see inTree) changed.
func (st *directState) plan(root string, tags []string) (units []string, own map[string]bool, err error) {
	bctx := build.Default
	bctx.CgoEnabled = true
	bctx.BuildTags = tags
	dirty := map[string]bool{}
	fresh := map[string]*listed{}
	sums := map[string]string{} // of the fresh packages' files, as read here
	ids := map[string]string{}  // their directories' trusted identities, taken before
	for _, ip := range st.order {
		p := st.pkgs[ip]
		if !p.main() && !p.inTree(root) {
			continue
		}
		id, trusted := dirIdentity(p.Dir)
		if trusted && id == st.ids[ip] && !p.embedsBelow() {
			continue // no file in it changed since it matched its sum
		}
		dirsRead.Lock()
		dirsRead.dirs = append(dirsRead.dirs, p.Dir)
		dirsRead.Unlock()
		bp, err := bctx.ImportDir(p.Dir, 0)
		if err != nil {
			return nil, nil, errRelist // gone, or no Go files left
		}
		q := *p
		q.Name, q.GoFiles, q.CgoFiles, q.Imports = bp.Name, bp.GoFiles, bp.CgoFiles, bp.Imports
		q.SFiles, q.CFiles, q.CXXFiles, q.EmbedPatterns = bp.SFiles, bp.CFiles, bp.CXXFiles, bp.EmbedPatterns
		if files, err := hot.EmbedConfig(q.Dir, q.EmbedPatterns, ""); err == nil {
			q.EmbedFiles = files
		} // else the list's: a directory the go command walked (compiled by it, below)
		s, err := sumFiles(q.Dir, q.files())
		if err != nil {
			return nil, nil, errRelist
		}
		if s == st.sum[ip] {
			if trusted {
				st.ids[ip] = id
			}
			continue
		}
		if !p.main() {
			return nil, nil, errRelist // another module's package: the go command compiles it
		}
		fresh[ip], dirty[ip], sums[ip] = &q, true, s
		if trusted {
			ids[ip] = id
		}
	}
	if len(dirty) == 0 {
		return nil, nil, nil
	}
	// Dependents, in the list's order (dependencies first). An edit that
	// imports a package listed after it changed that order: listed again.
	at := map[string]int{}
	for i, ip := range st.order {
		at[ip] = i
	}
	own = map[string]bool{}
	for _, ip := range st.order {
		p := st.pkgs[ip]
		if q := fresh[ip]; q != nil {
			p = q
		}
		if !dirty[ip] && p.main() {
			for _, imp := range p.Imports {
				if dirty[imp] {
					dirty[ip] = true
					break
				}
			}
		}
		if !dirty[ip] {
			continue
		}
		if p.Name != st.pkgs[ip].Name || !p.goOnly() || !p.embedsFiles() {
			return nil, nil, errRelist
		}
		for _, imp := range p.Imports {
			if i, ok := at[imp]; !ok || i > at[ip] {
				return nil, nil, errRelist // an import no package had (no archive), or a new order
			}
		}
		units = append(units, ip)
	}
	for ip, q := range fresh {
		st.pkgs[ip], st.sum[ip], own[ip] = q, sums[ip], true
		if id, ok := ids[ip]; ok {
			st.ids[ip] = id
		} else {
			delete(st.ids, ip)
		}
	}
	return units, own, nil
}

// importcfg is the compiler's import configuration for p: the current
// archive of each package it imports.
func (d *Direct) importcfg(p *listed) []byte {
	var cfg bytes.Buffer
	for _, imp := range p.Imports {
		if a := d.st.archive[imp]; a != "" {
			fmt.Fprintf(&cfg, "packagefile %s=%s\n", imp, a)
		}
	}
	return cfg.Bytes()
}

// compile compiles one module package into objs, as the go command
// would (its flags, gc.go's), with cfg its import configuration, and
// returns its archive and its object for the linker.
func (d *Direct) compile(ctx context.Context, p *listed, objs string, cfg []byte) (archive, linkobj string, err error) {
	st := d.st
	out := filepath.Join(objs, strings.ReplaceAll(p.ImportPath, "/", "_")+".a")
	icfg := out + ".importcfg"
	if err := os.WriteFile(icfg, cfg, 0o600); err != nil {
		return "", "", fmt.Errorf("host build: %w", err)
	}
	pkgpath := p.ImportPath
	if p.Name == "main" {
		pkgpath = "main"
	}
	trim := objs + "=>"
	if d.has("-trimpath") {
		trim += ";" + p.Dir + "=>" + p.ImportPath
	}
	obj := strings.TrimSuffix(out, ".a") + ".o"
	args := []string{"-o", out, "-linkobj", obj, "-trimpath", trim, "-p", pkgpath, "-lang=" + goLang(p.Module.GoVersion), "-complete",
		"-goversion", runtime.Version()}
	if !d.Inline && st.noInline(p.ImportPath, d.Private) {
		args = append(args, "-l")
	}
	for _, a := range d.Go.Args {
		if gc, ok := hot.CompilerFlags(a); ok {
			args = append(args, gc...)
		}
	}
	if c := min(4, runtime.GOMAXPROCS(0)); c > 1 {
		args = append(args, fmt.Sprintf("-c=%d", c))
	}
	args = append(args, "-nolocalimports", "-importcfg", icfg, "-pack")
	if len(p.EmbedPatterns) > 0 {
		ecfg := out + ".embedcfg"
		if _, err := hot.EmbedConfig(p.Dir, p.EmbedPatterns, ecfg); err != nil {
			return "", "", errGo // a pattern the go command resolves
		}
		args = append(args, "-embedcfg", ecfg)
	}
	rel, err := filepath.Rel(d.Go.Root, p.Dir)
	if err != nil {
		return "", "", errGo
	}
	for _, f := range p.GoFiles {
		args = append(args, filepath.Join(rel, f)) // messages name app/x.go, as go build's do
	}
	if output, err := d.run(ctx, exec.Command(filepath.Join(st.tools, "compile"), args...)); err != nil {
		return "", "", &BuildError{Output: strings.TrimSpace("# " + p.ImportPath + "\n" + output), Err: err}
	}
	return out, obj, nil
}

// noInline reports whether ip is compiled without inlining: a package of
// the module that no hot package imports, in one of the private
// directories (module-relative) or under one, or one only a main package
// imports.
func (st *directState) noInline(ip string, private []string) bool {
	p := st.pkgs[ip]
	if p == nil || !p.main() || st.shared[ip] {
		return false
	}
	if rel, err := filepath.Rel(p.Module.Dir, p.Dir); err == nil {
		for _, dir := range private {
			if dir == "." || rel == dir || strings.HasPrefix(rel, dir+string(filepath.Separator)) {
				return true
			}
		}
	}
	return st.onlyMainImports(ip)
}

// onlyMainImports reports whether no package but a main package imports
// ip (nor does any when ip is main).
func (st *directState) onlyMainImports(ip string) bool {
	for _, q := range st.pkgs {
		if q.Name != "main" && slices.Contains(q.Imports, ip) {
			return false
		}
	}
	return true
}

// exportData is the export data in a package's archive, as importers
// and the linker see it (it ends with the fingerprint they check): the
// __.PKGDEF member after its header, which names the build. nil when the
// archive is not one (then the package counts as changed).
func exportData(archive string) ([]byte, error) {
	f, err := os.Open(archive)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// "!<arch>\n", then each member's 60-byte header: name (16), mtime
	// (12), uid (6), gid (6), mode (8), size (10), "`\n".
	var hdr [8 + 60]byte
	if _, err := io.ReadFull(f, hdr[:]); err != nil {
		return nil, err
	}
	if string(hdr[:8]) != "!<arch>\n" || strings.TrimSpace(string(hdr[8:24])) != "__.PKGDEF" {
		return nil, errors.New("not a Go package archive")
	}
	size, err := strconv.ParseInt(strings.TrimSpace(string(hdr[56:66])), 10, 64)
	if err != nil || size <= 0 || size > 1<<30 {
		return nil, errors.New("not a Go package archive")
	}
	def := make([]byte, size)
	if _, err := io.ReadFull(f, def); err != nil {
		return nil, err
	}
	i := bytes.Index(def, []byte("\n$$B\n"))
	if i < 0 {
		return nil, errors.New("no export data")
	}
	return def[i:], nil
}

// goLang is the -lang of a module's go version: 1.26.1 → go1.26.
func goLang(v string) string {
	if v == "" {
		v = "1.16" // what the go command assumes without a go line
	}
	if parts := strings.SplitN(v, ".", 3); len(parts) >= 2 {
		v = parts[0] + "." + parts[1]
	}
	return "go" + v
}

// Sentinels around the build information in a binary (the go command's
// modload.infoStart and infoEnd).
var (
	infoStart, _ = hex.DecodeString("3077af0c9274080241e1c107e6d618e6")
	infoEnd, _   = hex.DecodeString("f932433186182072008242104116d8f2")
)

// object is what the linker reads of a package: its object apart, when
// compiled here, else its archive (go list's, which holds both).
func (st *directState) object(ip string) string {
	if o := st.linkobj[ip]; o != "" {
		return o
	}
	return st.archive[ip]
}

// link links the host's main package with every current archive.
func (d *Direct) link(ctx context.Context, objs, out string) error {
	st := d.st
	var cfg bytes.Buffer
	for _, ip := range st.order {
		if a := st.object(ip); a != "" {
			fmt.Fprintf(&cfg, "packagefile %s=%s\n", ip, a)
		}
	}
	info := *d.ModInfo
	info.GoVersion = "" // the linker writes it (the go command leaves it out too)
	info.Settings = slices.DeleteFunc(slices.Clone(info.Settings), func(s debug.BuildSetting) bool {
		return strings.HasPrefix(s.Key, "vcs")
	})
	fmt.Fprintf(&cfg, "modinfo %q\n", string(infoStart)+info.String()+string(infoEnd))
	lcfg := filepath.Join(objs, "importcfg.link")
	if err := os.WriteFile(lcfg, cfg.Bytes(), 0o600); err != nil {
		return fmt.Errorf("host build: %w", err)
	}
	args := []string{"-o", out, "-importcfg", lcfg, "-buildmode=exe", fmt.Sprintf("-buildid=slopgui-%d", time.Now().UnixNano())}
	args = append(append(args, d.ldflags()...), st.object(st.order[len(st.order)-1]))
	if output, err := d.run(ctx, exec.Command(filepath.Join(st.tools, "link"), args...)); err != nil {
		return &BuildError{Output: strings.TrimSpace("# " + d.Go.Package + "\n" + output), Err: err}
	}
	return nil
}

// run runs a build step in the module root like GoBuild's go command:
// its own process group, killed when ctx ends, at Nice lower priority
// unless ctx is Urgent; it returns what the step printed.
func (d *Direct) run(ctx context.Context, cmd *exec.Cmd) (string, error) {
	cmd.Dir, cmd.Env = d.Go.Root, d.env()
	return runStep(ctx, cmd, d.Go.nice())
}
