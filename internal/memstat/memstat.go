// Package memstat reads what the process holds in memory, cheaply enough
// for a render thread: the Go heap in use from runtime/metrics (no
// stop-the-world, which runtime.ReadMemStats is), and the resident set
// from /proc.
package memstat

import (
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
)

// The heap in use: live objects and free space in the spans holding them
// (MemStats.HeapInuse).
var heapKinds = []string{"/memory/classes/heap/objects:bytes", "/memory/classes/heap/unused:bytes"}

// HeapInUseMB is the Go heap in use, in MB.
func HeapInUseMB() float64 {
	s := make([]metrics.Sample, len(heapKinds))
	for i, k := range heapKinds {
		s[i].Name = k
	}
	metrics.Read(s)
	var n uint64
	for _, v := range s {
		if v.Value.Kind() == metrics.KindUint64 {
			n += v.Value.Uint64()
		}
	}
	return float64(n) / (1 << 20)
}

// RSSMB is the resident set size in MB (Linux; 0 where /proc is missing).
func RSSMB() float64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseFloat(f[1], 64)
	return pages * float64(os.Getpagesize()) / (1 << 20)
}
