// Package answer bounds what one streamed model answer costs the app.
//
// The streamed text lands in a discussion entry, and an entry is state:
// it is compared every frame (autosave), drawn in a text box (which
// copies and scans all of it whenever it is on screen), snapshotted for
// the supervisor and written to the project file. A model (or a broken
// server) that sends 30 MB made every one of those cost 30 MB, every
// frame or every few seconds, long after the answer ended (issue 20).
//
// Append keeps at most Limit bytes of an answer in the entry. Once an
// answer grows past it, the whole answer (what the entry holds and all
// that follows) is written to a private file (0600, in a 0700 folder),
// and the entry ends with a marker naming the file:
//
//	[answer cut at 1 MB: the full text is in /home/u/.config/slopgui/answers/answer-123.txt]
//
// Later pieces of that answer go to the file only, so the entry's string
// no longer changes and costs nothing more per frame. The marker is the
// only state: Append reads the file name back from the entry's end, so it
// is a pure function of (text, piece) plus the file it appends to, and a
// hot reload or restart in the middle of an answer needs nothing more.
//
// Why 1 MB: the text box copies and scans all of an entry each frame it
// is on screen (cimgui-go copies the text into C and back out every
// frame), about 1–2 ms per megabyte (a headless frame with a 5 MB text
// box took 3.4–8.7 ms), so 1 MB keeps the frame within budget; and 1 MB is about
// 250,000 tokens, beyond any model's output limit today (the largest are
// 64–128 k tokens), so no real answer is cut.
package answer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/slopgui/slopgui/persist"
)

// Limit is how many bytes of an answer the entry keeps.
const Limit = 1 << 20

// markerStart begins every marker Append leaves; what follows it up to the
// closing bracket says where the rest went.
const markerStart = "\n\n[answer cut at "

// inFile is the part of a marker before the file's path.
const inFile = ": the full text is in "

// Spill cuts answers at Limit bytes into files in Dir.
type Spill struct {
	Dir   string // where the full texts go, created 0700 when needed; Dir() when ""
	Limit int    // bytes kept in the entry; Limit when 0

	mu   sync.Mutex
	buf  []byte   // the last text returned, with room to grow in place
	file *os.File // the file the last cut answer streams into
	path string   // its path
}

var (
	defaultSpill     *Spill
	defaultSpillOnce sync.Once
)

// Dir is where Append keeps full answers: answers/ in slopgui's config
// directory (beside the project rescue files), or in the temporary
// directory if there is none.
func Dir() string {
	d, err := persist.Dir()
	if err != nil {
		return filepath.Join(os.TempDir(), "slopgui-answers")
	}
	return filepath.Join(d, "answers")
}

// Append returns text with piece added, keeping at most Limit bytes of
// the answer in it and the rest in a file in Dir() (see the package doc).
// Call it from one goroutine at a time per answer (the render thread).
func Append(text, piece string) string {
	defaultSpillOnce.Do(func() { defaultSpill = &Spill{} })
	return defaultSpill.Append(text, piece)
}

// Append returns text with piece added, or, once the answer is past the
// limit, text (ending in the marker) with piece written to the file the
// marker names. A piece that cannot be written is dropped, and the marker
// then says so (once), with the reason.
func (s *Spill) Append(text, piece string) string {
	if piece == "" {
		return text
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	limit := s.Limit
	if limit <= 0 {
		limit = Limit
	}
	if strings.HasSuffix(text, "]") {
		if m := strings.LastIndex(tail(text), markerStart); m >= 0 {
			return s.more(text, m+len(text)-len(tail(text)), piece)
		}
	}
	if len(text)+len(piece) <= limit {
		return s.grow(text, piece)
	}
	cut := limit - len(text)
	if cut < 0 {
		cut = 0 // the text was longer already (edited, or an older file)
	}
	for cut > 0 && !utf8.RuneStart(piece[cut]) {
		cut--
	}
	head := text + piece[:cut]
	size := fmtSize(limit)
	path, err := s.start(text, piece)
	if err != nil {
		return head + markerStart + size + ": the rest could not be kept: " + err.Error() + "]"
	}
	return head + markerStart + size + inFile + path + "]"
}

// tail is the end of text a marker would be in.
func tail(text string) string {
	const most = 8 << 10 // a marker with a long path and error fits
	if len(text) > most {
		return text[len(text)-most:]
	}
	return text
}

// grow appends piece to text, in place when text is the last string grow
// returned and its memory has room: the bytes a string already covers are
// never written again, so every earlier string stays valid, and streaming
// an answer in many small pieces costs its length, not its length squared.
func (s *Spill) grow(text, piece string) string {
	n := len(s.buf)
	if n == 0 || len(text) != n || unsafe.StringData(text) != unsafe.SliceData(s.buf) || cap(s.buf)-n < len(piece) {
		s.buf = make([]byte, 0, max(2*(len(text)+len(piece)), 4<<10))
		s.buf = append(s.buf, text...)
	}
	s.buf = append(s.buf, piece...)
	return unsafe.String(unsafe.SliceData(s.buf), len(s.buf))
}

// start creates the file for an answer being cut and writes all of it.
func (s *Spill) start(text, piece string) (string, error) {
	s.close()
	s.buf = nil
	dir := s.Dir
	if dir == "" {
		dir = Dir()
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("creating %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, "answer-*.txt") // mode 0600
	if err != nil {
		return "", fmt.Errorf("creating a file in %s: %w", dir, err)
	}
	_, err = f.WriteString(text)
	if err == nil {
		_, err = f.WriteString(piece)
	}
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", fmt.Errorf("writing %s: %w", f.Name(), err)
	}
	s.file, s.path = f, f.Name()
	return f.Name(), nil
}

// more writes piece to the file named by the marker at text[m:].
func (s *Spill) more(text string, m int, piece string) string {
	marker := text[m+len(markerStart) : len(text)-1]
	_, path, ok := strings.Cut(marker, inFile)
	if !ok {
		return text // the rest is dropped already, and the marker says why
	}
	err := s.open(path)
	if err == nil {
		_, err = s.file.WriteString(piece)
	}
	if err == nil {
		return text
	}
	s.close()
	size, _, _ := strings.Cut(marker, ":")
	return text[:m] + markerStart + size + ": the text up to here is in " + path +
		"; the rest could not be kept: " + err.Error() + "]"
}

// open makes s.file the file at path, for appending.
func (s *Spill) open(path string) error {
	if s.file != nil && s.path == path {
		return nil
	}
	s.close()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	s.file, s.path = f, path
	return nil
}

func (s *Spill) close() {
	if s.file != nil {
		s.file.Close()
		s.file, s.path = nil, ""
	}
}

// Close closes the file an answer streams into, if any (tests).
func (s *Spill) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	if s.file != nil {
		err = s.file.Close()
		s.file, s.path = nil, ""
	}
	return err
}

// fmtSize is n bytes as the marker says it: "1 MB", "512 KB", "100 bytes".
func fmtSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
