package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/ctl"
)

// startCtlSession starts slopgui with its own socket directory
// (XDG_RUNTIME_DIR) and returns the session and that directory's socket
// dir.
func startCtlSession(t *testing.T, args ...string) (*session, string) {
	t.Helper()
	rt := t.TempDir()
	s := startSessionArgs(t, []string{"XDG_RUNTIME_DIR=" + rt}, args)
	return s, filepath.Join(rt, "slopgui")
}

// ctlResult is one run of `slopgui ctl`.
type ctlResult struct {
	code           int
	stdout, stderr string
	resp           ctl.Response // with --json
}

// ctl runs `slopgui ctl ARGS` against the session's app (by the
// supervisor's PID, which must lead to the app's socket).
func (s *session) ctl(args ...string) ctlResult {
	s.tb.Helper()
	cmd := exec.Command(s.bin, append([]string{"ctl", "--pid", strconv.Itoa(s.cmd.Process.Pid)}, args...)...)
	cmd.Env = append(os.Environ(), s.env...)
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	err := cmd.Run()
	r := ctlResult{code: cmd.ProcessState.ExitCode(), stdout: out.String(), stderr: errs.String()}
	if err != nil && r.code < 0 {
		s.tb.Fatalf("slopgui ctl %v: %v", args, err)
	}
	if len(args) > 0 && args[0] == "--json" {
		if err := json.Unmarshal(out.Bytes(), &r.resp); err != nil {
			s.tb.Fatalf("slopgui ctl %v: not JSON: %v\n%s\nstderr: %s", args, err, out.String(), errs.String())
		}
	}
	return r
}

// framesWhileBuilding runs f (a request that waits for a build) and
// returns how many frames the app drew from the status report that first
// says a build is under way to the first that says done holds (the status
// file is written at every change of either, with the frame count of that
// frame), and how long that was.
func (s *session) framesWhileBuilding(f func(), done func(app.StatusReport) bool) (int, time.Duration) {
	s.tb.Helper()
	return s.framesWhile(f, func(r app.StatusReport) bool { return r.Busy }, done)
}

// framesWhile runs f and returns how many frames the app drew from the
// first status report for which start holds to the first after it for
// which done holds, and how long that was.
func (s *session) framesWhile(f func(), start, done func(app.StatusReport) bool) (int, time.Duration) {
	s.tb.Helper()
	type seen struct {
		from, done int
		took       time.Duration
	}
	got := make(chan seen, 1)
	// Stopped at the deadline, or when f fails the test: the poller never
	// outlives this call.
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go func() {
		from, since := -1, time.Time{}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			if r, ok := s.Status(); ok {
				if from < 0 && start(r) {
					from, since = r.Frames, time.Now()
				}
				if from >= 0 && done(r) {
					got <- seen{from, r.Frames, time.Since(since)}
					return
				}
			}
			select {
			case <-ctx.Done():
				got <- seen{from, -1, 0}
				return
			case <-tick.C:
			}
		}
	}()
	f()
	var r seen
	select {
	case r = <-got:
	case <-time.After(5 * time.Minute): // a first build on a loaded machine
		stop()
		r = <-got
	}
	if r.from < 0 || r.done < 0 {
		s.tb.Fatalf("the status file never said the build was under way (%d) and then done (%d)", r.from, r.done)
	}
	return r.done - r.from, r.took
}

// atBuildingRate fails the test when more frames were drawn in took than
// the building rate allows: 5 a second (internal/framepace), and a margin
// for the wakes of the build's news. A window woken 10 times a second on
// top of it (a ticker did until stop 37) fails for any build over ~1 s.
func atBuildingRate(t *testing.T, what string, frames int, took time.Duration) {
	t.Helper()
	t.Logf("%s: %d frames drawn in %.2f s", what, frames, took.Seconds())
	if float64(frames) > 4+8*took.Seconds() {
		t.Errorf("%s: %d frames drawn in %.1f s while a build was waited for: want about the building rate, 5 a second", what, frames, took.Seconds())
	}
}

