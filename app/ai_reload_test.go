package app_test

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/state"
)

// A real reload in the middle of an answer: the rest of the answer lands
// in its entry (found by ID) and the run finishes.
func TestReloadMidAnswerKeepsStreaming(t *testing.T) {
	if testing.Short() {
		t.Skip("builds real plugins")
	}
	release := make(chan struct{})
	srv := newChatServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for _, p := range []string{"Streaming ", "answer ", "begins "} {
			io.WriteString(w, chunk(`{"content":"`+p+`"}`))
			w.(http.Flusher).Flush()
			time.Sleep(100 * time.Millisecond)
		}
		<-release
		io.WriteString(w, chunk(`{"content":"and finishes"}`))
		io.WriteString(w, "data: [DONE]\n\n")
	})
	t.Setenv("OPENAI_API_KEY", testKey)
	hc := headless.New(t, 1280, 800)
	root := testutil.MustCopyModule(t)
	a := mustNewApp(t, root)
	a.Project = state.Project{Name: "t", Root: t.TempDir()}
	a.AI = state.AISettings{Provider: "openai-compatible", Model: "test-model", BaseURL: srv.URL, MaxTokens: 100}
	a.Discussions = []state.Discussion{{Name: "main"}}
	a.ActiveDiscussion = 0
	a.ComposerText = "go"
	a.Send()
	chatFrames(t, hc, a, "begins", func() bool { return a.ActiveDisc().Entries[1].Text == "Streaming answer begins " })
	if st := reloadReal(t, a, hc); st.Generation != 1 || st.IsError {
		t.Fatalf("reload: generation %d, error %q", st.Generation, st.Error)
	}
	close(release)
	chatFrames(t, hc, a, "finishes", func() bool { return !a.Chat.Busy })
	if e := a.ActiveDisc().Entries[1]; e.Text != "Streaming answer begins and finishes" || e.Status != "" || a.Chat.Error != "" {
		t.Fatalf("entry %+v, error %q", e, a.Chat.Error)
	}
}
