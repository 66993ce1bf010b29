package giubackend

import (
	"math"
	"strings"
	"unicode/utf8"
	"unsafe"

	imgui "github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/mdoc"
)

var _ gui.MarkdownBackend = widgets{}

// mdFonts are the fonts rendered markdown uses beside the default one;
// nil until SetMarkdownFonts (then the default font stands in).
var mdFonts struct {
	mono, bold, italic *g.FontInfo
}

// SetMarkdownFonts adds the monospace, bold and italic fonts to giu's font
// atlas, for rendered markdown. Call it once, before the first frame.
func SetMarkdownFonts(mono, bold, italic []byte) {
	a := g.Context.FontAtlas
	mdFonts.mono = a.AddFontFromBytes("slopgui-mono", mono)
	mdFonts.bold = a.AddFontFromBytes("slopgui-bold", bold)
	mdFonts.italic = a.AddFontFromBytes("slopgui-italic", italic)
}

// withFont runs fn with fi at size as the current font.
func withFont(fi *g.FontInfo, size float32, fn func()) {
	if fi != nil && g.PushFont(fi) {
		imgui.PushFont(imgui.CurrentFont(), size)
		fn()
		imgui.PopFont()
		imgui.PopFont()
		return
	}
	imgui.PushFont(imgui.CurrentFont(), size)
	fn()
	imgui.PopFont()
}

// headingScale is a heading's size over the body text's.
func headingScale(level int) float32 {
	switch level {
	case 1:
		return 1.6
	case 2:
		return 1.4
	case 3:
		return 1.2
	case 4:
		return 1.1
	}
	return 1
}

// color converts a style colour to a draw list's.
func u32(c imgui.Vec4) uint32 { return imgui.ColorConvertFloat4ToU32(c) }

func styleColor(idx imgui.Col) imgui.Vec4 { return *imgui.StyleColorVec4(idx) }

// fontFor is the font of a span's style (or of a heading).
func fontFor(st mdoc.Style, heading int) *g.FontInfo {
	switch {
	case st&mdoc.Mono != 0:
		return mdFonts.mono
	case st&mdoc.Bold != 0 || heading > 0:
		return mdFonts.bold
	case st&mdoc.Italic != 0:
		return mdFonts.italic
	}
	return nil
}

