package hot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// DirectBuilder builds plugins by running the compiler and the linker
// itself (go tool compile, go tool link), the way Bazel's rules_go does,
// with the archives of every other package found once by the go command
// (go list -export, with the plugin build mode). It skips what the go
// command does on every build — loading and hashing some 300 packages,
// rewriting build IDs — and compiles only the hot packages a build gives a
// new import path; unchanged ones keep the archive of the build that made
// them. Whatever it does not handle (cgo or assembly in hot packages,
// build flags such as -gcflags other than -dwarf=false, an import no
// package had before) is built by the go command (Go) instead, which
// behaves the same.
//
// Hot packages are compiled without inlining (-l) unless Inline is set:
// a reload's compile is on the path from the key to new pixels, inlining
// is most of the compiler's work on widget-building code (a view package
// of 1,000 lines: 415 → 255 ms on a slow machine), and a view's frame
// costs the same either way (within the noise of a headless frame
// benchmark). Packages linked into the host keep their inlining.
type DirectBuilder struct {
	Go     GoBuilder // the fallback; its GoCmd, Settings and Env are used too
	Inline bool      // compile hot packages with inlining, as go build does

	mu       sync.Mutex
	root     string
	deps     map[string]string // import path -> archive, from go list -export
	archives map[string]string // hot packages this builder compiled, by import path
	merged   map[string]bool   // module roots it compiled into a plugin main (mergeRoot), by import path
	tools    string            // GOTOOLDIR
	lang     string            // -lang, from go.mod
	env      []string
	trace    BuildTrace // of the build under way
	cpuMu    sync.Mutex // guards trace.CPU: compiles run in parallel
}

var _ Builder = (*DirectBuilder)(nil)

// errFallback makes Build use the go command.
var errFallback = errors.New("not built directly")

// Build implements Builder.
func (b *DirectBuilder) Build(ctx context.Context, req BuildRequest) (string, error) {
	so, err := b.build(ctx, req)
	if errors.Is(err, errFallback) {
		return b.Go.Build(ctx, req)
	}
	return so, err
}

