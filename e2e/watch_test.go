package e2e_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/slopgui/slopgui/internal/ctl"
	"github.com/slopgui/slopgui/internal/events"
)

// watchStream is a running `slopgui ctl watch`, its lines as they come.
type watchStream struct {
	t     *testing.T
	lines chan string
	seen  []string // every line read, for the failure message
}

// startWatch runs `slopgui ctl watch` against the session's app as a
// child process and reads its stdout line by line.
func startWatch(t *testing.T, s *session, args ...string) *watchStream {
	t.Helper()
	cmd := exec.Command(s.bin, append([]string{"ctl", "--pid", strconv.Itoa(s.cmd.Process.Pid), "watch"}, args...)...)
	cmd.Env = append(os.Environ(), s.env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = s.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w := &watchStream{t: t, lines: make(chan string, 1000)}
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			w.lines <- sc.Text()
		}
		close(w.lines)
	}()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	return w
}

// next reads lines until an event of kind, and returns it.
func (w *watchStream) next(kind string, timeout time.Duration) (events.Event, string) {
	w.t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case l, ok := <-w.lines:
			if !ok {
				w.t.Fatalf("ctl watch ended before %s; it wrote:\n%s", kind, strings.Join(w.seen, "\n"))
			}
			w.seen = append(w.seen, l)
			var e events.Event
			if err := json.Unmarshal([]byte(l), &e); err != nil || e.Time.IsZero() || e.Kind == "" {
				w.t.Fatalf("ctl watch wrote %q, not an event: %v", l, err)
			}
			if e.Kind == events.KindLost {
				w.t.Errorf("ctl watch lost events: %s", l)
			}
			if e.Kind == kind {
				return e, l
			}
		case <-deadline:
			w.t.Fatalf("no %s within %v; ctl watch wrote:\n%s", kind, timeout, strings.Join(w.seen, "\n"))
		}
	}
}

// field decodes an event's field.
func field[T any](t *testing.T, e events.Event, k string) T {
	t.Helper()
	var v T
	raw, _ := e.Fields[k].(json.RawMessage)
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s's %s = %s: %v", e.Kind, k, raw, err)
	}
	return v
}

