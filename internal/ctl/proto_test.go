package ctl_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/ctl"
)

func TestMessagesRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	req := ctl.Request{Op: ctl.OpReload, Wait: true, TimeoutMs: 1500}
	if err := ctl.WriteMsg(&buf, req); err != nil {
		t.Fatal(err)
	}
	resp := ctl.Response{Code: ctl.ExitFailed, Status: &ctl.Status{Generation: 3, Result: "failed",
		Diagnostics: []ctl.Diagnostic{{File: "views/x.go", Line: 3, Col: 1, Message: "oops"}}}, PNG: []byte{0x89, 'P', 'N', 'G'}}
	if err := ctl.WriteMsg(&buf, resp); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(&buf)
	gotReq, err := ctl.ReadRequest(r)
	if err != nil || gotReq != req {
		t.Fatalf("request: %+v, %v; want %+v", gotReq, err, req)
	}
	gotResp, err := ctl.ReadResponse(r)
	if err != nil || gotResp.Code != 1 || gotResp.Status.Diagnostics[0] != resp.Status.Diagnostics[0] || string(gotResp.PNG) != string(resp.PNG) {
		t.Fatalf("response: %+v, %v", gotResp, err)
	}
	if req.Timeout(time.Hour) != 1500*time.Millisecond || (ctl.Request{}).Timeout(time.Hour) != time.Hour {
		t.Error("Request.Timeout")
	}
}

func TestReadRequestRejectsBadInput(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"not JSON", "hello\n", "bad request"},
		{"no op", "{}\n", "no op"},
		{"a duplicated key", `{"op":"status","op":"reload"}` + "\n", `the key "op" appears more than once`},
		{"a duplicated key in another case", `{"op":"status","wait":true,"OP":"reload"}` + "\n", `the key "OP" appears more than once`},
		{"too long", `{"op":"` + strings.Repeat("x", 2<<20) + "\"}\n", "longer than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ctl.ReadRequest(bufio.NewReader(strings.NewReader(tc.in)))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to say %q", err, tc.want)
			}
		})
	}
}

// serve runs a server with h in a fresh socket directory and returns it.
func serve(t *testing.T, h ctl.Handler, log *bytes.Buffer) (*ctl.Server, string) {
	t.Helper()
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	dir := ctl.Dir()
	ln, path, err := ctl.Listen(dir)
	if err != nil {
		t.Fatal(err)
	}
	var w = &syncWriter{b: log}
	s := ctl.NewServer(h, slog.New(slog.NewTextHandler(w, nil)))
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	t.Cleanup(func() {
		s.Close()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("socket %s left behind after Close", path)
		}
	})
	return s, path
}

type syncWriter struct {
	mu sync.Mutex
	b  *bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.b == nil {
		return len(p), nil
	}
	return w.b.Write(p)
}

func TestSocketIsPrivateAndFound(t *testing.T) {
	_, path := serve(t, ctl.HandlerFunc(func(context.Context, ctl.Peer, ctl.Request) ctl.Response {
		return ctl.Response{}
	}), nil)
	dir := ctl.Dir()
	if filepath.Dir(path) != dir || filepath.Base(path) != strings.TrimSpace(itoa(os.Getpid()))+".sock" {
		t.Errorf("socket %s, want %s/PID.sock", path, dir)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s mode %v, want %v", p, fi.Mode().Perm(), want)
		}
	}
	if got, err := ctl.Find(dir, 0); err != nil || got != path {
		t.Errorf("Find(0) = %q, %v; want %q", got, err, path)
	}
	if got, err := ctl.Find(dir, os.Getpid()); err != nil || got != path {
		t.Errorf("Find(own PID) = %q, %v", got, err)
	}
	// A supervisor's PID finds its child's socket.
	if got, err := ctl.Find(dir, os.Getppid()); err != nil || got != path {
		t.Errorf("Find(parent PID) = %q, %v; want the child's socket", got, err)
	}
	if _, err := ctl.Find(dir, 1<<22+7); err == nil || !strings.Contains(err.Error(), "no slopgui with PID") {
		t.Errorf("Find(unknown PID) = %v", err)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestStaleSocketsAreRemoved(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	dir := ctl.Dir()
	if err := ctl.PrepareDir(dir); err != nil {
		t.Fatal(err)
	}
	// A socket left by a process that is gone: nothing listens on it.
	stale := filepath.Join(dir, "4194000.sock")
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: stale, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ln.SetUnlinkOnClose(false)
	ln.Close()
	if _, err := os.Stat(stale); err != nil {
		t.Fatal("the stale socket was not left behind by the test setup")
	}
	if _, err := ctl.Find(dir, 0); err == nil {
		t.Error("Find chose a dead process's socket")
	}
	if live := ctl.CleanStale(dir); len(live) != 0 {
		t.Errorf("CleanStale kept %v", live)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("the stale socket is still there")
	}
	// Too open a directory is made private again.
	os.Chmod(dir, 0o755)
	if err := ctl.PrepareDir(dir); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v after PrepareDir", fi.Mode().Perm())
	}
}