func (b *DirectBuilder) build(ctx context.Context, req BuildRequest) (string, error) {
	if !directFlags(b.Go.Settings.Flags) {
		return "", errFallback // -gcflags, -race, ...: the go command knows how
	}
	if err := os.MkdirAll(req.WorkDir, 0o755); err != nil {
		return "", fmt.Errorf("creating build directory: %w", err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.setup(ctx, req); err != nil {
		return "", err
	}
	virt, err := overlayFiles(req)
	if err != nil {
		return "", err
	}
	units, byPath, err := b.plan(req, virt)
	if err != nil {
		return "", err
	}
	mainPath := units[len(units)-1].importPath
	cfg := b.importConfig()
	deps, err := unitDeps(units, virt, cfg)
	if err != nil {
		return "", err
	}
	merged, root, err := mergeRoot(req, units, deps, virt)
	if err != nil {
		return "", err
	}
	if root != "" {
		units = merged
		if deps, err = unitDeps(units, virt, cfg); err != nil {
			return "", err
		}
	}
	trace := &b.trace
	*trace = BuildTrace{}
	start := time.Now()
	if err := b.compileAll(ctx, req, units, deps, virt, cfg, mainPath, trace); err != nil {
		return "", err
	}
	trace.Compile = time.Since(start)
	if root != "" {
		b.merged[root] = true
	}

	start = time.Now()
	so := filepath.Join(req.WorkDir, fmt.Sprintf("b%d.so", req.ID))
	if err := b.link(ctx, req, mainPath, cfg, so); err != nil {
		return "", err
	}
	trace.Link = time.Since(start)
	b.dropUnused(cfg[mainPath], byPath)
	if req.Trace != nil {
		sort.Strings(trace.Compiled)
		*req.Trace = *trace
	}
	return so, nil
}

// directFlags reports whether the build flags are ones the direct build
// handles (-trimpath, -tags=, and -gcflags=all= with compiler flags it
// passes on, see CompilerFlags); any other needs the go command.
func directFlags(flags []string) bool {
	for _, f := range flags {
		if f != "-trimpath" && !strings.HasPrefix(f, "-tags=") {
			if _, ok := CompilerFlags(f); !ok {
				return false
			}
		}
	}
	return true
}

// directGCFlags are the compiler flags a -gcflags=all= setting may hold
// for the direct build to pass them on to every compile: ones that change
// what a package's object holds for debuggers, not its code or export
// data. The Makefile builds with -dwarf=false (no DWARF in the objects:
// the links use -w and never read it).
var directGCFlags = map[string]bool{"-dwarf=false": true}

// CompilerFlags returns the compiler flags of a -gcflags=all=... build
// flag, and whether f is one whose every flag a build that runs the
// compiler itself passes on to each compile (see directGCFlags): the
// plugins' DirectBuilder and the host's (internal/hostbuild) both ask.
func CompilerFlags(f string) ([]string, bool) {
	v, ok := strings.CutPrefix(f, "-gcflags=all=")
	if !ok {
		return nil, false
	}
	fields := strings.Fields(v)
	for _, g := range fields {
		if !directGCFlags[g] {
			return nil, false
		}
	}
	return fields, len(fields) > 0
}

// overlayFiles writes the build's overlay (its hot packages under their
// generation prefix) and returns it: virtual path -> real file.
func overlayFiles(req BuildRequest) (map[string]string, error) {
	overlay, err := writeOverlay(req, genPrefix(req.ID))
	if err != nil {
		return nil, err
	}
	return readOverlay(overlay)
}

// importsIn returns the imports of files (virtual paths, read through
// virt), with repeats.
func importsIn(virt map[string]string, files []string) []string {
	var out []string
	for _, f := range files {
		if src, err := os.ReadFile(virt[f]); err == nil {
			out = append(out, importsOf(src)...)
		}
	}
	return out
}

// plan returns the packages to compile, in dependency order: every hot
// package under a prefix whose archive this builder does not have yet,
// then the plugin main (always last). byPath maps each hot package's
// import path in this build to its source dir.
func (b *DirectBuilder) plan(req BuildRequest, virt map[string]string) (units []unit, byPath map[string]string, err error) {
	bctx := build.Default
	bctx.CgoEnabled = true
	bctx.BuildTags = b.tags()
	seen := map[string]bool{}
	byPath = map[string]string{}
	for _, m := range req.All {
		for _, d := range m.SourceDirs {
			byPath[req.importPath(d)] = d
		}
	}
	var visit func(d string) error
	visit = func(d string) error {
		ip := req.importPath(d)
		if seen[ip] {
			return nil
		}
		seen[ip] = true
		if req.prefixOf(d) == "" {
			return nil // its own path: the archive from go list
		}
		vdir := filepath.Join(req.Root, filepath.FromSlash(req.prefixOf(d)), filepath.FromSlash(d))
		files, err := goFiles(&bctx, vdir, virt)
		if err != nil {
			return err
		}
		for _, imp := range importsIn(virt, files) {
			if dep, ok := byPath[imp]; ok {
				if err := visit(dep); err != nil {
					return err
				}
			}
		}
		if _, ok := b.archives[ip]; !ok {
			if req.Fresh != "" && req.prefixOf(d) != req.Fresh && !b.merged[ip] {
				// Kept from a build the go command made: its archive is
				// in the go command's cache, not here.
				return errFallback
			}
			units = append(units, unit{importPath: ip, dir: filepath.Join(req.Root, filepath.FromSlash(d)), files: files})
		}
		return nil
	}
	for _, m := range req.Modules {
		if err := visit(m.SourceDirs[0]); err != nil {
			return nil, nil, err
		}
	}
	prefix := genPrefix(req.ID)
	mainDir := filepath.Join(req.Root, filepath.FromSlash(prefix), "hotmain")
	units = append(units, unit{importPath: req.ModulePath + "/" + prefix + "/hotmain", dir: req.WorkDir,
		files: []string{filepath.Join(mainDir, "main.go")}})
	return units, byPath, nil
}

// importConfig returns the import configuration: every package archive
// known, hot ones by the path this builder gave them.
func (b *DirectBuilder) importConfig() map[string]string {
	cfg := map[string]string{}
	for p, a := range b.deps {
		cfg[p] = a
	}
	for p, a := range b.archives {
		cfg[p] = a
	}
	return cfg
}

// mergeRoot compiles a module's root package and the plugin main as one
// package, the plugin's main: the root's files, their package clause made
// main (copies in the build directory, in virt), beside a main that names
// the root's Targets and APIVersion without importing it. A reload's
// compiles run one after another — the edited package, the root that
// imports it, the main that imports the root — and this is one process
// fewer on that path (~50 ms of a ~0.6 s build here). The root merged is
// the last one units compiles (deps: by index); none is when a package of
// the build imports it, or when it declares a name the main declares; the
// main then imports it as before. It returns the root's import path ("":
// none was merged). A later build that gives the root the same path (its
// sources as they were) compiles it again: no archive of it is kept.
func mergeRoot(req BuildRequest, units []unit, deps [][]int, virt map[string]string) ([]unit, string, error) {
	last := len(units) - 1
	mainUnit := units[last]
	for i := last - 1; i >= 0; i-- {
		u := units[i]
		mod := slices.IndexFunc(req.Modules, func(m Module) bool { return req.importPath(m.SourceDirs[0]) == u.importPath })
		if mod < 0 {
			continue
		}
		for j := range last {
			if slices.Contains(deps[j], i) {
				return nil, "", nil
			}
		}
		dir := filepath.Join(req.WorkDir, "root")
		copies, ok, err := asMain(u, virt, reservedNames(req), dir)
		if err != nil || !ok {
			return nil, "", err
		}
		for f, c := range copies {
			virt[f] = c
		}
		if err := os.WriteFile(virt[mainUnit.files[0]], pluginMainOf(req, mod), 0o644); err != nil {
			return nil, "", fmt.Errorf("writing plugin main: %w", err)
		}
		merged := unit{importPath: mainUnit.importPath, dir: u.dir, files: append(slices.Clone(u.files), mainUnit.files...),
			name: u.importPath, nameDir: dir}
		return append(append(slices.Clone(units[:i]), units[i+1:last]...), merged), u.importPath, nil
	}
	return nil, "", nil
}

// reservedNames are the package-level names the plugin main declares.
func reservedNames(req BuildRequest) map[string]bool {
	names := map[string]bool{"main": true, "HotTargets": true, "HotAPIVersions": true, "anyTargets": true}
	for i := range req.Modules {
		names[fmt.Sprintf("m%d", i)] = true
	}
	return names
}

// asMain writes copies of u's files (read through virt) with their package
// clause made main, in dir; ok is false when a file does not parse or
// declares a name in reserved (the compiler says what is wrong with the
// files as they are). It returns virtual path -> copy.
func asMain(u unit, virt map[string]string, reserved map[string]bool, dir string) (map[string]string, bool, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, false, fmt.Errorf("creating build directory: %w", err)
	}
	copies := map[string]string{}
	for _, f := range u.files {
		src, err := os.ReadFile(virt[f])
		if err != nil {
			return nil, false, fmt.Errorf("reading %s: %w", f, err)
		}
		fset := token.NewFileSet()
		af, err := parser.ParseFile(fset, "", src, parser.SkipObjectResolution)
		if err != nil {
			return nil, false, nil
		}
		for _, d := range af.Decls {
			for _, n := range declNames(d) {
				if reserved[n] {
					return nil, false, nil
				}
			}
		}
		for _, imp := range af.Imports { // a file's names may not be the package's either
			if imp.Name != nil && reserved[imp.Name.Name] {
				return nil, false, nil
			}
		}
		// Only the name changes: every other line and column stays.
		at := fset.Position(af.Name.Pos()).Offset
		out := slices.Concat(src[:at], []byte("main"), src[at+len(af.Name.Name):])
		c := filepath.Join(dir, filepath.Base(f))
		if err := os.WriteFile(c, out, 0o644); err != nil {
			return nil, false, fmt.Errorf("writing %s: %w", c, err)
		}
		copies[f] = c
	}
	return copies, true, nil
}

// declNames returns the package-level names a declaration declares.
func declNames(d ast.Decl) []string {
	var out []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			out = append(out, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, sp := range d.Specs {
			switch sp := sp.(type) {
			case *ast.ValueSpec:
				for _, n := range sp.Names {
					out = append(out, n.Name)
				}
			case *ast.TypeSpec:
				out = append(out, sp.Name.Name)
			}
		}
	}
	return out
}

// unitDeps returns, for each unit, the indexes of the units it imports;
// errFallback when a unit imports a package with no archive (cgo, or an
// import no package had before: the go command finds it).
func unitDeps(units []unit, virt, cfg map[string]string) ([][]int, error) {
	idx := map[string]int{}
	for i, u := range units {
		idx[u.importPath] = i
	}
	deps := make([][]int, len(units))
	for i, u := range units {
		for _, imp := range importsIn(virt, u.files) {
			if j, ok := idx[imp]; ok {
				deps[i] = append(deps[i], j)
				continue
			}
			if _, ok := cfg[imp]; !ok && imp != "unsafe" {
				return nil, errFallback
			}
		}
	}
	return deps, nil
}

// dropUnused removes the plugin main's archive (mainArchive) and the
// archives of hot packages this build did not use: a later build keeps
// only paths this one used (the reloader reuses a package's path from the
// last successful build).
func (b *DirectBuilder) dropUnused(mainArchive string, byPath map[string]string) {
	for _, f := range []string{"", ".importcfg", ".embedcfg"} {
		os.Remove(mainArchive + f)
	}
	for p, a := range b.archives {
		if _, ok := byPath[p]; !ok {
			os.Remove(a)
			os.Remove(a + ".importcfg")
			os.Remove(a + ".embedcfg")
			delete(b.archives, p)
		}
	}
	for p := range b.merged {
		if _, ok := byPath[p]; !ok {
			delete(b.merged, p)
		}
	}
}

// unit is one package to compile.
type unit struct {
	importPath, dir string // dir: the package's source directory (for embed patterns)
	files           []string
	// For a module root merged into the plugin main (mergeRoot): the
	// path its errors and file names go by, and the directory of its
	// rewritten files.
	name, nameDir string
}

// compileAll compiles units, each once the units it imports (deps, by
// index) are done, as many at once as there are CPUs; cfg receives each
// archive. The first compiler error stops the others.
func (b *DirectBuilder) compileAll(ctx context.Context, req BuildRequest, units []unit, deps [][]int,
	virt, cfg map[string]string, mainPath string, trace *BuildTrace) error {
	cctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var mu sync.Mutex // guards cfg, b.archives, trace, failed
	var failed error
	InOrder(len(units), deps, runtime.NumCPU(), func(i int) bool {
		if cctx.Err() != nil {
			return false
		}
		u := units[i]
		mu.Lock()
		known := maps.Clone(cfg)
		mu.Unlock()
		// Archives outlive the build (its directory is removed once
		// the plugin is loaded): a later build keeping this path uses
		// them.
		out := filepath.Join(filepath.Dir(req.WorkDir), "pkg", strings.ReplaceAll(u.importPath, "/", "_")+".a")
		if err := b.compile(cctx, req, u, virt, known, out); err != nil {
			mu.Lock()
			if failed == nil && cctx.Err() == nil {
				failed = err
			}
			mu.Unlock()
			cancel(err)
			return false
		}
		mu.Lock()
		cfg[u.importPath] = out
		if u.importPath != mainPath {
			b.archives[u.importPath] = out
		}
		trace.Compiled = append(trace.Compiled, u.importPath)
		mu.Unlock()
		return true
	})
	if failed != nil {
		return failed
	}
	if ctx.Err() != nil {
		return &BuildError{Err: fmt.Errorf("build stopped: %w", context.Cause(ctx))}
	}
	return nil
}

// Prepare does the once-per-tree work of the first build ahead of time:
// finding the tools and every package's archive (go list -export). The
// Reloader calls it when Watch starts.
func (b *DirectBuilder) Prepare(ctx context.Context, req BuildRequest) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.setup(ctx, req)
}

