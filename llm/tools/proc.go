package tools

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// How run_command keeps the processes of a command from outliving it:
//
//   - First choice: the shell starts as PID 1 of a new PID namespace
//     (CLONE_NEWPID, inside an unprivileged user namespace that maps only
//     this user, CLONE_NEWUSER, so no root is needed). When that PID 1
//     ends, or is killed, the kernel kills every process of the
//     namespace, setsid or not. Pdeathsig kills the shell if the app dies.
//   - Fallback, where user namespaces are off (a sysctl, a container's
//     seccomp profile, AppArmor): the command gets its own process group
//     and a marker in its environment (SLOPGUI_TOOL_RUN=<random>). When
//     it ends, is stopped or times out, the group is killed and /proc is
//     scanned for every process of this user carrying the marker
//     (inherited through fork, exec and setsid), which is killed too. A
//     program that clears its environment escapes the fallback.
//
// Either way KillAll (called when the app quits) kills every command
// still running.

// markerVar names the environment variable that marks a command's processes.
const markerVar = "SLOPGUI_TOOL_RUN"

// nsState: 0 untried, 1 namespaces work, 2 they do not (fallback).
var nsState atomic.Int32

// lastNS says whether the last command started in a PID namespace.
var lastNS atomic.Bool

// running holds the markers of the commands running now.
var running sync.Map // marker -> *exec.Cmd

// startMu makes starting a command and adding it to running one step for
// KillAll: a shell that has already forked (its children visible in
// /proc) is always in the list KillAll kills.
var startMu sync.Mutex

func newMarker() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// prepare sets up cmd's isolation: a PID namespace when available.
func prepare(cmd *exec.Cmd, marker string, useNS bool) {
	cmd.Env = append(os.Environ(), markerVar+"="+marker)
	attr := &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if useNS {
		attr.Cloneflags = syscall.CLONE_NEWUSER | syscall.CLONE_NEWPID
		attr.UidMappings = []syscall.SysProcIDMap{{ContainerID: os.Getuid(), HostID: os.Getuid(), Size: 1}}
		attr.GidMappings = []syscall.SysProcIDMap{{ContainerID: os.Getgid(), HostID: os.Getgid(), Size: 1}}
	}
	cmd.SysProcAttr = attr
}

// start starts cmd in a PID namespace if they work here, else without.
// newCmd must return a fresh, unstarted command each time.
func start(newCmd func() *exec.Cmd, marker string) (*exec.Cmd, error) {
	// SLOPGUI_TOOLS_NO_PIDNS=1 forces the fallback (its tests use it).
	if nsState.Load() != 2 && os.Getenv("SLOPGUI_TOOLS_NO_PIDNS") == "" {
		cmd := newCmd()
		prepare(cmd, marker, true)
		err := cmd.Start()
		if err == nil {
			nsState.Store(1)
			lastNS.Store(true)
			return cmd, nil
		}
		if !errors.Is(err, syscall.EPERM) && !errors.Is(err, syscall.EINVAL) &&
			!errors.Is(err, syscall.ENOSPC) && !errors.Is(err, syscall.EACCES) && !errors.Is(err, syscall.ENOSYS) {
			return nil, err // not the namespace's fault (e.g. no sh)
		}
		nsState.Store(2)
	}
	cmd := newCmd()
	prepare(cmd, marker, false)
	lastNS.Store(false)
	return cmd, cmd.Start()
}

// killTree kills cmd's process group and every process carrying marker.
func killTree(cmd *exec.Cmd, marker string) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Process.Kill()
	}
	// Scan until three scans in a row, 10 ms apart, find none: a process
	// forked while /proc was being read, or in the middle of an exec (its
	// environ unreadable for that moment), is seen by a later scan. One
	// scan let a setsid'd shell and its sleep live on, once in a full run.
	for quiet, round := 0, 0; quiet < 3 && round < 50; round++ {
		pids := Marked(marker)
		if len(pids) == 0 {
			quiet++
			time.Sleep(10 * time.Millisecond)
			continue
		}
		quiet = 0
		for _, pid := range pids {
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

// Marked returns the PIDs of this user's processes whose environment
// carries marker (see markerVar).
func Marked(marker string) []int {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	want := []byte(markerVar + "=" + marker + "\x00")
	var pids []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		env, err := os.ReadFile("/proc/" + e.Name() + "/environ")
		if err != nil {
			continue // gone, or not ours
		}
		if bytes.HasPrefix(env, want) || bytes.Contains(env, append([]byte{0}, want...)) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// Isolation says how the last command was kept from leaving processes
// behind: "pid namespace" or "process group and environment marker".
func Isolation() string {
	if lastNS.Load() {
		return "pid namespace"
	}
	return "process group and environment marker"
}

// KillAll kills every run_command still running and what it started;
// the app calls it when it quits.
func KillAll() {
	startMu.Lock()
	defer startMu.Unlock()
	running.Range(func(k, v any) bool {
		killTree(v.(*exec.Cmd), k.(string))
		return true
	})
}
