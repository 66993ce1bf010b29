package markdown_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/markdown"
	"github.com/slopgui/slopgui/mdoc"
)

func TestParseConstructs(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []mdoc.Block
	}{
		{"paragraph", "Hello\nworld", []mdoc.Block{{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "Hello world"}}}}},
		{"hard break", "a  \nb", []mdoc.Block{{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "a\nb"}}}}},
		{"headings", "# One\n### Three", []mdoc.Block{
			{Kind: mdoc.Heading, Level: 1, Spans: []mdoc.Span{{Text: "One"}}},
			{Kind: mdoc.Heading, Level: 3, Spans: []mdoc.Span{{Text: "Three"}}},
		}},
		{"emphasis", "*i* **b** ~~s~~ `c` ***bi***", []mdoc.Block{{Kind: mdoc.Paragraph, Spans: []mdoc.Span{
			{Text: "i", Style: mdoc.Italic}, {Text: " "}, {Text: "b", Style: mdoc.Bold}, {Text: " "},
			{Text: "s", Style: mdoc.Strike}, {Text: " "}, {Text: "c", Style: mdoc.Mono}, {Text: " "},
			{Text: "bi", Style: mdoc.Italic | mdoc.Bold},
		}}}},
		{"links", "see [the docs](https://example.com/d) or https://go.dev", []mdoc.Block{{Kind: mdoc.Paragraph, Spans: []mdoc.Span{
			{Text: "see "}, {Text: "the docs", Style: mdoc.Link, URL: "https://example.com/d"}, {Text: " or "},
			{Text: "https://go.dev", Style: mdoc.Link, URL: "https://go.dev"},
		}}}},
		{"bold link", "**[x](u)**", []mdoc.Block{{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "x", Style: mdoc.Bold | mdoc.Link, URL: "u"}}}}},
		{"quote", "> quoted\n> text", []mdoc.Block{{Kind: mdoc.Quote, Children: []mdoc.Block{
			{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "quoted text"}}},
		}}}},
		{"bullet list", "- a\n- b", []mdoc.Block{{Kind: mdoc.List, Children: []mdoc.Block{
			{Kind: mdoc.Item, Children: []mdoc.Block{{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "a"}}}}},
			{Kind: mdoc.Item, Children: []mdoc.Block{{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "b"}}}}},
		}}}},
		{"ordered list", "3. c\n4. d", []mdoc.Block{{Kind: mdoc.List, Ordered: true, Start: 3, Children: []mdoc.Block{
			{Kind: mdoc.Item, Children: []mdoc.Block{{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "c"}}}}},
			{Kind: mdoc.Item, Children: []mdoc.Block{{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "d"}}}}},
		}}}},
		{"task list", "- [x] done\n- [ ] todo", []mdoc.Block{{Kind: mdoc.List, Children: []mdoc.Block{
			{Kind: mdoc.Item, Task: true, Checked: true, Children: []mdoc.Block{{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "done"}}}}},
			{Kind: mdoc.Item, Task: true, Children: []mdoc.Block{{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "todo"}}}}},
		}}}},
		{"rule", "a\n\n---\n\nb", []mdoc.Block{
			{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "a"}}}, {Kind: mdoc.Rule},
			{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "b"}}},
		}},
		{"table", "| k | v |\n|:--|--:|\n| a | `1` |", []mdoc.Block{{Kind: mdoc.Table,
			Align:  []mdoc.Align{mdoc.AlignLeft, mdoc.AlignRight},
			Header: []mdoc.Cell{{Spans: []mdoc.Span{{Text: "k"}}}, {Spans: []mdoc.Span{{Text: "v"}}}},
			Rows:   [][]mdoc.Cell{{{Spans: []mdoc.Span{{Text: "a"}}}, {Spans: []mdoc.Span{{Text: "1", Style: mdoc.Mono}}}}},
		}}},
		{"fenced code", "```json\n{\"a\": 1}\n```\nafter", []mdoc.Block{
			{Kind: mdoc.Code, Lang: "json", Text: "{\"a\": 1}\n", Tokens: markdown.Highlight("json", "{\"a\": 1}\n")},
			{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "after"}}},
		}},
		{"info string words", "~~~go title=x\nx\n~~~", []mdoc.Block{{Kind: mdoc.Code, Lang: "go", Text: "x\n", Tokens: []mdoc.Token{{Text: "x\n"}}}}},
		{"indented code", "    code here\n", []mdoc.Block{{Kind: mdoc.Code, Text: "code here\n", Tokens: []mdoc.Token{{Text: "code here\n"}}}}},
		{"escapes and entities", `\*not\* &amp; &#65;`, []mdoc.Block{{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "*not* & A"}}}}},
		{"html shown as written", "<div>x</div>", []mdoc.Block{{Kind: mdoc.Paragraph, Spans: []mdoc.Span{{Text: "<div>x</div>", Style: mdoc.Mono}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := markdown.Parse(tc.src).Blocks
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tc.src, got, tc.want)
			}
		})
	}
}