// WarmCommand implements the same method of GoBuilder: the direct
// build starts from the archives that command leaves in the cache.
func (b *DirectBuilder) WarmCommand(req BuildRequest) *exec.Cmd { return b.Go.WarmCommand(req) }

// setup finds, once per source tree, the tools and the archive of every
// package the hot packages can import, compiled for plugins.
func (b *DirectBuilder) setup(ctx context.Context, req BuildRequest) error {
	if b.deps != nil && b.root == req.Root {
		return nil
	}
	goCmd := b.Go.goCmd()
	b.env = b.Go.env()
	cmd := exec.CommandContext(ctx, goCmd, b.Go.listArgs(req)...)
	cmd.Dir, cmd.Env = req.Root, b.env
	out, err := cmd.Output()
	if err != nil {
		return errFallback
	}
	deps := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.SplitN(line, "\t", 3)
		if len(f) == 3 && f[1] != "" && f[2] == "" {
			deps[f[0]] = f[1]
		}
	}
	if deps["runtime"] == "" {
		return errFallback
	}
	tools, err := exec.CommandContext(ctx, goCmd, "env", "GOTOOLDIR").Output()
	if err != nil {
		return errFallback
	}
	if err := os.MkdirAll(filepath.Dir(req.WorkDir), 0o755); err != nil {
		return fmt.Errorf("creating build directory: %w", err)
	}
	b.root, b.deps, b.archives, b.merged = req.Root, deps, map[string]string{}, map[string]bool{}
	b.tools = strings.TrimSpace(string(tools))
	b.lang = goLang(req.Root)
	return nil
}

