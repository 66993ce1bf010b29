package eventwait

import (
	"testing"
	"time"
)

// fakeLoop drives a Pacer on a fake clock: frames take frameTime, and
// events arrive at the given offsets from the start.
type fakeLoop struct {
	now    time.Duration
	events []time.Duration
	waits  []time.Duration // timeouts passed to Wait
	sleeps []time.Duration
}

func (f *fakeLoop) pacer(interval time.Duration) *Pacer {
	t0 := time.Unix(1000, 0)
	return &Pacer{
		Interval: interval,
		Gap:      10 * time.Millisecond,
		Now:      func() time.Time { return t0.Add(f.now) },
		Wait: func(d time.Duration) {
			f.waits = append(f.waits, d)
			end := f.now + d
			// Events that arrived while the frame was drawn are
			// pending: the wait ends at once, and takes them all.
			for len(f.events) > 0 && f.events[0] < end {
				end = max(f.events[0], f.now)
				f.events = f.events[1:]
				if end == f.now {
					continue
				}
				break
			}
			f.now = end
		},
		Sleep: func(d time.Duration) { f.sleeps = append(f.sleeps, d); f.now += d },
	}
}

func TestPacer(t *testing.T) {
	ms := time.Millisecond
	for _, tc := range []struct {
		name      string
		interval  time.Duration
		frameTime time.Duration
		events    []time.Duration
		frames    int
		starts    []time.Duration // when each frame after the first began
		woken     int64           // frames whose wait an event ended
	}{
		{"idle: one frame an interval", 100 * ms, 5 * ms, nil, 3, []time.Duration{100 * ms, 200 * ms, 300 * ms}, 0},
		{"an event is drawn at once", 100 * ms, 5 * ms, []time.Duration{142 * ms}, 3, []time.Duration{100 * ms, 142 * ms, 242 * ms}, 1},
		{"a burst draws a gap apart", 100 * ms, 2 * ms, []time.Duration{50 * ms, 53 * ms, 56 * ms}, 3, []time.Duration{50 * ms, 60 * ms, 160 * ms}, 2},
		{"a frame longer than the interval: no wait", 10 * ms, 15 * ms, nil, 2, []time.Duration{15 * ms, 30 * ms}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeLoop{events: tc.events}
			p := f.pacer(tc.interval)
			p.AfterFrame() // the first frame only starts the clock
			if len(f.waits)+len(f.sleeps) != 0 {
				t.Fatalf("the first frame waited: %v %v", f.waits, f.sleeps)
			}
			f.now = 0
			p.last = p.Now()
			var starts []time.Duration
			for i := 0; i < tc.frames; i++ {
				f.now += tc.frameTime
				p.AfterFrame()
				starts = append(starts, f.now)
			}
			if len(starts) != len(tc.starts) {
				t.Fatalf("frames began at %v, want %v", starts, tc.starts)
			}
			for i := range starts {
				if starts[i] != tc.starts[i] {
					t.Fatalf("frames began at %v, want %v (waits %v, sleeps %v)", starts, tc.starts, f.waits, f.sleeps)
				}
			}
			if p.Woken != tc.woken {
				t.Errorf("%d frames woken by an event, want %d", p.Woken, tc.woken)
			}
		})
	}
}

// A test binary has no GLFW: the loop keeps its own frame rate.
func TestNewWithoutGLFW(t *testing.T) {
	var got []uint
	l := New(func(fps uint) { got = append(got, fps) })
	if l.Waits() {
		t.Fatal("found glfwWaitEventsTimeout in a program without GLFW")
	}
	l.SetFPS(10)
	l.AfterFrame() // does nothing
	if len(got) != 1 || got[0] != 10 {
		t.Fatalf("frame rates set: %v, want [10]", got)
	}
}

// A closing window's last frames do not wait, whatever rate is set after
// (an idle window would hold its quit back by half a second).
func TestClosing(t *testing.T) {
	ms := time.Millisecond
	f := &fakeLoop{}
	l := &Loop{waits: true, Pacer: *f.pacer(500 * ms)}
	l.AfterFrame()
	f.now += 5 * ms
	l.AfterFrame()
	if len(f.waits) != 1 || f.waits[0] != 495*ms {
		t.Fatalf("an idle frame waited %v, want [495ms]", f.waits)
	}
	l.Closing()
	l.SetFPS(2)
	f.now += 5 * ms
	l.AfterFrame()
	if len(f.waits) != 1 || len(f.sleeps) != 0 {
		t.Fatalf("a closing frame waited: waits %v, sleeps %v", f.waits, f.sleeps)
	}

	// Without GLFW the loop's own rate is raised and kept.
	var got []uint
	n := New(func(fps uint) { got = append(got, fps) })
	n.Closing()
	n.SetFPS(2)
	if len(got) != 1 || got[0] != noSleepFPS {
		t.Fatalf("frame rates set: %v, want [%d]", got, noSleepFPS)
	}
}
