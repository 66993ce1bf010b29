// Package xprobe presses keys and watches pixels on an X display from
// outside the program under test: how long after a key press (or a saved
// file) its window shows new pixels. It polls a small screen region with
// XGetImage every millisecond, so a change is seen within about a
// millisecond of reaching the X server. Tests and benchmarks only.
package xprobe

/*
#cgo LDFLAGS: -lX11 -lXtst
#include <stdlib.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>

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
type Display struct{ d *C.Display }

// Open connects to display (e.g. ":99").
func Open(display string) (*Display, error) {
	cs := C.CString(display)
	defer C.free(unsafe.Pointer(cs))
	d := C.XOpenDisplay(cs)
	if d == nil {
		return nil, fmt.Errorf("xprobe: cannot open display %s", display)
	}
	return &Display{d: d}, nil
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

// WaitChange polls r until its checksum differs from base and returns the
// moment it saw the change.
func (x *Display) WaitChange(r image.Rectangle, base uint64, timeout time.Duration) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	for {
		s, err := x.Sum(r)
		now := time.Now()
		if err != nil {
			return now, err
		}
		if s != base {
			return now, nil
		}
		if now.After(deadline) {
			return now, ErrTimeout
		}
		time.Sleep(time.Millisecond) // a finer poll would take CPU from what it measures
	}
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

// WaitPixel polls the pixel at p until want accepts its colour and returns
// the moment it saw it.
func (x *Display) WaitPixel(p image.Point, want func(r, g, b uint8) bool, timeout time.Duration) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	for {
		r, g, b, err := x.Pixel(p)
		now := time.Now()
		if err == nil && want(r, g, b) {
			return now, nil
		}
		if now.After(deadline) {
			return now, fmt.Errorf("xprobe: the pixel at %v is %d,%d,%d after %v (%v)", p, r, g, b, timeout, err)
		}
		time.Sleep(time.Millisecond)
	}
}
