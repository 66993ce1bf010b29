// Package xprobe presses keys and watches pixels on an X display from
// outside the program under test: how long after a key press (or a saved
// file) its window shows new pixels. It reads the pixels again each time
// the X server reports drawing on the screen (the DAMAGE extension), so
// a change is seen as it reaches the server, without polling: reading
// the screen every millisecond, as it did, took ~25% of a build's
// processor time from the program it measured on 2 cores (a cold view
// reload measured 1037 ms that way, 780 ms with reads 10 ms apart). A
// read every 50 ms covers drawing the server does not report. Tests and
// benchmarks only.
package xprobe

/*
#cgo LDFLAGS: -lX11 -lXtst -lXdamage
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <sys/select.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>
#include <X11/extensions/Xdamage.h>

// damage_watch reports drawing anywhere on the screen (the root window
// and its inferiors) as DamageNotify events; 0 without the extension.
static Damage damage_watch(Display *d, int *event_base) {
	int error_base;
	if (!XDamageQueryExtension(d, event_base, &error_base)) return 0;
	Damage dmg = XDamageCreate(d, DefaultRootWindow(d), XDamageReportNonEmpty);
	XSync(d, False);
	return dmg;
}

static long long now_us(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

// damage_wait waits up to timeout_us for drawing since the last call
// (or since damage_watch) and clears it: 1 drawn, 0 not in time, -1 the
// connection failed. A signal (a child process ending, the Go runtime's)
// interrupts select(2), which no flag restarts: it waits out the rest.
static int damage_wait(Display *d, Damage dmg, int event_base, long timeout_us) {
	int drawn = 0;
	long long end = now_us() + timeout_us;
	for (;;) {
		while (XPending(d) > 0) {
			XEvent ev;
			XNextEvent(d, &ev);
			if (ev.type == event_base + XDamageNotify) drawn = 1;
		}
		if (drawn) {
			XDamageSubtract(d, dmg, None, None);
			XFlush(d);
			return 1;
		}
		if (timeout_us <= 0) return 0;
		int fd = ConnectionNumber(d);
		fd_set fds;
		FD_ZERO(&fds);
		FD_SET(fd, &fds);
		struct timeval tv = { timeout_us / 1000000, timeout_us % 1000000 };
		int n = select(fd + 1, &fds, NULL, NULL, &tv);
		if (n < 0 && errno == EINTR) {
			timeout_us = end - now_us();
			continue;
		}
		if (n < 0) return -1;
		if (n == 0) return 0;
		timeout_us = 0; // read what came, then answer
	}
}

static unsigned long long region_sum(Display *d, int x, int y, int w, int h, int *ok) {
	XImage *img = XGetImage(d, DefaultRootWindow(d), x, y, w, h, AllPlanes, ZPixmap);
	if (!img) { *ok = 0; return 0; }
	unsigned long long sum = 1469598103934665603ULL;
	for (int j = 0; j < h; j++)
		for (int i = 0; i < w; i++) {
			sum ^= XGetPixel(img, i, j);
			sum *= 1099511628211ULL;
		}
	XDestroyImage(img);
	*ok = 1;
	return sum;
}

static unsigned long get_pixel(Display *d, int x, int y, int *ok) {
	XImage *img = XGetImage(d, DefaultRootWindow(d), x, y, 1, 1, AllPlanes, ZPixmap);
	if (!img) { *ok = 0; return 0; }
	unsigned long p = XGetPixel(img, 0, 0);
	XDestroyImage(img);
	*ok = 1;
	return p;
}

static int press_keys(Display *d, char **names, int n) {
	KeyCode codes[8];
	if (n > 8) return 0;
	for (int i = 0; i < n; i++) {
		KeySym ks = XStringToKeysym(names[i]);
		if (ks == NoSymbol) return 0;
		codes[i] = XKeysymToKeycode(d, ks);
		if (!codes[i]) return 0;
	}
	for (int i = 0; i < n; i++) XTestFakeKeyEvent(d, codes[i], True, CurrentTime);
	for (int i = n - 1; i >= 0; i--) XTestFakeKeyEvent(d, codes[i], False, CurrentTime);
	XFlush(d);
	return 1;
}

static void move_pointer(Display *d, int x, int y) {
	XTestFakeMotionEvent(d, -1, x, y, CurrentTime);
	XFlush(d);
}
*/
import "C"

import (
	"errors"
	"fmt"
	"image"
	"strings"
	"time"
	"unsafe"
)

// Display is a connection to an X server.
type Display struct {
	d        *C.Display
	damage   C.Damage // 0: the server has no DAMAGE extension (reads every millisecond)
	dmgEvent C.int
	reads    int // screen reads by the Wait functions
}