// tags are the build tags of the host's settings.
func (b *DirectBuilder) tags() []string {
	for _, f := range b.Go.Settings.Flags {
		if t, ok := strings.CutPrefix(f, "-tags="); ok {
			return strings.Split(t, ",")
		}
	}
	return nil
}

// compile runs go tool compile for one package.
func (b *DirectBuilder) compile(ctx context.Context, req BuildRequest, u unit, virt, cfg map[string]string, out string) error {
	importPath, dir, files := u.importPath, u.dir, u.files
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fmt.Errorf("creating build directory: %w", err)
	}
	icfg := out + ".importcfg"
	if err := writeImportcfg(icfg, cfg, ""); err != nil {
		return err
	}
	var onDisk []string
	trim := map[string]string{}
	for _, f := range files {
		r := virt[f]
		onDisk = append(onDisk, r)
		trim[filepath.Dir(r)] = importPath
	}
	name := importPath
	if u.name != "" {
		name = u.name
		trim[u.nameDir] = u.name // the root's files keep their names in positions and stack traces
	}
	var rewrites []string
	for d, p := range trim {
		rewrites = append(rewrites, d+"=>"+p)
	}
	sort.Strings(rewrites)
	args := []string{"-o", out, "-trimpath", strings.Join(rewrites, ";"), "-p", importPath,
		"-complete", "-installsuffix", "dynlink", "-goversion", runtime.Version(), "-c=2", "-dynlink",
		"-nolocalimports", "-importcfg", icfg, "-pack"}
	if !b.Inline {
		args = append(args, "-l")
	}
	for _, f := range b.Go.Settings.Flags {
		if g, ok := CompilerFlags(f); ok {
			args = append(args, g...)
		}
	}
	if b.lang != "" {
		args = append(args, "-lang="+b.lang)
	}
	if ecfg, err := embedConfig(files, virt, dir, out+".embedcfg"); err != nil {
		return err
	} else if ecfg != "" {
		args = append(args, "-embedcfg", ecfg)
	}
	cmd := exec.CommandContext(ctx, filepath.Join(b.tools, "compile"), append(args, onDisk...)...)
	if output, err := b.run(ctx, cmd, req); err != nil {
		return &BuildError{Output: "# " + genPaths.ReplaceAllString(name, "") + "\n" + b.sourcePaths(output, req, virt), Err: err}
	}
	return nil
}

