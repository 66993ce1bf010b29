package e2e_test

import (
	"image"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/gui/uitree"
)

// mdCode is the Go code block of the streamed answer, exactly as a Copy
// must put it on the clipboard.
const mdCode = "func main() {\n\tfmt.Println(\"hello gopher\")\n}\n"

// mdAnswer is the streamed answer: a heading, a list and a Go block.
var mdAnswer = []string{
	"# Build plan\n\n", "- first item\n", "- second item\n\n",
	"```go\n", "func main() {\n", "\tfmt.Println(\"hello gopher\")\n", // held here: the fence is open
	"}\n```\n\n", "All done, see [the docs](https://example.com/docs).",
}

// markdownProject writes a project whose model is srv.
func markdownProject(t *testing.T, srvURL string) string {
	t.Helper()
	return writeModelProject(t, "md.toml", "Markdown Project", t.TempDir(), srvURL+"/v1", `[[Discussions]]
  Name = "main"
`)
}

// darkFraction is the share of sampled pixels in r that are the code
// blocks' background (near black, bluish).
func darkFraction(img image.Image, r image.Rectangle) float64 {
	r = r.Intersect(img.Bounds())
	dark, all := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y += 3 {
		for x := r.Min.X; x < r.Max.X; x += 3 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			R, G, B := int(cr>>8), int(cg>>8), int(cb>>8)
			all++
			if R < 32 && G < 36 && B < 42 && B >= R {
				dark++
			}
		}
	}
	if all == 0 {
		return 0
	}
	return float64(dark) / float64(all)
}

// A streamed answer renders as markdown as it arrives: the heading, the
// list, and the Go block as code (its own dark background, the code's
// text) even while its fence is still open; the block's Copy button puts
// exactly its code on the clipboard; Edit shows the raw text, Read the
// rendered answer again.
func TestMarkdownAnswer(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := newModelServer(t, func(w http.ResponseWriter) {
		for i, p := range mdAnswer {
			sseText(w, p)
			if i == 5 {
				select {
				case <-release:
				case <-time.After(5 * time.Minute):
				}
			}
		}
		sseEnd(w)
	})
	rt := t.TempDir()
	// xdg-open is a script that writes down the address it was given.
	bin, opened := t.TempDir(), filepath.Join(t.TempDir(), "opened")
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte("#!/bin/sh\necho \"$1\" > "+opened+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	s := startSessionArgs(t, []string{"XDG_RUNTIME_DIR=" + rt, "OPENAI_API_KEY=" + e2eKey, "OPENAI_BASE_URL=",
		"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")},
		[]string{"-project", markdownProject(t, srv.URL)})
	s.waitScreen("opened", 30*time.Second, "Markdown Project")
	if r := s.ctl("set", "ComposerText", `"Show me a plan"`); r.code != 0 {
		t.Fatalf("ctl set: %d %s", r.code, r.stderr)
	}
	if r := s.ctl("click", "Send##composer-send"); r.code != 0 {
		t.Fatalf("ctl click Send: %d %s", r.code, r.stderr)
	}

	// Mid-stream, the fence is open: already code, not prose.
	s.waitItem("the open code block", 30*time.Second, func(it uitree.Item) bool {
		return it.Kind == uitree.Code && strings.Contains(it.Text, "hello gopher")
	})
	s.waitScreen("streaming as markdown", 30*time.Second, "Build", "plan", "first", "item", "hello", "streaming")
	close(release)

	code := s.waitItem("the finished code block", 30*time.Second, func(it uitree.Item) bool {
		return it.Kind == uitree.Code && it.Text == mdCode && it.Value == "go"
	})
	img, text := s.waitScreenText("rendered", 30*time.Second, "Build", "plan", "second", "item", "hello", "gopher", "done")
	for _, raw := range []string{"# Build", "- first", "```"} {
		if strings.Contains(text, raw) {
			t.Errorf("the markup %q is on screen: the answer is not rendered\n%s", raw, text)
		}
	}
	r := image.Rect(int(code.Rect.X0), int(code.Rect.Y0), int(code.Rect.X1), int(code.Rect.Y1))
	if r.Dx() < 100 || r.Dy() < 30 {
		t.Fatalf("code block rect %v is too small", r)
	}
	if f := darkFraction(img, r); f < 0.6 {
		t.Errorf("the code block %v is not drawn on its dark background (%.0f%% dark)", r, f*100)
	}
	above := image.Rect(r.Min.X, r.Min.Y-3*r.Dy(), r.Max.X, r.Min.Y-r.Dy()) // the heading and list
	if f := darkFraction(img, above); f > 0.3 {
		t.Errorf("the prose above the code block is drawn dark too (%.0f%%)", f*100)
	}

	// Copy: exactly the block's code on the clipboard.
	tree := s.uiTree()
	var copyBtn *uitree.Item
	for _, it := range tree.Items() {
		if it.Kind == uitree.Button && it.Label == "Copy" && strings.HasPrefix(it.Key, "Copy##copy-1-") {
			copyBtn = &it
		}
	}
	if copyBtn == nil {
		t.Fatalf("no Copy button in the widget tree: %+v", tree.Items())
	}
	x, y := copyBtn.Rect.Center()
	s.click(int(x), int(y))
	deadline := time.Now().Add(20 * time.Second)
	var clip string
	for {
		cmd := exec.Command("xclip", "-o", "-selection", "clipboard")
		cmd.Env = append(os.Environ(), "DISPLAY="+s.display)
		out, err := cmd.Output()
		clip = string(out)
		if err == nil && clip == mdCode {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("clipboard holds %q (%v), want the code block %q", clip, err, mdCode)
		}
		time.Sleep(100 * time.Millisecond)
	}

	// Edit: the raw text in its box; Read: rendered again.
	if r := s.ctl("click", "Edit##readedit-1"); r.code != 0 {
		t.Fatalf("ctl click Edit: %d %s", r.code, r.stderr)
	}
	raw := strings.Join(mdAnswer, "")
	s.waitItem("the raw text box", 20*time.Second, func(it uitree.Item) bool {
		return it.Kind == uitree.Input && it.Value == raw
	})
	for _, it := range s.uiTree().Items() {
		if it.Kind == uitree.Code {
			t.Errorf("in Edit mode a code block is still rendered: %+v", it)
		}
	}
	s.waitScreen("raw text", 20*time.Second, "Build", "plan", "Read")
	if r := s.ctl("click", "Read##readedit-1"); r.code != 0 {
		t.Fatalf("ctl click Read: %d %s", r.code, r.stderr)
	}
	s.waitItem("rendered again", 20*time.Second, func(it uitree.Item) bool {
		return it.Kind == uitree.Code && it.Text == mdCode
	})

	// A link asks first, then goes to xdg-open.
	para := s.waitItem("the paragraph with the link", 20*time.Second, func(it uitree.Item) bool {
		return it.Kind == uitree.Text && strings.HasPrefix(it.Text, "All done, see the docs")
	})
	s.click(int(para.Rect.X0)+120, int((para.Rect.Y0+para.Rect.Y1)/2))
	s.waitScreen("link dialog", 20*time.Second, "Open", "link?", "example.com/docs")
	if _, err := os.Stat(opened); err == nil {
		t.Fatal("the link was opened before the user confirmed")
	}
	if r := s.ctl("click", "Open##link-open"); r.code != 0 {
		t.Fatalf("ctl click Open: %d %s", r.code, r.stderr)
	}
	deadline = time.Now().Add(20 * time.Second)
	for {
		b, _ := os.ReadFile(opened)
		if string(b) == "https://example.com/docs\n" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("xdg-open got %q, want the link", b)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
