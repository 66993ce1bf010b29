package markdown_test

import (
	"strings"
	"testing"

	"github.com/slopgui/slopgui/markdown"
	"github.com/slopgui/slopgui/mdoc"
)

func TestHighlight(t *testing.T) {
	for _, tc := range []struct {
		lang, code string
		want       map[string]mdoc.TokenKind // token text → kind, for some tokens
	}{
		{"go", "// hi\nfunc f() string { return \"s\" + 'c' + 42 }\n", map[string]mdoc.TokenKind{
			"// hi": mdoc.Comment, "func": mdoc.Keyword, "string": mdoc.Keyword, "return": mdoc.Keyword,
			`"s"`: mdoc.String, "'c'": mdoc.String, "42": mdoc.Number, " f": mdoc.Plain,
		}},
		{"python", "def f(x):  # c\n    return 'a' if x else \"\"\"b\nc\"\"\"\n", map[string]mdoc.TokenKind{
			"def": mdoc.Keyword, "# c": mdoc.Comment, "'a'": mdoc.String, `"""b` + "\nc" + `"""`: mdoc.String, "return": mdoc.Keyword,
		}},
		{"json", `{"k": [1.5, true, null, "v\"q"]}`, map[string]mdoc.TokenKind{
			`"k"`: mdoc.String, "1.5": mdoc.Number, "true": mdoc.Keyword, "null": mdoc.Keyword, `"v\"q"`: mdoc.String,
		}},
		{"toml", "[AI]\nModel = \"x\" # m\nMax = 4096\n", map[string]mdoc.TokenKind{
			`"x"`: mdoc.String, "# m": mdoc.Comment, "4096": mdoc.Number, "\nModel ": mdoc.Plain,
		}},
		{"bash", "if [ -f \"$F\" ]; then echo 'a\\' $HOME ${X}; fi # done\n", map[string]mdoc.TokenKind{
			"if": mdoc.Keyword, `"$F"`: mdoc.String, "'a\\'": mdoc.String, "$HOME": mdoc.Meta, "${X}": mdoc.Meta, "fi": mdoc.Keyword, "# done": mdoc.Comment,
		}},
		{"diff", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same\n", map[string]mdoc.TokenKind{
			"--- a/x\n+++ b/x\n@@ -1 +1 @@\n": mdoc.Meta, "-old\n": mdoc.Removed, "+new\n": mdoc.Added, " same\n": mdoc.Plain,
		}},
		{"", "anything at all", map[string]mdoc.TokenKind{"anything at all": mdoc.Plain}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			toks := markdown.Highlight(tc.lang, tc.code)
			var whole strings.Builder
			got := map[string]mdoc.TokenKind{}
			for _, tk := range toks {
				whole.WriteString(tk.Text)
				got[tk.Text] = tk.Kind
			}
			if whole.String() != tc.code {
				t.Fatalf("tokens give %q back, want %q", whole.String(), tc.code)
			}
			for text, kind := range tc.want {
				if k, ok := got[text]; !ok || k != kind {
					t.Errorf("token %q: kind %v (present %v), want %v; tokens %+v", text, k, ok, kind, toks)
				}
			}
		})
	}
}

// Any input comes back whole, whatever it holds.
func FuzzHighlightRoundTrips(f *testing.F) {
	for _, s := range []string{"\"unclosed", "'''", "${", "$", "-1", "x := `raw\n", "\x00\xff"} {
		f.Add("go", s)
		f.Add("sh", s)
		f.Add("python", s)
	}
	f.Fuzz(func(t *testing.T, lang, code string) {
		var b strings.Builder
		for _, tk := range markdown.Highlight(lang, code) {
			b.WriteString(tk.Text)
		}
		if b.String() != code {
			t.Fatalf("Highlight(%q, %q) gives %q back", lang, code, b.String())
		}
	})
}
