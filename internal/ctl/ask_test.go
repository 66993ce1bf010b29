package ctl_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/ask"
	"github.com/slopgui/slopgui/internal/ctl"
)

// `slopgui ctl ask` over a real socket to ServeAsk and a real queue; a
// goroutine plays the user, answering or dismissing what is shown.
func TestCLIAsk(t *testing.T) {
	var q ask.Queue
	var mu sync.Mutex
	var logged []string
	serve(t, ctl.HandlerFunc(func(ctx context.Context, peer ctl.Peer, req ctl.Request) ctl.Response {
		return ctl.ServeAsk(ctx, &q, peer, req, func(_ ctl.Peer, what, result string) {
			mu.Lock()
			logged = append(logged, what+" -> "+result)
			mu.Unlock()
		})
	}), nil)
	user := make(chan func(ask.Question)) // what the user does with the next question
	go func() {
		for do := range user {
			for {
				if p := q.Pending(); len(p) > 0 {
					do(p[0])
					break
				}
				time.Sleep(time.Millisecond)
			}
		}
	}()
	defer close(user)
	for _, tc := range []struct {
		args     []string
		user     func(ask.Question)
		code     int
		out      string
		errs     string
		choices  []string
		question string
		log      string
	}{
		{args: []string{"ask", "Ship it?", "--choices", "yes, no"}, user: func(p ask.Question) { q.Answer(p.ID, "yes") },
			out: "yes\n", choices: []string{"yes", "no"}, question: "Ship it?", log: `ask "Ship it?" (choices: yes, no), answered "yes" -> ok`},
		{args: []string{"ask", "Which colour?"}, user: func(p ask.Question) { q.Answer(p.ID, "teal blue") },
			out: "teal blue\n", question: "Which colour?", log: `, answered "teal blue" -> ok`},
		{args: []string{"--json", "ask", "Empty?"}, user: func(p ask.Question) { q.Answer(p.ID, "") }, out: `"answer": ""`, question: "Empty?"},
		{args: []string{"ask", "Really?", "--choices", "y"}, user: func(p ask.Question) { q.Dismiss(p.ID) },
			code: ctl.ExitDismissed, errs: "dismissed the question", question: "Really?", choices: []string{"y"}, log: "-> the user dismissed"},
		{args: []string{"ask", "Anyone?", "--timeout", "30ms"}, code: ctl.ExitTimeout, errs: "no answer from the user within 30ms",
			question: "Anyone?", log: "-> no answer from the user within 30ms"},
		{args: []string{"ask"}, code: ctl.ExitUsage, errs: "wants the question"},
		{args: []string{"ask", "x", "--choices", "a,,b"}, code: ctl.ExitUsage, errs: "empty choice"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			mu.Lock()
			logged = nil
			mu.Unlock()
			seen := make(chan ask.Question, 1)
			if tc.user != nil {
				user <- func(p ask.Question) { seen <- p; tc.user(p) }
			}
			var out, errs bytes.Buffer
			code := ctl.Main(tc.args, &out, &errs)
			if code != tc.code || !strings.Contains(out.String(), tc.out) || !strings.Contains(errs.String(), tc.errs) {
				t.Errorf("exit %d, want %d\nstdout %q (want %q)\nstderr %q (want %q)", code, tc.code, out.String(), tc.out, errs.String(), tc.errs)
			}
			if tc.out != "" && !strings.HasPrefix(tc.out, `"`) && out.String() != tc.out {
				t.Errorf("stdout %q; want the answer alone, %q", out.String(), tc.out)
			}
			if tc.user != nil {
				p := <-seen
				if p.Text != tc.question || strings.Join(p.Choices, "|") != strings.Join(tc.choices, "|") || p.Asker == "" || p.PID == 0 {
					t.Errorf("the user was asked %+v; want %q with choices %q and who asks", p, tc.question, tc.choices)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			if tc.log != "" && (len(logged) != 1 || !strings.Contains(logged[0], tc.log)) {
				t.Errorf("logged %q; want %q", logged, tc.log)
			}
			if n := len(q.Pending()); n != 0 {
				t.Errorf("%d questions left waiting", n)
			}
		})
	}
}

// A client that goes away withdraws its question.
func TestAskWithdrawnWhenTheClientLeaves(t *testing.T) {
	var q ask.Queue
	served := make(chan ctl.Response, 1)
	_, path := serve(t, ctl.HandlerFunc(func(ctx context.Context, peer ctl.Peer, req ctl.Request) ctl.Response {
		r := ctl.ServeAsk(ctx, &q, peer, req, nil)
		served <- r
		return r
	}), nil)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := (&ctl.Client{Path: path}).Call(ctx, ctl.WithChoices(ctl.Request{Op: ctl.OpAsk, Text: "Still there?"}, []string{"yes"}))
		errc <- err
	}()
	for deadline := time.Now().Add(10 * time.Second); len(q.Pending()) == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the question never arrived")
		}
	}
	if p := q.Pending()[0]; p.Choices[0] != "yes" {
		t.Errorf("choices: %q", p.Choices)
	}
	cancel()
	<-errc
	select {
	case r := <-served:
		if r.Code != ctl.ExitUsage || !strings.Contains(r.Error, "withdrawn") {
			t.Errorf("served %+v", r)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the question was not withdrawn")
	}
	if n := len(q.Pending()); n != 0 {
		t.Errorf("%d questions still waiting", n)
	}
}

func TestAsker(t *testing.T) {
	for _, c := range []struct {
		p    ctl.Peer
		name string
		pid  int
	}{
		{ctl.Peer{Name: "slopgui", PID: 5, ParentName: "claude", ParentPID: 4}, "claude", 4},
		{ctl.Peer{Name: "python3", PID: 5, ParentName: "bash", ParentPID: 4}, "python3", 5},
		{ctl.Peer{Name: "slopgui", PID: 5, ParentPID: 1}, "slopgui", 5},
	} {
		if n, pid := ctl.Asker(c.p); n != c.name || pid != c.pid {
			t.Errorf("Asker(%+v) = %s %d; want %s %d", c.p, n, pid, c.name, c.pid)
		}
	}
}
