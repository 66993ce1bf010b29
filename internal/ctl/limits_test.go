package ctl_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/ctl"
)

func okHandler() ctl.Handler {
	return ctl.HandlerFunc(func(context.Context, ctl.Peer, ctl.Request) ctl.Response {
		return ctl.Response{Message: "ok"}
	})
}

func TestServerCapsConnectionsAndRecovers(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	ln, path, err := ctl.Listen(ctl.Dir())
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	s := ctl.NewServer(okHandler(), slog.New(slog.NewTextHandler(&syncWriter{b: &log}, nil)))
	s.MaxConns = 4
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	defer func() {
		s.Close()
		<-done
	}()
	// Four clients connect and hold their connections, sending nothing.
	var held []net.Conn
	for range 4 {
		c, err := net.Dial("unix", path)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	// The accept queue is in order: every later client is refused.
	c := &ctl.Client{Path: path}
	for i := range 10 {
		resp, err := c.Call(context.Background(), ctl.Request{Op: ctl.OpStatus})
		if err != nil || resp.Code != ctl.ExitUsage || !strings.Contains(resp.Error, "already serves 4 control connections") {
			t.Fatalf("client %d over the cap: %+v, %v; want a refusal", i, resp, err)
		}
	}
	for _, h := range held {
		h.Close()
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, err := c.Call(context.Background(), ctl.Request{Op: ctl.OpStatus})
		if err == nil && resp.Message == "ok" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the held connections closed: %+v, %v; want an answer", resp, err)
		}
		time.Sleep(10 * time.Millisecond) // polling until the server sees the closes
	}
}

func TestAcceptErrorsDoNotEndTheLoop(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.sock")
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	s := ctl.NewServer(okHandler(), slog.New(slog.NewTextHandler(&syncWriter{b: &log}, nil)))
	var mu sync.Mutex
	fails := 3
	accept := func() (*net.UnixConn, error) {
		mu.Lock()
		defer mu.Unlock()
		if fails > 0 {
			fails--
			return nil, &net.OpError{Op: "accept", Net: "unix", Err: os.NewSyscallError("accept4", syscall.EMFILE)}
		}
		return ln.AcceptUnix()
	}
	done := make(chan error, 1)
	go func() { done <- s.ServeAccept(accept) }()
	resp, err := (&ctl.Client{Path: path}).Call(context.Background(), ctl.Request{Op: ctl.OpStatus})
	if err != nil || resp.Message != "ok" {
		t.Errorf("after 3 accept errors: %+v, %v; want an answer", resp, err)
	}
	s.Close()
	ln.Close()
	if err := <-done; err != nil {
		t.Errorf("Serve after Close: %v", err)
	}
	if !strings.Contains(log.String(), "too many open files") {
		t.Errorf("log %q does not show the accept error", log.String())
	}
}

// silentApp listens on this process's socket in a fresh directory and
// holds every connection without answering.
func silentApp(t *testing.T) {
	t.Helper()
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	if err := ctl.PrepareDir(ctl.Dir()); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", ctl.SocketPath(ctl.Dir(), os.Getpid()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { c.Close() })
			go bufio.NewReader(c).ReadString('\n') // takes the request, never answers
		}
	}()
}

func TestCtlGivesUpOnAnAppThatNeverAnswers(t *testing.T) {
	silentApp(t)
	old := ctl.DefaultTimeout
	ctl.DefaultTimeout = 200 * time.Millisecond
	defer func() { ctl.DefaultTimeout = old }()
	var out, errs bytes.Buffer
	code := make(chan int, 1)
	go func() { code <- ctl.Main([]string{"--pid", strconv.Itoa(os.Getpid()), "status"}, &out, &errs) }()
	select {
	case c := <-code:
		want := fmt.Sprintf("did not answer %q within 200ms: it may be stuck or busy; check its log, retry, or restart it", "status")
		if c != ctl.ExitUsage || !strings.Contains(errs.String(), want) {
			t.Errorf("exit %d, stderr %q; want %d and %q", c, errs.String(), ctl.ExitUsage, want)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("ctl status still waits for an app that never answers")
	}
}

func TestDuplicateKeysAreRefusedOnTheSocket(t *testing.T) {
	var mu sync.Mutex
	var ops []string
	_, path := serve(t, ctl.HandlerFunc(func(_ context.Context, _ ctl.Peer, req ctl.Request) ctl.Response {
		mu.Lock()
		ops = append(ops, req.Op)
		mu.Unlock()
		return ctl.Response{}
	}), nil)
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprint(c, `{"op":"status","op":"reload"}`+"\n")
	resp, err := ctl.ReadResponse(bufio.NewReader(c))
	if err != nil || resp.Code != ctl.ExitUsage || !strings.Contains(resp.Error, `the key "op" appears more than once`) {
		t.Errorf("= %+v, %v; want a refusal naming the key", resp, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(ops) != 0 {
		t.Errorf("the handler ran %v", ops)
	}
}
