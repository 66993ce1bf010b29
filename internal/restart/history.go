package restart

import (
	"fmt"
	"strings"
	"time"

	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/handover"
	"github.com/slopgui/slopgui/internal/hostbuild"
)

// MaxHistory is how many reloads the carried history keeps.
const MaxHistory = 100

// Earlier is what the processes before this one did: the reload history
// and counters a handover carried.
type Earlier struct {
	History []hot.Record
	Stats   handover.Stats
}

// EarlierFrom is what h carries.
func EarlierFrom(h *handover.Handover) Earlier {
	e := Earlier{Stats: h.Stats}
	for _, r := range h.History {
		e.History = append(e.History, hot.Record{When: r.When, Generation: r.Generation, OK: r.OK, Reason: hot.Reason(r.Reason),
			Error: r.Error, Build: time.Duration(r.BuildMs) * time.Millisecond,
			Load: time.Duration(r.LoadMs) * time.Millisecond, Swap: time.Duration(r.SwapUs) * time.Microsecond})
	}
	return e
}

// Status is this process's reloader status st as the user sees it:
// generation numbers continue across restarts (this process's generation
// 0 is base: Chain.Base), and the history (the last MaxHistory) and the
// counters include the earlier processes'.
func (e Earlier) Status(st hot.Status, base int) hot.Status {
	st.Generation += base
	hist := append([]hot.Record(nil), e.History...)
	for _, r := range st.History {
		r.Generation += base
		hist = append(hist, r)
	}
	if len(hist) > MaxHistory {
		hist = hist[len(hist)-MaxHistory:]
	}
	st.History = hist
	st.Stats.Reloads += e.Stats.Reloads
	st.Stats.Successes += e.Stats.Successes
	st.Stats.Failures += e.Stats.Failures
	st.Stats.Coalesced += e.Stats.Coalesced
	st.Stats.ViewPanics += e.Stats.ViewPanics
	return st
}

// Carry is what a handover carries of st (a Status made by Status): its
// history and counters, with the earlier processes' restarts and crashes.
func (e Earlier) Carry(st hot.Status) (handover.Stats, []handover.Record) {
	s := e.Stats
	s.Reloads, s.Successes, s.Failures = st.Stats.Reloads, st.Stats.Successes, st.Stats.Failures
	s.Coalesced, s.ViewPanics = st.Stats.Coalesced, st.Stats.ViewPanics
	var hist []handover.Record
	for _, r := range st.History {
		hist = append(hist, handover.Record{When: r.When, Generation: r.Generation, OK: r.OK,
			Reason: string(r.Reason), Error: r.Error, BuildMs: r.Build.Milliseconds(),
			LoadMs: r.Load.Milliseconds(), SwapUs: r.Swap.Microseconds()})
	}
	return s, hist
}

// HowBuilt says how a host build was made, for the restart's reason: the
// packages it compiled (relative to the module mod; the first three and
// how many more), after the go command compiled what changed when it
// listed the packages first, or that the go command built it.
func HowBuilt(tr hostbuild.Trace, mod string) string {
	if !tr.Direct {
		return "built by the go command"
	}
	how := "linked only"
	if tr.Listed {
		how = "listed and compiled by the go command, linked"
	}
	if len(tr.Compiled) == 0 {
		return how
	}
	names := make([]string, 0, 3)
	for _, p := range tr.Compiled[:min(len(tr.Compiled), 3)] {
		names = append(names, strings.TrimPrefix(strings.TrimPrefix(p, mod), "/"))
	}
	list := strings.Join(names, ", ")
	if more := len(tr.Compiled) - len(names); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	if tr.Listed {
		return "listed and compiled by the go command, then compiled " + list
	}
	return "compiled " + list
}

// Line is the status line's word on restarts ("" for none): the ahead
// build's progress, else a restart waiting for an idle moment (capWhy), else
// for the first frames after a restart, why it came (reason). buildErr is
// the failure a trigger waited for, which the reload line says itself.
func Line(hs hostbuild.Status, buildErr, capWhy, reason string, frames int) string {
	switch w := hs.Word(); {
	case hs.Waiting || w == "": // the reload line says it
	case w == "building":
		return "  |  building slopgui…"
	case w == "ready":
		return "  |  slopgui ready — Ctrl+Alt+R restarts, keeping your state"
	case buildErr == "": // else the reload line says it
		return "  |  build error: " + hot.FirstProblem(hs.Err)
	}
	switch {
	case capWhy != "":
		return "  |  RESTART when idle: " + capWhy
	case reason != "" && frames < 600:
		return "  |  restarted: " + reason
	}
	return ""
}
