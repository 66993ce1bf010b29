package answer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

// stream appends the pieces to "" as the render thread does, one by one.
func stream(s *Spill, pieces ...string) string {
	text := ""
	for _, p := range pieces {
		text = s.Append(text, p)
	}
	return text
}

// markerPath returns the file the marker at text's end names.
func markerPath(t *testing.T, text string) string {
	t.Helper()
	i := strings.LastIndex(text, inFile)
	if i < 0 || !strings.HasSuffix(text, "]") {
		t.Fatalf("no marker at the end of %q", tail(text))
	}
	return text[i+len(inFile) : len(text)-1]
}

func TestAppend(t *testing.T) {
	cases := []struct {
		name   string
		limit  int
		pieces []string
		kept   string // the entry's text before any marker
		cut    bool
	}{
		{"under the limit", 10, []string{"abc", "def"}, "abcdef", false},
		{"exactly the limit", 6, []string{"abc", "def"}, "abcdef", false},
		{"one piece over", 4, []string{"abc", "def"}, "abcd", true},
		{"first piece over", 4, []string{"abcdefgh", "ij"}, "abcd", true},
		{"many after the cut", 2, []string{"ab", "c", "d", "e"}, "ab", true},
		{"a rune is not split", 3, []string{"ab", "éé"}, "ab", true},
		{"empty pieces", 3, []string{"", "ab", "", "cd"}, "abc", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := &Spill{Dir: filepath.Join(t.TempDir(), "answers"), Limit: c.limit}
			defer s.Close()
			got := stream(s, c.pieces...)
			full := strings.Join(c.pieces, "")
			if !c.cut {
				if got != c.kept {
					t.Fatalf("text %q, want %q", got, c.kept)
				}
				if ents, _ := os.ReadDir(s.Dir); len(ents) != 0 {
					t.Fatalf("a file was written for an answer under the limit: %v", ents)
				}
				return
			}
			want := c.kept + markerStart + fmtSize(c.limit) + inFile
			if !strings.HasPrefix(got, want) {
				t.Fatalf("text %q, want it to start %q", got, want)
			}
			if !utf8.ValidString(got) {
				t.Fatalf("the cut split a rune: %q", got)
			}
			path := markerPath(t, got)
			if filepath.Dir(path) != s.Dir {
				t.Fatalf("file %s is not in %s", path, s.Dir)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != full {
				t.Fatalf("file holds %q, want the full answer %q", b, full)
			}
			fi, _ := os.Stat(path)
			di, _ := os.Stat(s.Dir)
			if fi.Mode().Perm() != 0o600 || di.Mode().Perm() != 0o700 {
				t.Fatalf("file mode %v, folder %v: want 0600 and 0700 (answers are private)", fi.Mode(), di.Mode())
			}
		})
	}
}

// Once cut, the entry's string stops changing: the same memory comes
// back, so the per-frame comparison and the height cache see no change.
func TestAppendAfterTheCutKeepsTheString(t *testing.T) {
	s := &Spill{Dir: t.TempDir(), Limit: 8}
	defer s.Close()
	text := stream(s, "12345678", "9")
	again := s.Append(text, "more")
	if unsafe.StringData(again) != unsafe.StringData(text) || len(again) != len(text) {
		t.Fatal("appending after the cut made a new string")
	}
}

// Streaming in small pieces grows one buffer in place: the cost is the
// answer's length, not its square (a 1 MB answer in 4-byte tokens was
// 128 GB of copying with +=).
func TestAppendGrowsInPlace(t *testing.T) {
	s := &Spill{Dir: t.TempDir(), Limit: 1 << 20}
	text := ""
	allocs := testing.AllocsPerRun(1, func() {
		text = ""
		for range 250000 {
			text = s.Append(text, "tokn")
		}
	})
	if len(text) != 1_000_000 {
		t.Fatalf("length %d", len(text))
	}
	if allocs > 40 {
		t.Fatalf("%v allocations for 250,000 pieces: not growing in place", allocs)
	}
	// Earlier strings stay valid: their bytes are never written again.
	before := s.Append("", "abc")
	after := s.Append(before, "def")
	if before != "abc" || after != "abcdef" {
		t.Fatalf("before %q after %q", before, after)
	}
	other := s.Append(before, "XYZ") // an older string grows into new memory
	if before != "abc" || after != "abcdef" || other != "abcXYZ" {
		t.Fatalf("a string changed under its holder: %q %q %q", before, after, other)
	}
}

// A folder that cannot be created: the entry keeps its first part and
// says why the rest is gone; later pieces are dropped without error.
func TestAppendCannotSpill(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s := &Spill{Dir: filepath.Join(blocker, "answers"), Limit: 4}
	got := stream(s, "abcdef", "gh")
	if !strings.HasPrefix(got, "abcd"+markerStart+"4 bytes: the rest could not be kept: creating ") ||
		!strings.Contains(got, "not a directory") || !strings.HasSuffix(got, "]") {
		t.Fatalf("text %q", got)
	}
	if again := s.Append(got, "more"); again != got {
		t.Fatalf("after a failed spill the text changed: %q", again)
	}
}

// The file disappearing mid-answer (cleaned up, a full disk): the marker
// says the file holds the text up to there, and why the rest is gone.
func TestAppendFileGone(t *testing.T) {
	s := &Spill{Dir: t.TempDir(), Limit: 4}
	text := stream(s, "abcdef")
	path := markerPath(t, text)
	s.Close()
	os.Remove(path)
	got := s.Append(text, "gh")
	if !strings.HasPrefix(got, "abcd"+markerStart+"4 bytes: the text up to here is in "+path+"; the rest could not be kept: ") ||
		!strings.Contains(got, "no such file") {
		t.Fatalf("text %q", got)
	}
	if again := s.Append(got, "ij"); again != got {
		t.Fatalf("after the failure the text changed: %q", again)
	}
}

// A restart mid-answer: a new Spill (a new process) appends to the file
// the entry's marker names.
func TestAppendAcrossProcesses(t *testing.T) {
	dir := t.TempDir()
	s1 := &Spill{Dir: dir, Limit: 4}
	text := stream(s1, "abcdef")
	s1.Close()
	s2 := &Spill{Dir: dir, Limit: 4}
	defer s2.Close()
	if got := s2.Append(text, "gh"); got != text {
		t.Fatalf("text changed: %q", got)
	}
	s2.Close()
	if b, _ := os.ReadFile(markerPath(t, text)); string(b) != "abcdefgh" {
		t.Fatalf("file holds %q", b)
	}
}

func TestFmtSize(t *testing.T) {
	for n, want := range map[int]string{1 << 20: "1 MB", 2 << 20: "2 MB", 512 << 10: "512 KB", 100: "100 bytes", 1<<20 + 1: "1048577 bytes"} {
		if got := fmtSize(n); got != want {
			t.Errorf("fmtSize(%d) = %q, want %q", n, got, want)
		}
	}
}
