package persist

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// stamp is what a project file looked like when slopgui last read or
// wrote it: its size, modification time and content hash.
type stamp struct {
	known bool // false: nothing read or written yet, nothing to compare
	size  int64
	mtime time.Time
	sum   [sha256.Size]byte
}

// stampOf is the stamp of data, just read from or written to path.
func stampOf(path string, data []byte) stamp {
	return stampOfSum(path, int64(len(data)), sha256.Sum256(data))
}

// stampOfSum is stampOf of content of that size and SHA-256.
func stampOfSum(path string, size int64, sum [sha256.Size]byte) stamp {
	s := stamp{known: true, size: size, sum: sum}
	if fi, err := os.Stat(path); err == nil {
		s.size, s.mtime = fi.Size(), fi.ModTime()
	}
	return s
}

// changed reports whether the file at path is no longer what s saw: it
// is gone, or its size, time and content differ. The content is read only
// when the size and time do not already say it is unchanged.
func (s stamp) changed(path string) bool {
	if !s.known {
		return false
	}
	fi, err := os.Stat(path)
	if err != nil {
		return false // gone (writing it loses nothing), or the write reports why
	}
	if fi.Size() == s.size && fi.ModTime().Equal(s.mtime) {
		return false
	}
	b, err := os.ReadFile(path)
	return err != nil || sha256.Sum256(b) != s.sum
}

// ChangedError is a save refused because the project file changed on disk
// since slopgui last read or wrote it (another program, or another
// slopgui): writing would lose those changes.
type ChangedError struct{ Path string }

func (e *ChangedError) Error() string {
	return fmt.Sprintf("%s changed on disk since slopgui last read or wrote it (another program or another "+
		"slopgui); it was not overwritten. Reload it, keep yours (overwrite), or save yours elsewhere", e.Path)
}

// Changed reports whether the project file orig came from changed on disk
// since it was last read or written through orig.
func (o *Original) Changed(path string) bool { return o != nil && o.stamp.changed(path) }

// Overwrite makes the next WriteProject through o replace the file even
// though it changed on disk (the user chose to keep their version).
func (o *Original) Overwrite() {
	if o != nil {
		o.stamp.known = false
	}
}

// Lock is a project's lock: while one slopgui has a project open, another
// is told which process has it. It is a file holding the owner's PID, in
// the user's runtime directory (never beside the project: opening writes
// nothing there).
type Lock struct{ path string }

// LockDir is where project locks are kept: $XDG_RUNTIME_DIR/slopgui/locks,
// else slopgui-UID/locks in the temporary directory.
func LockDir() string {
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" {
		return filepath.Join(d, "slopgui", "locks")
	}
	return filepath.Join(os.TempDir(), "slopgui-"+strconv.Itoa(os.Getuid()), "locks")
}

// LockProject takes the lock of the project at path (absolute) in dir.
// When a live process other than this one holds it, it returns that
// process's PID and no lock; a lock left by a process that is gone is
// taken over.
func LockProject(dir, path string) (l *Lock, holder int, err error) {
	sum := sha256.Sum256([]byte(path))
	name := filepath.Join(dir, fmt.Sprintf("%x.lock", sum[:12]))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, 0, fmt.Errorf("locking %s: %w", path, err)
	}
	me := os.Getpid()
	for range 3 {
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			_, werr := fmt.Fprintf(f, "%d\n%s\n", me, path)
			if err := errors.Join(werr, f.Close()); err != nil {
				os.Remove(name)
				return nil, 0, fmt.Errorf("locking %s: %w", path, err)
			}
			return &Lock{name}, 0, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, 0, fmt.Errorf("locking %s: %w", path, err)
		}
		b, err := os.ReadFile(name)
		if err != nil {
			continue // released meanwhile
		}
		first, _, _ := bytes.Cut(b, []byte("\n"))
		pid, _ := strconv.Atoi(strings.TrimSpace(string(first)))
		if pid == me { // this process's own (a hot restart execs in place)
			return &Lock{name}, 0, nil
		}
		if pid > 0 && alive(pid) {
			return nil, pid, nil
		}
		os.Remove(name) // stale: its process is gone
	}
	return nil, 0, fmt.Errorf("locking %s: %s keeps changing", path, name)
}

// alive reports whether process pid exists.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// Unlock releases the lock (nil: nothing held).
func (l *Lock) Unlock() {
	if l != nil {
		os.Remove(l.path)
	}
}

// HeldMessage tells the user that another slopgui, process pid, has the
// project at path open too, and why neither loses its edits.
func HeldMessage(path string, pid int) string {
	return fmt.Sprintf("%s is open in another slopgui too (process %d). Neither loses its edits: a save never "+
		"replaces the file once it changed on disk since this window read or wrote it; it stops and asks "+
		"instead. Close one of the two to work without that question.", path, pid)
}
