package markdown

import (
	"go/scanner"
	"go/token"
	"strings"

	"github.com/slopgui/slopgui/mdoc"
)

// Highlight splits code into tokens for colouring. Go is scanned by
// go/scanner; Python, JSON, TOML and shell by a small lexer that knows each
// one's comments, strings and keywords; a diff is coloured by line. Any
// other language is one plain token. Concatenated, the tokens give code
// back unchanged.
func Highlight(lang, code string) []mdoc.Token {
	switch strings.ToLower(lang) {
	case "go", "golang":
		return goTokens(code)
	case "diff", "patch":
		return diffTokens(code)
	}
	if l, ok := lexers[strings.ToLower(lang)]; ok {
		return l.tokens(code)
	}
	if code == "" {
		return nil
	}
	return []mdoc.Token{{Text: code}}
}

// tokens collects tokens, merging neighbours of one kind.
type tokens []mdoc.Token

func (ts *tokens) add(text string, kind mdoc.TokenKind) {
	if text == "" {
		return
	}
	if n := len(*ts); n > 0 && (*ts)[n-1].Kind == kind {
		(*ts)[n-1].Text += text
		return
	}
	*ts = append(*ts, mdoc.Token{Text: text, Kind: kind})
}

func goTokens(code string) []mdoc.Token {
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(code))
	s.Init(file, []byte(code), func(token.Position, string) {}, scanner.ScanComments)
	var out tokens
	at := 0
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		off := file.Offset(pos)
		if tok == token.SEMICOLON && lit == "\n" {
			continue // an inserted semicolon: the newline stays plain text
		}
		end := off + len(lit)
		if lit == "" {
			end = off + len(tok.String())
		}
		if off < at || end > len(code) {
			continue
		}
		out.add(code[at:off], mdoc.Plain)
		kind := mdoc.Punct
		switch {
		case tok.IsKeyword():
			kind = mdoc.Keyword
		case tok == token.COMMENT:
			kind = mdoc.Comment
		case tok == token.STRING || tok == token.CHAR:
			kind = mdoc.String
		case tok == token.INT || tok == token.FLOAT || tok == token.IMAG:
			kind = mdoc.Number
		case tok == token.IDENT:
			kind = mdoc.Plain
			if goPredeclared[lit] {
				kind = mdoc.Keyword
			}
		}
		out.add(code[off:end], kind)
		at = end
	}
	out.add(code[at:], mdoc.Plain)
	return out
}

var goPredeclared = set("true false nil iota bool byte rune string int int8 int16 int32 int64 uint uint8 uint16 uint32 uint64 uintptr float32 float64 complex64 complex128 error any comparable append cap clear close copy delete len make max min new panic print println recover")

func diffTokens(code string) []mdoc.Token {
	var out tokens
	for _, line := range strings.SplitAfter(code, "\n") {
		kind := mdoc.Plain
		switch {
		case strings.HasPrefix(line, "+++"), strings.HasPrefix(line, "---"),
			strings.HasPrefix(line, "@@"), strings.HasPrefix(line, "diff "), strings.HasPrefix(line, "index "):
			kind = mdoc.Meta
		case strings.HasPrefix(line, "+"):
			kind = mdoc.Added
		case strings.HasPrefix(line, "-"):
			kind = mdoc.Removed
		}
		out.add(line, kind)
	}
	return out
}

// lexer is what the small lexer knows of one language.
type lexer struct {
	comments []string // line comment starts
	quotes   string   // string delimiters
	triple   bool     // """ and ''' strings
	keywords map[string]bool
	vars     bool // $NAME and ${NAME} are Meta (shell)
}

var lexers = map[string]lexer{
	"python": {comments: []string{"#"}, quotes: `"'`, triple: true, keywords: set("False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield self")},
	"json":   {quotes: `"`, keywords: set("true false null")},
	"toml":   {comments: []string{"#"}, quotes: `"'`, triple: true, keywords: set("true false")},
	"sh":     {comments: []string{"#"}, quotes: `"'`, vars: true, keywords: set("if then else elif fi for while until do done case esac in function return local export set unset exit echo cd source")},
}

func init() {
	lexers["py"] = lexers["python"]
	for _, name := range []string{"shell", "bash", "zsh", "console", "shell-session"} {
		lexers[name] = lexers["sh"]
	}
}

func (l lexer) tokens(code string) []mdoc.Token {
	var out tokens
	i := 0
	for i < len(code) {
		c := code[i]
		switch {
		case l.comment(code[i:]):
			j := strings.IndexByte(code[i:], '\n')
			if j < 0 {
				j = len(code) - i
			}
			out.add(code[i:i+j], mdoc.Comment)
			i += j
		case strings.IndexByte(l.quotes, c) >= 0:
			j := l.stringEnd(code, i)
			out.add(code[i:j], mdoc.String)
			i = j
		case l.vars && c == '$' && i+1 < len(code):
			j := i + 1
			if code[j] == '{' {
				if k := strings.IndexByte(code[j:], '}'); k >= 0 {
					j += k + 1
				}
			} else {
				for j < len(code) && isWord(code[j]) {
					j++
				}
			}
			out.add(code[i:j], mdoc.Meta)
			i = j
		case c >= '0' && c <= '9' || (c == '-' && i+1 < len(code) && code[i+1] >= '0' && code[i+1] <= '9' && !l.vars):
			j := i + 1
			for j < len(code) && (isWord(code[j]) || code[j] == '.') {
				j++
			}
			out.add(code[i:j], mdoc.Number)
			i = j
		case isWord(c):
			j := i
			for j < len(code) && (isWord(code[j]) || (l.vars && code[j] == '-')) {
				j++
			}
			kind := mdoc.Plain
			if l.keywords[code[i:j]] {
				kind = mdoc.Keyword
			}
			out.add(code[i:j], kind)
			i = j
		case strings.IndexByte("{}[]():,;=<>|&!+-*/%.", c) >= 0:
			out.add(code[i:i+1], mdoc.Punct)
			i++
		default:
			out.add(code[i:i+1], mdoc.Plain)
			i++
		}
	}
	return out
}

func (l lexer) comment(s string) bool {
	for _, p := range l.comments {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// stringEnd returns the offset just past the string starting at i: its
// closing quote, or the end of the line (or of the code, for a triple
// quote) when it is not closed.
func (l lexer) stringEnd(code string, i int) int {
	q := code[i]
	if l.triple && strings.HasPrefix(code[i:], strings.Repeat(string(q), 3)) {
		delim := strings.Repeat(string(q), 3)
		if k := strings.Index(code[i+3:], delim); k >= 0 {
			return i + 3 + k + 3
		}
		return len(code)
	}
	for j := i + 1; j < len(code); j++ {
		switch code[j] {
		case '\\':
			if q != '\'' || !l.vars { // shell single quotes have no escapes
				j++
			}
		case q:
			return j + 1
		case '\n':
			if !l.vars {
				return j
			}
		}
	}
	return len(code)
}

func isWord(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
