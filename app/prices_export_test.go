package app

import "github.com/slopgui/slopgui/internal/mmahost"

// MMAForTest is the app's MMA host now (nil before the first frame; a new
// one after the settings change).
func MMAForTest(a *App) *mmahost.Host { return a.mma }
