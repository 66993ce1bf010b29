package hot_test

import (
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slopgui/slopgui/hot"
)

// Each unit runs after the units it depends on, never more than slots at
// once; a failure skips the units that depend on it, and only those.
func TestInOrder(t *testing.T) {
	// 0 ← 1 ← 3, 0 ← 2, 4 alone.
	deps := [][]int{nil, {0}, {0}, {1}, nil}
	for _, c := range []struct {
		name  string
		slots int
		fail  int // the unit that fails; -1 none
		want  []bool
	}{
		{"all run", 2, -1, []bool{true, true, true, true, true}},
		{"one slot", 1, -1, []bool{true, true, true, true, true}},
		{"no slot is one", 0, -1, []bool{true, true, true, true, true}},
		{"1 fails: 3 skipped", 2, 1, []bool{true, false, true, false, true}},
		{"0 fails: all its dependents skipped", 2, 0, []bool{false, false, false, false, true}},
	} {
		var mu sync.Mutex
		var order []int
		var running, most atomic.Int32
		got := hot.InOrder(len(deps), deps, c.slots, func(i int) bool {
			n := running.Add(1)
			defer running.Add(-1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			time.Sleep(time.Millisecond) // lets others overlap it, if they may
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			return i != c.fail
		})
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		at := map[int]int{}
		for k, i := range order {
			at[i] = k
		}
		for i, ds := range deps {
			for _, j := range ds {
				if ki, ran := at[i]; ran && at[j] > ki {
					t.Errorf("%s: unit %d ran before %d, which it depends on (order %v)", c.name, i, j, order)
				}
			}
		}
		if limit := int32(max(1, c.slots)); most.Load() > limit {
			t.Errorf("%s: %d at once, want at most %d", c.name, most.Load(), limit)
		}
	}
}
