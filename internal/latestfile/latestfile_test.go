package latestfile_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/latestfile"
)

// The file ends with the last content, written atomically with its mode.
func TestLastContentWins(t *testing.T) {
	path := filepath.Join(t.TempDir(), "status.json")
	w := latestfile.New(path, 0o644, func(err error) { t.Errorf("write failed: %v", err) })
	for _, s := range []string{"one", "two", "three"} {
		w.Write([]byte(s))
	}
	w.Close()
	w.Write([]byte("after close")) // does nothing
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "three" {
		t.Errorf("file holds %q, want %q", b, "three")
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v (%v), want 0644", fi.Mode().Perm(), err)
	}
}

// A write that waits for the disk does not make Write wait; what came
// meanwhile is written once it is done, the newest only.
func TestWriteNeverWaitsForTheDisk(t *testing.T) {
	w := latestfile.New(filepath.Join(t.TempDir(), "f"), 0o600, nil)
	release := make(chan struct{})
	started := make(chan struct{}, 10)
	var mu sync.Mutex
	var written []string
	w.SetWrite(func(_ string, b []byte, _ fs.FileMode) error {
		started <- struct{}{}
		<-release
		mu.Lock()
		written = append(written, string(b))
		mu.Unlock()
		return nil
	})
	w.Write([]byte("1"))
	<-started // the disk holds the first write
	returned := make(chan struct{})
	go func() {
		for _, s := range []string{"2", "3", "4"} {
			w.Write([]byte(s))
		}
		close(returned)
	}()
	select {
	case <-returned:
	case <-time.After(10 * time.Second):
		t.Fatal("Write waited for the disk")
	}
	close(release)
	w.Close()
	if want := []string{"1", "4"}; !slices.Equal(written, want) {
		t.Errorf("written %q, want %q", written, want)
	}
}

// A failed write is reported; the Writer goes on.
func TestFailedWriteReported(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 10)
	w := latestfile.New(filepath.Join(notDir, "status.json"), 0o600, func(err error) { errs <- err })
	w.Write([]byte("x"))
	w.Close()
	select {
	case err := <-errs:
		t.Logf("reported: %v", err)
	default:
		t.Fatal("the failed write was not reported")
	}
}

// Sync returns once the newest content is on disk.
func TestSync(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	w := latestfile.New(path, 0o600, nil)
	defer w.Close()
	for i := range 50 {
		want := strings.Repeat("x", i+1)
		w.Write([]byte(want))
		w.Sync()
		if b, err := os.ReadFile(path); err != nil || string(b) != want {
			t.Fatalf("after Sync of write %d: %q, %v", i, b, err)
		}
	}
}
