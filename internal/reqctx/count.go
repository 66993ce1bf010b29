package reqctx

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"math"
	"strings"
	"sync"

	"github.com/slopgui/slopgui/budget"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/state"
)

// Parts is what a Send would carry, to be measured against the window.
type Parts struct {
	Model   string
	System  string        // the system prompt
	Context Context       // the files (Read, with data) and screenshots
	History []state.Entry // the discussion as it is
	Pending string        // the composer's text, the entry Send adds
	Tools   []llm.ToolSpec
	Window  int // the model's context window in tokens
}

// maxCached bounds each generation of the Counter's caches: a recount
// of a discussion of thousands of entries must find every entry's count
// (with 4,096, a history of 5,000 entries was tokenized again on each
// recount, a core's worth of CPU while an answer streamed).
const maxCached = 1 << 15

// Counter measures requests (Measure) off the render thread. Counts are
// cached by the content's hash (SHA-256 for a request, textKey for a
// text): the provider's count of a request already counted, and the local
// tokenizer's count of a text already seen, are not computed again. Safe
// for concurrent use.
type Counter struct {
	mu       sync.Mutex
	provider gens
	texts    gens
}

// localTokens is the local tokenizer (a variable for tests).
var localTokens = llm.LocalTokens

// gens is a cache bounded by generations: when the current one is full it
// becomes the old one (the one before is dropped), and a count found in
// the old one moves back to the current one, so what is in use survives
// the turnover.
type gens struct {
	cur, old map[[32]byte]int
}

// get is key's count, if held.
func (g *gens) get(key [32]byte) (int, bool) {
	if n, ok := g.cur[key]; ok {
		return n, true
	}
	n, ok := g.old[key]
	if ok {
		g.put(key, n)
	}
	return n, ok
}

// put holds key's count.
func (g *gens) put(key [32]byte, n int) {
	if g.cur == nil || len(g.cur) >= maxCached {
		g.old, g.cur = g.cur, make(map[[32]byte]int)
	}
	g.cur[key] = n
}

// len is how many counts are held.
func (g *gens) len() int { return len(g.cur) + len(g.old) }

// Measure is p's budget: each part counted with the local tokenizer
// (llm.LocalTokens) and, when the provider has a count endpoint
// (llm.Counter), scaled so the request (without Pending, which changes
// with each key) adds up to the provider's count. Estimate is set when
// the counts are the local tokenizer's; err says why the provider's count
// failed (the budget is then the estimate). Long: call it off the render
// thread.
func (c *Counter) Measure(ctx context.Context, prov llm.Provider, p Parts) (budget.Breakdown, error) {
	b := budget.Breakdown{Window: p.Window, Estimate: true}
	b.Parts[budget.System] = c.local(p.System)
	b.Parts[budget.Files] = c.local(p.Context.Text)
	b.Parts[budget.Screenshots] = llm.ImageTokens * len(p.Context.Images)
	specs, _ := json.Marshal(p.Tools)
	if len(p.Tools) > 0 {
		b.Parts[budget.Tools] = c.local(string(specs))
	}
	// Newest first: once the entries counted fill the window twice over,
	// older ones are estimated from their length. Any trim drops them
	// whole, so it comes out the same, and the first count of a 50 MB
	// discussion no longer tokenizes all of it (~23 s of a core here).
	counted := b.Total()
	b.Entries = make([]int, len(p.History), len(p.History)+1)
	for i := len(p.History) - 1; i >= 0; i-- {
		e := p.History[i]
		if e.Status == state.EntryFailed || e.Status == state.EntryStreaming || strings.TrimSpace(e.Text) == "" ||
			e.Role == state.RoleSystem && e.Text == p.System {
			continue // left out of the request (Messages), or the system prompt again
		}
		if p.Window > 0 && counted > 2*p.Window {
			b.Entries[i] = llm.EstimateTokens(int64(len(e.Text)), 0)
			continue
		}
		b.Entries[i] = c.local(e.Text)
		counted += b.Entries[i]
	}
	var err error
	if counter, ok := prov.(llm.Counter); ok {
		var n int
		n, err = c.count(ctx, counter, p, specs)
		if err == nil {
			scale(&b, n)
			b.Estimate = false
		}
	}
	if p.Pending != "" {
		b.Entries = append(b.Entries, c.local(p.Pending))
	}
	b.Parts[budget.History] = 0
	for _, n := range b.Entries {
		b.Parts[budget.History] += n
	}
	return b, err
}

