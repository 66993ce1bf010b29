package globalkey

import (
	"os/exec"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/testutil"
)

// A real X server and a real key press: Ctrl+Alt+R calls onPress; stop
// returns and releases the grab (a second grab of the same key, which X
// refuses while the first holds it, then works), twice in a row.
func TestCtrlAltR(t *testing.T) {
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s (make test installs it)", tool)
		}
	}
	display := testutil.StartXvfb(t)
	t.Setenv("DISPLAY", display)
	for round := 1; round <= 2; round++ {
		pressed := make(chan struct{}, 10)
		stop, err := CtrlAltR(func() { pressed <- struct{}{} })
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if _, err := CtrlAltR(func() {}); err == nil {
			t.Fatalf("round %d: a second grab of Ctrl+Alt+R worked while the first holds it", round)
		}
		if out, err := exec.Command("xdotool", "key", "ctrl+alt+r").CombinedOutput(); err != nil {
			t.Fatalf("xdotool: %v\n%s", err, out)
		}
		select {
		case <-pressed:
		case <-time.After(30 * time.Second):
			t.Fatalf("round %d: the key press did not reach onPress", round)
		}
		stopped := make(chan struct{})
		go func() { stop(); close(stopped) }()
		select {
		case <-stopped:
		case <-time.After(30 * time.Second):
			t.Fatalf("round %d: stop did not return", round)
		}
		stop() // a second stop does nothing
	}
}
