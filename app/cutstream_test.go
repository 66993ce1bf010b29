package app_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/state"
)

// An answer whose stream closes without the provider's end marker (two
// deltas, a truncated line, close; no finish_reason, no [DONE]) is kept
// but marked failed, with Retry, and the comms history does not call it
// ok; Retry sends again.
func TestCutStreamIsInterrupted(t *testing.T) {
	srv := newChatServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, chunk(`{"content":"half "}`)+chunk(`{"content":"an answ"}`)+`data: {"id":"c","obj`)
	}, textReply("whole answer"))
	a, hc := chatApp(t, srv.URL)
	a.ComposerText = "hello"
	a.Send()
	chatFrames(t, hc, a, "the cut answer", func() bool { return !a.Chat.Busy })
	if e := a.ActiveDisc().Entries[1]; e.Text != "half an answ" || e.Status != state.EntryFailed {
		t.Fatalf("cut entry %+v: want its text kept, marked failed", e)
	}
	if !a.Chat.CanRetry || !strings.Contains(a.Chat.Error, "before the answer was complete") {
		t.Fatalf("chat %+v: want Retry and an error saying the answer was cut", a.Chat)
	}
	if len(a.Comms) != 1 || a.Comms[0].Status != "network" || !strings.Contains(a.Comms[0].Response, "before the answer was complete") {
		t.Fatalf("comms %+v", a.Comms)
	}
	a.RetrySend()
	chatFrames(t, hc, a, "the retry", func() bool { return !a.Chat.Busy })
	if es := a.ActiveDisc().Entries; len(es) != 3 || es[2].Text != "whole answer" || es[2].Status != "" || a.Chat.Error != "" {
		t.Fatalf("after Retry: entries %+v, error %q", es, a.Chat.Error)
	}
}
