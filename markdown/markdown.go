// Package markdown parses a model's answer into an mdoc.Doc with goldmark
// (CommonMark plus GitHub tables, strikethrough, task lists and autolinks)
// and highlights its fenced code blocks. It is host-side: views get the
// plain-data document and never link the parser.
//
// Answers are parsed as they stream, so a fence that is not closed yet is
// still a code block (CommonMark runs it to the end of the text) and is
// marked Unterminated rather than shown as broken prose.
package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/slopgui/slopgui/mdoc"
)

var md = goldmark.New(
	goldmark.WithParser(newParser()),
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Linkify),
)

// newParser is goldmark's default parser with the fenced code block parser
// wrapped by fence.
func newParser() parser.Parser {
	blocks := parser.DefaultBlockParsers()
	for i, p := range blocks {
		if bp, ok := p.Value.(parser.BlockParser); ok && bytes.Equal(bp.Trigger(), []byte{'~', '`'}) {
			blocks[i].Value = fence{bp}
		}
	}
	return parser.NewParser(parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))
}

// maxDepth bounds how deep nested quotes and lists are followed: deeper
// content is flattened into its ancestor's text, so a hostile answer of a
// million ">" cannot build a million-deep tree for the view to recurse.
const maxDepth = 32

// Parse parses src. It never fails: any text is some markdown document.
func Parse(src string) mdoc.Doc {
	b := escapeFloods(boundNesting([]byte(src)))
	root := md.Parser().Parse(text.NewReader(b))
	c := converter{src: b}
	return mdoc.Doc{Blocks: c.blocks(root, 0)}
}

// boundNesting escapes the container marker that would open the
// (maxDepth+1)-th nested quote or list on a line, so that level and all
// deeper ones are text. goldmark has no depth limit and its time grows with
// the square of the depth: a line of a million ">" took minutes. Lines
// inside a top-level fenced code block are code and left alone.
func boundNesting(src []byte) []byte {
	var out []byte // nil until a line needs changing
	inFence := false
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start + 1
		}
		line := src[start:end]
		if trimmed := bytes.TrimLeft(line, " "); len(line)-len(trimmed) < 4 &&
			(bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~"))) {
			inFence = !inFence
		}
		if cut := deepMarker(line); !inFence && cut >= 0 {
			if out == nil {
				out = append(make([]byte, 0, len(src)+64), src[:start]...)
			}
			out = append(out, line[:cut]...)
			out = append(out, '\\')
			out = append(out, line[cut:]...)
		} else if out != nil {
			out = append(out, line...)
		}
		start = end
	}
	if out == nil {
		return src
	}
	return out
}

// deepMarker returns the offset of the (maxDepth+1)-th container marker
// (">", "-", "*", "+", or "1." / "1)") in the line's leading run of markers
// and blanks, or -1 when there are not that many.
func deepMarker(line []byte) int {
	markers := 0
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			continue
		case c == '>':
		case c == '-' || c == '*' || c == '+':
			if !blankAt(line, i+1) {
				return -1 // a rule, a setext underline, emphasis: not a list
			}
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j == len(line) || (line[j] != '.' && line[j] != ')') || !blankAt(line, j+1) {
				return -1
			}
			if markers == maxDepth {
				return i
			}
			markers++
			i = j
			continue
		default:
			return -1
		}
		if markers == maxDepth {
			return i
		}
		markers++
	}
	return -1
}

// maxDelims is how many emphasis and link delimiters one paragraph may
// hold before they are all taken literally. goldmark's inline parser is
// quadratic in a paragraph's unmatched delimiters: 160 KB of "[" took 57 s.
// A paragraph of prose has tens; 4096 parses in about 70 ms at worst.
const maxDelims = 4096

