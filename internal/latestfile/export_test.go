package latestfile

import "io/fs"

// SetWrite replaces the file write (tests).
func (w *Writer) SetWrite(f func(path string, b []byte, perm fs.FileMode) error) { w.write = f }
