// Package openurl opens a web address in the user's browser with
// xdg-open, off the render thread. It has no GUI code.
package openurl

import (
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"strings"
)

// Opener is the program that opens addresses; tests replace it.
var Opener = "xdg-open"

// ErrNoOpener is returned when Opener is not installed.
var ErrNoOpener = errors.New("xdg-open is not installed: install xdg-utils (apt-get install xdg-utils) to open links")

// Check reports why raw cannot be opened: only http, https and mailto
// addresses are, so a model's answer cannot make slopgui run a file.
func Check(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return fmt.Errorf("not a web address: %w", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return fmt.Errorf("not a web address: %q has no host", raw)
		}
	case "mailto":
	default:
		return fmt.Errorf("not opened: %q is not an http, https or mailto address", raw)
	}
	return nil
}

// Open starts Opener on raw and returns at once (its exit is waited for
// on a goroutine). The error says what is wrong: the address, or no
// xdg-open.
func Open(raw string) error {
	if err := Check(raw); err != nil {
		return err
	}
	path, err := exec.LookPath(Opener)
	if err != nil {
		return ErrNoOpener
	}
	cmd := exec.Command(path, strings.TrimSpace(raw))
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("open %s: %w", raw, err)
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
