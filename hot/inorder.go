package hot

import "sync"

// InOrder calls do(i) for every unit i in [0, n) once every unit deps[i]
// names (by index; they must form no cycle) has run and succeeded, at
// most slots calls at a time (at least one). A unit one of whose
// dependencies failed (do returned false) or was skipped is skipped. It
// returns, for each unit, whether do ran and succeeded. The direct builds
// compile packages with it: the plugins' (DirectBuilder) and a host's.
func InOrder(n int, deps [][]int, slots int, do func(i int) bool) []bool {
	ok := make([]bool, n)
	done := make([]chan struct{}, n)
	for i := range done {
		done[i] = make(chan struct{})
	}
	sem := make(chan struct{}, max(1, slots))
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(done[i])
			for _, j := range deps[i] {
				if <-done[j]; !ok[j] {
					return
				}
			}
			sem <- struct{}{}
			defer func() { <-sem }()
			ok[i] = do(i)
		}()
	}
	wg.Wait()
	return ok
}
