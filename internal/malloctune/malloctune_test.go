package malloctune_test

import (
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/internal/malloctune"
)

// A frame's worth of C buffers (three of 900 KB, as llvmpipe frees every
// frame) malloc'ed, touched and freed 20 times faults its pages in once,
// not every time: the arena keeps them.
func TestFreedBuffersStayMapped(t *testing.T) {
	if tun := os.Getenv("GLIBC_TUNABLES"); strings.Contains(tun, "malloc.") {
		t.Skipf("GLIBC_TUNABLES=%s sets malloc's own", tun)
	}
	if !malloctune.Applied {
		t.Fatal("the thresholds were not set (not glibc, or mallopt refused)")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const rounds, n, size = 20, 3, 900 << 10
	pages := n * size / 4096
	faults := malloctune.Churn(rounds, n, size)
	t.Logf("%d rounds of %d pages: %d page faults", rounds, n*size/4096, faults)
	if faults > 2*pages {
		t.Errorf("%d page faults in %d rounds of %d pages: the freed buffers went back to the kernel each round", faults, rounds, pages)
	}
}
