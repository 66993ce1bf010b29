package handover

import (
	"encoding/json"
	"maps"
	"reflect"
	"sync"
)

// SnapshotWriter writes a supervised app's crash snapshots to one file. The
// render thread hands each over (Hand) and goes on; a goroutine writes the
// newest, dropping older ones not yet written. At a swap the render thread
// writes one itself (WriteNow). Whichever way, the file never goes back to
// an older snapshot than one written, and a snapshot equal to the file's
// (but for its time) is not written again: encoding a large project's
// state is most of an idle app's processor use.
type SnapshotWriter struct {
	path  string
	onErr func(error)
	slot  chan job
	done  sync.WaitGroup
	seq   uint64 // the last snapshot handed over or written (caller's thread)

	mu      sync.Mutex                 // held while the file is written
	written uint64                     // the newest snapshot written
	last    Handover                   // what the file holds
	raw     map[string]json.RawMessage // its state values, encoded
}

type job struct {
	h   *Handover
	seq uint64
}

// NewSnapshotWriter starts a writer of the snapshot file at path; onErr is
// told of the writer goroutine's failures.
func NewSnapshotWriter(path string, onErr func(error)) *SnapshotWriter {
	w := &SnapshotWriter{path: path, onErr: onErr, slot: make(chan job, 1)}
	w.done.Add(1)
	go func() {
		defer w.done.Done()
		for j := range w.slot {
			if err := w.write(j); err != nil {
				w.onErr(err)
			}
		}
	}()
	return w
}

// Hand gives h to the writer goroutine without waiting. Calls to Hand,
// WriteNow and Close come from one goroutine.
func (w *SnapshotWriter) Hand(h *Handover) {
	w.seq++
	w.drop()
	w.slot <- job{h, w.seq}
}

// WriteNow writes h before it returns, waiting for a write of an older
// snapshot in progress (which then lands first).
func (w *SnapshotWriter) WriteNow(h *Handover) error {
	w.seq++
	w.drop()
	return w.write(job{h, w.seq})
}

// Close writes the snapshot handed over last, if not yet written, and stops.
func (w *SnapshotWriter) Close() {
	close(w.slot)
	w.done.Wait()
}

// drop removes a snapshot handed over and not yet taken by the goroutine.
func (w *SnapshotWriter) drop() {
	select {
	case <-w.slot:
	default:
	}
}

func (w *SnapshotWriter) write(j job) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if j.seq <= w.written {
		return nil
	}
	w.written = j.seq
	// The copies share their strings: equal ones compare at once.
	made := *j.h
	cur := made
	cur.Written = w.last.Written
	if reflect.DeepEqual(cur, w.last) {
		return nil
	}
	// A key whose value is the one written last keeps its encoding: typing
	// in a large project encodes the composer, not every discussion.
	h, trusted := made, map[string]bool{}
	h.Values, h.State = make(map[string]any, len(made.Values)), maps.Clone(made.State)
	if h.State == nil {
		h.State = map[string]json.RawMessage{}
	}
	for k, v := range made.Values {
		if raw, ok := w.raw[k]; ok && reflect.DeepEqual(v, w.last.Values[k]) {
			h.State[k], trusted[k] = raw, true
		} else {
			h.Values[k] = v
		}
	}
	if err := writeFile(w.path, &h, trusted); err != nil {
		return err
	}
	w.last, w.raw = made, h.State
	return nil
}
