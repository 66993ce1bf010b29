package handover

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)

// snapAt is a snapshot made at t0+sec holding composer.
func snapAt(sec int, composer string) *Handover {
	return &Handover{Written: t0.Add(time.Duration(sec) * time.Second), Kind: KindSnapshot,
		Values: map[string]any{"composer": composer}}
}

// fileTime is when the snapshot the file holds was made.
func fileTime(t *testing.T, path string) time.Time {
	t.Helper()
	h, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return h.Written
}

// The render thread writes at a swap while the goroutine may be writing an
// older snapshot: whichever write comes last, the file holds the newest
// snapshot made, and one equal to the file's is not written again.
func TestSnapshotWriterOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "snapshot.json")
	w := NewSnapshotWriter(path, func(err error) { t.Error(err) })
	defer w.Close()
	for _, s := range []struct {
		name string
		j    job
		want int // the file's snapshot, seconds after t0
	}{
		{"the newer one first (the swap's)", job{snapAt(1, "typed"), 2}, 1},
		{"an older one after it (the goroutine's, in flight)", job{snapAt(0, ""), 1}, 1},
		{"a newer one equal to the file's", job{snapAt(2, "typed"), 3}, 1},
		{"a newer, changed one", job{snapAt(3, "typed more"), 4}, 3},
	} {
		if err := w.write(s.j); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got, want := fileTime(t, path), t0.Add(time.Duration(s.want)*time.Second); !got.Equal(want) {
			t.Errorf("%s: the file holds the snapshot of %v, want %v", s.name, got, want)
		}
	}
}

// Hand, WriteNow and Close as the app calls them. Each snapshot handed over
// differs from the others: one equal to the file's is (rightly) not written,
// so a repeated composer would let the file keep an older time.
func TestSnapshotWriter(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  func(w *SnapshotWriter) error
		want int
	}{
		{"the last handed over is written by Close", func(w *SnapshotWriter) error {
			for i := range 50 {
				w.Hand(snapAt(i, fmt.Sprint("typed ", i)))
			}
			return nil
		}, 49},
		{"WriteNow after Hand: the handed one never lands after it", func(w *SnapshotWriter) error {
			for i := range 50 {
				w.Hand(snapAt(i, fmt.Sprint("typed ", i)))
			}
			return w.WriteNow(snapAt(50, "typed at the swap"))
		}, 50},
		{"Hand after WriteNow: the later wins", func(w *SnapshotWriter) error {
			err := w.WriteNow(snapAt(1, "swap"))
			w.Hand(snapAt(2, "later"))
			return err
		}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "snapshot.json")
			w := NewSnapshotWriter(path, func(err error) { t.Error(err) })
			err := tc.run(w)
			w.Close()
			if err != nil {
				t.Fatal(err)
			}
			if got, want := fileTime(t, path), t0.Add(time.Duration(tc.want)*time.Second); !got.Equal(want) {
				t.Errorf("the file holds the snapshot of %v, want %v", got, want)
			}
		})
	}
}

// A failed write is reported, and the same snapshot is written once the
// file can be.
func TestSnapshotWriterFailure(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "blocked")
	path := filepath.Join(dir, "snapshot.json")
	block := func() { // a file where the directory should be
		t.Helper()
		if err := os.WriteFile(dir, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	block()
	var mu sync.Mutex
	var errs []error
	w := NewSnapshotWriter(path, func(err error) { mu.Lock(); errs = append(errs, err); mu.Unlock() })
	if err := w.WriteNow(snapAt(1, "typed")); !errors.Is(err, syscall.ENOTDIR) {
		t.Errorf("writing under a file: %v, want ENOTDIR", err)
	}
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteNow(snapAt(2, "typed")); err != nil {
		t.Fatal(err)
	}
	if got := fileTime(t, path); !got.Equal(t0.Add(2 * time.Second)) {
		t.Errorf("the file holds the snapshot of %v, want the one after the failure", got)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	block()
	w.Hand(snapAt(3, "more"))
	w.Close()
	mu.Lock()
	defer mu.Unlock()
	if len(errs) != 1 || !errors.Is(errs[0], syscall.ENOTDIR) || !strings.Contains(errs[0].Error(), path) {
		t.Errorf("the goroutine's failure reported as %v, want one error naming %s", errs, path)
	}
}

// counted counts its encodings.
type counted struct{ N *atomic.Int32 }

func (c counted) MarshalJSON() ([]byte, error) { c.N.Add(1); return []byte(`"big"`), nil }

// A state key whose value did not change since the last snapshot written
// is not encoded again (a large project's discussions, while the user
// types in the composer); the file still holds every key.
func TestSnapshotWriterReusesEncodings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "snapshot.json")
	w := NewSnapshotWriter(path, func(err error) { t.Error(err) })
	defer w.Close()
	var n atomic.Int32
	big := counted{&n}
	for i, composer := range []string{"a", "ab", "abc"} {
		h := snapAt(i, composer)
		h.Values["Big"] = big
		if err := w.WriteNow(h); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got.State["Big"]) != `"big"` || string(got.State["composer"]) != `"`+composer+`"` {
			t.Errorf("snapshot %d: state %s", i, got.State)
		}
	}
	if n.Load() != 1 {
		t.Errorf("the unchanged key was encoded %d times, want once", n.Load())
	}
	h := snapAt(9, "abc")
	h.Values["Big"] = counted{new(atomic.Int32)} // a changed value
	if err := w.WriteNow(h); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 1 || h.Values["Big"].(counted).N.Load() != 1 {
		t.Errorf("a changed key was not encoded again")
	}
}
