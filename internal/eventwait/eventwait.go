// Package eventwait lets a render loop that sleeps between frames, and
// cannot be woken (giu's GLFW loop: cimgui-go's C++ sleeps until the next
// frame is due), wait for events instead. The loop is told to draw as
// fast as it can, and after each frame Loop.AfterFrame waits in GLFW's
// glfwWaitEventsTimeout until the next frame is due at the wanted rate.
// Input, and glfwPostEmptyEvent from any goroutine (giu.Update), end the
// wait at once: an idle window draws a few frames a second and still draws
// a key, a click or a finished reload on the very next frame.
//
// glfwWaitEventsTimeout is looked up in the running program (the host is
// linked with -rdynamic), so this package links without GLFW; where the
// program has none, Loop falls back to the loop's own frame rate.
package eventwait

/*
#cgo LDFLAGS: -ldl
#include <dlfcn.h>

typedef void (*eventwait_fn)(double);
static eventwait_fn eventwait_timeout;

static int eventwait_find(void) {
	eventwait_timeout = (eventwait_fn)dlsym(RTLD_DEFAULT, "glfwWaitEventsTimeout");
	return eventwait_timeout != 0;
}

static void eventwait_wait(double seconds) { eventwait_timeout(seconds); }
*/
import "C"

import "time"

const (
	// noSleepFPS is the rate the loop is told to keep: high enough that
	// it never sleeps by itself.
	noSleepFPS = 1_000_000
	// burstGap: frames drawn for a burst of events are at least this far
	// apart (60 a second).
	burstGap = time.Second / 60
)

// Loop paces a render loop; use it from the render thread only.
type Loop struct {
	Pacer
	setFPS  func(uint) // the loop's own frame rate (when GLFW is not found)
	waits   bool       // glfwWaitEventsTimeout was found
	closing bool       // Closing was called: SetFPS changes nothing
}

// New returns a Loop for a render loop whose frame rate setFPS sets
// (giu's MasterWindow.SetTargetFPS). When glfwWaitEventsTimeout is in the
// program, New tells the loop to stop sleeping by itself; otherwise SetFPS
// passes the rate to setFPS and AfterFrame does nothing.
func New(setFPS func(uint)) *Loop {
	l := &Loop{setFPS: setFPS, waits: C.eventwait_find() != 0}
	if l.waits {
		l.Pacer = Pacer{
			Gap:   burstGap,
			Now:   time.Now,
			Wait:  func(d time.Duration) { C.eventwait_wait(C.double(d.Seconds())) },
			Sleep: time.Sleep,
		}
		setFPS(noSleepFPS)
	}
	return l
}

// Waits reports whether the loop waits for events (GLFW was found).
func (l *Loop) Waits() bool { return l.waits }

// SetFPS sets the frame rate while no event arrives; events are drawn at
// at once.
func (l *Loop) SetFPS(fps uint) {
	if l.closing {
		return
	}
	if !l.waits {
		l.setFPS(fps)
		return
	}
	l.Interval = time.Second / time.Duration(max(fps, 1))
}

// Closing makes the frames from now on not wait at all: the window is
// closing and its loop ends after this frame (at the idle rate, the wait
// after that frame would hold a quit or a hot restart back by up to half
// a second).
func (l *Loop) Closing() {
	l.closing = true
	if !l.waits {
		l.setFPS(noSleepFPS)
		return
	}
	l.Interval, l.Gap = 0, 0
}

// AfterFrame waits for the next frame: call it at the end of each frame
// (giu's after-render hook), on the render thread.
func (l *Loop) AfterFrame() {
	if l.waits {
		l.Pacer.AfterFrame()
	}
}

// Pacer decides how long to wait after a frame. A frame is due Interval
// after the previous one began, or as soon as an event ends the wait; when
// events keep coming (the previous wait also ended early), frames are at
// least Gap apart, so a burst of mouse moves draws at 60 frames a second,
// not as fast as the machine can. The first event after a quiet spell is
// drawn at once.
type Pacer struct {
	Interval time.Duration // between frames while no event arrives
	Gap      time.Duration // between frames while events keep coming
	Now      func() time.Time
	Wait     func(time.Duration) // returns early when an event arrives
	Sleep    func(time.Duration)
	last     time.Time // when the frame just drawn began
	early    bool      // the wait before it ended on an event
	// Woken counts the frames whose wait an event ended: input, or
	// giu.Update from another goroutine. A window left alone should draw
	// at its rate and wake for none.
	Woken int64
}

// AfterFrame waits until the next frame should begin.
func (p *Pacer) AfterFrame() {
	now := p.Now()
	if p.last.IsZero() {
		p.last = now
		return
	}
	due := p.last.Add(p.Interval)
	if gap := p.last.Add(p.Gap); p.early && now.Before(gap) {
		p.Sleep(gap.Sub(now))
		now = p.Now()
	}
	early := false
	if now.Before(due) {
		p.Wait(due.Sub(now))
		now = p.Now()
		early = now.Before(due)
	}
	if early {
		p.Woken++
	}
	p.last, p.early = now, early
}
