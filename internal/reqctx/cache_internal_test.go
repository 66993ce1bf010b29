package reqctx

import (
	"context"
	"fmt"
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
