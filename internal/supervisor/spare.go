package supervisor

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// A spare is the next hot restart's process, started ahead: once a stable
// edit's new binary is built, the app asks for it (AskSpare), and the
// supervisor starts that binary as a spare. The spare loads, makes its
// window (hidden) and OpenGL context, the slowest part of a start, and
// waits (WaitAsSpare). When the app then exits for a hot restart into the
// same binary, the supervisor wakes the spare with the restart's
// environment (the handover) instead of starting a process: the new
// window shows the state without waiting for a process start. A spare of
// an older build is replaced by the next ask and killed when the app
// quits or crashes; one that dies on its own is forgotten (the restart
// then starts the app as before).
//
// The pipes: every child writes asks ("spare BINARY\n") to the file
// descriptor named by EnvAskFD; a spare reads its wake-up, KEY=VALUE lines
// for its environment ended by an empty line, from EnvSpareFD (end of
// file: it is not needed, and exits).
const (
	EnvAskFD   = "SLOPGUI_SUPERVISOR_ASK_FD"
	EnvSpareFD = "SLOPGUI_SPARE_FD"
)

// proc is a child process the supervisor runs.
type proc struct {
	cmd    *exec.Cmd
	binary string
	tail   *ring         // the end of its stderr, for a crash report
	done   chan error    // its Wait, once
	exited chan struct{} // closed once it was waited for
	wake   *os.File      // a waiting spare's wake-up pipe; nil otherwise
}

// ask is a child's ask for a spare.
type ask struct {
	from   *proc
	binary string
}

// start starts binary as a child with env on top of the supervisor's, as
// a spare (waiting to be woken) or not.
func (s *sup) start(binary string, env []string, spare bool) (*proc, error) {
	askR, askW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer askW.Close()
	p := &proc{binary: binary, tail: &ring{max: 64 << 10}, done: make(chan error, 1), exited: make(chan struct{})}
	args := s.args
	if spare {
		args = WithoutFlag(args, "handover") // it is told its handover when woken
	}
	cmd := exec.Command(binary, args...)
	cmd.Env = append(append(os.Environ(), EnvDir+"="+s.dir, EnvAskFD+"=3"), env...)
	cmd.ExtraFiles = []*os.File{askW}
	if spare {
		wakeR, wakeW, err := os.Pipe()
		if err != nil {
			askR.Close()
			return nil, err
		}
		defer wakeR.Close()
		cmd.ExtraFiles = append(cmd.ExtraFiles, wakeR)
		cmd.Env = append(cmd.Env, EnvSpareFD+"=4")
		p.wake = wakeW
	}
	cmd.Stdin, cmd.Stdout = os.Stdin, s.opts.Stdout
	cmd.Stderr = io.MultiWriter(s.opts.Stderr, p.tail)
	// If the supervisor itself is killed, the child gets SIGTERM: it
	// saves the project and exits instead of lingering alone.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	// A grandchild holding the child's stderr must not keep us waiting.
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		askR.Close()
		if p.wake != nil {
			p.wake.Close()
		}
		return nil, err
	}
	p.cmd = cmd
	go func() {
		p.done <- cmd.Wait()
		close(p.exited)
	}()
	go s.readAsks(p, askR)
	return p, nil
}

// readAsks passes a child's asks to the loop until the child ends.
func (s *sup) readAsks(p *proc, r *os.File) {
	defer r.Close()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if bin, ok := strings.CutPrefix(sc.Text(), "spare "); ok {
			select {
			case s.asks <- ask{from: p, binary: bin}:
			case <-p.exited:
				return
			}
		}
	}
}

// prepareSpare starts binary as the spare, unless it is one already;
// "" only stops the spare (its build was thrown away).
func (s *sup) prepareSpare(binary string) {
	if binary == "" {
		s.dropSpare("the build it was started for is not wanted any more")
		return
	}
	if s.spare != nil && s.spare.binary == binary {
		return
	}
	s.dropSpare("a newer build is ready")
	p, err := s.start(binary, nil, true)
	if err != nil {
		fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: starting %s ahead of the restart: %v (the restart will start it then)\n", binary, err)
		return
	}
	s.spare = p
}

