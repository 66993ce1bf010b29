// Package mdoc is a parsed markdown document as plain data: blocks, styled
// spans and highlighted code tokens, with no parser and no drawing code. The
// host parses an answer once (package markdown) and views draw the result
// with gui/ widgets, so view plugins link neither a markdown parser nor a
// highlighter, and a document can be cached beside the entry it renders.
package mdoc

// Doc is a parsed document: its blocks in reading order.
type Doc struct {
	Blocks []Block
}

// BlockKind says what a Block is and which of its fields are set.
type BlockKind uint8

// Block kinds.
const (
	Paragraph BlockKind = iota // Spans
	Heading                    // Level (1–6), Spans
	Code                       // Lang, Text, Tokens, Unterminated
	Quote                      // Children
	List                       // Ordered, Start, Children (each an Item)
	Item                       // Children; Task and Checked for "- [x]" items
	Table                      // Header, Rows, Align
	Rule                       // nothing: a thematic break
)

// String names the kind, for tests and debugging.
func (k BlockKind) String() string {
	names := [...]string{"paragraph", "heading", "code", "quote", "list", "item", "table", "rule"}
	if int(k) < len(names) {
		return names[k]
	}
	return "unknown"
}

// Block is one block of a document.
type Block struct {
	Kind  BlockKind
	Level int    // Heading: 1 for #, up to 6
	Spans []Span // Paragraph, Heading: the inline text

	// Code: the info string's first word ("go", "json"; may be empty), the
	// code's text, its tokens for highlighting (concatenated they give Text
	// back), and whether the closing fence is missing — an answer still
	// streaming, or one cut off.
	Lang         string
	Text         string
	Tokens       []Token
	Unterminated bool

	Children []Block // Quote, List, Item

	Ordered bool // List: numbered
	Start   int  // List: the first number of an ordered list

	Task, Checked bool // Item: a task-list item and its box

	Header []Cell   // Table: the header row
	Rows   [][]Cell // Table: the body rows
	Align  []Align  // Table: one per column
}

// Cell is one table cell's inline text.
type Cell struct {
	Spans []Span
}

// Align is a table column's alignment.
type Align uint8

// Column alignments.
const (
	AlignNone Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Style is a set of inline styles.
type Style uint8

// Inline styles; a span can have several.
const (
	Bold Style = 1 << iota
	Italic
	Strike
	Mono // inline code
	Link // URL is set
)

// Span is a run of inline text in one style. A hard line break is a span
// whose Text is "\n".
type Span struct {
	Text  string
	Style Style
	URL   string // Link: the destination
}

// TokenKind is what a code token is, for its colour.
type TokenKind uint8

// Token kinds.
const (
	Plain TokenKind = iota
	Keyword
	String
	Number
	Comment
	Punct
	Added   // diff: a + line
	Removed // diff: a - line
	Meta    // diff: @@ hunks and file headers; shell prompts
)

// Token is a run of code text of one kind.
type Token struct {
	Text string
	Kind TokenKind
}

// PlainText is the document's text without markup, for search and copy.
func (d Doc) PlainText() string {
	var b []byte
	var walk func(bs []Block)
	walk = func(bs []Block) {
		for _, bl := range bs {
			for _, s := range bl.Spans {
				b = append(b, s.Text...)
			}
			if bl.Kind == Code {
				b = append(b, bl.Text...)
			}
			for _, c := range bl.Header {
				for _, s := range c.Spans {
					b = append(b, s.Text...)
				}
				b = append(b, '\t')
			}
			for _, r := range bl.Rows {
				b = append(b, '\n')
				for _, c := range r {
					for _, s := range c.Spans {
						b = append(b, s.Text...)
					}
					b = append(b, '\t')
				}
			}
			walk(bl.Children)
			b = append(b, '\n')
		}
	}
	walk(d.Blocks)
	return string(b)
}
