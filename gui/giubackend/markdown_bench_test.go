package giubackend_test

import (
	"fmt"
	"testing"

	"github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/giubackend"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/markdown"
	"github.com/slopgui/slopgui/mdoc"
)

// benchAnswer is answer i of the e2e BenchmarkMarkdown with a paragraph
// of prose (as answers mostly are) added.
func benchAnswer(i int) string {
	return fmt.Sprintf("## Answer %d\n\nSome *emphasis*, **strong** text and `code`, a [link](https://go.dev/%d).\n\n"+
		"A longer paragraph of plain prose, as answers mostly are, that runs over several lines of the window so the words wrap, and then some more words to be sure it does wrap a few times over.\n\n- first point %d\n- second point\n\n```go\nfunc f%d() int {\n\treturn %d // the answer\n}\n```\n\n> quoted %d\n",
		i+1, i, i, i, i, i)
}

// BenchmarkAnswersFrame is one headless frame (drawing only, no GL) of a
// window showing the answers a Discussion Hub shows at once: rendered as
// markdown, and as the text boxes every entry was before.
func BenchmarkAnswersFrame(b *testing.B) {
	const shown = 4
	texts := make([]string, shown)
	docs := make([]mdoc.Doc, shown)
	for i := range texts {
		texts[i] = benchAnswer(i)
		docs[i] = markdown.Parse(texts[i])
	}
	for _, c := range []struct {
		name string
		w    func(i int) gui.Widget
	}{
		{"rendered", func(i int) gui.Widget { return gui.Markdown(&docs[i]).ID(fmt.Sprint(i)) }},
		{"textbox", func(i int) gui.Widget {
			return gui.InputTextMultiline(&texts[i]).ID(gui.ID(fmt.Sprint("##t", i))).Size(-1, 200).Flags(gui.InputTextFlagsWordWrap)
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			ctx := headless.New(b, 620, 700)
			giubackend.Install()
			draw := func() {
				ws := make([]gui.Widget, shown)
				for i := range ws {
					ws[i] = c.w(i)
				}
				gui.Window("w").Pos(0, 0).Size(600, 700).Layout(ws...)
			}
			for b.Loop() {
				if err := ctx.Frame(draw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
