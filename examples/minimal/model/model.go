// Package model is the minimal example's stable state: it is linked into
// the host and never reloaded.
package model

// State is everything the view shows and changes.
type State struct {
	Clicks int
}
