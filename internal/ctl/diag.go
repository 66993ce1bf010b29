package ctl

import (
	"regexp"
	"strconv"
	"strings"
)

// genDir is hot.GenDir (a test checks it): ctl does not import hot, which
// imports plugin, so that slopgui-mcp, which uses ctl, stays a small
// binary (a program that imports plugin keeps every method it links).
const genDir = "hotgen"

// genPath matches the import path prefix a plugin build gives the hot
// packages (hotgen/bN/), which exists only in the build's overlay.
var genPath = regexp.MustCompile(regexp.QuoteMeta(genDir) + `/b[0-9]+/`)

// SourcePaths maps a text's generated paths back to the source tree:
// "<module>/hotgen/b7/views/x.go" becomes "views/x.go" in file paths, and
// "<module>/hotgen/b7/views/ui.F" becomes "<module>/views/ui.F" elsewhere.
func SourcePaths(modulePath, s string) string {
	s = genPath.ReplaceAllString(s, "")
	return s
}

// compilerLine is "file.go:line[:col]: message".
var compilerLine = regexp.MustCompile(`^(?:\./)?([^\s:][^:]*\.go):(\d+)(?::(\d+))?: (.+)$`)

// ParseCompilerOutput returns the errors in a compiler's output, paths
// mapped back to the source tree and relative to the module root. Lines
// that are not errors ("# package", "too many errors") are skipped; an
// indented line continues the error before it.
func ParseCompilerOutput(modulePath, out string) []Diagnostic {
	var ds []Diagnostic
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.HasPrefix(line, "\t") && len(ds) > 0 {
			ds[len(ds)-1].Message += "\n" + strings.TrimSpace(line)
			continue
		}
		m := compilerLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		d := Diagnostic{File: relFile(modulePath, m[1]), Message: SourcePaths(modulePath, m[4])}
		d.Line, _ = strconv.Atoi(m[2])
		if m[3] != "" {
			d.Col, _ = strconv.Atoi(m[3])
		}
		ds = append(ds, d)
	}
	return ds
}

// relFile maps a file path in a build or a stack trace to its path in the
// source tree, relative to the module root.
func relFile(modulePath, f string) string {
	f = SourcePaths(modulePath, f)
	if modulePath != "" {
		if i := strings.Index(f, modulePath+"/"); i >= 0 {
			f = f[i+len(modulePath)+1:]
		}
	}
	return strings.TrimPrefix(f, "./")
}

// panicHeader starts a view's panic in an error text: "View: panic: value".
var panicHeader = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*): panic: (.*)$`)

// ParsePanics returns the view panics in an error text: each starts with
// "View: panic: value" and is followed by its goroutine stack.
func ParsePanics(modulePath, text string) []ViewPanic {
	var out []ViewPanic
	var cur *ViewPanic
	var stack []string
	flush := func() {
		if cur != nil {
			cur.Stack = ParseStack(modulePath, strings.Join(stack, "\n"))
			out = append(out, *cur)
		}
		cur, stack = nil, nil
	}
	for _, line := range strings.Split(text, "\n") {
		if m := panicHeader.FindStringSubmatch(line); m != nil {
			flush()
			cur = &ViewPanic{View: m[1], Value: SourcePaths(modulePath, m[2])}
			continue
		}
		if cur != nil {
			stack = append(stack, line)
		}
	}
	flush()
	return out
}

// ParsePanic parses one panic text, "panic: value" then its stack, of a
// known view.
func ParsePanic(modulePath, view, text string) ViewPanic {
	first, rest, _ := strings.Cut(text, "\n")
	p := ViewPanic{View: view, Value: SourcePaths(modulePath, strings.TrimPrefix(first, "panic: "))}
	p.Stack = ParseStack(modulePath, rest)
	return p
}

// stackFile is a stack trace's file line: "\tpath/file.go:42 +0x1d".
var stackFile = regexp.MustCompile(`^\s+(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$`)

// ParseStack parses a goroutine stack (as runtime/debug.Stack prints it)
// into frames, paths mapped back to the source tree. The runtime's own
// frames and the panic machinery above the panicking call are dropped.
func ParseStack(modulePath, s string) []StackFrame {
	lines := strings.Split(s, "\n")
	var frames []StackFrame
	for i := 0; i+1 < len(lines); i++ {
		fn := strings.TrimSpace(lines[i])
		if fn == "" || strings.HasPrefix(lines[i], "\t") || strings.HasPrefix(fn, "goroutine ") {
			continue
		}
		m := stackFile.FindStringSubmatch(lines[i+1])
		if m == nil {
			continue
		}
		i++
		if strings.HasPrefix(fn, "panic(") {
			frames = frames[:0] // what ran before is the recovery machinery
			continue
		}
		if strings.HasPrefix(fn, "runtime/debug.Stack(") {
			continue
		}
		if j := strings.LastIndex(fn, "("); j > 0 && strings.HasSuffix(fn, ")") {
			fn = fn[:j]
		}
		line, _ := strconv.Atoi(m[2])
		frames = append(frames, StackFrame{Func: SourcePaths(modulePath, fn), File: relFile(modulePath, m[1]), Line: line})
	}
	return frames
}
