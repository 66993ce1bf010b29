// Package latestfile writes the newest of a stream of contents to a file,
// atomically and off the caller's goroutine. A caller that must not wait
// for the disk (a render thread publishing its status) hands each content
// over; one that is not written yet when a newer one comes is dropped.
// The write itself is persist.WriteFileAtomic, whose fsync can wait a long
// time behind another large write on the same file system.
package latestfile

import (
	"io/fs"
	"sync"

	"github.com/slopgui/slopgui/persist"
)

// Writer writes the contents handed to Write to its file, the newest first.
type Writer struct {
	path  string
	perm  fs.FileMode
	onErr func(error)
	write func(path string, b []byte, perm fs.FileMode) error

	mu      sync.Mutex
	closed  bool
	next    chan item // at most one content waits
	done    chan struct{}
	handed  int64 // contents handed over, and written (or dropped for a newer one)
	written int64
	synced  *sync.Cond // on mu: written moved
}

// New starts a Writer of path. onErr, if not nil, gets each failed write's
// error, on the Writer's goroutine.
func New(path string, perm fs.FileMode, onErr func(error)) *Writer {
	w := &Writer{path: path, perm: perm, onErr: onErr, write: persist.WriteFileAtomic,
		next: make(chan item, 1), done: make(chan struct{})}
	w.synced = sync.NewCond(&w.mu)
	go w.loop()
	return w
}

func (w *Writer) loop() {
	defer close(w.done)
	for it := range w.next {
		if err := w.write(w.path, it.b, w.perm); err != nil && w.onErr != nil {
			w.onErr(err)
		}
		w.mu.Lock()
		w.written = it.seq // it stands for the older ones it replaced
		w.synced.Broadcast()
		w.mu.Unlock()
	}
}

// Write hands b over to be written; it never waits for the disk. b must
// not be changed afterwards. After Close it does nothing.
func (w *Writer) Write(b []byte) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return
	}
	select {
	case <-w.next: // an older content not written yet
	default:
	}
	w.handed++
	w.next <- item{b, w.handed}
}

// item is a content and its number among those handed over.
type item struct {
	b   []byte
	seq int64
}

// Sync waits until the newest content handed over is written (or its
// write has failed).
func (w *Writer) Sync() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for want := w.handed; w.written < want; {
		w.synced.Wait()
	}
}

// Close writes the content still waiting, if any, and stops the Writer.
func (w *Writer) Close() {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.next)
	}
	w.mu.Unlock()
	<-w.done
}