// wakeSpare hands a hot restart's environment to the spare when it runs
// the restart's binary, and returns it as the new app; nil when there is
// no such spare (the caller starts a process).
func (s *sup) wakeSpare(env []string) *proc {
	p := s.spare
	if p == nil {
		return nil
	}
	s.spare = nil
	select {
	case <-p.exited:
		fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: the spare process (pid %d) had ended (%v); starting the app\n", p.cmd.Process.Pid, p.cmd.ProcessState)
		return nil
	default:
	}
	if p.binary != s.binary {
		s.kill(p)
		return nil
	}
	var msg strings.Builder
	for _, kv := range env {
		msg.WriteString(kv + "\n")
	}
	msg.WriteString("\n")
	_, err := p.wake.WriteString(msg.String())
	p.wake.Close()
	p.wake = nil
	if err != nil { // it died while waiting
		fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: the spare process (pid %d) could not be woken: %v; starting the app\n", p.cmd.Process.Pid, err)
		s.kill(p)
		return nil
	}
	fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: woke the spare process (pid %d)\n", p.cmd.Process.Pid)
	return p
}

// dropSpare ends the spare, if any.
func (s *sup) dropSpare(why string) {
	if p := s.spare; p != nil {
		s.spare = nil
		fmt.Fprintf(s.opts.Stderr, "slopgui supervisor: stopping the spare process (pid %d): %s\n", p.cmd.Process.Pid, why)
		s.kill(p)
	}
}

// kill ends a spare that was never woken: it holds nothing of the user's.
func (s *sup) kill(p *proc) {
	if p.wake != nil {
		p.wake.Close()
	}
	p.cmd.Process.Kill()
}

// Child side.

var askPipe struct {
	once sync.Once
	f    *os.File
}

// childFile returns the inherited file descriptor named by the environment
// variable env, made close-on-exec so that no process the app starts
// inherits it, or nil.
func childFile(env, name string) *os.File {
	if Dir() == "" {
		return nil
	}
	fd, err := strconv.Atoi(os.Getenv(env))
	if err != nil || fd < 3 {
		return nil
	}
	syscall.CloseOnExec(fd)
	return os.NewFile(uintptr(fd), name)
}

// AskSpare asks the supervisor to start binary now as the spare for the
// next hot restart, or, with "", to stop the spare. It does nothing for an
// app that is not supervised.
func AskSpare(binary string) error {
	askPipe.once.Do(func() { askPipe.f = childFile(EnvAskFD, "supervisor asks") })
	if askPipe.f == nil {
		return errNotSupervised
	}
	if _, err := fmt.Fprintf(askPipe.f, "spare %s\n", binary); err != nil {
		return fmt.Errorf("asking the supervisor for a spare: %w", err)
	}
	return nil
}

// IsSpare reports whether this process was started as a spare.
func IsSpare() bool { return Dir() != "" && os.Getenv(EnvSpareFD) != "" }

// errNotNeeded: the supervisor closed a spare's wake-up pipe.
var errNotNeeded = errors.New("the spare is not needed")

// WaitAsSpare blocks until the supervisor wakes this spare for a hot
// restart, and sets the environment it was woken with (the handover).
// An error means the spare is not needed (or the pipe failed): the process
// should exit.
func WaitAsSpare() error {
	f := childFile(EnvSpareFD, "spare wake-up")
	if f == nil {
		return fmt.Errorf("%s is not a file descriptor", EnvSpareFD)
	}
	defer f.Close()
	os.Unsetenv(EnvSpareFD)
	r := bufio.NewReader(f)
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF {
			return errNotNeeded
		}
		if err != nil {
			return fmt.Errorf("waiting to be woken: %w", err)
		}
		line = strings.TrimSuffix(line, "\n")
		if line == "" {
			return nil
		}
		if k, v, ok := strings.Cut(line, "="); ok {
			os.Setenv(k, v)
		}
	}
}