// escapeFloods backslash-escapes every "[", "*" and "_" of a run of
// non-blank lines (outside fenced code, and outside inline code spans) that
// holds more than maxDelims of them, so the run is shown as its text.
func escapeFloods(src []byte) []byte {
	var out []byte // nil until a run needs changing
	inFence := false
	runStart, delims := 0, 0
	flush := func(end int) {
		if delims > maxDelims {
			if out == nil {
				out = append(make([]byte, 0, len(src)+delims), src[:runStart]...)
			}
			inCode := false
			for _, c := range src[runStart:end] {
				switch {
				case c == '`':
					inCode = !inCode
				case c == '\n':
					inCode = false
				case !inCode && (c == '[' || c == '*' || c == '_'):
					out = append(out, '\\')
				}
				out = append(out, c)
			}
		} else if out != nil {
			out = append(out, src[runStart:end]...)
		}
		runStart, delims = end, 0
	}
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start + 1
		}
		line := src[start:end]
		trimmed := bytes.TrimLeft(line, " ")
		fence := len(line)-len(trimmed) < 4 && (bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")))
		if fence || inFence || len(bytes.TrimSpace(line)) == 0 {
			flush(start)
			if fence {
				inFence = !inFence
			}
			runStart = end
		} else {
			delims += bytes.Count(line, []byte("[")) + bytes.Count(line, []byte("*")) + bytes.Count(line, []byte("_"))
		}
		start = end
	}
	flush(len(src))
	if out == nil {
		return src
	}
	return out
}

// blankAt reports whether line has a blank, a line end or nothing at i.
func blankAt(line []byte, i int) bool {
	return i >= len(line) || line[i] == ' ' || line[i] == '\t' || line[i] == '\n' || line[i] == '\r'
}

type converter struct {
	src []byte
}

func (c converter) blocks(parent ast.Node, depth int) []mdoc.Block {
	var out []mdoc.Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if b, ok := c.block(n, depth); ok {
			out = append(out, b)
		}
	}
	return out
}

func (c converter) block(n ast.Node, depth int) (mdoc.Block, bool) {
	if depth >= 2*maxDepth { // a backstop: boundNesting keeps lines within maxDepth
		return mdoc.Block{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: c.rawText(n)}}}, true
	}
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return mdoc.Block{Kind: mdoc.Paragraph, Spans: c.spans(n, 0, "")}, true
	case *ast.Heading:
		return mdoc.Block{Kind: mdoc.Heading, Level: n.Level, Spans: c.spans(n, 0, "")}, true
	case *ast.ThematicBreak:
		return mdoc.Block{Kind: mdoc.Rule}, true
	case *ast.FencedCodeBlock:
		lang := ""
		if n.Info != nil {
			lang, _, _ = strings.Cut(strings.TrimSpace(string(n.Info.Segment.Value(c.src))), " ")
		}
		code := c.lines(n)
		return mdoc.Block{Kind: mdoc.Code, Lang: lang, Text: code, Tokens: Highlight(lang, code), Unterminated: !c.closed(n)}, true
	case *ast.CodeBlock:
		code := c.lines(n)
		return mdoc.Block{Kind: mdoc.Code, Text: code, Tokens: Highlight("", code)}, true
	case *ast.HTMLBlock:
		// Shown as written: the app renders no HTML.
		return mdoc.Block{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: strings.TrimRight(c.lines(n), "\n"), Style: mdoc.Mono}}}, true
	case *ast.Blockquote:
		return mdoc.Block{Kind: mdoc.Quote, Children: c.blocks(n, depth+1)}, true
	case *ast.List:
		b := mdoc.Block{Kind: mdoc.List, Ordered: n.IsOrdered(), Start: n.Start}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			item := mdoc.Block{Kind: mdoc.Item, Children: c.blocks(it, depth+1)}
			if box := taskBox(it); box != nil {
				item.Task, item.Checked = true, box.IsChecked
			}
			b.Children = append(b.Children, item)
		}
		return b, true
	case *east.Table:
		b := mdoc.Block{Kind: mdoc.Table}
		for _, a := range n.Alignments {
			b.Align = append(b.Align, align(a))
		}
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []mdoc.Cell
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cells = append(cells, mdoc.Cell{Spans: c.spans(cell, 0, "")})
			}
			if _, ok := row.(*east.TableHeader); ok {
				b.Header = cells
			} else {
				b.Rows = append(b.Rows, cells)
			}
		}
		return b, true
	}
	// Anything else (link reference definitions leave no node; future
	// extensions might) is kept as its text rather than dropped.
	if t := c.rawText(n); t != "" {
		return mdoc.Block{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: t}}}, true
	}
	return mdoc.Block{}, false
}

