package e2e_test

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/markdown"
	"github.com/slopgui/slopgui/persist"
	"github.com/slopgui/slopgui/state"
)

// mdEntry is the markdown text of generated AI answer i.
func mdEntry(i int) string {
	return fmt.Sprintf("## Answer %d\n\nSome *emphasis*, **strong** text and `code`, a [link](https://go.dev/%d).\n\n"+
		"- first point %d\n- second point\n\n```go\nfunc f%d() int {\n\treturn %d // the answer\n}\n```\n\n> quoted %d\n",
		i+1, i, i, i, i, i)
}

// mdStats is the frames drawn and their mean drawing time over a span,
// from two status reports (the mean since the last trigger, and the
// frame count, as the status file has them).
func mdStats(b *testing.B, s *session, during func()) (fps, meanMs float64) {
	b.Helper()
	wait := func(after int) (int, int64, time.Time) {
		for {
			r, ok := s.Status()
			if ok && r.Frames > after {
				return r.Frames, r.MeanFrameUs, time.Now()
			}
			time.Sleep(time.Millisecond)
		}
	}
	r0, _ := s.Status()
	f0, m0, t0 := wait(r0.Frames)
	during()
	r1, _ := s.Status()
	f1, m1, t1 := wait(r1.Frames)
	frames := float64(f1 - f0)
	// The status file's mean is since the last trigger: take the part
	// of the sum these frames add.
	mean := (float64(m1)*float64(f1) - float64(m0)*float64(f0)) / frames / 1000
	return frames / t1.Sub(t0).Seconds(), mean
}

// BenchmarkMarkdown prints, for rendered answers (issue 19 item 1): the
// frame rate and drawing time while the Discussion Hub's history of
// 5,000 markdown answers is scrolled from top to bottom (its scroll bar
// dragged, so every frame shows entries not drawn before), while an
// answer streams in at 100 tokens a second, and the parse time of a 1 MB
// answer (in process).
func BenchmarkMarkdown(b *testing.B) {
	u := testutil.LargeUI(5000, 0, 0)
	d := &u.Discussions[0]
	for i := range d.Entries {
		d.Entries[i].Role, d.Entries[i].Text, d.Entries[i].Collapsed = state.RoleAI, mdEntry(i), false
	}
	const tokens = 500 // 5 s at 100 tokens/s
	srv := newModelServer(b, func(w http.ResponseWriter) {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for i := 0; i < tokens; i++ {
			<-tick.C
			tok := "word "
			switch {
			case i%100 == 20:
				tok = "\n\n```go\nfunc x() {\n"
			case i%100 == 60:
				tok = "\n}\n```\n\n- item "
			case i%100 == 61:
				tok = "**bold** "
			}
			sseText(w, tok)
		}
		sseEnd(w)
	})
	// A window the 5,000 answers fit in: the streaming row sends, not the
	// over-budget trimming preview.
	u.AI = state.AISettings{Provider: "openai-compatible", Model: "testmodel", MaxTokens: 256, BaseURL: srv.URL + "/v1", ContextWindow: 100_000_000}
	path := filepath.Join(b.TempDir(), "md.toml")
	if err := persist.WriteProject(path, persist.ProjectOf(&u), nil); err != nil {
		b.Fatal(err)
	}
	// The same texts as User entries: text boxes, as every entry was
	// drawn before answers were rendered.
	for i := range d.Entries {
		d.Entries[i].Role = state.RoleUser
	}
	plain := filepath.Join(b.TempDir(), "plain.toml")
	if err := persist.WriteProject(plain, persist.ProjectOf(&u), nil); err != nil {
		b.Fatal(err)
	}

	big := strings.Repeat(mdEntry(7), (1<<20)/len(mdEntry(7))+1)[:1<<20]
	fmt.Printf("\nRendered markdown answers (Xvfb, software GL, 2 cores)\n")
	fmt.Printf("%-56s %8s %12s\n", "", "FPS", "draw ms")
	b.ResetTimer()
	for range b.N {
		for _, c := range []struct{ name, path string }{
			{"5,000 text-box entries (as before), scrolled top to bottom", plain},
			{"5,000 rendered answers, scrolled top to bottom", path},
		} {
			s := startSessionArgs(b, []string{"XDG_RUNTIME_DIR=" + b.TempDir(), "OPENAI_API_KEY=" + e2eKey, "OPENAI_BASE_URL="},
				[]string{"-project", c.path})
			s.waitScreen("opened", 60*time.Second, "Answer", "point")
			fps, mean := mdStats(b, s, func() { dragHistoryToEnd(b, s) })
			s.waitScreen("scrolled to the end", 30*time.Second, "Answer 5000")
			fmt.Printf("%-56s %8.1f %12.2f\n", c.name, fps, mean)
			if c.path != path {
				s.stop()
				continue
			}
			if r := s.ctl("set", "ComposerText", `"stream please"`); r.code != 0 {
				b.Fatalf("ctl set: %s", r.stderr)
			}
			if r := s.ctl("click", "Send##composer-send"); r.code != 0 {
				b.Fatalf("ctl click Send: %s", r.stderr)
			}
			s.waitItem("streaming", 30*time.Second, func(it uitree.Item) bool {
				return it.Kind == uitree.Text && strings.Contains(it.Text, "word word")
			})
			fps, mean = mdStats(b, s, func() { time.Sleep(4 * time.Second) })
			fmt.Printf("%-56s %8.1f %12.2f\n", "an answer streaming at 100 tokens/s (5,001st entry)", fps, mean)
			s.stop()
		}
	}
	n, start := 0, time.Now()
	for time.Since(start) < 2*time.Second || n < 3 {
		_ = markdown.Parse(big)
		n++
	}
	fmt.Printf("%-56s %8s %12.1f\n", "parse of a 1 MB answer (in process, mean; ms)", "", float64(time.Since(start).Microseconds())/float64(n)/1000)
	fmt.Printf("(draw ms: the frame's drawing on the render thread, mean; FPS is what the window showed: at most 60,\n" +
		" and under software GL each frame's rendering costs far more than its drawing; compare the two scroll rows)\n")
}

// dragHistoryToEnd drags the Discussion Hub history's scroll bar from
// the top to the bottom over about 5 s, in 100 steps: every frame shows
// entries not drawn before.
func dragHistoryToEnd(b *testing.B, s *session) {
	b.Helper()
	tree := s.uiTree()
	var hubX, hubW float32
	for _, w := range tree.Windows {
		if w.Title == "Discussion Hub" {
			hubX, hubW = w.X, w.Width
		}
	}
	top := float32(0)
	for _, it := range tree.Items() {
		if it.Window == "Discussion Hub" && it.Key == "##toggle-0" {
			top = it.Rect.Y0
		}
	}
	if top == 0 {
		b.Fatal("the first entry is not drawn")
	}
	barX := strconv.Itoa(int(hubX + hubW - 14))
	s.xdotool("mousemove", barX, strconv.Itoa(int(top)+2))
	s.xdotool("mousedown", "1")
	for i := 1; i <= 100; i++ {
		s.xdotool("mousemove", barX, strconv.Itoa(int(top)+2+i*3))
		time.Sleep(50 * time.Millisecond)
	}
	s.xdotool("mouseup", "1")
}
