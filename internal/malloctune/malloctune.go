// Package malloctune keeps the C heap from handing memory back to the
// kernel on every frame. Import it for its side effect from a program that
// draws with Mesa's llvmpipe (software OpenGL):
//
//	import _ "github.com/slopgui/slopgui/internal/malloctune"
//
// llvmpipe mallocs and frees a few buffers of ~900 KB every frame. glibc
// serves them from a thread's arena and, once they are freed, trims the
// arena (madvise MADV_DONTNEED, three calls a frame on slopgui's render
// thread), so the next frame takes every page back through a page fault.
// A page fault is ~13 µs on a machine under a PVM hypervisor (make bench's
// floor table): ~670 faults, ~9 ms a frame, a third of the render thread's
// time in the kernel. Measured on slopgui's window (Xvfb, 2 cores): 35 ms
// of CPU a frame before, 25–30 after; 35 frames a second under a moving
// pointer before, 42–48 after.
//
// It sets glibc's mmap and trim thresholds (mallopt) to fixed values at
// init: allocations below MmapThreshold come from the arenas, and an
// arena keeps up to TrimThreshold of free memory at its top. Setting them
// turns off glibc's own adjustment of both, which had left the trim
// threshold below one frame's buffers. GLIBC_TUNABLES, when it sets
// either, wins (the user asked for it). Elsewhere than glibc it does
// nothing.
package malloctune

/*
#define _GNU_SOURCE
#include <features.h>
#include <stdlib.h>
#include <sys/resource.h>

// churn mallocs n blocks of size, writes a byte in each of their pages and
// frees them, rounds times (a frame's buffers in llvmpipe, in small), and
// returns the minor page faults this thread took meanwhile.
static long churn(int rounds, int n, size_t size) {
	struct rusage before, after;
	void *p[16];
	if (n > 16) n = 16;
	getrusage(RUSAGE_THREAD, &before);
	for (int r = 0; r < rounds; r++) {
		for (int i = 0; i < n; i++) {
			volatile char *q = p[i] = malloc(size);
			for (size_t k = 0; q && k < size; k += 4096) q[k] = 1;
		}
		for (int i = n - 1; i >= 0; i--) free(p[i]);
	}
	getrusage(RUSAGE_THREAD, &after);
	return after.ru_minflt - before.ru_minflt;
}

#ifdef __GLIBC__
#include <malloc.h>
static int tune(int mmapThreshold, int trimThreshold) {
	return mallopt(M_MMAP_THRESHOLD, mmapThreshold) && mallopt(M_TRIM_THRESHOLD, trimThreshold);
}
#else
static int tune(int mmapThreshold, int trimThreshold) { return 0; }
#endif
*/
import "C"

import (
	"os"
	"strings"
)

// The thresholds: a frame's buffers (llvmpipe's ~2.6 MB) stay in the
// arenas, and an arena keeps at most TrimThreshold of free memory, so a
// process holds little beyond what it uses (the memory cap compares a
// restarted process's resident size with a fresh one's).
const (
	MmapThreshold = 8 << 20
	TrimThreshold = 8 << 20
)

// Applied says whether init set the thresholds.
var Applied bool

func init() {
	if t := os.Getenv("GLIBC_TUNABLES"); strings.Contains(t, "malloc.mmap_threshold") || strings.Contains(t, "malloc.trim_threshold") {
		return
	}
	Applied = C.tune(MmapThreshold, TrimThreshold) == 1
}

// churn runs the C churn on the calling thread (see export_test.go).
func churn(rounds, n, size int) int {
	return int(C.churn(C.int(rounds), C.int(n), C.size_t(size)))
}
