package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/ctl"
)

// percentile is the p-th percentile (0–100, nearest rank) of xs.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// msSince is the time since t0 in milliseconds.
func msSince(t0 time.Time) float64 { return float64(time.Since(t0).Microseconds()) / 1000 }

// frameWindow is the frames drawn while requests were made back to back:
// their mean work time (the status file's meanFrameUs counts from a
// Ctrl+S, pressed first), how many were drawn, and how many requests
// asked for one.
type frameWindow struct {
	meanMs        float64
	frames, asked int
}

// add is w and v together (the mean weighted by frames).
func (w frameWindow) add(v frameWindow) frameWindow {
	n := w.frames + v.frames
	return frameWindow{meanMs: (w.meanMs*float64(w.frames) + v.meanMs*float64(v.frames)) / float64(max(n, 1)), frames: n, asked: w.asked + v.asked}
}

// BenchmarkCtlRoundTrip: what an agent driving the window with slopgui
// ctl (or MCP, which calls the same socket) waits for, against the real
// window under Xvfb, with the ctl client in process:
//   - status and ui round trips (each waits for a frame the request wakes);
//   - a click on a view's button whose OnClick changes ComposerText → the
//     click's answer listing the changed composer, and → a state read
//     that sees the new value;
//   - the frame-time cost of recording the widget tree: the frames drawn
//     while ui is called back to back (each records the tree) against the
//     frames drawn while status is (each wakes a frame, none records), two
//     windows of each, interleaved;
//   - a view edit reloaded with reload --wait (slopgui mcp's reload): the
//     request's time, its build's, and the frames drawn while it waited.
func BenchmarkCtlRoundTrip(b *testing.B) {
	const calls, clicks = 200, 50
	rt := b.TempDir()
	s := startSessionArgs(b, []string{"XDG_RUNTIME_DIR=" + rt}, nil)
	sock, err := ctl.Find(filepath.Join(rt, "slopgui"), s.cmd.Process.Pid)
	if err != nil {
		b.Fatal(err)
	}
	c := &ctl.Client{Path: sock}
	ctx := context.Background()
	do := func(req ctl.Request) ctl.Response {
		b.Helper()
		resp, err := c.Do(ctx, req)
		if err != nil || resp.Code != ctl.ExitOK {
			b.Fatalf("ctl %s: %v %s", req.Op, err, resp.Error)
		}
		return resp
	}

	// measure times n calls of req, back to back, and the frames drawn
	// meanwhile (from a Ctrl+S, which the status file's frame times count
	// from; the pointer stays still, so the window is at its idle rate
	// but for the frames the calls wake).
	uiBytes := 0
	measure := func(req ctl.Request, n int) ([]float64, frameWindow) {
		b.Helper()
		before, _ := s.Status()
		s.xdotool("key", "ctrl+s")
		s.waitStatus("the save", time.Minute, func(r app.StatusReport) bool { return r.Frames > before.Frames+3 })
		ms := make([]float64, 0, n)
		for range n {
			t0 := time.Now()
			resp := do(req)
			ms = append(ms, msSince(t0))
			uiBytes = max(uiBytes, len(resp.UI))
		}
		// The status file is written every 30 frames: call on until the
		// next write, so that it counts the calls' frames.
		last, _ := s.Status()
		asked := n
		rep := last
		for rep.Frames == last.Frames {
			do(req)
			asked++
			rep, _ = s.Status()
		}
		return ms, frameWindow{meanMs: float64(rep.MeanFrameUs) / 1000, frames: rep.Frames - before.Frames, asked: asked}
	}
	// Warm both paths up (first tree, first connection).
	do(ctl.Request{Op: ctl.OpUI})
	do(ctl.Request{Op: ctl.OpStatus})
	// Two windows of each, interleaved, so that the load of a shared
	// machine weighs on both alike.
	var statusMs, uiMs []float64
	var statusFrames, uiFrames frameWindow
	for range 2 {
		ms, w := measure(ctl.Request{Op: ctl.OpStatus}, calls/2)
		statusMs, statusFrames = append(statusMs, ms...), statusFrames.add(w)
		ms, w = measure(ctl.Request{Op: ctl.OpUI}, calls/2)
		uiMs, uiFrames = append(uiMs, ms...), uiFrames.add(w)
	}

	// One exec'd slopgui ctl status (a process start, the socket found by
	// PID, one round trip), ten times for a median.
	var execMs []float64
	for range 10 {
		t0 := time.Now()
		if r := s.ctl("status"); r.code != 0 {
			b.Fatalf("slopgui ctl status: exit %d, %s", r.code, r.stderr)
		}
		execMs = append(execMs, msSince(t0))
	}

	// Click → the change seen by the client.
	actView(s)
	if r := s.ctl("reload", "--wait", "--timeout", "14m"); r.code != 0 {
		b.Fatalf("reload: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	var clickMs, seenMs []float64
	want := ""
	for range clicks {
		want += "filled by ctl"
		t0 := time.Now()
		resp := do(ctl.Request{Op: ctl.OpClick, Query: "Fill by ctl"})
		clickMs = append(clickMs, msSince(t0))
		changed := false
		for _, it := range resp.Changed {
			changed = changed || (it.Kind == uitree.Input && it.Value == want)
		}
		if !changed {
			b.Fatalf("click %d: the changed items %+v lack the composer's new text", len(clickMs), resp.Changed)
		}
		st := do(ctl.Request{Op: ctl.OpState, Key: "ComposerText"})
		seenMs = append(seenMs, msSince(t0))
		var got string
		if json.Unmarshal(st.State, &got) != nil || got != want {
			b.Fatalf("click %d: ComposerText is %s", len(clickMs), st.State)
		}
	}

	// An agent's cold reload: a view edited, then reload --wait, as slopgui
	// mcp's reload asks it: request → answer, the build, and the frames the
	// window drew while the request waited for it.
	var reloadMs, buildMs, reloadFrames []float64
	label, run := `g.Label("Composer")`, time.Now().UnixNano()%1e9
	for i := range benchCycles() {
		next := fmt.Sprintf(`g.Label("Composer ctl %d-%d")`, i, run)
		s.edit("views/discussion/discussion.go", label, next)
		label = next
		before, _ := s.Status()
		var resp ctl.Response
		frames, _ := s.framesWhileBuilding(func() {
			t0 := time.Now()
			resp = do(ctl.Request{Op: ctl.OpReload, Wait: true})
			reloadMs = append(reloadMs, msSince(t0))
		}, func(r app.StatusReport) bool { return r.Reloads > before.Reloads && !r.Busy })
		if resp.Status == nil || resp.Status.Result != "ok" {
			b.Fatalf("reload %d: %+v", i, resp)
		}
		buildMs = append(buildMs, float64(resp.Status.Timings.BuildMs))
		reloadFrames = append(reloadFrames, float64(frames))
	}
	b.StopTimer()

	fmt.Printf("\nslopgui ctl round trips, real window under Xvfb (ctl client in process; 2 cores)\n")
	fmt.Printf("%-52s %8s %8s %8s %6s\n", "", "p50 ms", "p99 ms", "mean ms", "n")
	row := func(name string, xs []float64) {
		m, _, _ := stats(xs)
		fmt.Printf("%-52s %8.2f %8.2f %8.2f %6d\n", name, percentile(xs, 50), percentile(xs, 99), m, len(xs))
	}
	row("ctl status round trip", statusMs)
	row(fmt.Sprintf("ctl ui round trip (whole tree, %d KB)", (uiBytes+512)/1024), uiMs)
	row("exec'd slopgui ctl status (process start included)", execMs)
	row("click → its answer lists the changed composer", clickMs)
	row("click → a following state read sees the new value", seenMs)
	row("view edit, reload --wait: request → answer", reloadMs)
	row("  its build", buildMs)
	row("  frames drawn while it waited", reloadFrames)
	fmt.Printf("%-52s %8s %8s %8s\n", "frame work (status file's meanFrameUs)", "mean ms", "frames", "calls")
	frow := func(name string, w frameWindow) {
		fmt.Printf("%-52s %8.2f %8d %8d\n", name, w.meanMs, w.frames, w.asked)
	}
	frow("frames woken by status (tree not recorded)", statusFrames)
	frow("frames woken by ui (tree recorded)", uiFrames)
	// Nearly every frame of the ui window records the tree (the rest are
	// the save's and the pacer's); the status window's frames never do.
	share := min(float64(uiFrames.asked)/float64(max(uiFrames.frames, 1)), 1)
	cost := (uiFrames.meanMs - statusFrames.meanMs) / share
	fmt.Printf("recording the tree: %+.2f ms per recorded frame (%.0f%% of the ui window's frames recorded it)\n", cost, share*100)
	b.ReportMetric(cost*1000, "record-us/frame")
	b.ReportMetric(percentile(statusMs, 50), "status-p50-ms")
	b.ReportMetric(percentile(uiMs, 50), "ui-p50-ms")
	b.ReportMetric(percentile(clickMs, 50), "click-p50-ms")
	b.ReportMetric(percentile(reloadMs, 50), "reload-wait-p50-ms")
}
