package mcpserver

import (
	"bufio"
	"context"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/ctl"
)

func TestCallsToTheAppTimeOut(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	if err := ctl.PrepareDir(ctl.Dir()); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", ctl.SocketPath(ctl.Dir(), os.Getpid()))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() { // an app that takes requests and never answers
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
			go bufio.NewReader(c).ReadString('\n')
		}
	}()
	old := ctl.DefaultTimeout
	ctl.DefaultTimeout = 200 * time.Millisecond
	defer func() { ctl.DefaultTimeout = old }()
	errc := make(chan error, 1)
	go func() {
		_, err := dialer(os.Getpid())(context.Background(), ctl.Request{Op: ctl.OpStatus})
		errc <- err
	}()
	select {
	case err := <-errc:
		if err == nil || !strings.Contains(err.Error(), "did not answer") || !strings.Contains(err.Error(), "restart it") {
			t.Errorf("err = %v; want it to say the app did not answer and what to do", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the MCP server's call still waits for an app that never answers")
	}
}
