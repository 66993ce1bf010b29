package handover

import (
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// Crash is what the supervisor tells the app it restarts after a crash.
type Crash struct {
	// When the child died, its PID and how: "exit status 3", "killed by
	// signal: killed", "panic: …", "the window froze: …".
	When time.Time `json:"when"`
	PID  int       `json:"pid"`
	What string    `json:"what"`
	// Detail is the stack (views/ paths) or the last lines the child wrote.
	Detail string `json:"detail,omitempty"`
	// Recent counts crashes within the last minute, this one included.
	Recent int `json:"recent"`
	// SafeMode asks the app to start with the views linked into the
	// binary (generation 0) instead of rolling back to an older plugin:
	// the recent crashes were too many.
	SafeMode bool `json:"safeMode,omitempty"`
	// HasSnapshot says whether a state snapshot is handed over with it.
	HasSnapshot bool `json:"hasSnapshot"`
}

// WriteCrash writes c as JSON to path.
func WriteCrash(path string, c *Crash) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding crash report: %w", err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return fmt.Errorf("writing crash report: %w", err)
	}
	return nil
}

// ReadCrash reads a crash report written by WriteCrash.
func ReadCrash(path string) (*Crash, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading crash report: %w", err)
	}
	var c Crash
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("crash report %s: %w", path, err)
	}
	return &c, nil
}