// link runs go tool link for the plugin.
func (b *DirectBuilder) link(ctx context.Context, req BuildRequest, mainPath string, cfg map[string]string, so string) error {
	lcfg := so + ".importcfg"
	if err := writeImportcfg(lcfg, cfg, ""); err != nil {
		return err
	}
	args := []string{"-o", so, "-importcfg", lcfg, "-installsuffix", "dynlink", "-pluginpath", mainPath,
		"-buildmode=plugin"}
	args = append(args, b.Go.linkFlags()...)
	args = append(args, cfg[mainPath])
	cmd := exec.CommandContext(ctx, filepath.Join(b.tools, "link"), args...)
	cmd.Dir = filepath.Dir(so)
	if output, err := b.run(ctx, cmd, req); err != nil {
		return &BuildError{Output: output, Err: err}
	}
	return nil
}

// run runs a tool like the go command would, killed with its children
// when ctx ends.
func (b *DirectBuilder) run(ctx context.Context, cmd *exec.Cmd, req BuildRequest) (string, error) {
	if cmd.Dir == "" {
		cmd.Dir = req.Root
	}
	cmd.Env = b.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	b.cpuMu.Lock()
	b.trace.CPU += cpuOf(cmd)
	b.cpuMu.Unlock()
	if err != nil && ctx.Err() != nil {
		return buf.String(), fmt.Errorf("build stopped: %w", context.Cause(ctx))
	}
	return buf.String(), err
}

