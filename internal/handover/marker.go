package handover

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/slopgui/slopgui/persist"
)

// MarkerFile is the name of the marker beside a supervised app's
// snapshot.
const MarkerFile = "generations.json"

// Marker is the chain of generations a supervised app is about to run,
// written when a new generation is swapped in, before its code runs: if
// its first frame takes the process down, the next process must know
// which generation to blame. It is small on purpose. The state follows in
// the next snapshot, written off the render thread; a whole snapshot
// written at the swap encoded all the state there (a 53 MB project froze
// the window for a second or more on each reload).
type Marker struct {
	Written     time.Time    `json:"written"`
	Generations []Generation `json:"generations"`
	MaxBuildID  int          `json:"maxBuildId,omitempty"`
}

// WriteMarker writes m to path atomically.
func WriteMarker(path string, m Marker) error {
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encoding the generations marker: %w", err)
	}
	if err := persist.WriteFileAtomic(path, b, 0o600); err != nil {
		return fmt.Errorf("writing the generations marker: %w", err)
	}
	return nil
}

// ApplyMarker gives h, a snapshot, the generations of the marker at path
// when the marker was written after it (a swap the snapshot has not seen
// yet). A missing or unreadable marker changes nothing.
func ApplyMarker(h *Handover, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	var m Marker
	if json.Unmarshal(b, &m) != nil || !m.Written.After(h.Written) || len(m.Generations) == 0 {
		return
	}
	h.Generations, h.MaxBuildID = m.Generations, max(h.MaxBuildID, m.MaxBuildID)
}
