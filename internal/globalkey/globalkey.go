// Package globalkey registers slopgui's system-wide Ctrl+Alt+R: an X11 key
// grab on the root window, on its own display connection and thread.
//
// It is a small cgo adaptation of golang.design/x/hotkey (MIT licence,
// Copyright 2021 The golang.design Initiative Authors), without that
// package's init-time display check, which panics when no X display can
// be opened: the same binary runs `slopgui ctl` and `slopgui mcp`, which
// need no display. Here a missing display is an error of CtrlAltR.
package globalkey

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>
#include <X11/keysym.h>
#include <sys/select.h>
#include <stdlib.h>

static int gkLastError = 0;

static int gkErrorHandler(Display *d, XErrorEvent *e) {
	gkLastError = e->error_code;
	return 0;
}

// gkGrab grabs keysym with each modifier mask on the root window and
// reports BadAccess (another client holds the combination) as 1.
static int gkGrab(Display *d, unsigned int *mods, int n, KeySym sym) {
	gkLastError = 0;
	int code = XKeysymToKeycode(d, sym);
	if (code == 0) return 2;
	XErrorHandler old = XSetErrorHandler(gkErrorHandler);
	for (int i = 0; i < n; i++)
		XGrabKey(d, code, mods[i], DefaultRootWindow(d), False, GrabModeAsync, GrabModeAsync);
	XSync(d, False);
	XSetErrorHandler(old);
	if (gkLastError == BadAccess) {
		for (int i = 0; i < n; i++)
			XUngrabKey(d, code, mods[i], DefaultRootWindow(d));
		return 1;
	}
	XSelectInput(d, DefaultRootWindow(d), KeyPressMask);
	return 0;
}

// gkWait waits for a key press on d or a byte on wake: 1 when a key was
// pressed, 0 when neither came, -1 when the connection failed, -2 when
// wake is readable (stop).
static int gkWait(Display *d, int wake) {
	int pressed = 0;
	while (XPending(d) > 0) {
		XEvent ev;
		XNextEvent(d, &ev);
		if (ev.type == KeyPress) pressed = 1;
	}
	if (pressed) return 1;
	int fd = ConnectionNumber(d);
	fd_set set;
	FD_ZERO(&set);
	FD_SET(fd, &set);
	FD_SET(wake, &set);
	int n = fd > wake ? fd : wake;
	if (select(n + 1, &set, NULL, NULL, NULL) < 0) return 0;
	if (FD_ISSET(wake, &set)) return -2;
	while (XPending(d) > 0) {
		XEvent ev;
		XNextEvent(d, &ev);
		if (ev.type == KeyPress) pressed = 1;
	}
	return pressed;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"syscall"
)

func init() {
	// Xlib is used from several threads (GLFW's and the grab's): make it
	// thread-safe before any other Xlib call. This needs no display.
	C.XInitThreads()
}

// X11 modifier masks (X11/X.h).
const (
	shiftLock = 1 << 1 // CapsLock
	control   = 1 << 2
	mod1      = 1 << 3 // Alt
	mod2      = 1 << 4 // usually NumLock
)

var grabMu sync.Mutex

// CtrlAltR grabs Ctrl+Alt+R on the X root window and calls onPress on each
// press, from its own goroutine. stop releases the grab. It fails when no
// X display can be opened or another program holds the combination.
func CtrlAltR(onPress func()) (stop func(), err error) {
	// stop wakes the grab's thread through a pipe: it waits in select(2)
	// on the X connection and the pipe, with no timeout to poll (a 100 ms
	// poll made every quit and hot restart wait ~50–100 ms for it).
	var wake [2]int
	if err := syscall.Pipe2(wake[:], syscall.O_CLOEXEC); err != nil {
		return nil, fmt.Errorf("registering global Ctrl+Alt+R: %w", err)
	}
	started := make(chan error, 1)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		runtime.LockOSThread() // the display is used from this thread only
		defer runtime.UnlockOSThread()
		d := C.XOpenDisplay(nil)
		if d == nil {
			started <- errors.New("registering global Ctrl+Alt+R: cannot open the X display (is DISPLAY set?)")
			return
		}
		defer C.XCloseDisplay(d)
		// Grab with every CapsLock / NumLock state, so the key works
		// whichever is on.
		base := C.uint(control | mod1)
		mods := []C.uint{base, base | shiftLock, base | mod2, base | shiftLock | mod2}
		grabMu.Lock()
		rc := C.gkGrab(d, &mods[0], C.int(len(mods)), C.XK_r)
		grabMu.Unlock()
		switch rc {
		case 1:
			started <- errors.New("registering global Ctrl+Alt+R: another program holds Ctrl+Alt+R")
			return
		case 2:
			started <- errors.New("registering global Ctrl+Alt+R: the keyboard has no R key")
			return
		}
		started <- nil
		for {
			switch C.gkWait(d, C.int(wake[0])) {
			case 1:
				onPress()
			case -1, -2:
				return
			}
		}
	}()
	closeWake := func() {
		syscall.Close(wake[0])
		syscall.Close(wake[1])
	}
	if err := <-started; err != nil {
		<-finished
		closeWake()
		return nil, err
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			syscall.Write(wake[1], []byte{1})
			<-finished
			closeWake()
		})
	}, nil
}