// sourcePaths makes compiler output name files as they are in the working
// tree (views/x.go), not the overlay copies it compiled.
func (b *DirectBuilder) sourcePaths(out string, req BuildRequest, virt map[string]string) string {
	byReal := map[string]string{}
	for v, r := range virt {
		rel, err := filepath.Rel(req.Root, v)
		if err != nil {
			continue
		}
		byReal[r] = genPaths.ReplaceAllString(filepath.ToSlash(rel), "")
	}
	reals := make([]string, 0, len(byReal))
	for r := range byReal {
		reals = append(reals, r)
	}
	sort.Slice(reals, func(i, j int) bool { return len(reals[i]) > len(reals[j]) })
	for _, r := range reals {
		out = strings.ReplaceAll(out, r, byReal[r])
	}
	return out
}

// readOverlay returns the Replace map of an overlay file.
func readOverlay(file string) (map[string]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading overlay: %w", err)
	}
	var o struct{ Replace map[string]string }
	if err := json.Unmarshal(data, &o); err != nil {
		return nil, fmt.Errorf("reading overlay: %w", err)
	}
	return o.Replace, nil
}

// goFiles returns the Go files of virtual directory dir that build for
// this configuration, as virtual paths; assembly or cgo means fallback.
func goFiles(bctx *build.Context, dir string, virt map[string]string) ([]string, error) {
	var files []string
	for v, r := range virt {
		if filepath.Dir(v) != dir {
			continue
		}
		name := filepath.Base(v)
		if strings.HasSuffix(name, ".s") || strings.HasSuffix(name, ".c") {
			return nil, errFallback
		}
		if !isSource(name) {
			continue
		}
		ok, err := bctx.MatchFile(filepath.Dir(r), filepath.Base(r))
		if err != nil {
			return nil, errFallback
		}
		if ok {
			files = append(files, v)
		}
	}
	if len(files) == 0 {
		return nil, errFallback
	}
	sort.Strings(files)
	return files, nil
}

