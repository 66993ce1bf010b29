package hot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// GenDir is the directory, relative to the Go module root, under which each
// build's copy of the hot sources appears. It exists only in the overlay
// given to go build; nothing is written there.
const GenDir = "hotgen"

// BuildRequest is one plugin build.
type BuildRequest struct {
	ID         int      // unique per Reloader; names the build's packages
	Root       string   // Go module root (holds go.mod)
	ModulePath string   // the module path in go.mod
	Modules    []Module // modules whose targets the plugin exports
	All        []Module // every registered module (sources to copy)
	WorkDir    string   // scratch directory for this build
	// Prefixes gives, by source dir, the prefix under which each hot
	// package is compiled: "" keeps its own import path (the copy linked
	// into the host), anything else is a directory that exists only in
	// the overlay (hotgen/bN). A dir missing here gets this build's own
	// prefix, hotgen/b<ID>. The plugin main is always under hotgen/b<ID>.
	Prefixes map[string]string
	// Fresh is the prefix Prefixes gives the packages compiled anew in
	// this build (the others keep an earlier build's).
	Fresh string
	// Trace, if set, receives where the build spent its time.
	Trace *BuildTrace
}

// BuildTrace is what a finished go build did, from its action graph.
type BuildTrace struct {
	// Compiled lists the packages compiled by this build (not found in
	// the build cache), import paths as the compiler saw them.
	Compiled []string
	// Compile is the wall time from the first compile's start to the last
	// one's end; Link is the link step (Go linker and external linker).
	Compile, Link time.Duration
	// CPU is the processor time of every process the build ran (user and
	// system): unlike wall time, other load on the machine barely moves it.
	CPU time.Duration
}

