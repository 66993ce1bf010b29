package ctl

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Dir is where running apps put their sockets: $XDG_RUNTIME_DIR/slopgui,
// or /tmp/slopgui-$UID when XDG_RUNTIME_DIR is unset.
func Dir() string {
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" {
		return filepath.Join(d, "slopgui")
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("slopgui-%d", os.Getuid()))
}

// SocketPath is the socket of the app with this PID in dir.
func SocketPath(dir string, pid int) string {
	return filepath.Join(dir, strconv.Itoa(pid)+".sock")
}

// PrepareDir creates dir (mode 0700) or checks an existing one: it must
// be a directory owned by this user, and is made private if it is not.
func PrepareDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("ctl: socket directory: %w", err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("ctl: socket directory: %w", err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !fi.IsDir() || !ok {
		return fmt.Errorf("ctl: socket directory %s is not a directory", dir)
	}
	if int(st.Uid) != os.Getuid() {
		return fmt.Errorf("ctl: socket directory %s belongs to uid %d, not to this user (%d): remove it or set XDG_RUNTIME_DIR", dir, st.Uid, os.Getuid())
	}
	if fi.Mode().Perm() != 0o700 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("ctl: socket directory: %w", err)
		}
	}
	return nil
}

// Listen prepares dir, removes the sockets of apps that are gone, and
// listens on this process's socket (mode 0600).
func Listen(dir string) (*net.UnixListener, string, error) {
	if err := PrepareDir(dir); err != nil {
		return nil, "", err
	}
	CleanStale(dir)
	path := SocketPath(dir, os.Getpid())
	os.Remove(path) // ours from before an exec in place
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		return nil, "", fmt.Errorf("ctl: %w", err)
	}
	ln.SetUnlinkOnClose(true)
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, "", fmt.Errorf("ctl: %w", err)
	}
	return ln, path, nil
}

// CleanStale removes sockets in dir whose process is gone or no longer
// answers, and returns the PIDs of those left.
func CleanStale(dir string) []int {
	var live []int
	for _, pid := range socketPIDs(dir) {
		if pid == os.Getpid() {
			continue
		}
		path := SocketPath(dir, pid)
		if alive(pid) {
			c, err := net.DialTimeout("unix", path, time.Second)
			if err == nil {
				c.Close()
				live = append(live, pid)
				continue
			}
			if !errors.Is(err, syscall.ECONNREFUSED) {
				live = append(live, pid) // busy or not ours to judge
				continue
			}
		}
		os.Remove(path)
	}
	return live
}

func socketPIDs(dir string) []int {
	ents, _ := os.ReadDir(dir)
	var pids []int
	for _, e := range ents {
		n, ok := strings.CutSuffix(e.Name(), ".sock")
		if !ok {
			continue
		}
		if pid, err := strconv.Atoi(n); err == nil && pid > 0 {
			pids = append(pids, pid)
		}
	}
	sort.Ints(pids)
	return pids
}

func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// Find returns the socket of the app to talk to: the one of PID pid (the
// app's, or its supervisor's), or, with pid 0, the only one running.
func Find(dir string, pid int) (string, error) {
	if pid > 0 {
		if p := SocketPath(dir, pid); exists(p) {
			return p, nil
		}
		for _, child := range socketPIDs(dir) {
			if parentOf(child) == pid {
				return SocketPath(dir, child), nil
			}
		}
		return "", fmt.Errorf("no slopgui with PID %d has a socket in %s (is it running, as this user, with the same XDG_RUNTIME_DIR?)", pid, dir)
	}
	var live []int
	for _, p := range socketPIDs(dir) {
		if alive(p) {
			live = append(live, p)
		}
	}
	switch len(live) {
	case 0:
		return "", fmt.Errorf("no running slopgui found (no socket in %s): start slopgui as this user, with the same XDG_RUNTIME_DIR", dir)
	case 1:
		return SocketPath(dir, live[0]), nil
	}
	return "", fmt.Errorf("%d slopgui apps are running (PIDs %v): pick one with --pid", len(live), live)
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// parentOf returns a process's parent PID, or 0.
func parentOf(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// "pid (comm) state ppid ...": comm may hold spaces and parentheses.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 2 {
		return 0
	}
	ppid, _ := strconv.Atoi(f[1])
	return ppid
}

// processName returns a process's command name, or "?".
func processName(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(b))
}

// Peer is the process at the other end of a connection.
type Peer struct {
	PID, UID   int
	Name       string // its command name
	ParentPID  int
	ParentName string
}

func (p Peer) String() string {
	s := fmt.Sprintf("%s (PID %d)", p.Name, p.PID)
	if p.ParentPID > 1 {
		s += fmt.Sprintf(", started by %s (PID %d)", p.ParentName, p.ParentPID)
	}
	return s
}

// PeerOf reads a connection's peer credentials (SO_PEERCRED).
func PeerOf(c *net.UnixConn) (Peer, error) {
	raw, err := c.SyscallConn()
	if err != nil {
		return Peer{}, err
	}
	var cred *syscall.Ucred
	var cerr error
	if err := raw.Control(func(fd uintptr) {
		cred, cerr = syscall.GetsockoptUcred(int(fd), syscall.SOL_SOCKET, syscall.SO_PEERCRED)
	}); err != nil {
		return Peer{}, err
	}
	if cerr != nil {
		return Peer{}, fmt.Errorf("SO_PEERCRED: %w", cerr)
	}
	p := Peer{PID: int(cred.Pid), UID: int(cred.Uid), Name: processName(int(cred.Pid))}
	if pp := parentOf(p.PID); pp > 0 {
		p.ParentPID, p.ParentName = pp, processName(pp)
	}
	return p, nil
}
