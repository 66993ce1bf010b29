// Package mdcache parses answers into markdown documents once per text and
// keeps the result, so a view that draws an answer every frame pays the
// parse only when the text changes (a streaming answer: once per frame it
// grows). It has no GUI code.
package mdcache

import (
	"container/list"

	"github.com/slopgui/slopgui/markdown"
	"github.com/slopgui/slopgui/mdoc"
)

// MaxText is the longest text rendered as markdown; a longer one is shown
// as plain text (answers are capped at 1 MB; parsing one takes ~100 ms).
const MaxText = 256 << 10

// Cache holds the documents of recently drawn texts, least recently used
// first out. Not safe for concurrent use: the render thread owns it.
type Cache struct {
	max   int        // entries
	bytes int        // total text held
	limit int        // bytes
	order *list.List // of *item, most recent at the front
	items map[string]*list.Element
}

type item struct {
	text string
	doc  *mdoc.Doc
}

// New keeps up to entries documents whose texts add up to at most bytes.
func New(entries, bytes int) *Cache {
	return &Cache{max: entries, limit: bytes, order: list.New(), items: map[string]*list.Element{}}
}

// Get is the document of text, parsed now if it is not held; nil when text
// is longer than MaxText.
func (c *Cache) Get(text string) *mdoc.Doc {
	if len(text) > MaxText {
		return nil
	}
	if e, ok := c.items[text]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*item).doc
	}
	d := markdown.Parse(text)
	c.items[text] = c.order.PushFront(&item{text: text, doc: &d})
	c.bytes += len(text)
	for c.order.Len() > c.max || (c.bytes > c.limit && c.order.Len() > 1) {
		old := c.order.Remove(c.order.Back()).(*item)
		delete(c.items, old.text)
		c.bytes -= len(old.text)
	}
	return &d
}

// Len is how many documents are held.
func (c *Cache) Len() int { return c.order.Len() }
