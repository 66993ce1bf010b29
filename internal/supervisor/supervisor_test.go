package supervisor

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/handover"
	"github.com/slopgui/slopgui/internal/testutil"
)

// The test binary doubles as the supervised child: with TEST_CHILD_PLAN
// set it plays the next step of the plan (a comma-separated list, one step
// per start) and records what it was given.
func TestMain(m *testing.M) {
	if plan := os.Getenv("TEST_CHILD_PLAN"); plan != "" {
		os.Exit(child(strings.Split(plan, ",")))
	}
	os.Exit(m.Run())
}

func child(plan []string) int {
	dir := Dir()
	logDir := os.Getenv("TEST_LOG_DIR")
	if IsSpare() {
		os.WriteFile(filepath.Join(logDir, fmt.Sprintf("spare-%d", os.Getpid())), nil, 0o644)
		if os.Getenv("TEST_SPARE_DIES") != "" {
			return 5
		}
		if err := WaitAsSpare(); err != nil {
			return 0
		}
	}
	log := filepath.Join(logDir, "starts")
	b, _ := os.ReadFile(log)
	n := strings.Count(string(b), "\n")
	f, _ := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	fmt.Fprintf(f, "%d handover=%s crash=%s\n", os.Getpid(), os.Getenv(EnvHandover), os.Getenv(EnvCrash))
	f.Close()
	if c := os.Getenv(EnvCrash); c != "" {
		cr, _ := handover.ReadCrash(c)
		out, _ := os.Create(filepath.Join(os.Getenv("TEST_LOG_DIR"), "crash-"+strconv.Itoa(n)))
		fmt.Fprintf(out, "%s|%v|%d|%s", cr.What, cr.SafeMode, cr.Recent, cr.Detail)
		out.Close()
	}
	step := plan[len(plan)-1]
	if n < len(plan) {
		step = plan[n]
	}
	handover.WriteFile(filepath.Join(dir, SnapshotFile), &handover.Handover{PID: os.Getpid(), Kind: handover.KindSnapshot})
	switch step {
	case "ok":
		return 0
	case "exit3":
		return 3
	case "panic":
		go func() { panic("boom in hotgen/b7/views.Discussion") }()
		time.Sleep(time.Minute)
	case "kill":
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
	case "frozen":
		WriteNote(&handover.Crash{What: "the window froze", Detail: "goroutine 1 [running]:\nviews.Loop()"})
		return ExitFrozen
	case "askrestart", "askcrash", "askok", "askdrop":
		bin := os.Getenv("TEST_SPARE_BINARY")
		if bin == "" {
			bin = os.Args[0]
		}
		if err := AskSpare(bin); err != nil {
			return 8
		}
		for i := 0; i < 1000 && len(spares(logDir)) == 0; i++ {
			time.Sleep(10 * time.Millisecond)
		}
		switch step {
		case "askdrop":
			AskSpare("")
			for i := 0; i < 1000 && syscall.Kill(spares(logDir)[0], 0) == nil; i++ {
				time.Sleep(10 * time.Millisecond)
			}
		case "askcrash":
			return 3
		case "askok":
			return 0
		}
		handover.WriteFile(filepath.Join(dir, HandoverFile), &handover.Handover{Kind: handover.KindRestart, Binary: os.Args[0]})
		return ExitRestart
	case "restart":
		handover.WriteFile(filepath.Join(dir, HandoverFile), &handover.Handover{Kind: handover.KindRestart, Binary: os.Args[0]})
		return ExitRestart
	case "wait":
		// Like the app: SIGTERM saves and exits 0.
		ch := make(chan os.Signal, 1)
		signalNotify(ch)
		os.WriteFile(filepath.Join(os.Getenv("TEST_LOG_DIR"), "ready"), nil, 0o644)
		<-ch
		os.WriteFile(filepath.Join(os.Getenv("TEST_LOG_DIR"), "saved"), nil, 0o644)
		return 0
	}
	return 9
}

