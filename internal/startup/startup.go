// Package startup measures where a process's start goes, from before main
// to its first frame: the program marks the end of each step (Mark), and
// Phases splits the time since an origin (the process's Go start, or the
// moment the previous process handed over) at those marks.
package startup

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// Init is when this package was initialised: after the exec, the dynamic
// loader and the Go runtime's start, before main (every package that
// imports this one initialises later).
var Init = time.Now()

// Exec is when the kernel started this process (from /proc/self/stat, to
// 10 ms), or zero when unknown. After an exec in place it is the first
// program's start, which Phases then ignores.
var Exec = procStart(Init)

// Exited is when the process before this one was seen to exit, from
// $SLOPGUI_EXITED_AT (Unix nanoseconds; the supervisor sets it for a hot
// restart), or zero.
var Exited = exitedAt(os.Getenv("SLOPGUI_EXITED_AT"))

func exitedAt(v string) time.Time {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}
	}
	return time.Unix(0, n)
}

// procStart reads the process's start time: its start in clock ticks
// since boot (field 22 of /proc/self/stat), against the time since boot
// now.
func procStart(now time.Time) time.Time {
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return time.Time{}
	}
	i := bytes.LastIndexByte(stat, ')') // the command name may hold spaces
	if i < 0 {
		return time.Time{}
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 20 {
		return time.Time{}
	}
	ticks, err := strconv.ParseInt(f[19], 10, 64) // field 22; f[0] is field 3
	var ts syscall.Timespec
	if err != nil {
		return time.Time{}
	}
	if _, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 7 /* CLOCK_BOOTTIME */, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return time.Time{}
	}
	sinceStart := time.Duration(ts.Nano()) - time.Duration(ticks)*10*time.Millisecond // USER_HZ is 100 on Linux
	return now.Add(-sinceStart)
}

// Phase is one step of the start.
type Phase struct {
	Name string
	D    time.Duration
}

type mark struct {
	name string
	at   time.Time
}

var (
	mu    sync.Mutex
	marks []mark
	woke  time.Time // a spare's wake-up (Woke), or zero
)

// Woke says that this process, started ahead as a spare and waiting, was
// woken now for a hot restart: its start is measured from now (the marks
// made while it got ready are dropped), and Exited is read again from the
// environment it was woken with.
func Woke() {
	mu.Lock()
	defer mu.Unlock()
	woke, marks = time.Now(), nil
	Exited = exitedAt(os.Getenv("SLOPGUI_EXITED_AT"))
}

// Mark records that the step name ended now. The first mark of a name
// counts; later ones are ignored.
func Mark(name string) {
	now := time.Now()
	mu.Lock()
	defer mu.Unlock()
	for _, m := range marks {
		if m.name == name {
			return
		}
	}
	marks = append(marks, mark{name, now})
}

// Phases splits the time from origin to the last mark. For a woken spare
// (Woke): "previous process ending" and "waking the spare" (or one "until
// woken"), then one phase per mark made since. Otherwise: first "until
// exec" (origin to Exec: the previous process ending, the supervisor
// starting this one; two phases when Exited says where one ends) and "load and init" (Exec to Init: the dynamic
// loader, the Go runtime, package initialisation) — or, when Exec is
// unknown or before origin, one "exec and init" phase; none when origin
// is zero or after Init — then one phase per mark, in the order made.
func Phases(origin time.Time) []Phase {
	mu.Lock()
	defer mu.Unlock()
	var out []Phase
	last := Init
	switch {
	case !woke.IsZero():
		last = woke
		switch {
		case !origin.IsZero() && origin.Before(Exited) && Exited.Before(woke):
			out = append(out, Phase{"previous process ending", Exited.Sub(origin)}, Phase{"waking the spare", woke.Sub(Exited)})
		case !origin.IsZero() && origin.Before(woke):
			out = append(out, Phase{"until woken", woke.Sub(origin)})
		}
	case !origin.IsZero() && !Exec.IsZero() && origin.Before(Exited) && Exited.Before(Exec) && Exec.Before(Init):
		out = append(out, Phase{"previous process ending", Exited.Sub(origin)},
			Phase{"supervisor starting this one", Exec.Sub(Exited)}, Phase{"load and init", Init.Sub(Exec)})
	case !origin.IsZero() && !Exec.IsZero() && origin.Before(Exec) && Exec.Before(Init):
		out = append(out, Phase{"until exec", Exec.Sub(origin)}, Phase{"load and init", Init.Sub(Exec)})
	case !origin.IsZero() && origin.Before(Init):
		out = append(out, Phase{"exec and init", Init.Sub(origin)})
	}
	for _, m := range marks {
		out = append(out, Phase{m.name, m.at.Sub(last)})
		last = m.at
	}
	return out
}

// Format writes phases as "name 12.3 ms, …, total 45.6 ms".
func Format(ps []Phase) string {
	var b strings.Builder
	var total time.Duration
	for _, p := range ps {
		fmt.Fprintf(&b, "%s %.1f ms, ", p.Name, float64(p.D.Microseconds())/1000)
		total += p.D
	}
	fmt.Fprintf(&b, "total %.1f ms", float64(total.Microseconds())/1000)
	return b.String()
}

// reset forgets the marks and a wake-up (tests).
func reset() {
	mu.Lock()
	marks, woke = nil, time.Time{}
	mu.Unlock()
}
