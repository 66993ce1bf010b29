package e2e_test

import (
	"fmt"
	"image"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/internal/xprobe"
)

// idleSpell is how long the window is left alone before each input: far
// past the 2 s after which it draws at its idle rate.
const idleSpell = 12 * time.Second

// startSpell is how long a new window is watched from its first frames.
const startSpell = 4 * time.Second

// BenchmarkIdleWake: what an idle window costs, and how soon it draws
// input (measured from outside: the X event to new pixels on screen).
// "prepared after idle": the saved views were built and loaded ahead, the
// window was then left alone for idleSpell, and Ctrl+Alt+R is pressed.
// "first input after idle": the pointer moves onto the Hot Reload button
// after idleSpell, and its hover colour is drawn.
func BenchmarkIdleWake(b *testing.B) {
	n := benchCycles()
	s := startSession(b)
	// A new window's first seconds, left alone: what it draws while its
	// start-up work (the views' package list, the counts) runs.
	// Frames are counted over the control socket (the status file is not
	// written for a frame that changes nothing else); each status
	// request draws a frame of its own.
	pid := s.appPID()
	framesNow := func() int64 {
		r := s.ctl("--json", "status")
		if r.code != 0 || r.resp.Status == nil {
			b.Fatalf("ctl status: exit %d\n%s", r.code, r.stderr)
		}
		return r.resp.Status.Frames
	}
	framesAtStart, cpuAtStart := framesNow(), procCPU(b, pid)
	time.Sleep(startSpell) // the spell is what is measured, not a wait for something
	startCPU := float64((procCPU(b, pid) - cpuAtStart).Milliseconds())
	startFrames := float64(framesNow() - framesAtStart - 1)
	x, err := xprobe.Open(s.display)
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	label := s.findText("Composer", time.Minute)
	labelRegion := image.Rect(label.X-40, label.Y-8, label.X+110, label.Y+8)
	button := s.findText("Hot", time.Minute)
	buttonRegion := image.Rect(button.X-20, button.Y-6, button.X+20, button.Y+6)
	away := neutralPoint
	x.Move(away.X, away.Y)

	// An idle window's processor use over 10 s, after the idle spell.
	time.Sleep(idleSpell) // the idle spell is what is measured, not a wait for something
	c0, t0 := procCPU(b, pid), time.Now()
	time.Sleep(10 * time.Second)
	idleCPU := float64(procCPU(b, pid)-c0) / float64(time.Since(t0)) * 100

	var prepared, first []float64
	const file = "views/discussion/discussion.go"
	old := `g.Label("Composer")`
	run := time.Now().UnixNano() % 1e9
	for i := 1; i <= n; i++ {
		prev, _ := s.Status()
		next := fmt.Sprintf(`g.Label("Composer idle %d-%d")`, i, run)
		s.edit(file, old, next)
		old = next
		s.waitStatus("the saved views built and loaded ahead", 5*time.Minute, func(r app.StatusReport) bool {
			return r.AheadBuilds > prev.AheadBuilds && r.AheadLoaded && r.AheadReady
		})
		time.Sleep(idleSpell)
		base, err := x.Sum(labelRegion)
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if err := x.Press("ctrl+alt+r"); err != nil {
			b.Fatal(err)
		}
		t1, err := x.WaitChange(labelRegion, base, time.Minute)
		if err != nil {
			b.Fatalf("prepared reload %d after idle: %v", i, err)
		}
		prepared = append(prepared, float64(t1.Sub(t0).Microseconds())/1000)
		if r := s.waitReload(i); r.IsError || r.Generation != i {
			b.Fatalf("reload %d: generation %d, error %q", i, r.Generation, r.Error)
		}
		x.Move(away.X, away.Y)

		time.Sleep(idleSpell)
		if base, err = x.Sum(buttonRegion); err != nil {
			b.Fatal(err)
		}
		t0 = time.Now()
		x.Move(button.X, button.Y)
		t1, err = x.WaitChange(buttonRegion, base, time.Minute)
		if err != nil {
			b.Fatalf("hover %d after idle: %v", i, err)
		}
		first = append(first, float64(t1.Sub(t0).Microseconds())/1000)
		x.Move(away.X, away.Y)
	}
	b.StopTimer()
	fmt.Printf("\nslopgui idle window (%d of each, after %v idle; 2 cores)\n", n, idleSpell)
	fmt.Printf("%-44s %9s %9s %9s\n", "", "mean", "min", "max")
	row := func(name string, xs []float64) { statRow(44, name, xs) }
	row("prepared key → pixels after idle ms", prepared)
	row("first input after idle → frame ms", first)
	row("idle window CPU % of a core (10 s)", []float64{idleCPU})
	row(fmt.Sprintf("new window, its first %v: processor ms", startSpell), []float64{startCPU})
	row(fmt.Sprintf("new window, its first %v: frames drawn", startSpell), []float64{startFrames})
	pm, _, _ := stats(prepared)
	fm, _, _ := stats(first)
	fmt.Printf("goals: prepared after idle %.0f ms (≤ 50), first input after idle %.0f ms (≤ 20)\n", pm, fm)
	b.ReportMetric(pm, "prepared-idle-ms")
	b.ReportMetric(fm, "first-input-ms")
	b.ReportMetric(idleCPU, "idle-cpu-%")
}
