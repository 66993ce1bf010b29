package mdcache_test

import (
	"strings"
	"testing"

	"github.com/slopgui/slopgui/internal/mdcache"
	"github.com/slopgui/slopgui/mdoc"
)

func TestGetParsesOncePerText(t *testing.T) {
	c := mdcache.New(2, 1<<20)
	a := c.Get("# Title\n\n```go\nfunc f() {}\n```\n")
	if a == nil || len(a.Blocks) != 2 || a.Blocks[0].Kind != mdoc.Heading || a.Blocks[1].Kind != mdoc.Code || a.Blocks[1].Lang != "go" {
		t.Fatalf("parsed %+v", a)
	}
	if b := c.Get("# Title\n\n```go\nfunc f() {}\n```\n"); b != a {
		t.Error("the same text was parsed again")
	}
	c.Get("two")
	c.Get("three") // the first is the least recently used: out
	if c.Len() != 2 {
		t.Errorf("holds %d documents, want 2", c.Len())
	}
	if b := c.Get("# Title\n\n```go\nfunc f() {}\n```\n"); b == a {
		t.Error("an evicted text came back without a parse")
	}
}

func TestGetBounds(t *testing.T) {
	for _, c := range []struct {
		name    string
		entries int
		bytes   int
		texts   []string
		want    int
	}{
		{"by count", 3, 1 << 20, []string{"a", "b", "c", "d", "e"}, 3},
		{"by bytes", 100, 10, []string{"aaaa", "bbbb", "cccc", "dddd"}, 2},
		{"one over the byte limit is still held", 100, 2, []string{"aaaaaa"}, 1},
	} {
		m := mdcache.New(c.entries, c.bytes)
		for _, s := range c.texts {
			if m.Get(s) == nil {
				t.Fatalf("%s: no document for %q", c.name, s)
			}
		}
		if m.Len() != c.want {
			t.Errorf("%s: holds %d, want %d", c.name, m.Len(), c.want)
		}
	}
}

func TestTooLongIsPlain(t *testing.T) {
	c := mdcache.New(10, 1<<30)
	if d := c.Get(strings.Repeat("x", mdcache.MaxText+1)); d != nil {
		t.Error("a text over MaxText was parsed")
	}
	if d := c.Get(strings.Repeat("x", mdcache.MaxText)); d == nil {
		t.Error("a text of MaxText was not parsed")
	}
}