// atIdleRate fails the test when more frames were drawn in took than an
// idle window draws while a build nobody waits for runs (a save's build
// ahead): 2 a second, and a margin for the build's news.
func atIdleRate(t *testing.T, what string, frames int, took time.Duration) {
	t.Helper()
	t.Logf("%s: %d frames drawn in %.2f s", what, frames, took.Seconds())
	if float64(frames) > 3+4*took.Seconds() {
		t.Errorf("%s: %d frames drawn in %.1f s by a window left alone: want about the idle rate, 2 a second", what, frames, took.Seconds())
	}
}

// waitScreenWithout takes screenshots until OCR no longer reads gone.
func (s *session) waitScreenWithout(name string, timeout time.Duration, gone string) {
	s.tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		taken := time.Now()
		shot, _ := s.screenshot(name)
		text := s.ocr(shot)
		if !strings.Contains(text, gone) {
			return
		}
		if taken.After(deadline) {
			s.tb.Fatalf("%s: %q still on screen after %v", name, gone, timeout)
		}
	}
}

// An agent drives the window with slopgui ctl: a good edit reloads, a
// syntax error fails with the file and line, the screenshot is the
// window's pixels, a rollback brings the old label back; the socket is
// private and another user is refused.
func TestCtlReloadScreenshotRollback(t *testing.T) {
	t.Parallel()
	s, dir := startCtlSession(t)
	pid := s.appPID()

	// The socket: the app's own, private.
	sock := filepath.Join(dir, strconv.Itoa(pid)+".sock")
	for p, want := range map[string]os.FileMode{dir: 0o700 | os.ModeDir, sock: 0o600 | os.ModeSocket} {
		fi, err := os.Lstat(p)
		if err != nil {
			t.Fatalf("socket path: %v", err)
		}
		if fi.Mode() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode(), want)
		}
	}

	r := s.ctl("--json", "status")
	if r.code != 0 || r.resp.Status == nil || r.resp.Status.Generation != 0 || r.resp.Status.PID != pid {
		t.Fatalf("status: exit %d, %+v\n%s", r.code, r.resp, r.stderr)
	}

	// Left alone, the window draws at its idle rate and nothing wakes it:
	// the project's file counts and the AI context are counted again every
	// 2 s, and each count drew a frame, changed or not (~1 a second).
	s.waitSettled()
	before := s.ctl("--json", "status").resp.Status
	time.Sleep(10 * time.Second) // the idle spell is what is measured, not a wait for something
	after := s.ctl("--json", "status").resp.Status
	if before == nil || after == nil {
		t.Fatal("status: no status")
	}
	woken, drawn := after.WokenFrames-before.WokenFrames, after.Frames-before.Frames
	t.Logf("idle 10 s: %d frames, %d of them woken", drawn, woken)
	if woken > 3 { // the second status request's own, and a margin
		t.Errorf("an idle window was woken for %d of its %d frames in 10 s; want none but the request's own", woken, drawn)
	}

	// The screenshot the app reads itself matches the X server's (taken
	// again while the window is still changing: the first token count
	// redraws the composer's budget bar a moment after start).
	shotFile := filepath.Join(t.TempDir(), "ctl.png")
	for try := 1; ; try++ {
		if r := s.ctl("screenshot", shotFile); r.code != 0 || !strings.Contains(r.stdout, "wrote "+shotFile) {
			t.Fatalf("screenshot: exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		_, x := s.screenshot("x-server")
		mine := decodePNG(t, shotFile)
		if mine.Bounds() != window {
			t.Fatalf("ctl screenshot is %v, want the window's %v", mine.Bounds(), window)
		}
		f := differing(mine, x, window)
		if f <= 0.01 {
			break
		}
		if try == 5 {
			t.Fatalf("ctl screenshot differs from the X server's in %.2f%% of pixels (5 tries)", f*100)
		}
	}

	// A good edit: exit 0, a new generation, on screen. While the request
	// waits for the build, the window draws at the building rate (5
	// frames a second), not a frame for each the request saw: those took
	// the processors from the build (~70 a second, +50% build time).
	s.edit("views/discussion/discussion.go", `g.Label("Composer")`, `g.Label("Composer ALPHA")`)
	frames, took := s.framesWhileBuilding(func() {
		r = s.ctl("--json", "reload", "--wait", "--timeout", "14m")
	}, func(r app.StatusReport) bool { return r.Generation == 1 })
	if r.code != 0 || r.resp.Status == nil || r.resp.Status.Generation != 1 || r.resp.Status.Result != "ok" {
		t.Fatalf("reload --wait: exit %d, %+v\n%s", r.code, r.resp.Status, r.stderr)
	}
	atBuildingRate(t, "reload --wait", frames, took)
	s.waitScreen("alpha", 30*time.Second, "Composer ALPHA")
	s.edit("views/discussion/discussion.go", `"Composer ALPHA"`, `"Composer BRAVO"`)
	if r = s.ctl("--json", "reload", "--wait"); r.code != 0 || r.resp.Status.Generation != 2 {
		t.Fatalf("second reload: exit %d, %+v", r.code, r.resp.Status)
	}
	s.waitScreen("bravo", 30*time.Second, "Composer BRAVO")

	// A syntax error: exit 1, the diagnostics name the file and line.
	broken := filepath.Join(s.root, "views", "zz_broken.go")
	if err := os.WriteFile(broken, []byte("package views\n\nfunc broken( {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = s.ctl("--json", "reload", "--wait")
	st := r.resp.Status
	if r.code != 1 || st == nil || st.Generation != 2 || len(st.Diagnostics) == 0 {
		t.Fatalf("broken reload: exit %d, %+v", r.code, st)
	}
	if d := st.Diagnostics[0]; d.File != "views/zz_broken.go" || d.Line != 3 || !strings.Contains(d.Message, "syntax error") {
		t.Errorf("diagnostic %+v, want views/zz_broken.go line 3, a syntax error", d)
	}
	if h := s.ctl("reload", "--wait"); h.code != 1 || !strings.Contains(h.stdout, "views/zz_broken.go:3:") {
		t.Errorf("human output of a failed reload: exit %d\n%s", h.code, h.stdout)
	}
	os.Remove(broken)

	// Roll back to generation 1: its label is back, instantly, no build.
	if h := s.ctl("history"); h.code != 0 || !strings.Contains(h.stdout, "loaded generations") {
		t.Errorf("history: exit %d\n%s", h.code, h.stdout)
	}
	r = s.ctl("--json", "rollback", "1")
	if r.code != 0 || r.resp.Status == nil || r.resp.Status.Generation != 1 || r.resp.Status.Rollbacks != 1 {
		t.Fatalf("rollback 1: exit %d, %+v\n%s", r.code, r.resp.Status, r.stderr)
	}
	s.waitScreen("rolled-back", 30*time.Second, "Composer ALPHA")
	if r := s.ctl("rollback", "9"); r.code != 1 || !strings.Contains(r.stderr, "generation 9 is not loaded") {
		t.Errorf("rollback 9: exit %d, %s", r.code, r.stderr)
	}

	// Another user is refused, and the app logs it. The directory and the
	// socket are opened up just enough for the kernel to let it connect.
	nobodyCanReach(t, s.bin)
	if err := os.Chmod(dir, 0o711); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(sock, 0o666); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("runuser", "-u", "nobody", "--", s.bin, "ctl", "--pid", strconv.Itoa(pid), "status")
	cmd.Env = append(os.Environ(), s.env...)
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); err == nil || code != 2 || !strings.Contains(string(out), "refused") {
		t.Errorf("ctl as nobody: exit %d, %s", code, out)
	}
	testutilEventuallyLog(t, s, "refused a connection from another user")
}

// nobodyCanReach makes the directories above path traversable (not
// readable) by other users, and path executable.
func nobodyCanReach(t *testing.T, path string) {
	t.Helper()
	for d := filepath.Dir(path); d != "/" && d != "."; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o001 == 0 {
			if err := os.Chmod(d, fi.Mode().Perm()|0o011); err != nil {
				t.Fatal(err)
			}
		}
	}
	os.Chmod(path, 0o755)
}

// testutilEventuallyLog waits for the app's log to contain want.
func testutilEventuallyLog(t *testing.T, s *session, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, _ := os.ReadFile(s.log.Name())
		if bytes.Contains(b, []byte(want)) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the app's log does not say %q", want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// differing is the share of pixels in r whose colour differs by more
// than a small tolerance between a and b.
func differing(a, b image.Image, r image.Rectangle) float64 {
	diff, all := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ar, ag, ab, _ := a.At(x, y).RGBA()
			br, bg, bb, _ := b.At(x, y).RGBA()
			if absDiff(ar, br) > 8<<8 || absDiff(ag, bg) > 8<<8 || absDiff(ab, bb) > 8<<8 {
				diff++
			}
			all++
		}
	}
	return float64(diff) / float64(all)
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// With approval on, an agent's reload waits for the user: Deny returns 3
// and swaps nothing; Approve (clicked) reloads. Ctrl+Alt+R never asks.
func TestCtlApproval(t *testing.T) {
	t.Parallel()
	s, _ := startCtlSession(t, "-approve-agent-reloads")
	s.edit("views/discussion/discussion.go", `g.Label("Composer")`, `g.Label("Composer APPROVED")`)

	ask := func() <-chan ctlResult {
		ch := make(chan ctlResult, 1)
		go func() { ch <- s.ctl("--json", "reload", "--wait", "--timeout", "14m") }()
		return ch
	}
	// Deny.
	done := ask()
	s.waitScreen("asked", time.Minute, "Approve", "Deny", "asks to reload the views", "views/discussion/discussion.go", "APPROVED")
	s.clickText("Deny")
	r := <-done
	if r.code != 3 || !strings.Contains(r.resp.Error, "denied") {
		t.Fatalf("denied reload: exit %d, %+v", r.code, r.resp)
	}
	if st, _ := s.Status(); st.Generation != 0 || st.Reloads != 0 {
		t.Fatalf("after Deny: generation %d, %d reloads; want nothing swapped", st.Generation, st.Reloads)
	}
	s.waitScreenWithout("deny-closed", 30*time.Second, "Approve")

	// Approve.
	done = ask()
	s.findText("Approve", time.Minute)
	s.clickText("Approve")
	r = <-done
	if r.code != 0 || r.resp.Status == nil || r.resp.Status.Generation != 1 {
		t.Fatalf("approved reload: exit %d, %+v", r.code, r.resp)
	}
	s.waitScreen("approved", 30*time.Second, "Composer APPROVED")

	// The user's own key never asks.
	s.edit("views/discussion/discussion.go", `"Composer APPROVED"`, `"Composer BYKEY"`)
	s.xdotool("key", "ctrl+alt+r")
	if st := s.waitReload(2); st.Generation != 2 || st.IsError {
		t.Fatalf("Ctrl+Alt+R with approval on: generation %d, error %q", st.Generation, st.Error)
	}
	s.waitScreen("by-key", 30*time.Second, "Composer BYKEY")
}

// An MCP client built with the same SDK starts `slopgui mcp` as a
// subprocess, lists the tools, reloads through hot_reload and reads the
// reloaded label with get_ui.
func TestMCPServer(t *testing.T) {
	t.Parallel()
	s, _ := startCtlSession(t)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.Command(s.bin, "mcp", "--pid", strconv.Itoa(s.cmd.Process.Pid))
	cmd.Env = append(os.Environ(), s.env...)
	client := mcp.NewClient(&mcp.Implementation{Name: "slopgui-e2e", Version: "1"}, nil)
	cs, err := client.Connect(ctx, &mcp.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatalf("connecting to slopgui mcp: %v", err)
	}
	defer cs.Close()

	tools, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, tool := range tools.Tools {
		got[tool.Name] = tool.Description
	}
	for _, name := range []string{"hot_reload", "get_status", "get_errors", "rollback", "screenshot", "get_state", "get_ui",
		"click", "type", "key", "select_tab", "set", "wait_for", "mma_status", "mma_approve", "mma_deny", "mma_pause", "mma_resume", "mma_step"} {
		if got[name] == "" {
			t.Errorf("tool %s missing or without a description (have %v)", name, tools.Tools)
		}
	}
	if !strings.Contains(got["hot_reload"], "approv") || !strings.Contains(got["rollback"], "approv") {
		t.Error("hot_reload and rollback do not say when approval applies")
	}

	// mma_status: the sample tracks, the engine running, nothing pending.
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "mma_status", Arguments: map[string]any{}})
	if err != nil || res.IsError || len(res.Content) != 1 {
		t.Fatalf("mma_status: %v, %+v", err, res)
	}
	var mst ctl.MMAStatus
	if err := json.Unmarshal([]byte(res.Content[0].(*mcp.TextContent).Text), &mst); err != nil ||
		!mst.Running || len(mst.Tracks) == 0 || len(mst.Tracks[0].Tickets) == 0 || len(mst.Approvals) != 0 {
		t.Errorf("mma_status: %v, %+v", err, mst)
	}

	s.edit("views/discussion/discussion.go", `g.Label("Composer")`, `g.Label("Composer MCP")`)
	res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "hot_reload", Arguments: map[string]any{}})
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		OK     bool
		Status *ctl.Status
	}
	b, _ := json.Marshal(res.StructuredContent)
	if err := json.Unmarshal(b, &out); err != nil || res.IsError || !out.OK || out.Status == nil || out.Status.Generation != 1 {
		t.Fatalf("hot_reload: isError %v, %s", res.IsError, b)
	}
	s.waitScreen("mcp-reloaded", 30*time.Second, "Composer MCP")

	// get_ui reads the reloaded label from the widget tree, no OCR.
	res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "get_ui", Arguments: map[string]any{"window": "Discussion Hub"}})
	if err != nil || res.IsError || len(res.Content) != 1 {
		t.Fatalf("get_ui: %v, %+v", err, res)
	}
	var tree uitree.Tree
	if err := json.Unmarshal([]byte(res.Content[0].(*mcp.TextContent).Text), &tree); err != nil {
		t.Fatalf("get_ui: %v", err)
	}
	if !hasText(tree, "Composer MCP") || len(tree.Windows) != 1 {
		t.Errorf("get_ui: the Discussion Hub's tree lacks the reloaded label: %+v", tree)
	}

	// The action tools: typed into the composer, then read from the state;
	// a tab selected; wait_for finds the typed text; set of a read-only
	// key is an error.
	call := func(name string, args map[string]any) (string, bool) {
		t.Helper()
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: name, Arguments: args})
		if err != nil || len(res.Content) != 1 {
			t.Fatalf("%s: %v, %+v", name, err, res)
		}
		return res.Content[0].(*mcp.TextContent).Text, res.IsError
	}
	if out, isErr := call("type", map[string]any{"target": "##composer", "text": "typed over MCP"}); isErr || !strings.Contains(out, "typed over MCP") {
		t.Errorf("type: %v %s (want the changed composer)", isErr, out)
	}
	if out, _ := call("get_state", map[string]any{"key": "ComposerText"}); out != `"typed over MCP"` {
		t.Errorf("ComposerText after the MCP type = %s", out)
	}
	if out, isErr := call("select_tab", map[string]any{"target": "Diagnostics"}); isErr {
		t.Errorf("select_tab: %s", out)
	}
	if out, isErr := call("wait_for", map[string]any{"target": "over MCP", "timeout_seconds": 30}); isErr || !strings.Contains(out, "##composer") {
		t.Errorf("wait_for: %v %s", isErr, out)
	}
	if out, isErr := call("set", map[string]any{"key": "ApproveAgentReloads", "value": false}); !isErr || !strings.Contains(out, "read-only") {
		t.Errorf("set ApproveAgentReloads: %v %s", isErr, out)
	}

	res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "screenshot", Arguments: map[string]any{}})
	if err != nil || res.IsError || len(res.Content) != 1 {
		t.Fatalf("screenshot: %v, %+v", err, res)
	}
	img, ok := res.Content[0].(*mcp.ImageContent)
	if !ok || img.MIMEType != "image/png" {
		t.Fatalf("screenshot content %T", res.Content[0])
	}
	p, err := png.Decode(bytes.NewReader(img.Data))
	if err != nil {
		t.Fatalf("screenshot PNG: %v", err)
	}
	if p.Bounds() != window {
		t.Errorf("screenshot is %v, want %v", p.Bounds(), window)
	}
}

