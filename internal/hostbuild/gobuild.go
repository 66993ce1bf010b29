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
	goCmd, timeout, env := b.GoCmd, b.Timeout, b.Env
	if goCmd == "" {
		goCmd = "go"
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
	cmd := exec.Command(goCmd, args...)
	cmd.Dir, cmd.Env = b.Root, env
	output, err := runStep(ctx, cmd, b.nice())
	if err != nil {
		os.Remove(out)
		if ctx.Err() != nil {
			err = fmt.Errorf("%w (%w)", err, context.Cause(ctx))
		}
		return "", &BuildError{Output: strings.TrimSpace(output), Err: err}
	}
	return out, nil
}

// nice is the niceness a build adds (Nice: 10 when zero, none when
// negative).
func (b GoBuild) nice() int {
	if b.Nice == 0 {
		return 10
	}
	return b.Nice
}

// runStep runs a build step in its own process group, killed with its
// children when ctx ends, nice steps nicer than its caller unless ctx is
// Urgent, and returns what it printed (to cmd.Stdout and cmd.Stderr when
// they are not set).
func runStep(ctx context.Context, cmd *exec.Cmd, nice int) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var buf strings.Builder
	if cmd.Stdout == nil {
		cmd.Stdout = &buf
	}
	if cmd.Stderr == nil {
		cmd.Stderr = &buf
	}
	if err := cmd.Start(); err != nil {
		return "", err
	}
	stop := context.AfterFunc(ctx, func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) })
	defer stop()
	if nice > 0 && !Urgent(ctx) {
		// The group is the step's alone (Setpgid); what it starts later
		// inherits its niceness. (Linux's raw getpriority is 20 - nice.)
		if cur, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0); err == nil {
			syscall.Setpriority(syscall.PRIO_PGRP, cmd.Process.Pid, min(20-cur+nice, 19))
		}
	}
	err := cmd.Wait()
	return buf.String(), err
}
