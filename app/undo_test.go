package app_test

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/slopgui/slopgui/state"
)

// Ctrl+Z while an answer streams: the user's delete before the Send is
// undone, the question and the answer stay, and the answer streams on
// into its entry (found by ID) to the end.
func TestUndoMidStream(t *testing.T) {
	release := make(chan struct{})
	srv := newChatServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, chunk(`{"content":"partial "}`))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		textReply("answer")(w, r)
	})
	a, hc := chatApp(t, srv.URL)
	a.Discussions = []state.Discussion{{Name: "main", Entries: []state.Entry{{ID: "keep01", Role: state.RoleUser, Text: "keep"}}}}
	chatFrames(t, hc, a, "first frame", func() bool { return true })
	if err := hc.Frame(a.Frame); err != nil {
		t.Fatal(err)
	}
	// What the views would do within a frame: a delete (a step), then Send.
	views := func(edit func()) {
		a.Tracker.Begin(&a.UI)
		edit()
		a.Tracker.End(&a.UI, time.Now())
	}
	views(func() { a.ActiveDisc().DeleteEntry(0) })
	views(func() { a.ComposerText = "question"; a.Send() })
	ai := func() state.Entry { es := a.ActiveDisc().Entries; return es[len(es)-1] }
	chatFrames(t, hc, a, "partial text", func() bool { return ai().Text == "partial " })
	if u, _ := a.UndoLabels(); u != "delete entry" {
		t.Fatalf("undo label %q mid-stream, want delete entry", u)
	}
	a.Undo()
	if err := hc.Frame(a.Frame); err != nil {
		t.Fatal(err)
	}
	es := a.ActiveDisc().Entries
	if len(es) != 3 || es[0].ID != "keep01" || es[1].Text != "question" || es[2].Status != state.EntryStreaming {
		t.Fatalf("after the undo mid-stream: %+v", es)
	}
	close(release)
	chatFrames(t, hc, a, "answer finished", func() bool { return !a.Chat.Busy })
	if e := ai(); e.Text != "partial answer" || e.Status != "" || len(a.ActiveDisc().Entries) != 3 {
		t.Fatalf("the answer after the undo: %+v (chat error %q)", a.ActiveDisc().Entries, a.Chat.Error)
	}
}
