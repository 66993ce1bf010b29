// Package fontmap maps font files into memory read-only, for Dear ImGui
// fonts added from memory that the atlas does not own: the kernel reads a
// page only when a glyph on it is drawn. A fallback font for scripts the
// main font lacks (Noto Sans CJK is 19 MB) costs next to nothing until a
// character of it appears, where reading the file (Dear ImGui's
// AddFontFromFileTTF) cost ~90 ms of the first frame on a 2-core machine.
package fontmap

import (
	"fmt"
	"os"
	"syscall"
)

// Map maps the file at path into memory, read-only and private, and
// returns its bytes. The mapping is never released: fonts live as long
// as the process.
func Map(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("mapping font: %w", err)
	}
	defer f.Close() // the mapping outlives the descriptor
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("mapping font: %w", err)
	}
	if st.Size() < 100 || st.Size() > 1<<30 {
		return nil, fmt.Errorf("mapping font %s: %d bytes is not a font file", path, st.Size())
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		return nil, fmt.Errorf("mapping font %s: %w", path, err)
	}
	return b, nil
}
