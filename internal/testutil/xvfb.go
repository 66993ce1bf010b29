package testutil

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// StartXvfb starts an X server on a free display for the test and returns
// ":N"; the server is killed when the test ends.
func StartXvfb(tb testing.TB) string {
	tb.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		tb.Fatal(err)
	}
	// -noreset: by default the server resets when its last client leaves,
	// and a client connecting then is refused ("cannot open the X
	// display"), as between a test's two rounds or a quit and a restart.
	// A desktop's X server keeps clients (the window manager) all along.
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		tb.Fatalf("starting Xvfb: %v", err)
	}
	w.Close()
	tb.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line := make(chan string, 1)
	go func() {
		defer r.Close()
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if _, err := strconv.Atoi(n); err != nil {
			tb.Fatalf("Xvfb reported display %q", n)
		}
		return ":" + n
	case <-time.After(30 * time.Second):
		tb.Fatal("Xvfb did not report its display within 30s")
	}
	return ""
}
