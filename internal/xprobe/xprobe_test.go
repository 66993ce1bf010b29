package xprobe_test

import (
	"image"
	"os"
	"os/exec"
	"path/filepath"
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
