package e2e_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/internal/testutil"
)

// rssKB reads a process's resident set size from /proc.
func rssKB(tb testing.TB, pid int) int {
	tb.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		tb.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				tb.Fatal(err)
			}
			return n
		}
	}
	tb.Fatal("no VmRSS")
	return 0
}

// BenchmarkReloadCycle edits a view and presses Ctrl+Alt+R in the real
// window, b.N times (make bench runs 10), and prints one row per reload.
func BenchmarkReloadCycle(b *testing.B) {
	s := startSession(b)
	pid := s.cmd.Process.Pid
	rss0 := rssKB(b, pid)
	fmt.Printf("\nReload cycles (real window, edit views/discussion.go, Ctrl+Alt+R)\n")
	fmt.Printf("%-6s %9s %8s %9s %11s %9s %9s\n", "cycle", "build ms", "load ms", "swap ms", "pause ms", "RSS MB", "+RSS MB")
	var build, load, swap, pause float64
	prev := rss0
	label := `g.Label("Composer")`
	b.ResetTimer()
	for i := 1; i <= b.N; i++ {
		next := fmt.Sprintf(`g.Label("Composer %d")`, i)
		s.edit("views/discussion/discussion.go", label, next)
		label = next
		s.xdotool("key", "ctrl+alt+r")
		r := s.waitReload(i)
		if r.IsError || r.Generation != i {
			b.Fatalf("reload %d: generation %d, error %q", i, r.Generation, r.Error)
		}
		rss := rssKB(b, pid)
		fmt.Printf("%-6d %9d %8d %9.3f %11.2f %9.1f %9.1f\n", i, r.LastBuild, r.LastLoad,
			float64(r.LastSwapUs)/1000, float64(r.SwapFrameUs)/1000, float64(rss)/1024, float64(rss-prev)/1024)
		prev = rss
		build += float64(r.LastBuild)
		load += float64(r.LastLoad)
		swap += float64(r.LastSwapUs) / 1000
		pause += float64(r.SwapFrameUs) / 1000
	}
	b.StopTimer()
	n := float64(b.N)
	growth := float64(prev-rss0) / 1024 / n
	fmt.Printf("%-6s %9.0f %8.0f %9.3f %11.2f %9s %9.1f\n", "mean", build/n, load/n, swap/n, pause/n, "", growth)
	fmt.Printf("(swap = capture state + swap targets; pause = the whole frame that swapped code in)\n")
	b.ReportMetric(build/n, "build-ms/op")
	b.ReportMetric(load/n, "load-ms/op")
	b.ReportMetric(pause/n, "pause-ms/op")
	b.ReportMetric(growth, "rss-MB/op")
}

// BenchmarkRebuildRestart is the alternative to a reload: edit a view,
// rebuild slopgui and restart it until its first frame is drawn.
func BenchmarkRebuildRestart(b *testing.B) {
	requireTools(b)
	root := testutil.MustCopyModule(b)
	display := startXvfb(b)
	bin := filepath.Join(b.TempDir(), "slopgui")
	fmt.Printf("\nFull rebuild + restart to first frame (same edit, same machine)\n")
	fmt.Printf("%-6s %9s %11s %9s\n", "run", "build ms", "restart ms", "total ms")
	var total float64
	label := `g.Label("Composer")`
	b.ResetTimer()
	for i := 1; i <= b.N; i++ {
		next := fmt.Sprintf(`g.Label("Composer restart %d")`, i)
		testutil.MustReplace(b, filepath.Join(root, "views", "discussion", "discussion.go"), label, next)
		label = next
		t0 := time.Now()
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-extld="+filepath.Join(root, "hot", "extld.sh"), "-o", bin, "./cmd/slopgui")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("build: %v\n%s", err, out)
		}
		built := time.Since(t0)
		status := filepath.Join(b.TempDir(), "status.json")
		run := exec.Command(bin, "-status-file", status)
		run.Dir = root
		run.Env = append(os.Environ(), "DISPLAY="+display)
		if err := run.Start(); err != nil {
			b.Fatal(err)
		}
		s := &session{tb: b, status: status, cmd: run}
		s.waitStatus("first frame", time.Minute, func(r app.StatusReport) bool { return r.Frames >= 1 })
		all := time.Since(t0)
		run.Process.Kill()
		run.Wait()
		fmt.Printf("%-6d %9d %11d %9d\n", i, built.Milliseconds(), (all - built).Milliseconds(), all.Milliseconds())
		total += float64(all.Milliseconds())
	}
	b.StopTimer()
	fmt.Printf("%-6s %9s %11s %9.0f\n", "mean", "", "", total/float64(b.N))
	b.ReportMetric(total/float64(b.N), "restart-ms/op")
}
