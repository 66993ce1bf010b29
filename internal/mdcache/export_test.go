package mdcache

import "github.com/slopgui/slopgui/mdoc"

// SetParse replaces c's parser and sets a function called after each
// background parse (tests).
func SetParse(c *Cache, parse func(string) mdoc.Doc, spent func(text string, blocks int)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.parse, c.spent = parse, spent
}
