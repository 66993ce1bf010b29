package reqctx

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/slopgui/slopgui/state"
)

// TestRecountUsesCache measures histories longer than the old bound
// (4,096 texts) again and again: after the first measure, no entry's
// text is tokenized again.
func TestRecountUsesCache(t *testing.T) {
	var calls atomic.Int64
	real := localTokens
	localTokens = func(s string) int { calls.Add(1); return len(s) }
	t.Cleanup(func() { localTokens = real })
	for _, n := range []int{10, 5000, maxCached} {
		var c Counter
		hist := make([]state.Entry, n)
		for i := range hist {
			hist[i] = state.Entry{Role: state.RoleUser, Text: fmt.Sprint("entry ", i)}
		}
		calls.Store(0)
		if _, err := c.Measure(context.Background(), nil, Parts{History: hist}); err != nil {
			t.Fatal(err)
		}
		if got := calls.Load(); got != int64(n) {
			t.Errorf("%d entries: the first measure tokenized %d texts, want %d", n, got, n)
		}
		for round := range 3 {
			calls.Store(0)
			b, _ := c.Measure(context.Background(), nil, Parts{History: hist})
			if got := calls.Load(); got != 0 {
				t.Errorf("%d entries, recount %d: tokenized %d texts again, want 0", n, round+1, got)
			}
			if b.Entries[n-1] != len(hist[n-1].Text) {
				t.Errorf("%d entries: the last entry counts %d, want %d", n, b.Entries[n-1], len(hist[n-1].Text))
			}
		}
		if c.texts.len() > 2*maxCached {
			t.Errorf("%d entries: %d counts held, over the bound %d", n, c.texts.len(), 2*maxCached)
		}
	}
}

// TestGensBounded: the cache holds at most two generations, and a count
// in use moves to the current one.
func TestGensBounded(t *testing.T) {
	var g gens
	key := func(i int) (k [32]byte) { copy(k[:], fmt.Sprint(i)); return k }
	for i := range 3 * maxCached {
		g.put(key(i), i)
		if _, ok := g.get(key(0)); !ok {
			t.Fatalf("after %d puts the key in use was dropped", i+1)
		}
	}
	if g.len() > 2*maxCached {
		t.Errorf("holds %d, want at most %d", g.len(), 2*maxCached)
	}
	if _, ok := g.get(key(1)); ok {
		t.Error("a key unused for two generations is still held")
	}
}

// TestLongTextCountedInPieces: a 5 MB composer is tokenized once; a key
// typed at its end, or a line inserted in its middle, tokenizes a piece
// or two again, not the whole text; the pieces add up to the text.
func TestLongTextCountedInPieces(t *testing.T) {
	var tokenized atomic.Int64
	real := localTokens
	localTokens = func(s string) int { tokenized.Add(int64(len(s))); return len(s) }
	t.Cleanup(func() { localTokens = real })
	// Every piece differs (identical pieces would be counted once).
	var b, one strings.Builder
	for i := 0; b.Len() < 5<<20; i++ {
		fmt.Fprintf(&b, "line %07d of a long pasted text, with words in it\n", i)
		fmt.Fprintf(&one, "word%07d ", i)
	}
	text, noLines := b.String(), one.String()
	mid := strings.Index(text, "line 0050000 ")
	for _, tc := range []struct {
		name         string
		first, after string
		maxAgain     int // bytes tokenized again at most
	}{
		{"a key typed at the end", text, text + "k", 2 * chunk},
		{"a line inserted in the middle", text, text[:mid] + "new line\n" + text[mid:], 4 * chunk},
		{"one 5 MB line, a key at the end", noLines, noLines + "k", 4 * chunk},
		{"a short text", "hello", "hello!", 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c Counter
			tokenized.Store(0)
			if n := c.local(tc.first); n != len(tc.first) {
				t.Fatalf("count %d, want the pieces to add up to %d", n, len(tc.first))
			}
			if got := tokenized.Load(); got != int64(len(tc.first)) {
				t.Fatalf("the first count tokenized %d bytes, want %d", got, len(tc.first))
			}
			tokenized.Store(0)
			if n := c.local(tc.after); n != len(tc.after) {
				t.Fatalf("count after the edit %d, want %d", n, len(tc.after))
			}
			if got := tokenized.Load(); got > int64(tc.maxAgain) {
				t.Errorf("the edit tokenized %d bytes again, want at most %d", got, tc.maxAgain)
			}
		})
	}
}

// BenchmarkRecount is a recount of a discussion whose every count is
// cached (what the budget bar does every couple of seconds): 5,000
// entries of 10 KB.
func BenchmarkRecount(b *testing.B) {
	hist := make([]state.Entry, 5000)
	for i := range hist {
		hist[i] = state.Entry{Role: state.RoleUser, Text: strings.Repeat(fmt.Sprintf("entry %d says something. ", i), 400)}
	}
	var c Counter
	p := Parts{Model: "m", History: hist}
	c.Measure(b.Context(), nil, p)
	b.ReportAllocs()
	for b.Loop() {
		c.Measure(b.Context(), nil, p)
	}
}

// TestLongHistoryCountsOnlyWhatFits: a discussion far longer than the
// window tokenizes only its newest entries, up to twice the window; the
// older ones are estimated from their length, and the trim comes out as
// with every entry counted.
func TestLongHistoryCountsOnlyWhatFits(t *testing.T) {
	var calls atomic.Int64
	real := localTokens
	localTokens = func(s string) int { calls.Add(1); return len(s) } // a token a byte
	t.Cleanup(func() { localTokens = real })
	hist := make([]state.Entry, 500)
	for i := range hist {
		hist[i] = state.Entry{Role: state.RoleUser, Text: fmt.Sprintf("%-100d", i)} // 100 tokens
	}
	var c Counter
	b, err := c.Measure(context.Background(), nil, Parts{History: hist, Window: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if got := calls.Load(); got != 21 {
		t.Errorf("tokenized %d entries, want the newest 21 (just over twice the window)", got)
	}
	if b.Entries[499] != 100 || b.Entries[479] != 100 || b.Entries[478] != 25 || b.Entries[0] != 25 {
		t.Errorf("entries 0, 478, 479, 499 count %d %d %d %d; want 25 (estimated) 25 100 100",
			b.Entries[0], b.Entries[478], b.Entries[479], b.Entries[499])
	}
	// Every entry counted, 500 × 100 tokens against 1,000: keep the newest 10.
	if drop, ok := b.Trim(1); !ok || drop != 490 {
		t.Errorf("Trim = %d, %v; want 490 dropped, as with every entry counted", drop, ok)
	}
	// No window known: every entry is counted.
	calls.Store(0)
	var c2 Counter
	if _, err := c2.Measure(context.Background(), nil, Parts{History: hist}); err != nil || calls.Load() != 500 {
		t.Errorf("no window: tokenized %d entries (%v), want all 500", calls.Load(), err)
	}
}
