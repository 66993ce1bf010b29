package giubackend_test

import (
	"strings"
	"testing"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/giubackend"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/markdown"
)

const mdSample = "# Title\n\nSome *emphasis*, **strong** and `code`, a [link](https://example.com/x).\n\n" +
	"- one\n- two\n  1. nested\n\n> quoted **text**\n\n| k | v |\n|---|--:|\n| a | 1 |\n\n---\n\n" +
	"```go\nfunc f() int { return 1 }\n```\n\n```diff\n+added\n-removed\n```\n\n```python\nprint('open fence')\n"

// recordedFrame draws one frame with rec's begin and end around it, as
// the host does.
func recordedFrame(t *testing.T, ctx *headless.Context, rec *uitree.Recorder, draw func()) {
	t.Helper()
	rec.BeginFrame(0)
	err := ctx.Frame(draw)
	rec.EndFrame()
	if err != nil {
		t.Fatal(err)
	}
}

// drawDoc draws src rendered in a window filling the display.
func drawDoc(src string, onLink, onCopy func(string)) func() {
	doc := markdown.Parse(src)
	return func() {
		gui.Window("md").Pos(0, 0).Size(800, 900).Layout(gui.Markdown(&doc).ID("t").OnLink(onLink).OnCopy(onCopy))
	}
}

// Every construct draws, and the widget tree holds the text of each
// paragraph and heading, each code block (as code, with its language)
// and each code block's Copy button; a press of a Copy button puts that
// block's text on the clipboard.
func TestMarkdownWidgetTree(t *testing.T) {
	ctx := headless.New(t, 800, 900)
	rec := giubackend.InstallRecording()
	var copied []string
	draw := drawDoc(mdSample, nil, func(s string) { copied = append(copied, s) })
	if err := ctx.Frames(2, draw); err != nil {
		t.Fatal(err)
	}
	rec.Want()
	recordedFrame(t, ctx, rec, draw)
	tree := <-rec.Done()
	var texts, codes, langs, copies []string
	var copyIDs []string
	for _, it := range tree.Items() {
		switch {
		case it.Kind == uitree.Text:
			texts = append(texts, it.Text)
		case it.Kind == uitree.Code:
			codes = append(codes, it.Text)
			langs = append(langs, it.Value.(string))
		case it.Kind == uitree.Button && it.Label == "Copy":
			copies = append(copies, it.Key)
			copyIDs = append(copyIDs, it.ID)
		}
	}
	joined := strings.Join(texts, "|")
	for _, want := range []string{"Title", "Some emphasis, strong and code, a link.", "one", "nested", "quoted text", "k", "1"} {
		if !strings.Contains(joined, want) {
			t.Errorf("text %q not recorded; have %q", want, joined)
		}
	}
	wantCodes := []string{"func f() int { return 1 }\n", "+added\n-removed\n", "print('open fence')\n"}
	if strings.Join(codes, "|") != strings.Join(wantCodes, "|") || strings.Join(langs, ",") != "go,diff,python" {
		t.Errorf("code blocks %q (%v), want %q", codes, langs, wantCodes)
	}
	if want := []string{"Copy##copy-t-1", "Copy##copy-t-2", "Copy##copy-t-3"}; strings.Join(copies, ",") != strings.Join(want, ",") {
		t.Fatalf("Copy buttons %v, want %v", copies, want)
	}
	for _, it := range tree.Items() {
		if it.Kind == uitree.Code && (it.Rect.X1-it.Rect.X0 < 100 || it.Rect.Y1-it.Rect.Y0 < imgui.FontSize()) {
			t.Errorf("code block %q drawn in %+v: too small", it.Text, it.Rect)
		}
	}

	done := rec.Act(uitree.Press, copyIDs[1])
	recordedFrame(t, ctx, rec, draw)
	if !<-done {
		t.Fatal("the second Copy button was not drawn to press")
	}
	if len(copied) != 1 || copied[0] != wantCodes[1] {
		t.Errorf("copied %q, want %q", copied, wantCodes[1])
	}
	if got := imgui.ClipboardText(); got != wantCodes[1] {
		t.Errorf("clipboard %q, want %q", got, wantCodes[1])
	}
}

// A click on a link reports its address (the view then asks before
// opening it); a click on plain text reports nothing.
func TestMarkdownLinkClick(t *testing.T) {
	ctx := headless.New(t, 800, 900)
	rec := giubackend.InstallRecording()
	var links []string
	draw := drawDoc("[example link](https://example.com/x) and plain words after it", func(u string) { links = append(links, u) }, nil)
	if err := ctx.Frames(2, draw); err != nil {
		t.Fatal(err)
	}
	rec.Want()
	recordedFrame(t, ctx, rec, draw)
	var para uitree.Item
	for _, it := range (<-rec.Done()).Items() {
		if it.Kind == uitree.Text {
			para = it
		}
	}
	io := ctx.IO()
	click := func(x, y float32) {
		io.AddMousePosEvent(x, y)
		if err := ctx.Frame(draw); err != nil {
			t.Fatal(err)
		}
		io.AddMouseButtonEvent(0, true)
		if err := ctx.Frame(draw); err != nil {
			t.Fatal(err)
		}
		io.AddMouseButtonEvent(0, false)
		if err := ctx.Frame(draw); err != nil {
			t.Fatal(err)
		}
	}
	y := (para.Rect.Y0 + para.Rect.Y1) / 2
	click(para.Rect.X0+10, y) // on "example"
	if len(links) != 1 || links[0] != "https://example.com/x" {
		t.Fatalf("a click on the link reported %q", links)
	}
	click(para.Rect.X1-5, y) // past the text's end
	if len(links) != 1 {
		t.Errorf("a click off the link reported %q", links)
	}
}