// hasText reports whether a tree holds a text item reading text.
func hasText(t uitree.Tree, text string) bool {
	for _, it := range t.Items() {
		if it.Kind == uitree.Text && it.Text == text {
			return true
		}
	}
	return false
}

// TestCtlUI reads the widget tree with slopgui ctl ui: every window the
// views draw, their widgets with rectangles inside the window, the values
// of inputs; a window that is not drawn is an error naming those that are.
func TestCtlUI(t *testing.T) {
	t.Parallel()
	s, _ := startCtlSession(t)
	const typed = "typed for ctl ui"
	s.typeComposer(typed)

	r := s.ctl("--json", "ui")
	if r.code != 0 || len(r.resp.UI) == 0 {
		t.Fatalf("ui: exit %d, %s", r.code, r.stderr)
	}
	var tree uitree.Tree
	if err := json.Unmarshal(r.resp.UI, &tree); err != nil {
		t.Fatalf("ui: %v", err)
	}
	titles := map[string]uitree.Window{}
	for _, w := range tree.Windows {
		titles[w.Title] = w
	}
	for _, want := range []string{"Discussion Hub", "AI Settings", "Operations", "MMA Dashboard"} {
		if _, ok := titles[want]; !ok {
			t.Errorf("ui: no window %q (have %v)", want, slices.Collect(maps.Keys(titles)))
		}
	}
	if !hasText(tree, "Composer") {
		t.Error("ui: the Discussion Hub's Composer label is missing")
	}
	found := false
	for _, it := range tree.Items() {
		if it.Kind == uitree.Input && it.Value == typed {
			found = true
			w := titles[it.Window]
			x, y := it.Rect.Center()
			if x < w.X || x > w.X+w.Width || y < w.Y || y > w.Y+w.Height {
				t.Errorf("composer rect %+v is outside its window %+v", it.Rect, w)
			}
		}
	}
	if !found {
		t.Errorf("ui: no input holds the typed text %q", typed)
	}

	one := s.ctl("--json", "ui", "--window", "AI Settings")
	var only uitree.Tree
	if one.code != 0 || json.Unmarshal(one.resp.UI, &only) != nil || len(only.Windows) != 1 || only.Windows[0].Title != "AI Settings" {
		t.Errorf("ui --window: exit %d, %s %s", one.code, one.resp.UI, one.stderr)
	}
	bad := s.ctl("ui", "--window", "No Such Window")
	if bad.code != 1 || !strings.Contains(bad.stderr, "no window \"No Such Window\"") || !strings.Contains(bad.stderr, "Discussion Hub") {
		t.Errorf("ui --window for a missing window: exit %d, %q", bad.code, bad.stderr)
	}
}

