package app

import "github.com/slopgui/slopgui/hot"

// fingerprintAhead is the stable sources' fingerprint (hot.TakeFingerprint),
// taken on its own goroutine while a spare makes its window and waits:
// reading and hashing every stable package took ~25 ms of a woken spare's
// start, on the key's path. It is also the truer one: the spare starts as
// soon as its binary is built, so the fingerprint is of the sources the
// binary was built from, not of a save made while the spare waited (which
// the new process then sees as a change, as it is).
type fingerprintAhead struct {
	root string
	done chan struct{}
	fp   hot.Fingerprint
	err  error
}

// takeFingerprintAhead starts fingerprinting the tree at root ("" takes
// nothing).
func takeFingerprintAhead(root string) *fingerprintAhead {
	f := &fingerprintAhead{root: root, done: make(chan struct{})}
	if root == "" {
		close(f.done)
		return f
	}
	go func() {
		defer close(f.done)
		f.fp, f.err = hot.TakeFingerprint(root, hotDirs())
	}()
	return f
}

// get returns the fingerprint of root: the one taken ahead when it is of
// root (waiting for it), else one taken now.
func (f *fingerprintAhead) get(root string) (hot.Fingerprint, error) {
	if f == nil || f.root == "" || f.root != root {
		return hot.TakeFingerprint(root, hotDirs())
	}
	<-f.done
	return f.fp, f.err
}
