package gui

import (
	"fmt"
	"strconv"

	"github.com/slopgui/slopgui/gui/imgui"
	"github.com/slopgui/slopgui/mdoc"
)

// TextStyle is how a run of rich text is drawn: Heading 1–6 for a
// heading's size and weight (0 for body text), Dim for a quote's text.
type TextStyle struct {
	Heading int
	Dim     bool
}

// MarkdownBackend is what a Backend draws rendered markdown with: rich
// text (styled spans wrapped at the available width) and code blocks
// (the monospace font on their own background, coloured by token). The
// host's backend implements it; gui.Markdown composes documents of them.
type MarkdownBackend interface {
	// RichText draws spans wrapped at the available width and returns
	// the URL of the link clicked this frame, or "".
	RichText(spans []mdoc.Span, st TextStyle) (clickedURL string)
	// CodeBlock draws a code block's text, highlighted by its tokens.
	CodeBlock(b *mdoc.Block)
	// QuoteBar draws a block quote's bar at x from y0 to y1 (window
	// coordinates, as CursorPosX/Y).
	QuoteBar(x, y0, y1 float32)
}

// MarkdownWidget draws a parsed document (mdoc.Doc, from the host) as
// rendered markdown: headings, emphasis, lists, links, tables, quotes and
// code blocks, each code block with a Copy button that puts its text on
// the clipboard.
type MarkdownWidget struct {
	doc    *mdoc.Doc
	id     string
	onLink func(url string)
	onCopy func(text string)
}

// Markdown draws doc; a nil doc draws nothing.
func Markdown(doc *mdoc.Doc) *MarkdownWidget { return &MarkdownWidget{doc: doc} }

// ID names the widget, so its Copy buttons' IDs are unique ("Copy##copy-ID-N").
func (m *MarkdownWidget) ID(id string) *MarkdownWidget { m.id = id; return m }

// OnLink is what a click on a link does (nothing by default): views ask
// the user, then the host opens it.
func (m *MarkdownWidget) OnLink(fn func(url string)) *MarkdownWidget { m.onLink = fn; return m }

// OnCopy is called after a Copy button put a code block's text on the
// clipboard.
func (m *MarkdownWidget) OnCopy(fn func(text string)) *MarkdownWidget { m.onCopy = fn; return m }

// Build implements Widget.
func (m *MarkdownWidget) Build() {
	if m.doc == nil {
		return
	}
	mb, ok := be.(MarkdownBackend)
	if !ok {
		Label(m.doc.PlainText()).Wrapped(true).Build()
		return
	}
	d := mdDrawer{w: m, be: mb}
	d.blocks(m.doc.Blocks, TextStyle{})
}

// mdDrawer walks a document, drawing each block.
type mdDrawer struct {
	w     *MarkdownWidget
	be    MarkdownBackend
	codes int // code blocks drawn so far: their Copy buttons' numbers
	table int
}

func (d *mdDrawer) link(url string) {
	if url != "" && d.w.onLink != nil {
		d.w.onLink(url)
	}
}

func (d *mdDrawer) blocks(bs []mdoc.Block, st TextStyle) {
	for i := range bs {
		d.block(&bs[i], st)
	}
}

func (d *mdDrawer) block(b *mdoc.Block, st TextStyle) {
	switch b.Kind {
	case mdoc.Paragraph:
		d.link(d.be.RichText(b.Spans, st))
	case mdoc.Heading:
		h := st
		h.Heading = b.Level
		d.link(d.be.RichText(b.Spans, h))
	case mdoc.Rule:
		Separator().Build()
	case mdoc.Code:
		d.code(b)
	case mdoc.Quote:
		indent := imgui.FontSize()
		x0, y0 := imgui.CursorPosX(), imgui.CursorPosY()
		imgui.Indent(indent)
		q := st
		q.Dim = true
		d.blocks(b.Children, q)
		imgui.Unindent(indent)
		d.be.QuoteBar(x0, y0, imgui.CursorPosY()-imgui.CurrentStyle().ItemSpacing().Y)
	case mdoc.List:
		d.list(b, st)
	case mdoc.Item: // outside a list: as a list of one
		d.list(&mdoc.Block{Kind: mdoc.List, Children: []mdoc.Block{*b}}, st)
	case mdoc.Table:
		d.tableBlock(b, st)
	}
}

// list draws a list's items with their bullets or numbers; nested lists
// are indented further.
func (d *mdDrawer) list(b *mdoc.Block, st TextStyle) {
	indent := imgui.FontSize() * 1.5
	for i := range b.Children {
		it := &b.Children[i]
		marker := "•"
		if b.Ordered {
			marker = strconv.Itoa(b.Start+i) + "."
		}
		if it.Task {
			marker = "☐"
			if it.Checked {
				marker = "☑"
			}
		}
		x := imgui.CursorPosX()
		y := imgui.CursorPosY()
		imgui.TextUnformatted(marker)
		imgui.SetCursorPosY(y)
		imgui.SetCursorPosX(x)
		imgui.Indent(indent)
		if len(it.Children) == 0 {
			imgui.Dummy(imgui.Vec2{X: 1, Y: imgui.TextLineHeight()})
		}
		d.blocks(it.Children, st)
		imgui.Unindent(indent)
	}
}

// code draws a code block under a header with its language and a Copy
// button.
func (d *mdDrawer) code(b *mdoc.Block) {
	d.codes++
	lang := b.Lang
	if lang == "" {
		lang = "code"
	}
	if b.Unterminated {
		lang += " …"
	}
	imgui.AlignTextToFramePadding()
	imgui.TextUnformatted(lang)
	imgui.SameLine()
	label := "Copy"
	if right := imgui.CursorPosX() + imgui.ContentRegionAvail().X - CalcButtonWidth(label); right > imgui.CursorPosX() {
		imgui.SetCursorPosX(right)
	}
	text := b.Text
	Button(label).ID(ID(fmt.Sprintf("%s##copy-%s-%d", label, d.w.id, d.codes))).OnClick(func() {
		imgui.SetClipboardText(text)
		if d.w.onCopy != nil {
			d.w.onCopy(text)
		}
	}).Build()
	d.be.CodeBlock(b)
}

// CalcButtonWidth is the width of a button labelled label.
func CalcButtonWidth(label string) float32 {
	return imgui.CalcTextSizeV(label, true, -1).X + imgui.CurrentStyle().FramePadding().X*2
}

// tableBlock draws a table with a header row.
func (d *mdDrawer) tableBlock(b *mdoc.Block, st TextStyle) {
	cols := len(b.Header)
	for _, r := range b.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	d.table++
	if !imgui.BeginTableV(fmt.Sprintf("##md-table-%s-%d", d.w.id, d.table), int32(min(cols, 64)),
		imgui.TableFlagsBorders|imgui.TableFlagsRowBg|imgui.TableFlagsNoSavedSettings, imgui.Vec2{}, 0) {
		return
	}
	row := func(cells []mdoc.Cell, s TextStyle) {
		imgui.TableNextRow()
		for c := 0; c < min(cols, 64); c++ {
			imgui.TableNextColumn()
			if c < len(cells) {
				d.link(d.be.RichText(cells[c].Spans, s))
			}
		}
	}
	h := st
	h.Heading = 6 // bold, body size
	row(b.Header, h)
	for _, r := range b.Rows {
		row(r, st)
	}
	imgui.EndTable()
}
