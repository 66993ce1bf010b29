package hot

import (
	"errors"
	"fmt"
	"time"
)

// BeginFrame must be called on the render thread before a frame is drawn.
// If a reload finished, it captures the registered state, swaps the new
// generation in (every target at once) and puts it on probation until
// EndFrame; a failed reload only updates the error state.
func (r *Reloader) BeginFrame() {
	r.mu.Lock()
	o := r.ready
	r.ready = nil
	if o != nil && r.want == nil && !r.working {
		r.phase = PhaseIdle
	}
	var roll *Generation
	if o == nil && r.prob == nil {
		roll, r.rollTo = r.rollTo, nil
	}
	r.mu.Unlock()
	if roll != nil {
		r.rollBack(roll)
		return
	}
	if o == nil {
		return
	}
	if o.err != nil {
		r.finish(o, 0, r.Current().N, o.err, false)
		return
	}
	r.swapIn(o, func(prev *Generation) *Generation {
		r.mu.Lock()
		r.lastN++
		n := r.lastN
		r.aheadLoads = 0 // what was loaded ahead is in use now
		r.mu.Unlock()
		return o.generation(n, prev, r.cfg.Now())
	})
}

// swapIn captures the registered state and makes next(current) the current
// generation, on probation until EndFrame confirms or undoes it.
func (r *Reloader) swapIn(o *outcome, next func(prev *Generation) *Generation) {
	start := r.cfg.Now()
	snap, err := CaptureState(r.cfg.State, r.reg.StateKeys())
	if err != nil {
		r.finish(o, 0, r.Current().N, r.explained(&Error{Reason: ReasonInternal, What: "capturing state failed", Err: err}), false)
		return
	}
	prev := r.Current()
	r.current.Store(next(prev))
	r.prob = &probation{prev: prev, snap: snap, o: o, swap: r.cfg.Now().Sub(start)}
}

// generation is the generation n that o makes of prev: prev's modules and
// problems, with o's modules (and their problems) in place of their old ones.
func (o *outcome) generation(n int, prev *Generation, now time.Time) *Generation {
	var sources map[string][]byte
	if o.snap != nil {
		sources = o.snap.Files
	}
	next := &Generation{N: n, Build: o.buildID, SourceHash: o.hash, Sources: sources, Modules: map[string]Symbols{}, Problems: map[string]*Error{}, Loaded: now, Prev: prev}
	for k, v := range prev.Modules {
		next.Modules[k] = v
	}
	for k, v := range prev.Problems {
		next.Problems[k] = v
	}
	for name, s := range o.syms {
		next.Modules[name] = s
		for k := range next.Problems {
			if len(k) > len(name) && k[:len(name)+1] == name+"." {
				delete(next.Problems, k)
			}
		}
	}
	for k, v := range o.problems {
		next.Problems[k] = v
	}
	return next
}

// rollBack makes gen current again, on probation like a new generation.
func (r *Reloader) rollBack(gen *Generation) {
	o := &outcome{modules: r.allNames(), hash: gen.SourceHash, rollback: true}
	r.swapIn(o, func(*Generation) *Generation { return gen })
}

// EndFrame must be called on the render thread after the frame's views ran,
// with the panics they raised (recovered by the host). It confirms a
// generation on probation, or, if its first frame panicked, restores the
// state captured before the swap, goes back to the previous generation and
// returns true: the host should discard the frame and draw it again.
// Panics outside a first frame are counted (Stats.ViewPanics); what to
// draw for such a view is the host's choice.
func (r *Reloader) EndFrame(panics []error) (rolledBack bool) {
	p := r.prob
	if p == nil {
		if len(panics) > 0 {
			r.mu.Lock()
			r.stats.ViewPanics += len(panics)
			r.mu.Unlock()
		}
		return false
	}
	r.prob = nil
	gen := r.Current()
	if len(panics) > 0 {
		start := r.cfg.Now()
		rerr := RestoreState(r.cfg.State, p.snap)
		r.current.Store(p.prev)
		r.mu.Lock()
		if !p.o.rollback && gen.N == r.lastN {
			r.lastN-- // never confirmed: the next generation takes its number
		}
		r.mu.Unlock()
		err := r.explained(&Error{Reason: ReasonFirstFramePanic,
			What:   fmt.Sprintf("the new code panicked in its first frame; rolled back to generation %d and restored the state", p.prev.N),
			Detail: errors.Join(append(panics, rerr)...).Error(),
			Hint:   "fix the panic and reload"})
		r.finish(p.o, p.swap+r.cfg.Now().Sub(start), p.prev.N, err, false)
		return true
	}
	if len(gen.Problems) > 0 {
		text, reason := problemText(gen.Problems)
		r.finish(p.o, p.swap, gen.N, r.explained(&Error{Reason: reason, What: text}), true)
		return false
	}
	if !p.o.rollback {
		r.mu.Lock()
		r.gens = append(r.gens, gen)
		r.mu.Unlock()
	}
	r.finish(p.o, p.swap, gen.N, nil, true)
	return false
}

// OnProbation reports whether the current generation has not finished its
// first frame yet (render thread only).
func (r *Reloader) OnProbation() bool { return r.prob != nil }

// finish records a reload's result.
// Its error was put in the host's words where it was made (explained).
func (r *Reloader) finish(o *outcome, swap time.Duration, gen int, err error, swapped bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rec := Record{When: r.cfg.Now(), Modules: o.modules, Generation: gen, OK: err == nil, Rollback: o.rollback,
		SourceHash: o.hash, Ahead: o.ahead, Build: o.build, Compile: o.trace.Compile, Link: o.trace.Link,
		Compiled: o.trace.Compiled, BuildCPU: o.trace.CPU, Load: o.load, Swap: swap}
	if !o.wantAt.IsZero() {
		rec.Waited = rec.When.Sub(o.wantAt)
	}
	if o.rollback {
		// Nothing was built: only the swap and the result are news.
		r.stats.Rollbacks++
		if swapped || swap > 0 {
			r.stats.LastSwap = swap
		}
		if err == nil {
			r.errText, r.errReason = "", ReasonNone
		} else {
			rec.Error, rec.Reason = err.Error(), reasonOf(err)
			r.errText, r.errReason = rec.Error, rec.Reason
		}
		r.appendRecord(rec)
		return
	}
	r.stats.Reloads++
	r.stats.LastBuild, r.stats.LastLoad = o.build, o.load
	r.stats.LastCompile, r.stats.LastLink, r.stats.LastCompiled = rec.Compile, rec.Link, len(rec.Compiled)
	r.stats.LastWaited, r.stats.LastBuildCPU = rec.Waited, rec.BuildCPU
	if swapped || swap > 0 {
		r.stats.LastSwap = swap
	}
	if err == nil {
		r.stats.Successes++
		r.errText, r.errReason = "", ReasonNone
	} else {
		r.stats.Failures++
		rec.Error = err.Error()
		rec.Reason = reasonOf(err)
		r.errText, r.errReason = rec.Error, rec.Reason
	}
	r.appendRecord(rec)
}

// appendRecord adds rec to the history (r.mu held).
func (r *Reloader) appendRecord(rec Record) {
	r.history = append(r.history, rec)
	if len(r.history) > historyLen {
		r.history = r.history[len(r.history)-historyLen:]
	}
}