// slopgui ctl mma lists every pending approval of the app's one queue
// with the sample project's tracks, and answers them as the window's
// buttons do: a reload asked over the socket is denied, then approved,
// from another ctl.
func TestCtlMMA(t *testing.T) {
	t.Parallel()
	s, _ := startCtlSession(t, "-approve-agent-reloads")
	s.edit("views/discussion/discussion.go", `g.Label("Composer")`, `g.Label("Composer MMAOK")`)
	ask := func() <-chan ctlResult {
		ch := make(chan ctlResult, 1)
		go func() { ch <- s.ctl("--json", "reload", "--wait", "--timeout", "14m") }()
		return ch
	}
	// pending waits until mma status lists a reload approval and returns
	// the status.
	pending := func() (*ctl.MMAStatus, ctl.Approval) {
		t.Helper()
		deadline := time.Now().Add(time.Minute)
		for {
			r := s.ctl("--json", "mma", "status")
			if r.code != 0 || r.resp.MMA == nil {
				t.Fatalf("mma status: exit %d, %s %s", r.code, r.stdout, r.stderr)
			}
			for _, a := range r.resp.MMA.Approvals {
				if a.Kind == "reload" {
					return r.resp.MMA, a
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("mma status lists no reload approval: %+v", r.resp.MMA)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}

	done := ask()
	st, ap := pending()
	if ap.ID == "" || ap.Title != "reload the views" || ap.Asker == "" || ap.AskerPID == 0 ||
		!slices.Contains(ap.Items, "views/discussion/discussion.go (modified)") || !strings.Contains(ap.Detail, "MMAOK") {
		t.Errorf("the reload's approval: %+v", ap)
	}
	// The engine runs; it leaves the sample's hand-made track (no ID) as
	// the user left it.
	if !st.Running || st.Note != "" {
		t.Errorf("engine: running %v, note %q; want running", st.Running, st.Note)
	}
	var titles []string
	for _, tr := range st.Tracks {
		for _, k := range tr.Tickets {
			titles = append(titles, tr.Name+"/"+k.ID+" "+k.Status+" "+k.Title)
		}
	}
	if !slices.Contains(titles, "hot reload/T2 in progress Swap generations between frames") {
		t.Errorf("mma status tracks: %q", titles)
	}
	text := s.ctl("mma", "status")
	for _, want := range []string{ap.ID + "  reload: reload the views", "track hot reload", "T3", "MMA engine: running"} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("mma status (text) lacks %q:\n%s", want, text.stdout)
		}
	}

	if r := s.ctl("mma", "deny", ap.ID); r.code != 0 || !strings.Contains(r.stdout, "denied "+ap.ID) {
		t.Fatalf("mma deny: exit %d, %s %s", r.code, r.stdout, r.stderr)
	}
	if r := <-done; r.code != 3 || !strings.Contains(r.resp.Error, "denied") {
		t.Fatalf("denied reload: exit %d, %+v", r.code, r.resp)
	}
	if st, _ := s.Status(); st.Generation != 0 || st.Reloads != 0 {
		t.Fatalf("after mma deny: generation %d, %d reloads; want nothing swapped", st.Generation, st.Reloads)
	}
	if r := s.ctl("mma", "approve", ap.ID); r.code != 1 || !strings.Contains(r.stderr, "already answered") || !strings.Contains(r.stderr, "no approval is pending") {
		t.Errorf("approving an answered ID: exit %d, %s", r.code, r.stderr)
	}
	if r := s.ctl("mma", "pause", "hot reload"); r.code != 1 || !strings.Contains(r.stderr, `no track "hot reload": the engine has no tracks`) {
		t.Errorf("mma pause of a track the engine does not run: exit %d, %s", r.code, r.stderr)
	}
	if r := s.ctl("mma", "step", "hot reload", "sometimes"); r.code != 2 {
		t.Errorf("mma step with a bad word: exit %d, %s", r.code, r.stderr)
	}

	done = ask()
	_, ap2 := pending()
	if ap2.ID == ap.ID {
		t.Fatalf("the second reload has the first one's ID %s", ap.ID)
	}
	if r := s.ctl("mma", "approve", ap2.ID); r.code != 0 || !strings.Contains(r.stdout, "approved "+ap2.ID) {
		t.Fatalf("mma approve: exit %d, %s %s", r.code, r.stdout, r.stderr)
	}
	if r := <-done; r.code != 0 || r.resp.Status == nil || r.resp.Status.Generation != 1 {
		t.Fatalf("approved reload: exit %d, %+v", r.code, r.resp)
	}
	testutilEventuallyLog(t, s, "control: approval answered")
	s.waitScreen("mma-approved", 30*time.Second, "Composer MMAOK")
}
