package e2e_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/testutil"
)

// BenchmarkFloor measures what this machine allows whatever slopgui does,
// so that tables from different days (or machines) can be told apart from
// changes in slopgui: the same commit measured 536 ms for a cold view edit
// on one day and 2054 ms on another.
//   - a bare giu window (internal/barewindow: one label, nothing of
//     slopgui's) from exec to its window and to the end of its first frame,
//     and the time of a frame after it, unpaced: the floor under slopgui's
//     exec → first frame and under any input → frame;
//   - a link of slopgui's host with everything compiled (go build with a
//     new -X flag: only the link runs), and the binary's size;
//   - the same for the smallest plugin a view could be
//     (internal/floorplugin: fmt and what it imports), the floor under a
//     cold view edit's link;
//   - the processor's speed on a fixed loop (no memory traffic) and the
//     cost of a page fault (the first write to fresh memory), to tell a
//     slower processor from a dearer kernel: compilers, linkers and a new
//     process's dynamic loading fault in memory by the hundred megabytes.
func BenchmarkFloor(b *testing.B) {
	n := benchCycles()
	root := testutil.ModuleRoot(b)
	dir := b.TempDir()
	ldBase := "-extld=" + filepath.Join(root, "internal", "giulink", "extld.sh") + " -w"
	bare := filepath.Join(dir, "barewindow")
	build := exec.Command("go", "build", "-trimpath", "-gcflags=all=-dwarf=false", "-ldflags="+ldBase, "-o", bare, "./internal/barewindow")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("building barewindow: %v\n%s", err, out)
	}
	display := startXvfb(b)

	var window, first, frame, link, plink, cpu, faults []float64
	var size int64
	for i := 0; i < n; i++ {
		w, f, fr := runBareWindow(b, bare, display)
		window, first, frame = append(window, w), append(first, f), append(frame, fr)

		host := filepath.Join(dir, "slopgui")
		link = append(link, linkOnly(b, root, ldBase, i, host, "./cmd/slopgui"))
		if st, err := os.Stat(host); err == nil {
			size = st.Size()
		}
		plink = append(plink, linkOnly(b, root, ldBase, i, filepath.Join(dir, "floor.so"), "-buildmode=plugin", "./internal/floorplugin"))
		cpu = append(cpu, spinMs())
		faults = append(faults, faultUs(b))
	}

	fmt.Printf("\nThis machine's floor (%d of each; 2 cores; Xvfb, software GL)\n", n)
	fmt.Printf("%-52s %9s %9s %9s\n", "", "mean", "min", "max")
	row := func(name string, xs []float64) { statRow(52, name, xs) }
	row("bare giu window: exec → window made ms", window)
	row("bare giu window: exec → first frame ms", first)
	row("bare giu window: a frame after it ms", frame)
	row("slopgui host: link alone ms", link)
	row("smallest view plugin (fmt): link alone ms", plink)
	row("fixed loop of 2e8 steps ms (processor speed)", cpu)
	row("first touch of a fresh 4 KB page µs (page fault)", faults)
	fmt.Printf("slopgui host binary: %.1f MB\n", float64(size)/(1<<20))
	m, _, _ := stats(first)
	b.ReportMetric(m, "bare-first-frame-ms")
	m, _, _ = stats(link)
	b.ReportMetric(m, "host-link-ms")
}

// linkOnly builds pkg (the last of args) into out with a -X flag no
// build had before, so that only the link runs, and returns the link's
// time in ms.
func linkOnly(b *testing.B, root, ldBase string, i int, out string, args ...string) float64 {
	b.Helper()
	graph := out + ".actions.json"
	cmdArgs := []string{"build", "-trimpath", "-gcflags=all=-dwarf=false",
		fmt.Sprintf("-ldflags=%s -X main.floorRun=%d-%d", ldBase, time.Now().UnixNano(), i),
		"-debug-actiongraph=" + graph, "-o", out}
	cmd := exec.Command("go", append(cmdArgs, args...)...)
	cmd.Dir = root
	if o, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("linking %s: %v\n%s", args[len(args)-1], err, o)
	}
	return linkMs(b, graph)
}

// runBareWindow starts barewindow on display and returns exec → window,
// exec → first frame and the mean frame after it, in ms.
func runBareWindow(b *testing.B, bin, display string) (window, first, frame float64) {
	b.Helper()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "XDG_RUNTIME_DIR="+b.TempDir())
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	got := map[string]float64{}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		name, v, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			b.Fatalf("barewindow printed %q", sc.Text())
		}
		if name != "frame" {
			// Measured from the bench's exec, not from the program's main.
			x = float64(time.Since(t0).Microseconds()) / 1000
		}
		got[name] = x
	}
	if err := cmd.Wait(); err != nil {
		b.Fatalf("barewindow: %v\n%s", err, stderr.String())
	}
	for _, k := range []string{"window", "first-frame", "frame"} {
		if _, ok := got[k]; !ok {
			b.Fatalf("barewindow printed no %q line\n%s", k, stderr.String())
		}
	}
	return got["window"], got["first-frame"], got["frame"]
}

// linkMs is the link's time in a go build -debug-actiongraph file.
func linkMs(b *testing.B, graph string) float64 {
	b.Helper()
	raw, err := os.ReadFile(graph)
	if err != nil {
		b.Fatal(err)
	}
	var actions []struct {
		Mode                string
		Cmd                 []string
		TimeStart, TimeDone time.Time
	}
	if err := json.Unmarshal(raw, &actions); err != nil {
		b.Fatalf("reading the action graph: %v", err)
	}
	for _, a := range actions {
		if a.Mode == "link" && len(a.Cmd) > 0 && !a.TimeDone.IsZero() {
			return float64(a.TimeDone.Sub(a.TimeStart).Microseconds()) / 1000
		}
	}
	b.Fatal("the action graph has no link that ran")
	return 0
}

// spinSink keeps the loop from being optimised away.
var spinSink uint64

// spinMs is the time of a fixed loop that stays in registers.
func spinMs() float64 {
	t0 := time.Now()
	x := uint64(88172645463325252)
	for i := 0; i < 2e8; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	spinSink = x
	return float64(time.Since(t0).Microseconds()) / 1000
}

// faultUs is the mean time of the first write to each page of 256 MB of
// fresh anonymous memory, in µs per page.
func faultUs(b *testing.B) float64 {
	const size = 256 << 20
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		b.Fatal(err)
	}
	defer syscall.Munmap(mem)
	page := os.Getpagesize()
	t0 := time.Now()
	for i := 0; i < size; i += page {
		mem[i] = 1
	}
	return float64(time.Since(t0).Nanoseconds()) / 1000 / float64(size/page)
}
