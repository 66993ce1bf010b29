package mdcache_test

import (
	"bytes"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/mdcache"
	"github.com/slopgui/slopgui/markdown"
	"github.com/slopgui/slopgui/mdoc"
)

func TestGetParsesOncePerText(t *testing.T) {
	c := mdcache.New(2, 1<<20, nil)
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
		{"long texts, parsed in the background, by count", 2, 1 << 30, []string{big("a"), big("b"), big("c"), big("d")}, 2},
		{"long texts by bytes", 100, 3 * mdcache.InlineText, []string{big("a"), big("b"), big("c"), big("d")}, 2},
	} {
		m := mdcache.New(c.entries, c.bytes, nil)
		for _, s := range c.texts {
			if waitDoc(t, m, s) == nil {
				t.Fatalf("%s: no document for %q", c.name, s[:1])
			}
		}
		if m.Len() != c.want {
			t.Errorf("%s: holds %d, want %d", c.name, m.Len(), c.want)
		}
	}
}

// big is a text longer than InlineText, starting with s.
func big(s string) string {
	return s + strings.Repeat("\n\nsome *words* here", mdcache.InlineText/16)
}

// waitDoc asks for text's document until it is there (parsed in the
// background), for up to ten seconds.
func waitDoc(t *testing.T, c *mdcache.Cache, text string) *mdoc.Doc {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(time.Millisecond) {
		if d := c.Get(text); d != nil && (len(text) <= mdcache.InlineText || len(d.Blocks) == len(markdown.Parse(text).Blocks)) {
			return d
		}
	}
	t.Fatalf("no document for a text of %d bytes after 10 s", len(text))
	return nil
}

func TestTooLongIsPlain(t *testing.T) {
	c := mdcache.New(10, 1<<30, nil)
	if d := c.Get(strings.Repeat("x", mdcache.MaxText+1)); d != nil {
		t.Error("a text over MaxText was parsed")
	}
	if d := waitDoc(t, c, strings.Repeat("x", mdcache.MaxText)); d == nil {
		t.Error("a text of MaxText was not parsed")
	}
}

// goid is the calling goroutine's number.
func goid() string {
	b := make([]byte, 64)
	b = b[:runtime.Stack(b, false)]
	return string(bytes.Fields(b)[1])
}

// probe is a parser that records where and what it parsed, and can be
// held (gate) to keep a parse under way.
type probe struct {
	mu      sync.Mutex
	parsed  []string
	goid    []string
	gate    chan struct{}
	wakes   chan struct{}
	results chan string
}

func newProbe(held bool) *probe {
	p := &probe{wakes: make(chan struct{}, 100), results: make(chan string, 100)}
	if held {
		p.gate = make(chan struct{})
	}
	return p
}

func (p *probe) parse(s string) mdoc.Doc {
	p.mu.Lock()
	p.parsed, p.goid = append(p.parsed, s), append(p.goid, goid())
	gate := p.gate
	p.mu.Unlock()
	if gate != nil {
		<-gate
	}
	return markdown.Parse(s)
}

func (p *probe) cache(entries int) *mdcache.Cache {
	c := mdcache.New(entries, 1<<30, func() { p.wakes <- struct{}{} })
	mdcache.SetParse(c, p.parse, func(text string, _ int) { p.results <- text })
	return c
}

// waitResults waits for n background parses to end.
func (p *probe) waitResults(t *testing.T, n int) {
	t.Helper()
	for range n {
		select {
		case <-p.results:
		case <-time.After(10 * time.Second):
			t.Fatal("a background parse did not end within 10 s")
		}
	}
}

func TestBackgroundParse(t *testing.T) {
	long := big("# Long")
	for _, c := range []struct {
		name string
		run  func(t *testing.T, p *probe, c *mdcache.Cache)
	}{
		{"a long text: nil at once, parsed off the caller's goroutine, then a wake", func(t *testing.T, p *probe, c *mdcache.Cache) {
			if d := c.Get(long); d != nil {
				t.Fatal("a long text was parsed on the caller's goroutine")
			}
			p.waitResults(t, 1)
			select {
			case <-p.wakes:
			case <-time.After(10 * time.Second):
				t.Fatal("no wake after the background parse")
			}
			if d := c.Get(long); d == nil || d.Blocks[0].Kind != mdoc.Heading {
				t.Fatalf("after the wake: %+v", d)
			}
			if me := goid(); p.goid[0] == me {
				t.Errorf("parsed on the caller's goroutine %s", me)
			}
		}},
		{"a short text: parsed at once on the caller's goroutine", func(t *testing.T, p *probe, c *mdcache.Cache) {
			if d := c.Get("*short*"); d == nil || len(d.Blocks) != 1 {
				t.Fatalf("got %+v", d)
			}
			if p.goid[0] != goid() {
				t.Error("a short text went to the background")
			}
		}},
		{"a growing text shows its last version until the new one is parsed", func(t *testing.T, p *probe, c *mdcache.Cache) {
			first := c.Get("Intro\n\n```go\nfunc f() {")
			if first == nil || first.Blocks[1].Kind != mdoc.Code || !first.Blocks[1].Unterminated {
				t.Fatalf("the first version: %+v", first)
			}
			grown := "Intro\n\n```go\nfunc f() {\n}\n```\n\nDone."
			if d := c.Get(grown); d != first {
				t.Fatalf("while the grown text parses, got %+v, want the first version's document", d)
			}
			p.waitResults(t, 1)
			<-p.wakes
			if d := c.Get(grown); d == first || len(d.Blocks) != 3 || d.Blocks[1].Unterminated {
				t.Fatalf("after the wake: %+v", d)
			}
			if len(p.parsed) != 2 || p.goid[1] == goid() {
				t.Errorf("parses %d, the grown one on the caller's goroutine: %v", len(p.parsed), p.goid[len(p.goid)-1] == goid())
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := newProbe(false)
			c.run(t, p, p.cache(16))
		})
	}
}

// TestStaleDropped: while a long text parses, it grows twice; the middle
// version is never parsed (the newest request wins), the first is kept
// only as a stand-in until the newest is held.
func TestStaleDropped(t *testing.T) {
	p := newProbe(true)
	c := p.cache(16)
	t1 := big("# One")
	t2, t3 := t1+"\n\nmore", t1+"\n\nmore and more"
	if c.Get(t1) != nil {
		t.Fatal("parsed at once")
	}
	for end := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) { // the worker has t1
		p.mu.Lock()
		n := len(p.parsed)
		p.mu.Unlock()
		if n == 1 {
			break
		}
		if time.Now().After(end) {
			t.Fatal("the worker did not start")
		}
	}
	if c.Get(t2) != nil || c.Get(t3) != nil {
		t.Fatal("a document before any parse ended")
	}
	close(p.gate)
	p.waitResults(t, 2)
	if len(p.parsed) != 2 || p.parsed[1] != t3 {
		t.Errorf("parsed %d texts (the second of %d bytes), want t1 then t3 (%d bytes)", len(p.parsed), len(p.parsed[len(p.parsed)-1]), len(t3))
	}
	if c.Len() != 1 {
		t.Errorf("holds %d documents, want 1 (t3; t1's stand-in dropped)", c.Len())
	}
	if d := c.Get(t3); d == nil || !strings.Contains(d.PlainText(), "more and more") {
		t.Error("t3 is not held")
	}
}