// An answer still streaming has an open fence: it is code, marked
// unterminated, not prose; once the fence closes the mark goes.
func TestUnterminatedFence(t *testing.T) {
	for _, tc := range []struct {
		src          string
		text         string
		unterminated bool
	}{
		{"Here:\n```go\nfunc main() {\n\tfmt.Println(\"# not a heading\")\n", "func main() {\n\tfmt.Println(\"# not a heading\")\n", true},
		{"Here:\n```go\nfunc main() {}\n```\n", "func main() {}\n", false},
		{"Here:\n```go\nx\n```", "x\n", false},
		{"```", "", true},
		{"```\n", "", true},
		{"```\n```", "", false},
		{"```py\n", "", true},
		{"````\nnested ```\n", "nested ```\n", true},
		{"````\nnested ```\n````", "nested ```\n", false},
	} {
		blocks := markdown.Parse(tc.src).Blocks
		last := blocks[len(blocks)-1]
		if last.Kind != mdoc.Code || last.Text != tc.text || last.Unterminated != tc.unterminated {
			t.Errorf("Parse(%q) last block = %v %q unterminated=%v, want code %q unterminated=%v",
				tc.src, last.Kind, last.Text, last.Unterminated, tc.text, tc.unterminated)
		}
	}
}

// Hostile or huge answers parse, and deep nesting is cut at a bounded depth
// (the view recurses over blocks).
func TestHugeAndHostileInputs(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
	}{
		{"1 MB of prose and code", strings.Repeat("Some *text* with `code` and a [link](u).\n\n```go\nfunc f() int { return 1 }\n```\n\n", 1<<20/80)},
		{"1 MB of nested quotes", strings.Repeat(">", 1<<20)},
		{"1 MB of nested lists", strings.Repeat("- ", 1<<19)},
		{"1 MB of open emphasis", strings.Repeat("*a ", 1<<20/3)},
		{"1 MB of backticks", strings.Repeat("`", 1<<20)},
		{"1 MB of brackets", strings.Repeat("[", 1<<20)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := markdown.Parse(tc.src)
			if d := depth(doc.Blocks); d > 2*32+2 {
				t.Errorf("document is %d blocks deep, want the nesting bounded", d)
			}
		})
	}
}

func depth(bs []mdoc.Block) int {
	most := 0
	for _, b := range bs {
		if d := 1 + depth(b.Children); d > most {
			most = d
		}
	}
	return most
}

func TestPlainText(t *testing.T) {
	doc := markdown.Parse("# T\n\n*a* `b`\n\n```\ncode\n```\n")
	if got, want := doc.PlainText(), "T\na b\ncode\n\n"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}

func BenchmarkParse1MB(b *testing.B) {
	src := strings.Repeat("Some *text* with `code` and a [link](u).\n\n```go\nfunc f() int { return 1 }\n```\n\n", 1<<20/80)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		markdown.Parse(src)
	}
}