// cpuOf is the processor time of a finished command and the children it
// waited for.
func cpuOf(cmd *exec.Cmd) time.Duration {
	if cmd.ProcessState == nil {
		return 0
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// prefixOf returns the prefix of source dir d in req.
func (req BuildRequest) prefixOf(d string) string {
	if p, ok := req.Prefixes[d]; ok {
		return p
	}
	return genPrefix(req.ID)
}

// importPath is the import path of hot source dir d in req.
func (req BuildRequest) importPath(d string) string {
	if p := req.prefixOf(d); p != "" {
		return req.ModulePath + "/" + p + "/" + d
	}
	return req.ModulePath + "/" + d
}

// BuildError is a failed build with the compiler's output.
type BuildError struct {
	Output string // compiler output, paths as in the working tree
	Err    error
}

func (e *BuildError) Error() string {
	out := strings.TrimSpace(e.Output)
	if out == "" {
		return fmt.Sprintf("go build failed: %v", e.Err)
	}
	return "go build failed:\n" + out
}

func (e *BuildError) Unwrap() error { return e.Err }

// Builder turns a BuildRequest into a plugin file.
type Builder interface {
	Build(ctx context.Context, req BuildRequest) (pluginPath string, err error)
}

// GoBuilder builds plugins with the go command.
type GoBuilder struct {
	GoCmd    string        // the go command; "go" from PATH when empty
	Settings BuildSettings // the host's settings, replicated exactly
	Env      []string      // extra environment, appended last
	// ExtLD is the external linker (or wrapper) plugin links run, as
	// -ldflags=-extld; the toolchain's default when empty. LinkFlags are
	// more linker flags, after the host's.
	ExtLD     string
	LinkFlags []string
}

// linkFlags are the flags every plugin link gets.
func (b GoBuilder) linkFlags() []string {
	f := append(append([]string{}, b.Settings.LDFlags...), b.LinkFlags...)
	if b.ExtLD != "" {
		f = append(f, "-extld="+b.ExtLD)
	}
	return append(f, "-s", "-w")
}

// goCmd is the go command to run.
func (b GoBuilder) goCmd() string {
	if b.GoCmd == "" {
		return "go"
	}
	return b.GoCmd
}

// env is the go command's environment: the host's settings, then Env.
func (b GoBuilder) env() []string {
	return append(append(os.Environ(), b.Settings.Env...), b.Env...)
}

// listArgs are the go command's arguments that list every package the
// hot packages of req.All import, and those packages, each with its
// archive compiled for plugins (-export: compiled into the build cache
// if it is not there).
func (b GoBuilder) listArgs(req BuildRequest) []string {
	args := append([]string{"list", "-e", "-deps", "-export", "-buildmode=plugin", "-buildvcs=false",
		"-f", "{{.ImportPath}}\t{{.Export}}\t{{if .Error}}{{.Error}}{{end}}"}, b.Settings.Flags...)
	for _, m := range req.All {
		for _, d := range m.SourceDirs {
			args = append(args, req.ModulePath+"/"+d)
		}
	}
	return args
}

// WarmCommand is a command that compiles into the go build cache, from
// the sources on disk, every package req's plugins are built from (the hot
// packages and all they import) the way plugins need them. Run ahead, it
// spares a later build those compiles: after a stable package changed, the
// process a restart starts would otherwise compile it and every hot package
// that imports it before its first views build (~1.7 s here after an edit
// of state). Its output is not needed.
func (b GoBuilder) WarmCommand(req BuildRequest) *exec.Cmd {
	cmd := exec.Command(b.goCmd(), b.listArgs(req)...)
	cmd.Dir, cmd.Env = req.Root, b.env()
	return cmd
}

// Build writes the overlay and plugin main for req and runs
// go build -buildmode=plugin. On failure the error is a *BuildError whose
// Output names files by their paths in the working tree.
func (b GoBuilder) Build(ctx context.Context, req BuildRequest) (string, error) {
	if err := os.MkdirAll(req.WorkDir, 0o755); err != nil {
		return "", fmt.Errorf("creating build directory: %w", err)
	}
	prefix := genPrefix(req.ID)
	overlay, err := writeOverlay(req, prefix)
	if err != nil {
		return "", err
	}
	out := filepath.Join(req.WorkDir, fmt.Sprintf("b%d.so", req.ID))
	ldflags := b.linkFlags()
	actions := filepath.Join(req.WorkDir, "actions.json")
	// -buildvcs=false: stamping the plugin's main with VCS facts runs git
	// seven times, and nothing reads them.
	args := []string{"build", "-buildmode=plugin", "-buildvcs=false", "-o", out, "-overlay", overlay}
	if req.Trace != nil {
		args = append(args, "-debug-actiongraph="+actions)
	}
	args = append(args, b.Settings.Flags...)
	args = append(args, "-ldflags="+strings.Join(ldflags, " "))
	args = append(args, req.ModulePath+"/"+prefix+"/hotmain")

	cmd := exec.CommandContext(ctx, b.goCmd(), args...)
	cmd.Dir = req.Root
	cmd.Env = b.env()
	// go build starts compilers and linkers: on cancel, kill the whole group.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err = cmd.Run()
	output := compilerOutput(genPaths.ReplaceAllString(buf.String(), ""), req.ModulePath)
	if req.Trace != nil {
		readTrace(actions, req.Trace)
		req.Trace.CPU = cpuOf(cmd)
	}
	if err != nil {
		if ctx.Err() != nil {
			return "", &BuildError{Output: output, Err: fmt.Errorf("build stopped: %w", context.Cause(ctx))}
		}
		return "", &BuildError{Output: output, Err: err}
	}
	return out, nil
}

func genPrefix(id int) string { return fmt.Sprintf("%s/b%d", GenDir, id) }

// genPaths matches the generated directory of any build in compiler
// output, so messages name files as they are in the working tree.
var genPaths = regexp.MustCompile(GenDir + `/b[0-9]+/`)

// readTrace fills t from a go build -debug-actiongraph file. A missing or
// unreadable graph leaves t empty: the trace is for measuring only.
func readTrace(file string, t *BuildTrace) {
	b, err := os.ReadFile(file)
	if err != nil {
		return
	}
	var actions []struct {
		Mode, Package       string
		Cmd                 []string
		TimeStart, TimeDone time.Time
	}
	if json.Unmarshal(b, &actions) != nil {
		return
	}
	var first, last time.Time
	for _, a := range actions {
		if len(a.Cmd) == 0 || a.TimeStart.IsZero() || a.TimeDone.IsZero() {
			continue // found in the build cache, or not run
		}
		switch a.Mode {
		case "build":
			t.Compiled = append(t.Compiled, a.Package)
			if first.IsZero() || a.TimeStart.Before(first) {
				first = a.TimeStart
			}
			if a.TimeDone.After(last) {
				last = a.TimeDone
			}
		case "link":
			t.Link += a.TimeDone.Sub(a.TimeStart)
		}
	}
	if !first.IsZero() {
		t.Compile = last.Sub(first)
	}
	sort.Strings(t.Compiled)
}

// writeOverlay maps the hot source files of every package compiled under
// a prefix to <prefix>/<dir>/<file>, rewriting imports between hot
// packages (packages kept at their own path are compiled from the working
// tree), adds the generated plugin main under prefix, and returns the
// overlay file's path.
func writeOverlay(req BuildRequest, prefix string) (string, error) {
	hotPkgs := map[string]string{} // import path -> rewritten path
	for _, m := range req.All {
		for _, d := range m.SourceDirs {
			if p := req.importPath(d); p != req.ModulePath+"/"+d {
				hotPkgs[req.ModulePath+"/"+d] = p
			}
		}
	}
	var inUse []string
	for _, m := range req.All {
		for _, d := range m.SourceDirs {
			if p := req.prefixOf(d); p != "" && !slices.Contains(inUse, p) {
				inUse = append(inUse, p)
			}
		}
	}
	replace := map[string]string{}
	srcDir := filepath.Join(req.WorkDir, "src")
	for _, m := range req.All {
		for _, d := range m.SourceDirs {
			dir := filepath.Join(req.Root, filepath.FromSlash(d))
			ents, err := os.ReadDir(dir)
			if err != nil {
				return "", fmt.Errorf("reading sources of hot module %q: %w", m.Name, err)
			}
			n := 0
			for _, e := range ents {
				name := e.Name()
				if !e.Type().IsRegular() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
					continue
				}
				n++
				disk := filepath.Join(dir, name)
				// A package compiled under a prefix is mapped there, and
				// every file is mapped under every prefix in use, so that
				// a //go:embed pattern in a package (e.g. the Linked
				// sources in the module root) finds the files of the
				// packages below it. Unimported, those are not compiled.
				pres := inUse
				src, err := os.ReadFile(disk)
				if err != nil {
					return "", fmt.Errorf("reading %s: %w", path.Join(d, name), err)
				}
				rewritten, changed := rewriteImports(src, hotPkgs)
				for _, p := range pres {
					virt := filepath.Join(req.Root, filepath.FromSlash(p), filepath.FromSlash(d), name)
					if !changed {
						replace[virt] = disk
						continue
					}
					cp := filepath.Join(srcDir, filepath.FromSlash(p), filepath.FromSlash(d), name)
					if err := os.MkdirAll(filepath.Dir(cp), 0o755); err != nil {
						return "", fmt.Errorf("writing overlay copy: %w", err)
					}
					if err := os.WriteFile(cp, rewritten, 0o644); err != nil {
						return "", fmt.Errorf("writing overlay copy: %w", err)
					}
					replace[virt] = cp
				}
			}
			if n == 0 {
				return "", fmt.Errorf("hot module %q: no Go files in %s", m.Name, d)
			}
		}
	}
	mainPath := filepath.Join(req.WorkDir, "hotmain.go")
	if err := os.WriteFile(mainPath, pluginMain(req), 0o644); err != nil {
		return "", fmt.Errorf("writing plugin main: %w", err)
	}
	replace[filepath.Join(req.Root, filepath.FromSlash(prefix), "hotmain", "main.go")] = mainPath
	data, err := json.MarshalIndent(map[string]any{"Replace": replace}, "", "\t")
	if err != nil {
		return "", fmt.Errorf("encoding overlay: %w", err)
	}
	overlay := filepath.Join(req.WorkDir, "overlay.json")
	if err := os.WriteFile(overlay, data, 0o644); err != nil {
		return "", fmt.Errorf("writing overlay: %w", err)
	}
	return overlay, nil
}

// rewriteImports replaces import paths found in paths, in place, so line
// and column numbers stay those of the original file. A file that does not
// parse is returned as it is: the compiler reports its error.
func rewriteImports(src []byte, paths map[string]string) ([]byte, bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ImportsOnly)
	if err != nil {
		return src, false
	}
	type edit struct {
		start, end int
		lit        string
	}
	var edits []edit
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		if np, ok := paths[p]; ok {
			edits = append(edits, edit{
				start: fset.Position(imp.Path.Pos()).Offset,
				end:   fset.Position(imp.Path.End()).Offset,
				lit:   strconv.Quote(np),
			})
		}
	}
	if len(edits) == 0 {
		return src, false
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	out := append([]byte(nil), src...)
	for _, e := range edits {
		out = append(out[:e.start], append([]byte(e.lit), out[e.end:]...)...)
	}
	return out, true
}

