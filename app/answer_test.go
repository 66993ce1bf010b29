package app_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"github.com/slopgui/slopgui/internal/answer"
	"github.com/slopgui/slopgui/state"
)

// Issue 20 item 8: an answer of 3 MB keeps its first answer.Limit bytes in
// the entry, with a marker naming the private file that holds all of it;
// the comms record is clipped; once finished, frames hand the entry's
// string back unchanged (nothing per frame is proportional to it).
func TestLongAnswerIsCutToAFile(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	line := strings.Repeat("x", 99) + "\n"
	pieces := make([]string, 0, 3<<20/len(line))
	for range cap(pieces) {
		pieces = append(pieces, line)
	}
	full := strings.Join(pieces, "")
	srv := newChatServer(t, textReply(pieces...))
	a, hc := chatApp(t, srv.URL)
	a.ComposerText = "a long one, please"
	a.Send()
	chatFrames(t, hc, a, "the answer", func() bool { return !a.Chat.Busy })
	if a.Chat.Error != "" {
		t.Fatalf("error: %s", a.Chat.Error)
	}
	e := a.ActiveDisc().Entries[1]
	if e.Role != state.RoleAI || e.Status != "" {
		t.Fatalf("entry %s %q", e.Role, e.Status)
	}
	head, marker, ok := strings.Cut(e.Text, "\n\n[answer cut at 1 MB: the full text is in ")
	if !ok || len(head) != answer.Limit || !strings.HasPrefix(full, head) || !strings.HasSuffix(marker, "]") {
		t.Fatalf("entry of %d bytes ends %q", len(e.Text), e.Text[max(0, len(e.Text)-200):])
	}
	path := strings.TrimSuffix(marker, "]")
	if filepath.Dir(path) != filepath.Join(cfg, "slopgui", "answers") {
		t.Fatalf("the full text is in %s, not in slopgui's answers folder", path)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != full {
		t.Fatalf("the file holds %d bytes (%v), want the %d of the answer", len(b), err, len(full))
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("%s has mode %v, want 0600", path, fi.Mode())
	}
	if n := len(a.Comms); n != 1 || len(a.Comms[0].Response) > 80<<10 {
		t.Fatalf("comms: %d entries, response of %d bytes", n, len(a.Comms[0].Response))
	}
	before := a.ActiveDisc().Entries[1].Text
	for range 3 {
		if err := hc.Frame(a.Frame); err != nil {
			t.Fatal(err)
		}
	}
	if after := a.ActiveDisc().Entries[1].Text; unsafe.StringData(after) != unsafe.StringData(before) {
		t.Fatal("drawing the finished answer made a new copy of it each frame")
	}
}