// scale makes b's parts and entries add up to total, keeping their
// proportions (the provider counts the whole request, the tokenizer each
// part).
func scale(b *budget.Breakdown, total int) {
	local := 0
	for i, n := range b.Parts {
		if budget.Part(i) != budget.History {
			local += n
		}
	}
	for _, n := range b.Entries {
		local += n
	}
	if local == 0 {
		b.Parts[budget.System] = total
		return
	}
	f := float64(total) / float64(local)
	r := func(n int) int { return int(math.Round(float64(n) * f)) }
	for i := range b.Parts {
		b.Parts[i] = r(b.Parts[i])
	}
	for i := range b.Entries {
		b.Entries[i] = r(b.Entries[i])
	}
}

// count is the provider's count of p's request, from the cache when the
// same request was counted before.
func (c *Counter) count(ctx context.Context, counter llm.Counter, p Parts, specs []byte) (int, error) {
	system, msgs := Messages(p.System, p.History, p.Context)
	if len(msgs) == 0 {
		msgs = []llm.Message{{Role: llm.User, Text: "."}} // the endpoints want one message
	}
	req := llm.Request{Model: p.Model, System: system, Messages: msgs, Tools: p.Tools}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", p.Model, system)
	h.Write(specs)
	for _, m := range msgs {
		fmt.Fprintf(h, "\x01%v\x00%d\x00%s", m.Role, len(m.Text), m.Text)
		for _, img := range m.Images {
			fmt.Fprintf(h, "\x02%s\x00%d\x00", img.MIME, len(img.Data))
			h.Write(img.Data)
		}
	}
	var key [32]byte
	h.Sum(key[:0])
	c.mu.Lock()
	n, ok := c.provider.get(key)
	c.mu.Unlock()
	if ok {
		return n, nil
	}
	n, err := counter.CountTokens(ctx, req)
	if err != nil {
		return 0, fmt.Errorf("counting tokens: %w", err)
	}
	c.mu.Lock()
	c.provider.put(key, n)
	c.mu.Unlock()
	return n, nil
}

// chunk is the size from which a long text is counted in pieces.
const chunk = 16 << 10

// local is the local tokenizer's count of s, cached by its hash. A long
// text is counted piece by piece, each cached: a piece ends after a line
// whose hash is 0 mod 32 (so where pieces end depends on the lines, not
// on offsets), or at 4 chunks without one. A key typed into a 5 MB
// composer, or a line inserted in it, tokenizes a piece or two again,
// not 5 MB. Splitting at line ends changes the count by a token now and
// then: a local count is an estimate anyway.
func (c *Counter) local(s string) int {
	if len(s) <= 2*chunk {
		return c.piece(s)
	}
	n, start := 0, 0
	for start < len(s) {
		end := min(len(s), start+4*chunk)
		for i := start; i < end; {
			j := strings.IndexByte(s[i:end], '\n')
			if j < 0 {
				break
			}
			line := s[i : i+j+1]
			if i = i + j + 1; maphash.String(pieceSeed, line)%32 == 0 {
				end = i
			}
		}
		n += c.piece(s[start:end])
		start = end
	}
	return n
}

var pieceSeed = maphash.MakeSeed()

// keySeeds key the local counts (this process's cache only).
var keySeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// textKey is s's cache key: two 64-bit hashes and its length, computed
// without a copy of s. A SHA-256 of a copy made a recount of a 50 MB
// discussion allocate 54 MB and take 48 ms, every couple of seconds.
func textKey(s string) [32]byte {
	var k [32]byte
	binary.LittleEndian.PutUint64(k[0:], maphash.String(keySeeds[0], s))
	binary.LittleEndian.PutUint64(k[8:], maphash.String(keySeeds[1], s))
	binary.LittleEndian.PutUint64(k[16:], uint64(len(s)))
	return k
}

// piece is the local tokenizer's count of s, cached by its hash.
func (c *Counter) piece(s string) int {
	if s == "" {
		return 0
	}
	key := textKey(s)
	c.mu.Lock()
	n, ok := c.texts.get(key)
	c.mu.Unlock()
	if ok {
		return n
	}
	n = localTokens(s)
	c.mu.Lock()
	c.texts.put(key, n)
	c.mu.Unlock()
	return n
}

// Window is the context window of ai's model in tokens: the user's
// override (AISettings.ContextWindow), else the model's known window
// (llm.ContextWindow's table).
func Window(ai state.AISettings) int {
	if ai.ContextWindow > 0 {
		return int(ai.ContextWindow)
	}
	return llm.ContextWindow(ai.Model)
}