// spans flattens n's inline children into styled spans.
func (c converter) spans(n ast.Node, style mdoc.Style, url string) []mdoc.Span {
	var out []mdoc.Span
	add := func(s string, st mdoc.Style, u string) {
		if s == "" {
			return
		}
		if k := len(out) - 1; k >= 0 && out[k].Style == st && out[k].URL == u {
			out[k].Text += s
			return
		}
		out = append(out, mdoc.Span{Text: s, Style: st, URL: u})
	}
	var walk func(n ast.Node, st mdoc.Style, u string)
	walk = func(n ast.Node, st mdoc.Style, u string) {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch ch := ch.(type) {
			case *ast.Text:
				add(c.text(ch.Segment.Value(c.src)), st, u)
				switch {
				case ch.HardLineBreak():
					add("\n", st, u)
				case ch.SoftLineBreak():
					add(" ", st, u)
				}
			case *ast.String:
				add(string(ch.Value), st, u)
			case *ast.CodeSpan:
				add(c.rawText(ch), st|mdoc.Mono, u)
			case *ast.Emphasis:
				s := st | mdoc.Italic
				if ch.Level >= 2 {
					s = st | mdoc.Bold
				}
				walk(ch, s, u)
			case *east.Strikethrough:
				walk(ch, st|mdoc.Strike, u)
			case *ast.Link:
				walk(ch, st|mdoc.Link, string(ch.Destination))
			case *ast.AutoLink:
				dest := string(ch.URL(c.src))
				if ch.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(dest, "mailto:") {
					dest = "mailto:" + dest
				}
				add(string(ch.Label(c.src)), st|mdoc.Link, dest)
			case *ast.Image:
				// Images are not fetched: the alt text links to the source.
				walk(ch, st|mdoc.Link, string(ch.Destination))
			case *ast.RawHTML:
				var b bytes.Buffer
				for i := 0; i < ch.Segments.Len(); i++ {
					seg := ch.Segments.At(i)
					b.Write(seg.Value(c.src))
				}
				add(b.String(), st|mdoc.Mono, u)
			case *east.TaskCheckBox:
				// The item carries the box.
			default:
				walk(ch, st, u)
			}
		}
	}
	walk(n, style, url)
	return out
}

// text is inline source text as shown: backslash escapes and character
// references resolved, as goldmark's own renderer does.
func (c converter) text(raw []byte) string {
	if bytes.IndexByte(raw, '\\') < 0 && bytes.IndexByte(raw, '&') < 0 {
		return string(raw)
	}
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(raw))))
}

// lines is a block's text from its line segments.
func (c converter) lines(n ast.Node) string {
	var b strings.Builder
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		b.Write(seg.Value(c.src))
	}
	return b.String()
}

// rawText is the source text under n, for nodes shown as written.
func (c converter) rawText(n ast.Node) string {
	if n.Type() == ast.TypeBlock {
		if t := strings.TrimSpace(c.lines(n)); t != "" {
			return t
		}
	}
	var b strings.Builder
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if t, ok := ch.(*ast.Text); ok {
			b.Write(t.Segment.Value(c.src))
			continue
		}
		b.WriteString(c.rawText(ch))
	}
	return b.String()
}

// closed reports whether a fenced block had its closing fence.
func (c converter) closed(n *ast.FencedCodeBlock) bool {
	_, ok := n.Attribute(closedAttr)
	return ok
}

// closedAttr marks a fenced code block whose closing fence was read.
var closedAttr = []byte("slopgui-closed")

// fence is goldmark's fenced code block parser, noting on the node when the
// closing fence is read: CommonMark runs an unclosed fence to the end of
// the text, and the node does not say which happened.
type fence struct {
	parser.BlockParser
}

func (f fence) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	st := f.BlockParser.Continue(node, reader, pc)
	if st == parser.Close {
		node.SetAttribute(closedAttr, true)
	}
	return st
}

func taskBox(item ast.Node) *east.TaskCheckBox {
	first := item.FirstChild()
	if first == nil {
		return nil
	}
	if box, ok := first.FirstChild().(*east.TaskCheckBox); ok {
		return box
	}
	return nil
}

func align(a east.Alignment) mdoc.Align {
	switch a {
	case east.AlignLeft:
		return mdoc.AlignLeft
	case east.AlignCenter:
		return mdoc.AlignCenter
	case east.AlignRight:
		return mdoc.AlignRight
	}
	return mdoc.AlignNone
}
