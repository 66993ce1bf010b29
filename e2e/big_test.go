package e2e_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/testutil"
)

// Issue 20 item 9: the supervisor killed with SIGKILL, and a 5 MB paste.

// setClipboard makes xclip own the clipboard with text until the test ends.
func (s *session) setClipboard(text string) {
	s.tb.Helper()
	clip := exec.Command("xclip", "-selection", "clipboard", "-quiet")
	clip.Env = append(os.Environ(), "DISPLAY="+s.display)
	clip.Stdin = strings.NewReader(text)
	if err := clip.Start(); err != nil {
		s.tb.Fatal(err)
	}
	s.tb.Cleanup(func() { clip.Process.Kill(); clip.Wait() })
	testutil.Eventually(s.tb, 30*time.Second, "xclip holds the clipboard", func() bool {
		out := exec.Command("xclip", "-selection", "clipboard", "-o")
		out.Env = clip.Env
		b, err := out.Output()
		return err == nil && len(b) == len(text)
	})
}

// paste presses Ctrl+V as a person does (Ctrl held around the V).
func (s *session) paste() {
	s.tb.Helper()
	s.xdotool("keydown", "ctrl")
	s.xdotool("key", "v")
	s.xdotool("keyup", "ctrl")
}

// sessionFile reads the session file a signal exit leaves in the config.
func (s *session) sessionFile() (composer string) {
	s.tb.Helper()
	b, err := os.ReadFile(filepath.Join(s.config, "slopgui", "session.json"))
	if err != nil {
		s.tb.Fatalf("no session file: %v", err)
	}
	var v struct{ ComposerText string }
	if err := json.Unmarshal(b, &v); err != nil {
		s.tb.Fatal(err)
	}
	return v.ComposerText
}

// The supervisor is killed with SIGKILL (the OOM killer, a wrong kill)
// while the user has typed into the composer and not sent it. What should
// happen: the app does not linger unsupervised (no crash protection, and
// a second start would run beside it) — the kernel sends it SIGTERM
// (Pdeathsig), it saves the project and the session as on any exit signal
// and exits 0; the next start of the project has the typed text back.
func TestSupervisorKilledKeepsTheComposer(t *testing.T) {
	t.Parallel()
	proj := copyProject(t)
	s := startSessionArgs(t, nil, []string{"-project", proj})
	const typed = "typed before the supervisor died"
	s.typeComposer(typed)
	pid := s.appPID()
	if pid == s.cmd.Process.Pid {
		t.Fatal("the app is not supervised: the test needs the supervisor")
	}
	if err := s.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	s.cmd.Wait()
	deadline := time.Now().Add(30 * time.Second)
	for processAlive(pid) {
		if time.Now().After(deadline) {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("the app (pid %d) still ran 30 s after its supervisor was killed", pid)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got := s.sessionFile(); got != typed {
		t.Fatalf("the session file holds the composer %q, want %q", got, typed)
	}
	s.launch("-project", proj)
	s.waitScreen("composer restored", 30*time.Second, typed)
}

// bigPaste is about n bytes of numbered lines ending in a line that OCR
// reads back.
func bigPaste(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "pasted line %07d of a very large clipboard, to see the composer keep up\n", i)
	}
	b.WriteString("LASTLINE")
	return b.String()
}

// A 5 MB paste into the composer: it all arrives, and keys typed after it
// land after it, on screen and in what is kept (the session file a signal
// exit writes). How late keys are is measured in BenchmarkBigAnswerAndPaste.
func TestBigPasteIntoComposer(t *testing.T) {
	t.Parallel()
	proj := copyProject(t)
	s := startSessionArgs(t, nil, []string{"-project", proj})
	big := bigPaste(5 << 20)
	s.setClipboard(big)
	s.click(composerPoint.X, composerPoint.Y)
	s.paste()
	// The composer says why the pasted lines are not wrapped (wrapping
	// 5 MB again on every frame made each frame 40 ms).
	s.waitScreen("pasted", 60*time.Second, "pasted line", "keep up", "not wrapped")
	const typed = " typed after"
	s.xdotool("type", "--delay", "30", typed)
	// ImGui takes one queued key a frame; on a loaded machine frames have
	// taken 400 ms, so give it time.
	s.waitScreen("typed after the paste", 2*time.Minute, "LASTLINE typed after")
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := s.waitExit(60 * time.Second); code != 0 {
		t.Fatalf("exit code %d, want 0", code)
	}
	if got := s.sessionFile(); got != big+typed {
		t.Fatalf("the composer kept %d bytes ending %q, want %d ending %q", len(got), got[max(0, len(got)-40):], len(big)+len(typed), (big + typed)[len(big)+len(typed)-40:])
	}
}