func runPlan(t *testing.T, plan string, opts Options) (code int, starts []string, logDir string, stderr string) {
	t.Helper()
	logDir = t.TempDir()
	// The session directory (made in TMPDIR when opts.Dir is empty) is
	// the test's: one the supervisor keeps is looked at, not left in /tmp.
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv("TEST_CHILD_PLAN", plan)
	t.Setenv("TEST_LOG_DIR", logDir)
	var errBuf bytes.Buffer
	opts.Binary, opts.Stderr, opts.Stdout = os.Args[0], &errBuf, &errBuf
	code = Run(opts)
	b, _ := os.ReadFile(filepath.Join(logDir, "starts"))
	return code, strings.Split(strings.TrimSpace(string(b)), "\n"), logDir, errBuf.String()
}

func TestRestarts(t *testing.T) {
	for _, tc := range []struct {
		name, plan string
		starts     int
		code       int
		crash      string // what the second child is told, if anything
	}{
		{"clean quit ends both", "ok", 1, 0, ""},
		{"os.Exit(3) is restarted", "exit3,ok", 2, 0, "exit status 3"},
		{"goroutine panic is restarted with its value", "panic,ok", 2, 0, "panic: boom in views.Discussion"},
		{"kill -9 is restarted", "kill,ok", 2, 0, "killed by signal 9"},
		{"frozen window: the child's own note", "frozen,ok", 2, 0, "the window froze"},
		{"hot restart", "restart,ok", 2, 0, ""},
		{"crash loop gives up", "exit3", 6, 1, "exit status 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, starts, logDir, stderr := runPlan(t, tc.plan, Options{})
			if code != tc.code || len(starts) != tc.starts {
				t.Fatalf("exit %d after %d starts, want %d after %d\n%s", code, len(starts), tc.code, tc.starts, stderr)
			}
			// A session that gave up keeps its last snapshot, and says
			// where; any other ends with its directory removed.
			left, _ := filepath.Glob(filepath.Join(os.Getenv("TMPDIR"), "slopgui-session-*"))
			if code == 0 && len(left) != 0 {
				t.Errorf("the session directory was left behind: %v", left)
			}
			if code != 0 {
				if len(left) != 1 || !strings.Contains(stderr, "the last state snapshot is kept in "+left[0]) {
					t.Errorf("a session that gave up: directories %v, stderr\n%s", left, stderr)
				} else if _, err := os.Stat(filepath.Join(left[0], SnapshotFile)); err != nil {
					t.Errorf("the kept directory has no snapshot: %v", err)
				}
			}
			if len(starts) < 2 {
				return
			}
			second := starts[1]
			if tc.crash == "" {
				if !strings.Contains(second, "handover=") || strings.Contains(second, "crash=/") {
					t.Errorf("second start: %s", second)
				}
				if !strings.Contains(second, HandoverFile) {
					t.Errorf("a hot restart should pass the handover: %s", second)
				}
				return
			}
			if !strings.Contains(second, SnapshotFile) {
				t.Errorf("the snapshot was not handed to the next child: %s", second)
			}
			b, err := os.ReadFile(filepath.Join(logDir, "crash-1"))
			if err != nil || !strings.Contains(string(b), tc.crash) {
				t.Errorf("crash report %q (%v), want %q", b, err, tc.crash)
			}
		})
	}
}

func TestSafeModeAfterThreeCrashes(t *testing.T) {
	_, starts, logDir, _ := runPlan(t, "exit3,exit3,exit3,ok", Options{})
	if len(starts) != 4 {
		t.Fatalf("%d starts", len(starts))
	}
	for i, want := range []string{"|false|1|", "|false|2|", "|true|3|"} {
		b, _ := os.ReadFile(filepath.Join(logDir, fmt.Sprintf("crash-%d", i+1)))
		if !strings.Contains(string(b), want) {
			t.Errorf("crash %d report %q, want %q (safe mode, recent)", i+1, b, want)
		}
	}
}

