// Package globalkey registers slopgui's system-wide Ctrl+Alt+R with
// golang.design/x/hotkey.
//
// Importing golang.design/x/hotkey panics when no X display can be opened,
// so only cmd/slopgui imports this package; everything unit tests import
// stays free of it.
package globalkey

import (
	"fmt"

	"golang.design/x/hotkey"
)

// CtrlAltR grabs Ctrl+Alt+R on the X root window and calls onPress on each
// press, from its own goroutine. stop releases the grab.
func CtrlAltR(onPress func()) (stop func(), err error) {
	hk := hotkey.New([]hotkey.Modifier{hotkey.ModCtrl, hotkey.Mod1}, hotkey.KeyR)
	if err := hk.Register(); err != nil {
		return nil, fmt.Errorf("registering global Ctrl+Alt+R: %w", err)
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case _, ok := <-hk.Keydown():
				if !ok {
					return
				}
				onPress()
			}
		}
	}()
	return func() {
		close(done)
		_ = hk.Unregister()
	}, nil
}
