// Package restart is hot restart's logic without a window, which app/
// adapts: what a process started by a restart or after a crash begins with
// (Read, Welcome), the chain of views generations a handover carries
// (Pick, Chain), the kept plugins behind it (KeepingLoader, PruneKept), the
// reload history and counters carried across processes (Earlier), and the
// words the window shows about restarts (HowBuilt, Line).
package restart

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/slopgui/slopgui/internal/handover"
	"github.com/slopgui/slopgui/persist"
)

// Start is what a process begins with: the handover and the crash report
// it was given, and, when the handover could not be used, why, in words.
type Start struct {
	Handover *handover.Handover // nil: none given, or unusable (Problem says)
	Crash    *handover.Crash    // nil: the previous process did not crash
	Problem  string
}

// Read reads the handover and the crash report ("" for none). An unreadable
// crash report still says there was a crash; an unreadable handover is moved
// aside (never deleted), and Problem tells the user where it went.
func Read(handoverFile, crashFile string, now time.Time) Start {
	var s Start
	if crashFile != "" {
		c, err := handover.ReadCrash(crashFile)
		if err != nil {
			c = &handover.Crash{What: "the previous process ended unexpectedly (its crash report is unreadable: " + err.Error() + ")"}
		}
		s.Crash = c
	}
	if handoverFile == "" {
		return s
	}
	h, err := handover.ReadFile(handoverFile)
	switch {
	case err == nil:
		s.Handover = h
	case errors.Is(err, os.ErrNotExist):
		s.Problem = fmt.Sprintf("The state handed over by the previous process is missing (%v). slopgui started from the project file.", err)
	default:
		moved, merr := persist.MoveAside(handoverFile, now)
		kept := "it was moved to " + moved
		if merr != nil {
			kept = fmt.Sprintf("it could not be moved aside (%v) and was left in place", merr)
		}
		s.Problem = fmt.Sprintf("The state handed over by the previous process could not be read: %v. Nothing was deleted: %s. slopgui started from the project file.", err, kept)
	}
	return s
}

// Notice is what the window tells the user at start, until dismissed.
type Notice struct {
	Title  string
	Lines  []string
	Detail string // a crash's stack or output, in a text box
}

// Welcome is how a process greets the user after a start.
type Welcome struct {
	Notice *Notice // nil: nothing to say
	// Reason is why this process was started ("" for a plain start).
	Reason string
	// Crash and Restart count this start into the carried counters.
	Crash, Restart bool
}

// Welcome says what happened before this start: a crash (with how the work
// came back), a handover that could not be used, or a restart, with lines
// (what restoring the state and the views said) added.
func (s Start) Welcome(lines []string) Welcome {
	h := s.Handover
	switch {
	case s.Crash != nil:
		n := &Notice{Title: "slopgui crashed and was restarted", Detail: s.Crash.Detail}
		n.Lines = append(n.Lines, "What happened: "+s.Crash.What)
		if s.Crash.Recent > 1 {
			n.Lines = append(n.Lines, fmt.Sprintf("%d crashes within the last minute.", s.Crash.Recent))
		}
		switch {
		case h != nil:
			n.Lines = append(n.Lines, fmt.Sprintf("Your work was restored from a snapshot taken at %s (pid %d).", h.Written.Format("15:04:05.0"), h.PID))
		case s.Problem != "":
			n.Lines = append(n.Lines, s.Problem)
		default:
			n.Lines = append(n.Lines, "No snapshot was taken before the crash: slopgui started from the project file.")
		}
		n.Lines = append(n.Lines, lines...)
		return Welcome{Notice: n, Reason: "crash: " + s.Crash.What, Crash: true}
	case s.Problem != "":
		return Welcome{Notice: &Notice{Title: "slopgui restarted without its state", Lines: []string{s.Problem}}}
	case h != nil && h.Kind == handover.KindRestart:
		w := Welcome{Reason: h.Reason, Restart: true}
		if len(lines) > 0 {
			w.Notice = &Notice{Title: "slopgui restarted", Lines: append([]string{"Why: " + h.Reason}, lines...)}
		}
		return w
	}
	return Welcome{}
}