func TestServerAnswersAndCancelsWhenClientLeaves(t *testing.T) {
	left := make(chan struct{})
	var peer ctl.Peer
	serve(t, ctl.HandlerFunc(func(ctx context.Context, p ctl.Peer, req ctl.Request) ctl.Response {
		peer = p
		if req.Op == "block" {
			<-ctx.Done()
			close(left)
			return ctl.Response{}
		}
		return ctl.Response{Message: "did " + req.Op + " " + req.Key}
	}), nil)
	c, err := ctl.Dial(0)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Call(context.Background(), ctl.Request{Op: "state", Key: "Theme"})
	if err != nil || resp.Message != "did state Theme" {
		t.Fatalf("Call = %+v, %v", resp, err)
	}
	if peer.PID != os.Getpid() || peer.UID != os.Getuid() || peer.Name == "" || peer.Name == "?" {
		t.Errorf("peer = %+v, want this process", peer)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := c.Call(ctx, ctl.Request{Op: "block"}); err == nil {
		t.Error("a call whose context ended returned no error")
	}
	select {
	case <-left:
	case <-time.After(10 * time.Second):
		t.Fatal("the handler's context did not end when the client went away")
	}
}

func TestServerRefusesOtherUsers(t *testing.T) {
	var log bytes.Buffer
	called := false
	s, _ := serve(t, ctl.HandlerFunc(func(context.Context, ctl.Peer, ctl.Request) ctl.Response {
		called = true
		return ctl.Response{}
	}), &log)
	s.UID = os.Getuid() + 4242 // as if the app belonged to someone else
	c, err := ctl.Dial(0)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Call(context.Background(), ctl.Request{Op: "status"})
	if err != nil {
		t.Fatal(err)
	}
	if called || resp.Code != ctl.ExitUsage || !strings.Contains(resp.Error, "refused") {
		t.Errorf("another user's request: called %v, response %+v", called, resp)
	}
	s.Close()
	if !strings.Contains(log.String(), "refused a connection from another user") || !strings.Contains(log.String(), "peer_uid="+itoa(os.Getuid())) {
		t.Errorf("refusal not logged: %q", log.String())
	}
}

func TestCLIExitCodes(t *testing.T) {
	serve(t, ctl.HandlerFunc(func(_ context.Context, _ ctl.Peer, req ctl.Request) ctl.Response {
		switch {
		case req.Op == ctl.OpReload && req.Wait:
			return ctl.Response{Code: ctl.ExitFailed, Status: &ctl.Status{Generation: 2, Result: "failed", Reason: "build",
				Diagnostics: []ctl.Diagnostic{{File: "views/x.go", Line: 3, Col: 2, Message: "syntax error"}}}}
		case req.Op == ctl.OpRollback:
			return ctl.Response{Code: ctl.ExitDenied, Error: "denied by the user"}
		case req.Op == ctl.OpScreenshot:
			return ctl.Response{PNG: []byte("png bytes")}
		}
		return ctl.Response{Status: &ctl.Status{Generation: 2, Result: "ok"}}
	}), nil)
	shot := filepath.Join(t.TempDir(), "s.png")
	for _, tc := range []struct {
		args       []string
		code       int
		out, errs  string
		jsonStatus bool
	}{
		{args: []string{"status"}, code: 0, out: "generation 2"},
		{args: []string{"reload", "--wait"}, code: 1, out: "views/x.go:3:2: syntax error"},
		{args: []string{"--json", "reload", "--wait", "--timeout", "5s"}, code: 1, out: `"file": "views/x.go"`},
		{args: []string{"rollback", "1"}, code: 3, errs: "denied by the user"},
		{args: []string{"rollback", "x"}, code: 2, errs: "not a generation number"},
		{args: []string{"screenshot", shot}, code: 0, out: "wrote " + shot},
		{args: []string{"frobnicate"}, code: 2, errs: "unknown command"},
		{args: []string{}, code: 2, errs: "usage"},
		{args: []string{"--pid", "4194301", "status"}, code: 2, errs: "no slopgui with PID 4194301"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errs bytes.Buffer
			code := ctl.Main(tc.args, &out, &errs)
			if code != tc.code || !strings.Contains(out.String(), tc.out) || !strings.Contains(errs.String(), tc.errs) {
				t.Errorf("exit %d, want %d\nstdout %q (want %q)\nstderr %q (want %q)", code, tc.code, out.String(), tc.out, errs.String(), tc.errs)
			}
		})
	}
	if b, err := os.ReadFile(shot); err != nil || string(b) != "png bytes" {
		t.Errorf("screenshot file: %q, %v", b, err)
	}
}