// Open connects to display (e.g. ":99").
func Open(display string) (*Display, error) {
	cs := C.CString(display)
	defer C.free(unsafe.Pointer(cs))
	d := C.XOpenDisplay(cs)
	if d == nil {
		return nil, fmt.Errorf("xprobe: cannot open display %s", display)
	}
	x := &Display{d: d}
	x.damage = C.damage_watch(d, &x.dmgEvent)
	return x, nil
}

// Reads is how many times the Wait functions have read the screen.
func (x *Display) Reads() int { return x.reads }

// fallbackEvery is how often a wait reads the screen with no drawing
// reported (every millisecond without the DAMAGE extension).
const fallbackEvery = 50 * time.Millisecond

// wait calls seen (which reads the screen) until it is true and returns
// the moment it was; it reads again each time the server reports
// drawing, and every fallbackEvery.
func (x *Display) wait(timeout time.Duration, seen func() (bool, error)) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	if x.damage != 0 {
		C.damage_wait(x.d, x.damage, x.dmgEvent, 0) // what was drawn before: the first read covers it
	}
	for {
		x.reads++
		ok, err := seen()
		now := time.Now()
		if ok || err != nil {
			return now, err
		}
		if now.After(deadline) {
			return now, ErrTimeout
		}
		if x.damage == 0 {
			time.Sleep(time.Millisecond)
			continue
		}
		wait := min(fallbackEvery, time.Until(deadline))
		if C.damage_wait(x.d, x.damage, x.dmgEvent, C.long(max(wait, 0).Microseconds())) < 0 {
			return time.Now(), errors.New("xprobe: the X connection failed")
		}
	}
}

// Close disconnects.
func (x *Display) Close() { C.XCloseDisplay(x.d) }

// Sum returns a checksum of the pixels of r (root window coordinates).
func (x *Display) Sum(r image.Rectangle) (uint64, error) {
	var ok C.int
	s := C.region_sum(x.d, C.int(r.Min.X), C.int(r.Min.Y), C.int(r.Dx()), C.int(r.Dy()), &ok)
	if ok == 0 {
		return 0, fmt.Errorf("xprobe: cannot read pixels of %v", r)
	}
	return uint64(s), nil
}

// Press presses and releases a key combination such as "ctrl+alt+r"
// through the XTEST extension, as a keyboard would.
func (x *Display) Press(combo string) error {
	names := map[string]string{"ctrl": "Control_L", "alt": "Alt_L", "shift": "Shift_L", "super": "Super_L"}
	var cs []*C.char
	for _, k := range strings.Split(combo, "+") {
		if n, ok := names[strings.ToLower(k)]; ok {
			k = n
		}
		c := C.CString(k)
		defer C.free(unsafe.Pointer(c))
		cs = append(cs, c)
	}
	if C.press_keys(x.d, (**C.char)(unsafe.Pointer(&cs[0])), C.int(len(cs))) == 0 {
		return fmt.Errorf("xprobe: cannot press %q", combo)
	}
	return nil
}

// Move moves the pointer to (x, y) on the screen through XTEST, as a
// mouse would.
func (x *Display) Move(px, py int) { C.move_pointer(x.d, C.int(px), C.int(py)) }

// ErrTimeout is returned by WaitChange when the pixels did not change.
var ErrTimeout = errors.New("xprobe: the pixels did not change in time")

// WaitChange waits until r's checksum differs from base and returns the
// moment it saw the change.
func (x *Display) WaitChange(r image.Rectangle, base uint64, timeout time.Duration) (time.Time, error) {
	return x.wait(timeout, func() (bool, error) {
		s, err := x.Sum(r)
		return err == nil && s != base, err
	})
}

// Pixel reads the colour at p (a 24-bit TrueColor screen, as Xvfb's).
func (x *Display) Pixel(p image.Point) (r, g, b uint8, err error) {
	var ok C.int
	v := uint32(C.get_pixel(x.d, C.int(p.X), C.int(p.Y), &ok))
	if ok == 0 {
		return 0, 0, 0, fmt.Errorf("xprobe: cannot read the pixel at %v", p)
	}
	return uint8(v >> 16), uint8(v >> 8), uint8(v), nil
}

// WaitPixel waits until want accepts the colour of the pixel at p and
// returns the moment it saw it.
func (x *Display) WaitPixel(p image.Point, want func(r, g, b uint8) bool, timeout time.Duration) (time.Time, error) {
	var r, g, b uint8
	var err error
	t, werr := x.wait(timeout, func() (bool, error) {
		r, g, b, err = x.Pixel(p)
		return err == nil && want(r, g, b), nil
	})
	if errors.Is(werr, ErrTimeout) {
		return t, fmt.Errorf("xprobe: the pixel at %v is %d,%d,%d after %v (%v)", p, r, g, b, timeout, err)
	}
	return t, werr
}
