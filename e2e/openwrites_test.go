package e2e_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Issue 20 item 6: a hand-written project (a comment, no [AI] table)
// opened with -project is not rewritten, however long slopgui runs
// without input, and AI Settings shows the defaults (4096 tokens).
func TestOpeningHandWrittenProjectWritesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	proj := filepath.Join(dir, "hand.toml")
	hand := []byte("# written by hand\nFormat = 1\n\n[Project]\n  Name = \"by hand\"\n  Root = \".\"\n")
	if err := os.WriteFile(proj, hand, 0o644); err != nil {
		t.Fatal(err)
	}
	s := startSessionArgs(t, nil, []string{"-project", proj})
	s.waitScreen("ai-defaults", time.Minute, "4096")
	// Autosave waits a second after an edit and looks every 200 ms on
	// frames: at least 4 s and 20 frames (an idle window draws 2 a
	// second, fewer on a loaded machine) give it every chance; the file
	// is checked all along.
	start, _ := s.Status()
	earliest := time.Now().Add(4 * time.Second)
	deadline := time.Now().Add(time.Minute)
	for {
		if b, _ := os.ReadFile(proj); !bytes.Equal(b, hand) {
			t.Fatalf("opening rewrote the project:\n%s", b)
		}
		r, ok := s.Status()
		if ok && r.Frames > start.Frames+20 && time.Now().After(earliest) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("fewer than 20 frames in %v (frames %d → %d)", time.Minute, start.Frames, r.Frames)
		}
		time.Sleep(100 * time.Millisecond) // polling interval, not synchronisation
	}
	if b, _ := os.ReadFile(proj); !bytes.Equal(b, hand) {
		t.Fatalf("opening rewrote the project:\n%s", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("opening wrote beside the project: %v", ents)
	}
}