// RichText implements gui.MarkdownBackend: the spans are laid out word by
// word, each in its style's font, wrapped at the available width, and
// drawn on the window's draw list; the whole is one item (a dummy) as
// tall as the lines. Words outside the window's clip rectangle are
// measured, not drawn.
func (widgets) RichText(spans []mdoc.Span, st gui.TextStyle) (clicked string) {
	base := imgui.FontSize()
	size := base * headingScale(st.Heading)
	start := imgui.CursorScreenPos()
	width := max(imgui.ContentRegionAvail().X, size)
	dl := imgui.WindowDrawList()
	textCol := styleColor(imgui.ColText)
	if st.Dim {
		textCol = styleColor(imgui.ColTextDisabled)
	}
	linkCol := styleColor(imgui.ColTextLink)
	codeBg := styleColor(imgui.ColFrameBg)
	clipTop, clipBottom := imgui.WindowPos().Y, imgui.WindowPos().Y+imgui.WindowHeight()
	lineH := size + imgui.CurrentStyle().ItemSpacing().Y*0.5
	x, y := start.X, start.Y
	type linkRect struct {
		min, max imgui.Vec2
		url      string
	}
	var links []linkRect
	for _, sp := range spans {
		if sp.Text == "\n" {
			x, y = start.X, y+lineH
			continue
		}
		fi := fontFor(sp.Style, st.Heading)
		col := textCol
		if sp.Style&mdoc.Link != 0 {
			col = linkCol
		}
		layout := func() {
			font := imgui.CurrentFont()
			// Words are measured one by one (for the wrap) but drawn a
			// line's run at a time: each draw and measure is a cgo call
			// copying its string, and a span that fits in the rest of
			// the line is measured and drawn once.
			var run string // the words laid out on this line, not drawn yet
			var runX, runW float32
			flush := func() {
				if run == "" {
					return
				}
				if y+lineH >= clipTop && y <= clipBottom {
					if sp.Style&mdoc.Mono != 0 {
						dl.AddRectFilledV(imgui.Vec2{X: runX, Y: y}, imgui.Vec2{X: runX + runW, Y: y + size}, u32(codeBg), 2, 0)
					}
					dl.AddTextFontPtr(font, size, imgui.Vec2{X: runX, Y: y}, u32(col), run)
					if sp.Style&(mdoc.Link|mdoc.Strike) != 0 {
						ly := y + size
						if sp.Style&mdoc.Strike != 0 {
							ly = y + size*0.55
						}
						dl.AddLine(imgui.Vec2{X: runX, Y: ly}, imgui.Vec2{X: runX + runW, Y: ly}, u32(col))
					}
				}
				if sp.Style&mdoc.Link != 0 {
					links = append(links, linkRect{imgui.Vec2{X: runX, Y: y}, imgui.Vec2{X: runX + runW, Y: y + size}, sp.URL})
				}
				run, runW = "", 0
			}
			add := func(word string, w float32) {
				if run != "" && sameRun(run, word) {
					run = unsafe.String(unsafe.StringData(run), len(run)+len(word))
				} else {
					flush()
					runX, run = x, word
				}
				runW += w
				x += w
			}
			text := sp.Text
			if w := font.CalcTextSizeA(size, math.MaxFloat32, 0, text).X; x+w <= start.X+width {
				add(text, w)
				text = ""
			}
			for text != "" {
				word := nextWord(text)
				text = text[len(word):]
				w := font.CalcTextSizeA(size, math.MaxFloat32, 0, word).X
				if x+w > start.X+width && x > start.X {
					flush()
					x, y = start.X, y+lineH
					if strings.TrimSpace(word) == "" {
						continue // a space at a line's start
					}
				}
				if w > width { // a word wider than the line: cut it
					cut := cutToWidth(font, size, word, width-(x-start.X))
					word, text = cut, word[len(cut):]+text
					w = font.CalcTextSizeA(size, math.MaxFloat32, 0, word).X
				}
				add(word, w)
			}
			flush()
		}
		if fi == nil && size == base {
			layout() // the current font at its size: no push (each is a cgo call)
		} else {
			withFont(fi, size, layout)
		}
	}
	imgui.Dummy(imgui.Vec2{X: width, Y: y + lineH - start.Y})
	if len(links) > 0 && imgui.IsItemHovered() {
		for _, l := range links {
			if imgui.IsMouseHoveringRect(l.min, l.max) {
				imgui.SetMouseCursor(imgui.MouseCursorHand)
				if imgui.BeginTooltip() {
					imgui.TextUnformatted(l.url)
					imgui.EndTooltip()
				}
				if imgui.IsMouseClickedBool(imgui.MouseButtonLeft) {
					clicked = l.url
				}
				break
			}
		}
	}
	return clicked
}

// sameRun reports whether word follows run in memory (both are slices
// of one span's text, consecutive), so the run can grow over it.
func sameRun(run, word string) bool {
	return unsafe.Add(unsafe.Pointer(unsafe.StringData(run)), len(run)) == unsafe.Pointer(unsafe.StringData(word))
}

// nextWord is text's first word with the blanks after it (or its leading
// blanks, when it starts with some).
func nextWord(text string) string {
	i := 0
	for i < len(text) && text[i] == ' ' {
		i++
	}
	for i < len(text) && text[i] != ' ' {
		i++
	}
	for i < len(text) && text[i] == ' ' {
		i++
	}
	return text[:i]
}

// cutToWidth is the longest start of word (at least one rune) that is at
// most width wide.
func cutToWidth(font *imgui.Font, size float32, word string, width float32) string {
	_, n := utf8.DecodeRuneInString(word)
	for n < len(word) {
		_, m := utf8.DecodeRuneInString(word[n:])
		if font.CalcTextSizeA(size, math.MaxFloat32, 0, word[:n+m]).X > width {
			break
		}
		n += m
	}
	return word[:n]
}

// tokenColors are code tokens' colours, by mdoc.TokenKind (Plain uses
// the text colour).
var tokenColors = [...]imgui.Vec4{
	mdoc.Keyword: {X: 0.80, Y: 0.47, Z: 0.87, W: 1},
	mdoc.String:  {X: 0.60, Y: 0.78, Z: 0.45, W: 1},
	mdoc.Number:  {X: 0.95, Y: 0.65, Z: 0.35, W: 1},
	mdoc.Comment: {X: 0.55, Y: 0.58, Z: 0.62, W: 1},
	mdoc.Punct:   {X: 0.60, Y: 0.75, Z: 0.85, W: 1},
	mdoc.Added:   {X: 0.45, Y: 0.82, Z: 0.45, W: 1},
	mdoc.Removed: {X: 0.92, Y: 0.40, Z: 0.40, W: 1},
	mdoc.Meta:    {X: 0.45, Y: 0.70, Z: 0.95, W: 1},
}