// `slopgui ctl watch` streams what happens as JSON lines: an agent's
// reload asks for approval (asked, then answered by ID over ctl), starts,
// fails with the compiler's file:line, and, fixed, swaps; a client's UI
// action; when the app crashes, watch follows it into the process the
// supervisor starts.
func TestCtlWatch(t *testing.T) {
	t.Parallel()
	s, _ := startCtlSession(t, "-approve-agent-reloads")
	w := startWatch(t, s)
	first, _ := w.next(ctl.EvWatchStarted, time.Minute)
	if pid := field[int](t, first, "pid"); pid != s.appPID() {
		t.Errorf("watch.started pid %d; want the app's %d", pid, s.appPID())
	}
	if start := field[string](t, first, "start"); start != "fresh" {
		t.Errorf("watch.started start %q; want fresh", start)
	}

	// reload runs in the background and waits for the approval that
	// watch announces with its ID; approving by that ID lets it go on.
	reload := func() <-chan ctlResult {
		ch := make(chan ctlResult, 1)
		go func() { ch <- s.ctl("--json", "reload", "--wait", "--timeout", "14m") }()
		return ch
	}
	approve := func() {
		t.Helper()
		asked, line := w.next(ctl.EvApprovalAsked, time.Minute)
		id := field[string](t, asked, "id")
		if k := field[string](t, asked, "approvalKind"); k != "reload" || !strings.Contains(line, `"asker":"slopgui`) {
			t.Errorf("approval.asked %s; want a reload asked by slopgui ctl", line)
		}
		if r := s.ctl("mma", "approve", id); r.code != 0 {
			t.Fatalf("mma approve %s: exit %d, %s", id, r.code, r.stderr)
		}
		answered, line := w.next(ctl.EvApprovalAnswered, time.Minute)
		if field[string](t, answered, "id") != id || !field[bool](t, answered, "approved") {
			t.Errorf("approval.answered %s; want %s approved", line, id)
		}
	}

	// A type error in views/discussion (reported at its own line).
	src, err := os.ReadFile(filepath.Join(s.root, "views", "discussion", "discussion.go"))
	if err != nil {
		t.Fatal(err)
	}
	before, _, _ := strings.Cut(string(src), `g.Label("Composer"),`)
	brokenLine := strings.Count(before, "\n") + 1
	s.edit("views/discussion/discussion.go", `g.Label("Composer"),`, `g.Label(42),`)
	done := reload()
	approve()
	w.next(ctl.EvReloadStarted, time.Minute)
	failed, line := w.next(ctl.EvReloadFailed, 14*time.Minute)
	diags := field[[]ctl.Diagnostic](t, failed, "diagnostics")
	if len(diags) == 0 || diags[0].File != "views/discussion/discussion.go" || diags[0].Line != brokenLine {
		t.Errorf("reload.failed %s; want a diagnostic at views/discussion/discussion.go:%d", line, brokenLine)
	}
	if r := <-done; r.code != 1 {
		t.Errorf("the broken reload: exit %d; want 1", r.code)
	}

	// Fixed: it swaps.
	s.edit("views/discussion/discussion.go", `g.Label(42),`, `g.Label("Composer WATCHED"),`)
	done = reload()
	approve()
	w.next(ctl.EvReloadStarted, time.Minute)
	swapped, line := w.next(ctl.EvReloadSwapped, 14*time.Minute)
	if gen := field[int](t, swapped, "generation"); gen != 1 {
		t.Errorf("reload.swapped %s; want generation 1", line)
	}
	if r := <-done; r.code != 0 {
		t.Errorf("the fixed reload: exit %d; want 0", r.code)
	}
	s.waitScreen("watched", 30*time.Second, "Composer WATCHED")

	// An action by a ctl client (select-tab asks no approval).
	if r := s.ctl("select-tab", "Diagnostics"); r.code != 0 {
		t.Fatalf("select-tab: exit %d, %s", r.code, r.stderr)
	}
	act, line := w.next(ctl.EvUIAction, time.Minute)
	if !strings.Contains(field[string](t, act, "action"), "Diagnostics") || field[string](t, act, "result") != "ok" ||
		!strings.HasPrefix(field[string](t, act, "client"), "slopgui (PID ") {
		t.Errorf("ui.action %s; want the select-tab of Diagnostics by slopgui ctl, ok", line)
	}

	// The app crashes: watch says its socket ended, finds the app the
	// supervisor started again, and that process says how it started.
	pid := s.appPID()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	gone, line := w.next(ctl.EvWatchDisconnected, time.Minute)
	if field[int](t, gone, "pid") != pid {
		t.Errorf("watch.disconnected %s; want pid %d", line, pid)
	}
	back, line := w.next(ctl.EvAppCrashRecovered, 5*time.Minute)
	if p := field[int](t, back, "pid"); p == pid || p == 0 || !strings.Contains(field[string](t, back, "reason"), "killed") {
		t.Errorf("app.crash_recovered %s; want the new process's PID and the crash (killed)", line)
	}
	t.Logf("ctl watch wrote:\n%s", strings.Join(w.seen, "\n"))
	endSession(t, s)
}

// endSession ends the supervisor and the app it restarted with SIGTERM and
// waits, so that the app's socket is gone before the test's directories
// are removed.
func endSession(t *testing.T, s *session) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := s.waitExit(time.Minute); code != 0 {
		t.Errorf("the supervisor exited with %d after SIGTERM", code)
	}
}

// progressLog collects an MCP client's progress notifications.
type progressLog struct {
	mu  sync.Mutex
	got []string
}

func (p *progressLog) add(_ context.Context, r *mcp.ProgressNotificationClientRequest) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.got = append(p.got, fmt.Sprintf("%v %s", r.Params.ProgressToken, r.Params.Message))
}