func TestSIGTERMSavesAndEndsBoth(t *testing.T) {
	logDir := t.TempDir()
	t.Setenv("TEST_CHILD_PLAN", "wait")
	t.Setenv("TEST_LOG_DIR", logDir)
	var errBuf bytes.Buffer
	go func() {
		for i := 0; i < 500; i++ {
			if _, err := os.Stat(filepath.Join(logDir, "ready")); err == nil {
				syscall.Kill(os.Getpid(), syscall.SIGTERM) // the supervisor is this process
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
	code := Run(Options{Binary: os.Args[0], Stderr: &errBuf, Stdout: &errBuf})
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errBuf.String())
	}
	if _, err := os.Stat(filepath.Join(logDir, "saved")); err != nil {
		t.Fatalf("the child did not get SIGTERM to save: %v", err)
	}
}

func TestShouldSupervise(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{nil, true},
		{[]string{"-project", "x.toml"}, true},
		{[]string{"-no-supervisor"}, false},
		{[]string{"--no-supervisor", "-width", "9"}, false},
		{[]string{"-h"}, false},
		{[]string{"--", "-no-supervisor"}, true},
	} {
		if got := ShouldSupervise(tc.args); got != tc.want {
			t.Errorf("ShouldSupervise(%q) = %v", tc.args, got)
		}
	}
	t.Setenv(EnvDir, "/tmp/x")
	if ShouldSupervise(nil) {
		t.Error("a supervised child supervises again")
	}
}

func TestWithoutFlag(t *testing.T) {
	got := WithoutFlag([]string{"-handover", "a", "-x", "--handover=b", "-handover-other", "--", "-handover", "c"}, "handover")
	want := "-x -handover-other -- -handover c"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// spares lists the PIDs of the spares started (each leaves a file).
func spares(logDir string) []int {
	ents, _ := os.ReadDir(logDir)
	var out []int
	for _, e := range ents {
		if n, ok := strings.CutPrefix(e.Name(), "spare-"); ok {
			if pid, err := strconv.Atoi(n); err == nil {
				out = append(out, pid)
			}
		}
	}
	return out
}

// startPID is the PID of a line of the starts log.
func startPID(line string) int {
	pid, _ := strconv.Atoi(strings.Fields(line)[0])
	return pid
}

// A spare started ahead is woken for the hot restart into its binary, and
// stopped when it is not needed: the app crashed, quit, or restarted into
// another binary.
func TestSpare(t *testing.T) {
	other := filepath.Join(t.TempDir(), "other-slopgui")
	if err := os.Link(os.Args[0], other); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, plan, binary string
		dies               bool // the spare exits before it is woken
		starts             int
		woken              bool // the second start is the spare
	}{
		{"restart wakes the spare", "askrestart,ok", "", false, 2, true},
		{"a crash stops the spare", "askcrash,ok", "", false, 2, false},
		{"quitting stops the spare", "askok", "", false, 1, false},
		{"a spare of another binary is not woken", "askrestart,ok", other, false, 2, false},
		{"a spare that died is not woken", "askrestart,ok", "", true, 2, false},
		{"a spare whose build was thrown away is stopped", "askdrop,ok", "", false, 2, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("TEST_SPARE_BINARY", tc.binary)
			if tc.dies {
				t.Setenv("TEST_SPARE_DIES", "1")
			} else {
				t.Setenv("TEST_SPARE_DIES", "")
			}
			code, starts, logDir, stderr := runPlan(t, tc.plan, Options{})
			sp := spares(logDir)
			if code != 0 || len(starts) != tc.starts || len(sp) != 1 {
				t.Fatalf("exit %d after %d starts and %d spares, want 0 after %d and 1\n%s", code, len(starts), len(sp), tc.starts, stderr)
			}
			if tc.starts < 2 {
				return
			}
			second := starts[1]
			if woken := startPID(second) == sp[0]; woken != tc.woken {
				t.Fatalf("second start %q, spare %d: woken %v, want %v\n%s", second, sp[0], woken, tc.woken, stderr)
			}
			if tc.woken && !strings.Contains(second, "handover=") || tc.woken && !strings.Contains(second, HandoverFile) {
				t.Errorf("the spare was not woken with the handover: %s", second)
			}
			if !tc.woken {
				testutil.Eventually(t, 10*time.Second, fmt.Sprintf("the unneeded spare %d to end", sp[0]),
					func() bool { return syscall.Kill(sp[0], 0) == syscall.ESRCH })
			}
		})
	}
}