// The nesting bound changes nothing a person writes: rules, setext
// headings and code keep their meaning, and the 33rd level is text.
func TestNestingBound(t *testing.T) {
	rule := strings.Repeat("-", 80)
	if got := markdown.Parse("a\n\n" + rule + "\n").Blocks; len(got) != 2 || got[1].Kind != mdoc.Rule {
		t.Errorf("a long rule: %+v", got)
	}
	if got := markdown.Parse("Title\n" + rule + "\n").Blocks; len(got) != 1 || got[0].Kind != mdoc.Heading {
		t.Errorf("a setext heading: %+v", got)
	}
	deep := strings.Repeat(">", 40)
	if got := markdown.Parse("```\n" + deep + "\n```\n").Blocks; len(got) != 1 || got[0].Text != deep+"\n" {
		t.Errorf("quote markers in code: %+v", got)
	}
	got := markdown.Parse(deep + " x").Blocks
	if d := depth(got); d != 33 {
		t.Errorf("40 nested quotes are %d blocks deep, want 32 quotes and a paragraph", d)
	}
	b := got[0]
	for len(b.Children) > 0 {
		b = b.Children[0]
	}
	if b.Kind != mdoc.Paragraph || len(b.Spans) != 1 || b.Spans[0].Text != strings.Repeat(">", 8)+" x" {
		t.Errorf("innermost block = %+v, want the deeper markers as text", b)
	}
}

// A paragraph flooded with delimiters is shown as its text; one with a
// normal count keeps its styles.
func TestDelimiterFlood(t *testing.T) {
	flood := strings.Repeat("*a [b _c ", 2000)
	got := markdown.Parse("*kept*\n\n" + flood + "`x*y`\n").Blocks
	if len(got) != 2 || got[0].Spans[0].Style != mdoc.Italic {
		t.Fatalf("blocks = %d, first %+v", len(got), got[0].Spans)
	}
	if got[1].Spans[0].Text != flood || got[1].Spans[0].Style != 0 {
		t.Errorf("flooded paragraph's first span = %q (style %v), want its text unstyled", got[1].Spans[0].Text[:40], got[1].Spans[0].Style)
	}
	last := got[1].Spans[len(got[1].Spans)-1]
	if last.Text != "x*y" || last.Style != mdoc.Mono {
		t.Errorf("inline code in a flooded paragraph = %+v, want x*y unescaped", last)
	}
}

// An answer parsed at every length as it streams: once its fence has
// opened, the code so far is always a code block (never prose), marked
// unterminated until the closing fence arrives; the heading and list
// before it keep their kinds.
func TestStreamingPrefixes(t *testing.T) {
	const answer = "# Plan\n\n- one\n- two\n\n```go\nfunc main() {\n\tprintln(\"# not a heading\")\n}\n```\n\nDone.\n"
	open := strings.Index(answer, "```go\n") + len("```go\n")
	closed := strings.LastIndex(answer, "```") + len("```")
	for n := 0; n <= len(answer); n++ {
		doc := markdown.Parse(answer[:n])
		var code *mdoc.Block
		for i := range doc.Blocks {
			if doc.Blocks[i].Kind == mdoc.Code {
				code = &doc.Blocks[i]
			}
			if doc.Blocks[i].Kind == mdoc.Heading && n > open && doc.Blocks[i].Level != 1 {
				t.Fatalf("at %d bytes a heading inside the code: %+v", n, doc.Blocks[i])
			}
		}
		switch {
		case n >= open && code == nil:
			t.Fatalf("at %d bytes the open fence is not a code block: %+v", n, doc.Blocks)
		case code != nil && !strings.HasPrefix(answer[open:], strings.TrimSuffix(code.Text, "\n")):
			t.Fatalf("at %d bytes the code is %q", n, code.Text)
		case code != nil && code.Unterminated != (n < closed):
			t.Fatalf("at %d bytes Unterminated = %v", n, code.Unterminated)
		}
		if n > strings.Index(answer, "- two") && (len(doc.Blocks) < 2 || doc.Blocks[0].Kind != mdoc.Heading || doc.Blocks[1].Kind != mdoc.List) {
			t.Fatalf("at %d bytes the heading and list are %+v", n, doc.Blocks)
		}
	}
}