// waitLast waits until the last notification starts with want (they may
// be handled after the call's result) and returns them all.
func (p *progressLog) waitLast(t *testing.T, want string) []string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		p.mu.Lock()
		got := slices.Clone(p.got)
		p.mu.Unlock()
		if len(got) > 0 && strings.HasPrefix(got[len(got)-1], want) {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("progress notifications %q; want the last to start with %q", got, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// An MCP client (the Go SDK, `slopgui mcp` as its subprocess) calling
// hot_reload with a progress token is told how the reload goes: started,
// building, built, then swapped, or failed with the compiler's file:line.
func TestMCPHotReloadProgress(t *testing.T) {
	t.Parallel()
	s, _ := startCtlSession(t)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.Command(s.bin, "mcp", "--pid", strconv.Itoa(s.cmd.Process.Pid))
	cmd.Env = append(os.Environ(), s.env...)
	var p progressLog
	client := mcp.NewClient(&mcp.Implementation{Name: "slopgui-e2e", Version: "1"}, &mcp.ClientOptions{ProgressNotificationHandler: p.add})
	cs, err := client.Connect(ctx, &mcp.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatalf("connecting to slopgui mcp: %v", err)
	}
	defer cs.Close()
	call := func(token string) *mcp.CallToolResult {
		t.Helper()
		params := &mcp.CallToolParams{Name: "hot_reload", Arguments: map[string]any{}}
		params.SetProgressToken(token)
		res, err := cs.CallTool(ctx, params)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}

	s.edit("views/discussion/discussion.go", `g.Label("Composer"),`, `g.Label("Composer PROGRESS"),`)
	if res := call("ok"); res.IsError {
		t.Fatalf("hot_reload failed: %+v", res.StructuredContent)
	}
	got := p.waitLast(t, "ok swapped: generation 1")
	// building is seen unless the build made ahead of the save was ready
	// before the call came.
	built := "ok built; loading and linking the plugin"
	if mid := got[:len(got)-1]; !slices.Equal(mid, []string{"ok started", "ok building", built}) && !slices.Equal(mid, []string{"ok started", built}) {
		t.Errorf("progress %q; want started, building, built before swapped", got)
	}
	s.waitScreen("progress-swapped", 30*time.Second, "Composer PROGRESS")

	s.edit("views/discussion/discussion.go", `g.Label("Composer PROGRESS"),`, `g.Label(42),`)
	if res := call("bad"); !res.IsError {
		t.Fatal("a reload of a type error is not an error result")
	}
	p.waitLast(t, "bad failed: views/discussion/discussion.go:")
}

// A stable edit reloaded over ctl: watch sees the rebuild of slopgui, the
// restart with its reason just before the socket ends, and the new
// process saying it was restarted, and why.
func TestCtlWatchHotRestart(t *testing.T) {
	t.Parallel()
	s, _ := startCtlSession(t)
	w := startWatch(t, s, "--kinds", "reload,restart")
	w.next(ctl.EvWatchStarted, time.Minute)
	pid := s.appPID()
	s.edit(styleFile, defaultStyle, greenStyle)
	if r := s.ctl("reload"); r.code != 0 {
		t.Fatalf("reload: exit %d, %s", r.code, r.stderr)
	}
	w.next(ctl.EvReloadStarted, time.Minute)
	building, line := w.next(ctl.EvReloadBuilding, time.Minute)
	if !strings.Contains(field[string](t, building, "phase"), "restart") {
		t.Errorf("reload.building %s; want the build of slopgui to restart into", line)
	}
	restart, line := w.next(ctl.EvRestart, 10*time.Minute)
	reason := field[string](t, restart, "reason")
	if !strings.Contains(reason, "stable code changed") {
		t.Errorf("restart %s; want the stable edit as its reason", line)
	}
	if gone, line := w.next(ctl.EvWatchDisconnected, time.Minute); field[int](t, gone, "pid") != pid {
		t.Errorf("watch.disconnected %s; want pid %d", line, pid)
	}
	back, line := w.next(ctl.EvAppRestarted, 5*time.Minute)
	if p := field[int](t, back, "pid"); p == pid || field[string](t, back, "reason") != reason {
		t.Errorf("app.restarted %s; want a new PID and the restart's reason %q", line, reason)
	}
	t.Logf("ctl watch wrote:\n%s", strings.Join(w.seen, "\n"))
	endSession(t, s)
}
