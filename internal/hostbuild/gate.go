package hostbuild

import (
	"context"
	"sync"
)

// Gate keeps the host build and another builder's (the views') from
// running at once. The other builder goes first: the views build takes a
// second and the key swaps its result within a frame or two, while the
// host build takes several. A views build entering stops a host build
// under way, which the Scheduler starts again once the views build is done
// (the go build cache keeps what it had compiled). The zero Gate is ready;
// a nil *Gate lets everything through.
type Gate struct {
	mu      sync.Mutex
	changed chan struct{} // closed (and replaced) on every change
	views   int           // views builds inside
	host    bool          // a host build is inside
	stop    context.CancelCauseFunc
}

// Views enters the gate for a views build: it stops a host build under way
// and waits for it to leave. Call release when the build is done.
func (g *Gate) Views(ctx context.Context) (release func(), err error) {
	if g == nil {
		return func() {}, nil
	}
	g.mu.Lock()
	g.views++
	if g.host && g.stop != nil {
		g.stop(errPreempted)
	}
	g.mu.Unlock()
	leave := func() {
		g.mu.Lock()
		g.views--
		g.signal()
		g.mu.Unlock()
	}
	if err := g.wait(ctx, func() bool { return !g.host }); err != nil {
		leave()
		return nil, err
	}
	g.mu.Unlock()
	return leave, nil
}

// enterHost waits until no views build is inside, then enters for a host
// build that stop cancels. It returns at once when ctx is done (the build
// then does not run).
func (g *Gate) enterHost(ctx context.Context, stop context.CancelCauseFunc) (release func()) {
	if g == nil {
		return func() {}
	}
	if err := g.wait(ctx, func() bool { return g.views == 0 }); err != nil {
		return func() {}
	}
	g.host, g.stop = true, stop
	g.mu.Unlock()
	return func() {
		g.mu.Lock()
		g.host, g.stop = false, nil
		g.signal()
		g.mu.Unlock()
	}
}

// wait returns with g.mu held once ok() holds, or with an error (g.mu not
// held) when ctx is done first.
func (g *Gate) wait(ctx context.Context, ok func() bool) error {
	for {
		g.mu.Lock()
		if ok() {
			return nil
		}
		if g.changed == nil {
			g.changed = make(chan struct{})
		}
		ch := g.changed
		g.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (g *Gate) signal() {
	if g.changed != nil {
		close(g.changed)
		g.changed = nil
	}
}
