package e2e_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// procStat is /proc/pid/stat's fields after the command name, the state
// first; nil when pid is gone.
func procStat(pid int) []string {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil
	}
	s := string(raw)
	return strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
}

// processAlive reports whether pid still runs: a child that died stays a
// zombie until it is waited for (by us, or whoever adopted it).
func processAlive(pid int) bool {
	f := procStat(pid)
	return len(f) > 0 && f[0] != "Z" && f[0] != "X"
}

// procCPU is the processor time pid has used (user + system).
func procCPU(tb testing.TB, pid int) time.Duration {
	tb.Helper()
	f := procStat(pid)
	if len(f) < 13 {
		tb.Fatalf("process %d is gone: no processor time to read", pid)
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64) // fields 14 and 15 of stat
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / 100 // USER_HZ
}

// procMB is a "Vm…:" line of /proc/pid/status in MB.
func procMB(tb testing.TB, pid int, key string) float64 {
	tb.Helper()
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		tb.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, key+":"); ok {
			kb, _ := strconv.ParseFloat(strings.Fields(rest)[0], 64)
			return kb / 1024
		}
	}
	return 0
}
