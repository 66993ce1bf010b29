// Package handover is the file one slopgui process leaves for the next: the
// state a user would miss (every state key, ImGui's window settings, the
// OS window's position and size, the reload history) and which generation
// of the views was running. A hot restart writes it just before exiting;
// a supervised app also writes it a few times a second as a crash snapshot.
//
// The encoding is versioned JSON. A reader accepts every Version up to its
// own and ignores fields it does not know, so the file one build writes is
// read by the next; state keys are kept as raw JSON per key, so a key that
// no longer exists (or no longer decodes) costs only that key.
package handover

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"time"

	"github.com/slopgui/slopgui/persist"
)

// Version is the handover format this build writes. Raise it only for
// changes an older reader would misread; adding fields needs no new version.
const Version = 1

// Handover is what one process hands the next.
type Handover struct {
	// Version of the format; files with a higher one are refused.
	Version int `json:"version"`
	// Written is when the file was written; PID is the writer.
	Written time.Time `json:"written"`
	PID     int       `json:"pid"`
	// Kind says why it was written: KindRestart or KindSnapshot.
	Kind string `json:"kind"`
	// Reason is what the user is told caused the restart.
	Reason string `json:"reason,omitempty"`
	// Triggered is when the restart was asked for (to measure it).
	Triggered time.Time `json:"triggered,omitzero"`
	// Binary is the program the next process should run; empty means the
	// same one.
	Binary string `json:"binary,omitempty"`
	// State holds each state key's value, by key.
	State map[string]json.RawMessage `json:"state,omitempty"`
	// Values are state values not encoded yet, by key: Encode encodes
	// them into State (once), so a snapshot taken on the render thread is
	// encoded by the goroutine that writes it (a 5 MB composer is 60 ms
	// of JSON, which typing must not wait for). Values must share no
	// memory that is still written (hot.CaptureState's copies do not).
	Values map[string]any `json:"-"`
	// ImGuiIni is ImGui's settings (SaveIniSettingsToMemory): window
	// positions, sizes, collapsed state, table columns.
	ImGuiIni string `json:"imguiIni,omitempty"`
	// Window is the OS window's position and size.
	Window *Window `json:"window,omitempty"`
	// History is the reload history, oldest first; Stats the counters.
	History []Record `json:"history,omitempty"`
	Stats   Stats    `json:"stats"`
	// Generations is the chain of generations of the views, oldest first;
	// the last one was running. A generation with a Plugin can be loaded
	// again by a process of the same Binary.
	Generations []Generation `json:"generations,omitempty"`
	// MaxBuildID is the highest plugin build number used so far: the next
	// process numbers its builds above it (a plugin's packages get their
	// import path from it, and a process cannot load one path twice).
	MaxBuildID int `json:"maxBuildId,omitempty"`
}

// Kinds of handover.
const (
	KindRestart  = "restart"  // written by a hot restart, complete
	KindSnapshot = "snapshot" // written while running, for a crash
)

// Window is the OS window's geometry in screen pixels.
type Window struct {
	X int `json:"x"`
	Y int `json:"y"`
	W int `json:"w"`
	H int `json:"h"`
}

// Record is one finished reload.
type Record struct {
	When       time.Time `json:"when"`
	Generation int       `json:"generation"`
	OK         bool      `json:"ok"`
	Reason     string    `json:"reason,omitempty"`
	Error      string    `json:"error,omitempty"`
	BuildMs    int64     `json:"buildMs"`
	LoadMs     int64     `json:"loadMs"`
	SwapUs     int64     `json:"swapUs"`
}

// Stats are the reload counters.
type Stats struct {
	Reloads    int `json:"reloads"`
	Successes  int `json:"successes"`
	Failures   int `json:"failures"`
	Coalesced  int `json:"coalesced"`
	ViewPanics int `json:"viewPanics"`
	Restarts   int `json:"restarts"`
	Crashes    int `json:"crashes"`
}

