// Package mdcache parses answers into markdown documents once per text and
// keeps the result, so a view that draws an answer every frame pays the
// parse only when the text changes. Long texts, and texts that grow (an
// answer streaming in), are parsed on a background goroutine: meanwhile
// Get returns the document of the longest text held that the text starts
// with (what was rendered a moment ago), or nil, and the cache wakes a
// frame when the parse is done. It has no GUI code.
package mdcache

import (
	"container/list"
	"strings"
	"sync"

	"github.com/slopgui/slopgui/markdown"
	"github.com/slopgui/slopgui/mdoc"
)

// MaxText is the longest text rendered as markdown; a longer one is shown
// as plain text (answers are capped at 1 MB; parsing one takes ~200 ms).
const MaxText = 256 << 10

// InlineText is the longest new text Get parses on the caller's goroutine
// (~0.2 ms at ~170 µs a KB on the bench machine: a frame that scrolls ten
// new answers into view stays well inside its 16 ms), so short answers
// never show a frame of raw text. Longer texts, and texts that extend a
// held one, are parsed in the background.
const InlineText = 1 << 10

// maxQueue bounds the texts waiting for the background parse: the oldest
// request is dropped (a view asks again for what it still shows).
const maxQueue = 8

// recent is how many of the most recently used documents are searched
// for a prefix of a text not held (a streaming answer was drawn a frame
// ago, so its last version is among the first few).
const recent = 32

// Cache holds the documents of recently drawn texts, least recently used
// first out. Get is meant for one goroutine (the render thread); the
// background parses store their results under the cache's lock.
type Cache struct {
	mu    sync.Mutex
	max   int        // entries
	bytes int        // total text held
	limit int        // bytes
	order *list.List // of *item, most recent at the front
	items map[string]*list.Element

	wake  func()                   // called when a background parse stored its document
	parse func(string) mdoc.Doc    // markdown.Parse; tests replace it
	queue []string                 // texts waiting for the worker, oldest first
	busy  bool                     // the worker goroutine runs
	doing string                   // the text the worker parses now
	newer bool                     // a request extended doing while it was parsed
	spent func(text string, n int) // tests: called after each background parse
}

type item struct {
	text    string
	doc     *mdoc.Doc
	interim bool // a superseded version of a growing text, kept to be shown until the newest is parsed
}

// New keeps up to entries documents whose texts add up to at most bytes;
// wake (may be nil) is called, from the parsing goroutine, after a
// background parse stored a document, so the render loop draws a frame.
func New(entries, bytes int, wake func()) *Cache {
	return &Cache{max: entries, limit: bytes, order: list.New(), items: map[string]*list.Element{}, wake: wake, parse: markdown.Parse}
}

// Get is the document of text: held, or parsed now when text is short
// and new; otherwise text is queued for the background parse and Get
// returns the document of the longest held text that text extends, or
// nil (as for a text longer than MaxText: the caller shows it raw).
func (c *Cache) Get(text string) *mdoc.Doc {
	if len(text) > MaxText {
		return nil
	}
	c.mu.Lock()
	if e, ok := c.items[text]; ok {
		c.order.MoveToFront(e)
		it := e.Value.(*item)
		it.interim = false // asked for itself: no longer only a stand-in
		c.mu.Unlock()
		return it.doc
	}
	prefix := c.prefixOf(text)
	if prefix == nil && len(text) <= InlineText {
		c.mu.Unlock()
		d := c.parse(text)
		c.mu.Lock()
		c.store(text, &d, false)
		c.mu.Unlock()
		return &d
	}
	c.request(text)
	c.mu.Unlock()
	if prefix == nil {
		return nil
	}
	return prefix.doc
}

// prefixOf is the held item, among the most recently used, with the
// longest text that text starts with (and is longer than); nil if none.
func (c *Cache) prefixOf(text string) *item {
	var best *item
	n := 0
	for e := c.order.Front(); e != nil && n < recent; e, n = e.Next(), n+1 {
		it := e.Value.(*item)
		if len(it.text) < len(text) && it.text != "" && (best == nil || len(it.text) > len(best.text)) &&
			strings.HasPrefix(text, it.text) {
			best = it
		}
	}
	return best
}

// request queues text for the worker (starting it if needed): a queued
// text that text extends is replaced by it (its parse would be stale
// before it began), and a text being parsed that text extends is marked
// superseded.
func (c *Cache) request(text string) {
	if text == c.doing && c.busy {
		return
	}
	if c.busy && len(c.doing) < len(text) && strings.HasPrefix(text, c.doing) {
		c.newer = true
	}
	for i, q := range c.queue {
		if q == text {
			return
		}
		if len(q) < len(text) && strings.HasPrefix(text, q) {
			c.queue[i] = text
			return
		}
	}
	c.queue = append(c.queue, text)
	if len(c.queue) > maxQueue {
		c.queue = c.queue[1:]
	}
	if !c.busy {
		c.busy = true
		go c.work()
	}
}

// work parses the queued texts one at a time until none is left.
func (c *Cache) work() {
	for {
		c.mu.Lock()
		if len(c.queue) == 0 {
			c.busy, c.doing = false, ""
			c.mu.Unlock()
			return
		}
		text := c.queue[0]
		c.queue = c.queue[1:]
		c.doing, c.newer = text, false
		c.mu.Unlock()

		d := c.parse(text)

		c.mu.Lock()
		stored := c.store(text, &d, c.newer)
		spent := c.spent
		c.mu.Unlock()
		if spent != nil {
			spent(text, len(d.Blocks))
		}
		if stored && c.wake != nil {
			c.wake()
		}
	}
}

// store holds text's document (mu held). A superseded version (interim)
// is dropped when a longer version is held already, and replaces the
// interim versions it extends: a growing text keeps one stand-in. It
// reports whether the document was stored.
func (c *Cache) store(text string, d *mdoc.Doc, interim bool) bool {
	if _, ok := c.items[text]; ok {
		return false
	}
	n := 0
	for e := c.order.Front(); e != nil && n < recent; n++ {
		next := e.Next()
		it := e.Value.(*item)
		switch {
		case interim && len(it.text) > len(text) && strings.HasPrefix(it.text, text):
			return false // stale: a newer version is held
		case it.interim && len(it.text) < len(text) && strings.HasPrefix(text, it.text):
			c.remove(e)
		}
		e = next
	}
	c.items[text] = c.order.PushFront(&item{text: text, doc: d, interim: interim})
	c.bytes += len(text)
	for c.order.Len() > c.max || (c.bytes > c.limit && c.order.Len() > 1) {
		c.remove(c.order.Back())
	}
	return true
}

// remove drops e's document (mu held).
func (c *Cache) remove(e *list.Element) {
	old := c.order.Remove(e).(*item)
	delete(c.items, old.text)
	c.bytes -= len(old.text)
}

// Len is how many documents are held.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
