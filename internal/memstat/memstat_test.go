package memstat_test

import (
	"math"
	"runtime"
	"testing"

	"github.com/slopgui/slopgui/internal/memstat"
)

// The two readings agree with what the runtime and the kernel say, and
// follow a large live allocation.
func TestReadings(t *testing.T) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heap := memstat.HeapInUseMB()
	if want := float64(ms.HeapInuse) / (1 << 20); math.Abs(heap-want) > 4 {
		t.Errorf("heap in use %.1f MB, MemStats says %.1f MB", heap, want)
	}
	rss := memstat.RSSMB()
	if rss <= heap/2 || rss > 10000 {
		t.Errorf("RSS %.1f MB beside a heap of %.1f MB", rss, heap)
	}
	big := make([]byte, 64<<20)
	for i := range big {
		big[i] = 1 // resident
	}
	if h, r := memstat.HeapInUseMB(), memstat.RSSMB(); h < heap+60 || r < rss+60 {
		t.Errorf("after 64 MB more: heap %.1f MB (was %.1f), RSS %.1f MB (was %.1f)", h, heap, r, rss)
	}
	runtime.KeepAlive(big)
}