// writeImportcfg writes a compiler or linker import configuration.
func writeImportcfg(file string, cfg map[string]string, extra string) error {
	paths := make([]string, 0, len(cfg))
	for p := range cfg {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b strings.Builder
	b.WriteString("# import config\n")
	for _, p := range paths {
		fmt.Fprintf(&b, "packagefile %s=%s\n", p, cfg[p])
	}
	b.WriteString(extra)
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("writing import config: %w", err)
	}
	return nil
}

var embedLine = regexp.MustCompile(`(?m)^\s*//go:embed\s+(.+)$`)

// embedConfig writes the -embedcfg of files that use //go:embed, with
// patterns matched in the package's source directory dir; "" when none
// does. A pattern EmbedConfig does not resolve is the go command's.
func embedConfig(files []string, virt map[string]string, dir, out string) (string, error) {
	var patterns []string
	for _, f := range files {
		src, err := os.ReadFile(virt[f])
		if err != nil || !bytes.Contains(src, []byte("//go:embed")) {
			continue
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly); err != nil {
			continue // the compiler reports it
		}
		for _, m := range embedLine.FindAllSubmatch(src, -1) {
			for _, pat := range strings.Fields(string(m[1])) {
				if p, err := strconv.Unquote(pat); err == nil {
					pat = p
				}
				patterns = append(patterns, pat)
			}
		}
	}
	if len(patterns) == 0 {
		return "", nil
	}
	if _, err := EmbedConfig(dir, patterns, out); err != nil {
		return "", errFallback
	}
	return out, nil
}

// EmbedConfig resolves a package's //go:embed patterns in its source
// directory dir as the go command does for patterns that name files, and
// returns the files (slash paths relative to dir, sorted); with out, it
// also writes them there as the compiler's -embedcfg. A pattern that
// names a directory (the go command walks it), matches nothing or starts
// with "all:", or a match that is not a regular file (a symbolic link:
// the go command refuses it), is an error: the go command's to resolve
// or refuse. The plugins' DirectBuilder and the host's (internal/hostbuild)
// both use it.
func EmbedConfig(dir string, patterns []string, out string) ([]string, error) {
	cfg := struct {
		Patterns map[string][]string
		Files    map[string]string
	}{map[string][]string{}, map[string]string{}}
	for _, pat := range patterns {
		if _, seen := cfg.Patterns[pat]; seen {
			continue
		}
		matches, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pat)))
		if err != nil || len(matches) == 0 || strings.HasPrefix(pat, "all:") {
			return nil, fmt.Errorf("embed pattern %q: not files a direct build resolves", pat)
		}
		for _, m := range matches {
			if fi, err := os.Lstat(m); err != nil || !fi.Mode().IsRegular() {
				return nil, fmt.Errorf("embed pattern %q: %s is not a regular file", pat, m)
			}
			rel, err := filepath.Rel(dir, m)
			if err != nil {
				return nil, err
			}
			rel = filepath.ToSlash(rel)
			cfg.Patterns[pat] = append(cfg.Patterns[pat], rel)
			cfg.Files[rel] = m
		}
	}
	files := slices.Sorted(maps.Keys(cfg.Files))
	if out == "" {
		return files, nil
	}
	data, err := json.Marshal(cfg)
	if err == nil {
		err = os.WriteFile(out, data, 0o644)
	}
	if err != nil {
		return nil, fmt.Errorf("writing embed config: %w", err)
	}
	return files, nil
}

// goLang is the -lang of the module at root: go.mod's go version as goX.Y.
func goLang(root string) string {
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "go "); ok {
			parts := strings.SplitN(strings.TrimSpace(v), ".", 3)
			if len(parts) >= 2 {
				return "go" + parts[0] + "." + parts[1]
			}
		}
	}
	return ""
}