// pluginMain generates the plugin's main package: it exports each requested
// module's Targets and APIVersion under the module's name.
func pluginMain(req BuildRequest) []byte { return pluginMainOf(req, -1) }

// pluginMainOf is pluginMain for a main package that is module self's
// root (mergeRoot; -1: none is): it names that root's Targets and
// APIVersion as its own.
func pluginMainOf(req BuildRequest, self int) []byte {
	var b bytes.Buffer
	b.WriteString("// Code generated by hot. DO NOT EDIT.\n\npackage main\n\n")
	if len(req.Modules) > 1 || self < 0 {
		b.WriteString("import (\n")
		for i, m := range req.Modules {
			if i != self {
				fmt.Fprintf(&b, "\tm%d %q\n", i, req.importPath(m.SourceDirs[0]))
			}
		}
		b.WriteString(")\n\n")
	}
	ref := func(i int, name string) string {
		if i == self {
			return name
		}
		return fmt.Sprintf("m%d.%s", i, name)
	}
	// Filled by an init function, the last one to run: a merged root's
	// init functions (in files before this one) may still change its
	// Targets after the package's variables are initialised.
	b.WriteString("// HotTargets maps module name to its delegation targets.\nvar HotTargets map[string]map[string]any\n\n" +
		"// HotAPIVersions maps module name to the API version it was written for.\nvar HotAPIVersions map[string]int\n\n" +
		"func init() {\n\tHotTargets = map[string]map[string]any{\n")
	for i, m := range req.Modules {
		fmt.Fprintf(&b, "\t\t%q: anyTargets(%s),\n", m.Name, ref(i, "Targets"))
	}
	b.WriteString("\t}\n\tHotAPIVersions = map[string]int{\n")
	for i, m := range req.Modules {
		fmt.Fprintf(&b, "\t\t%q: %s,\n", m.Name, ref(i, "APIVersion"))
	}
	b.WriteString("\t}\n}\n\n// anyTargets accepts a module's Targets typed or not.\n" +
		"func anyTargets[M ~map[string]V, V any](m M) map[string]any {\n" +
		"\tout := make(map[string]any, len(m))\n\tfor k, v := range m {\n\t\tout[k] = v\n\t}\n\treturn out\n}\n\nfunc main() {}\n")
	return b.Bytes()
}

// compilerOutput keeps the output blocks ("# package" and the lines under
// it) of the module's own packages: a cold build also prints cgo warnings
// from dependencies, which would bury the error. If no block is the
// module's, everything is kept.
func compilerOutput(out, modPath string) string {
	var kept []string
	keep, found := true, false
	for _, line := range strings.SplitAfter(out, "\n") {
		if strings.HasPrefix(line, "# ") {
			pkg := strings.TrimSpace(strings.TrimPrefix(line, "# "))
			keep = pkg == modPath || strings.HasPrefix(pkg, modPath+"/")
			found = found || keep
		}
		if keep {
			kept = append(kept, line)
		}
	}
	if !found {
		return out
	}
	return strings.Join(kept, "")
}
