package xprobe_test

import (
	"errors"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/internal/xprobe"
)

func red(r, g, b uint8) bool { return r > 200 && g < 50 && b < 50 }

// showRed opens a window of solid red at the screen's top left (ImageMagick's
// display, another X client, as the program under test would be).
func showRed(t *testing.T, display string) {
	t.Helper()
	img := filepath.Join(t.TempDir(), "red.png")
	if out, err := exec.Command("convert", "-size", "200x200", "xc:red", img).CombinedOutput(); err != nil {
		t.Fatalf("convert: %v\n%s", err, out)
	}
	cmd := exec.Command("display", "-geometry", "+0+0", img)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
}

// A wait sees what another client draws, reading the screen when the
// server reports drawing: not every millisecond while nothing happens.
func TestWaitPixel(t *testing.T) {
	if testing.Short() {
		t.Skip("needs Xvfb")
	}
	for _, tool := range []string{"Xvfb", "convert", "display"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: run make test (it installs xvfb and imagemagick)", tool)
		}
	}
	display := testutil.StartXvfb(t)
	x, err := xprobe.Open(display)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	p := image.Pt(100, 100)

	// Nothing drawn: a timeout, after a handful of reads (one per 50 ms).
	reads := x.Reads()
	if _, err := x.WaitPixel(p, red, 500*time.Millisecond); err == nil {
		t.Fatal("WaitPixel saw red on an empty screen")
	}
	if n := x.Reads() - reads; n > 15 {
		t.Errorf("%d screen reads in a 500 ms wait with nothing drawn: it polls", n)
	}

	// Signals to the waiting thread (a child process ending sends one)
	// interrupt its select(2): the wait goes on to its end.
	type result struct {
		at  time.Time
		err error
	}
	area := image.Rect(90, 90, 110, 110)
	empty, err := x.Sum(area)
	if err != nil {
		t.Fatal(err)
	}
	tid, done := make(chan int), make(chan result)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		tid <- syscall.Gettid()
		at, err := x.WaitChange(area, empty, 500*time.Millisecond)
		done <- result{at, err}
	}()
	thread, begun := <-tid, time.Now()
	var res result
	for signals := 0; ; signals++ {
		select {
		case res = <-done:
		case <-time.After(20 * time.Millisecond):
			syscall.Tgkill(os.Getpid(), thread, syscall.SIGURG) // the runtime takes a stray SIGURG
			continue
		}
		if !errors.Is(res.err, xprobe.ErrTimeout) || res.at.Sub(begun) < 450*time.Millisecond {
			t.Fatalf("a 500 ms wait, %d signals to its thread: %v after %v, want a timeout after 500 ms", signals, res.err, res.at.Sub(begun))
		}
		if signals < 10 {
			t.Fatalf("only %d signals sent during the wait", signals)
		}
		break
	}

	base, err := x.Sum(image.Rect(90, 90, 110, 110))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	showRed(t, display)
	seen, err := x.WaitPixel(p, red, time.Minute)
	if err != nil {
		t.Fatalf("the red window: %v", err)
	}
	if seen.Before(start) {
		t.Fatalf("seen at %v, before the window was opened (%v)", seen, start)
	}
	if r, g, b, err := x.Pixel(p); err != nil || !red(r, g, b) {
		t.Fatalf("after the wait the pixel is %d,%d,%d (%v)", r, g, b, err)
	}
	if _, err := x.WaitChange(image.Rect(90, 90, 110, 110), base, time.Minute); err != nil {
		t.Fatalf("WaitChange: %v", err)
	}
}