// codeBg is a code block's background: darker than any theme's window.
var codeBg = imgui.Vec4{X: 0.08, Y: 0.09, Z: 0.11, W: 1}

// CodeBlock implements gui.MarkdownBackend: the code in the monospace
// font on a dark background, each token in its kind's colour, long lines
// wrapped at the width (a monospace font wraps by counting runes); tabs
// are shown as four spaces. Lines outside the window are not drawn.
func (widgets) CodeBlock(b *mdoc.Block) {
	size := imgui.FontSize()
	withFont(mdFonts.mono, size, func() {
		font := imgui.CurrentFont()
		pad := imgui.CurrentStyle().FramePadding()
		start := imgui.CursorScreenPos()
		width := max(imgui.ContentRegionAvail().X, size*4)
		charW := max(font.CalcTextSizeA(size, math.MaxFloat32, 0, "M").X, 1)
		cols := max(int((width-pad.X*2)/charW), 8)
		lineH := size + 2
		tokens := b.Tokens
		if len(tokens) == 0 && b.Text != "" {
			tokens = []mdoc.Token{{Text: b.Text}}
		}
		// Count the lines first, for the background.
		lines := 1
		col := 0
		walkCode(tokens, cols, func(string, mdoc.TokenKind, int, int) {}, func() { lines++ }, &col)
		if strings.HasSuffix(b.Text, "\n") {
			lines--
		}
		lines = max(lines, 1)
		h := float32(lines)*lineH + pad.Y*2
		dl := imgui.WindowDrawList()
		dl.AddRectFilledV(start, imgui.Vec2{X: start.X + width, Y: start.Y + h}, u32(codeBg), 4, 0)
		clipTop, clipBottom := imgui.WindowPos().Y, imgui.WindowPos().Y+imgui.WindowHeight()
		plain := imgui.Vec4{X: 0.86, Y: 0.87, Z: 0.89, W: 1}
		line := 0
		col = 0
		walkCode(tokens, cols, func(piece string, kind mdoc.TokenKind, at, _ int) {
			y := start.Y + pad.Y + float32(line)*lineH
			if y+lineH < clipTop || y > clipBottom {
				return
			}
			c := plain
			if int(kind) < len(tokenColors) && kind != mdoc.Plain {
				c = tokenColors[kind]
			}
			dl.AddTextFontPtr(font, size, imgui.Vec2{X: start.X + pad.X + float32(at)*charW, Y: y}, u32(c), piece)
		}, func() { line++ }, &col)
		imgui.Dummy(imgui.Vec2{X: width, Y: h})
	})
}

// walkCode splits tokens into pieces that fit a line of cols runes,
// calling piece with each (its column and rune count) and newline at each
// line end (a '\n' or a wrap). *col is the column reached.
func walkCode(tokens []mdoc.Token, cols int, piece func(text string, kind mdoc.TokenKind, at, n int), newline func(), col *int) {
	for _, t := range tokens {
		text := t.Text
		for text != "" {
			if text[0] == '\n' {
				newline()
				*col = 0
				text = text[1:]
				continue
			}
			end := strings.IndexByte(text, '\n')
			if end < 0 {
				end = len(text)
			}
			seg := text[:end]
			text = text[end:]
			if strings.IndexByte(seg, '\t') >= 0 {
				seg = strings.ReplaceAll(seg, "\t", "    ")
			}
			for seg != "" {
				room := cols - *col
				if room <= 0 {
					newline()
					*col = 0
					room = cols
				}
				n, cut := 0, 0
				for cut < len(seg) && n < room {
					_, size := utf8.DecodeRuneInString(seg[cut:])
					cut += size
					n++
				}
				piece(seg[:cut], t.Kind, *col, n)
				*col += n
				seg = seg[cut:]
			}
		}
	}
}

// QuoteBar implements gui.MarkdownBackend.
func (widgets) QuoteBar(x, y0, y1 float32) {
	wp := imgui.WindowPos()
	sx, sy := wp.X-imgui.ScrollX()+x, wp.Y-imgui.ScrollY()
	bar := imgui.FontSize() * 0.25
	imgui.WindowDrawList().AddRectFilled(imgui.Vec2{X: sx, Y: sy + y0}, imgui.Vec2{X: sx + bar, Y: sy + y1}, u32(styleColor(imgui.ColTextDisabled)))
}
