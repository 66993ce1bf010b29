package tools_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/llm/tools"
)

// withToken returns the PIDs whose command line contains token.
func withToken(token string) []int {
	ents, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if err == nil && strings.Contains(string(b), token) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// noneLeft fails unless every process with token in its command line is
// gone within a few seconds (a killed process takes a moment to be reaped).
func noneLeft(t *testing.T, token string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		left := withToken(token)
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("processes with %q survive the command: PIDs %v", token, left)
		}
		time.Sleep(20 * time.Millisecond) // polling /proc, not synchronising
	}
}

// modes runs f with PID namespaces and with the fallback.
func modes(t *testing.T, f func(t *testing.T)) {
	for _, m := range []struct{ name, env, want string }{
		{"pidns", "", "pid namespace"},
		{"fallback", "1", "process group and environment marker"},
	} {
		t.Run(m.name, func(t *testing.T) {
			t.Setenv("SLOPGUI_TOOLS_NO_PIDNS", m.env)
			f(t)
			if got := tools.Isolation(); got != m.want {
				if m.env == "" {
					t.Skipf("PID namespaces are not available here (isolation: %s)", got)
				}
				t.Errorf("isolation = %q, want %q", got, m.want)
			}
		})
	}
}

var tokenN int

// token is a unique sleep duration, so that this test's processes are
// told from anyone else's.
func token() string {
	tokenN++
	return fmt.Sprintf("30%d.%d%d", tokenN%10, os.Getpid(), tokenN)
}

func TestRunCommandLeavesNoProcesses(t *testing.T) {
	cases := []struct {
		name, cmd, want string
	}{
		{"background", "sleep %s >/dev/null 2>&1 & echo bg-started", "bg-started"},
		{"setsid holding the output", "setsid sleep %s & echo started", "started"},
		{"setsid detached", "setsid sh -c 'sleep %s' </dev/null >/dev/null 2>&1 & echo detached", "detached"},
		{"nested subshells", "( ( sleep %s & ) & ) ; echo nested", "nested"},
	}
	modes(t, func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				tok := token()
				r := tools.Runner{Root: t.TempDir(), Timeout: 10 * time.Second}
				out, err := run(t, r, tools.RunCommand, fmt.Sprintf(`{"command":%q}`, fmt.Sprintf(c.cmd, tok)))
				if err != nil {
					t.Fatalf("err = %v (output %q)", err, out)
				}
				if !strings.Contains(out, c.want) || !strings.Contains(out, "[exit status 0]") || strings.Contains(out, "WaitDelay") {
					t.Errorf("output = %q, want %q and exit status 0", out, c.want)
				}
				noneLeft(t, tok)
			})
		}
	})
}

func TestRunCommandTimeoutKillsTheTree(t *testing.T) {
	modes(t, func(t *testing.T) {
		tok := token()
		r := tools.Runner{Root: t.TempDir(), Timeout: 500 * time.Millisecond}
		cmd := fmt.Sprintf("setsid sleep %s & (sleep %s &) ; sleep %s", tok, tok, tok)
		out, err := run(t, r, tools.RunCommand, fmt.Sprintf(`{"command":%q}`, cmd))
		if err != nil || !strings.Contains(out, "timed out") {
			t.Fatalf("out = %q, err = %v; want a timeout", out, err)
		}
		noneLeft(t, tok)
	})
}

func TestRunCommandStopsOnCancel(t *testing.T) {
	modes(t, func(t *testing.T) {
		tok := token()
		r := tools.Runner{Root: t.TempDir(), Timeout: 5 * time.Minute}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		type result struct {
			out string
			err error
		}
		done := make(chan result, 1)
		go func() {
			out, err := r.Run(ctx, llm.ToolCall{ID: "1", Name: tools.RunCommand,
				Args: fmt.Sprintf(`{"command":"setsid sleep %s & sleep %s"}`, tok, tok)})
			done <- result{out, err}
		}()
		deadline := time.Now().Add(10 * time.Second)
		for len(withToken(tok)) < 2 {
			if time.Now().After(deadline) {
				t.Fatal("the command's sleeps never started")
			}
			time.Sleep(10 * time.Millisecond) // polling /proc
		}
		start := time.Now()
		cancel()
		select {
		case res := <-done:
			t.Logf("returned %v after the cancel: %q, %v", time.Since(start), res.out, res.err)
			if res.err == nil {
				t.Errorf("a stopped command returned no error: %q", res.out)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("run_command did not return after its context was cancelled")
		}
		noneLeft(t, tok)
	})
}

func TestKillAllEndsRunningCommands(t *testing.T) {
	modes(t, func(t *testing.T) {
		tok := token()
		r := tools.Runner{Root: t.TempDir(), Timeout: 5 * time.Minute}
		done := make(chan struct{})
		go func() {
			run(t, r, tools.RunCommand, fmt.Sprintf(`{"command":"setsid sleep %s & sleep %s"}`, tok, tok))
			close(done)
		}()
		deadline := time.Now().Add(10 * time.Second)
		for len(withToken(tok)) < 2 {
			if time.Now().After(deadline) {
				t.Fatal("the command's sleeps never started")
			}
			time.Sleep(10 * time.Millisecond) // polling /proc
		}
		tools.KillAll()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("run_command did not return after KillAll")
		}
		noneLeft(t, tok)
	})
}
