package hot

import (
	"context"
	"time"
)

// Status returns a snapshot for display.
func (r *Reloader) Status() Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	gen := 0
	if g := r.Current(); g != nil {
		gen = g.N
	}
	st := Status{
		Generation: gen, Busy: r.want != nil, Phase: r.phase, Since: r.since,
		IsError: r.errText != "", Error: r.errText, Reason: r.errReason,
		Stats: r.stats, History: append([]Record(nil), r.history...),
		SourcesChanged: r.srcChanged,
	}
	if r.want == nil {
		st.Ahead.Building = r.job != nil
		if p := r.prep; p != nil && !r.srcChanged && r.job == nil {
			if p.err != nil {
				st.Ahead.Error = p.err.Error()
				st.Ahead.Reason = reasonOf(p.err)
			} else {
				st.Ahead.Ready, st.Ahead.Loaded = true, p.loaded
			}
		}
	}
	return st
}

// Wait blocks until no trigger waits for its result (it is waiting for
// BeginFrame, or failed) and the worker is idle, or ctx ends.
func (r *Reloader) Wait(ctx context.Context) error {
	t := time.NewTicker(2 * time.Millisecond)
	defer t.Stop()
	for {
		r.mu.Lock()
		busy := r.want != nil || r.working || r.aheadReq || r.rollTo != nil
		r.mu.Unlock()
		if !busy {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}
