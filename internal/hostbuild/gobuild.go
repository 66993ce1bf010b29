package hostbuild

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/slopgui/slopgui/hot"
)

// GoBuild is a `go build` of the host's main package into a new file,
// run at a lower CPU priority (unless Urgent: a restart waits for it) so
// that the window it builds for keeps its frames.
type GoBuild struct {
	GoCmd   string   // the go command; "go" when empty
	Root    string   // the module root it runs in
	Package string   // e.g. "./cmd/slopgui"
	OutDir  string   // the new binary goes here, under a new name
	Name    string   // the binary's name prefix
	Args    []string // build flags, before the package
	Env     []string // the whole environment; os.Environ() when nil
	// Nice is added to the build's niceness (its compiler and linker
	// processes inherit it); 10 when zero, none when negative.
	Nice int
	// Timeout stops the build; 10 minutes when zero.
	Timeout time.Duration
}

// WithHost returns b building as the running binary was built, when its
// build settings could be read (set.FromBuildInfo): the same flags,
// linker flags, environment, with extld as the external linker and no
// DWARF.
func (b GoBuild) WithHost(set hot.BuildSettings, extld string) GoBuild {
	if set.FromBuildInfo {
		ld := append(append([]string(nil), set.LDFlags...), "-extld="+extld, "-w")
		b.Args = append(append(append([]string(nil), b.Args...), set.Flags...), "-ldflags="+strings.Join(ld, " "))
		b.Env = append(os.Environ(), set.Env...)
	}
	return b
}

// BuildError is a build that failed: Output is what the go command said.
type BuildError struct {
	Output string
	Err    error
}

func (e *BuildError) Error() string {
	if e.Output == "" {
		return "go build: " + e.Err.Error()
	}
	return e.Output
}

func (e *BuildError) Unwrap() error { return e.Err }

// Build runs the build and returns the new binary's path. On ctx's end the
// whole process group of the build (go, its compilers, the linker) is
// killed.
func (b GoBuild) Build(ctx context.Context) (string, error) {
	if err := os.MkdirAll(b.OutDir, 0o700); err != nil {
		return "", fmt.Errorf("host build: %w", err)
	}
	goCmd, nice, timeout, env := b.GoCmd, b.Nice, b.Timeout, b.Env
	if goCmd == "" {
		goCmd = "go"
	}
	if nice == 0 {
		nice = 10
	}
	if timeout <= 0 {
		timeout = 10 * time.Minute
	}
	if env == nil {
		env = os.Environ()
	}
	out := filepath.Join(b.OutDir, fmt.Sprintf("%s-%d", b.Name, time.Now().UnixNano()))
	args := append(append([]string{"build", "-o", out}, b.Args...), b.Package)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, goCmd, args...)
	cmd.Dir, cmd.Env = b.Root, env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var buf strings.Builder
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Start(); err != nil {
		return "", &BuildError{Err: err}
	}
	if nice > 0 && !Urgent(ctx) {
		// The group is the build's alone (Setpgid); what go starts later
		// inherits go's niceness. (Linux's raw getpriority is 20 - nice.)
		if cur, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0); err == nil {
			syscall.Setpriority(syscall.PRIO_PGRP, cmd.Process.Pid, min(20-cur+nice, 19))
		}
	}
	err := cmd.Wait()
	if err != nil {
		os.Remove(out)
		if ctx.Err() != nil {
			err = fmt.Errorf("%w (%w)", err, context.Cause(ctx))
		}
		return "", &BuildError{Output: strings.TrimSpace(buf.String()), Err: err}
	}
	return out, nil
}