// Generation is one generation of the views.
type Generation struct {
	// N is the generation's number as the user saw it.
	N int `json:"n"`
	// Build is the plugin build that made it; 0 for code linked into the
	// binary.
	Build int `json:"build,omitempty"`
	// Plugin is a kept copy of its plugin file; empty for linked-in code.
	Plugin string `json:"plugin,omitempty"`
	// Binary is the program it was built for (a plugin loads only into
	// the binary it was built against).
	Binary string `json:"binary,omitempty"`
}

// Running returns the generation that was running, or false.
func (h *Handover) Running() (Generation, bool) {
	if len(h.Generations) == 0 {
		return Generation{}, false
	}
	return h.Generations[len(h.Generations)-1], true
}

// ErrVersion is wrapped by Decode for a file from a newer format.
var ErrVersion = errors.New("handover written by a newer slopgui")

// Encode returns h as JSON, with Version set to this build's. Values are
// first encoded into h.State (h is updated: that happens once).
func Encode(h *Handover) ([]byte, error) {
	var b bytes.Buffer
	if err := encodeTo(&b, h, nil); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// encodeTo writes h as JSON to w, as Encode returns it. The state, most
// of a large project's handover, is written key by key from its encoded
// values: it is never copied into one buffer (which for 50 MB of state
// meant ~200 MB allocated, and with that, garbage collections that kept
// the render thread waiting). State values are checked to be JSON unless
// encoded here or trusted (encoded earlier by this package).
func encodeTo(w io.Writer, h *Handover, trusted map[string]bool) error {
	var st map[string]json.RawMessage
	if len(h.Values) > 0 {
		var err error
		st, err = EncodeState(h.Values)
		if err != nil {
			return fmt.Errorf("encoding handover: %w", err)
		}
		merged := make(map[string]json.RawMessage, len(h.State)+len(st))
		maps.Copy(merged, h.State)
		maps.Copy(merged, st)
		h.State, h.Values = merged, nil
	}
	keys := slices.Sorted(maps.Keys(h.State))
	for _, k := range keys {
		if _, fresh := st[k]; !fresh && !trusted[k] && !json.Valid(h.State[k]) {
			return fmt.Errorf("encoding handover: state key %q is not JSON", k)
		}
	}
	c := *h
	c.Version, c.State = Version, nil
	head, err := json.Marshal(&c)
	if err != nil {
		return fmt.Errorf("encoding handover: %w", err)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	bw.Write(head[:len(head)-1]) // without its closing brace
	bw.WriteString(`,"state":{`)
	for i, k := range keys {
		if i > 0 {
			bw.WriteByte(',')
		}
		key, _ := json.Marshal(k)
		bw.Write(key)
		bw.WriteByte(':')
		bw.Write(h.State[k])
	}
	bw.WriteString("}}")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing handover: %w", err)
	}
	return nil
}

// Decode reads a handover. It refuses anything that is not a handover of
// a known version.
func Decode(b []byte) (*Handover, error) {
	var h Handover
	if err := json.Unmarshal(b, &h); err != nil {
		return nil, fmt.Errorf("not a slopgui handover: %w", err)
	}
	switch {
	case h.Version <= 0:
		return nil, errors.New("not a slopgui handover: no version")
	case h.Version > Version:
		return nil, fmt.Errorf("%w: format %d, this build reads up to %d", ErrVersion, h.Version, Version)
	}
	return &h, nil
}

// WriteFile writes h to path atomically (persist.WriteFileAtomicFrom): a
// crash mid-write leaves the previous file whole.
func WriteFile(path string, h *Handover) error { return writeFile(path, h, nil) }

func writeFile(path string, h *Handover, trusted map[string]bool) error {
	var encErr error
	err := persist.WriteFileAtomicFrom(path, 0o600, func(w io.Writer) error {
		encErr = encodeTo(w, h, trusted)
		return encErr
	})
	if encErr != nil {
		return encErr
	}
	if err != nil {
		return fmt.Errorf("writing handover: %w", err)
	}
	return nil
}

// ReadFile reads and decodes the handover at path.
func ReadFile(path string) (*Handover, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading handover: %w", err)
	}
	h, err := Decode(b)
	if err != nil {
		return nil, fmt.Errorf("handover %s: %w", path, err)
	}
	return h, nil
}
