package hot_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoProgramWords: hot/ is a library; the words naming a program, its
// keys, commands or settings belong to the host (Config.Explain).
func TestNoProgramWords(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			l := strings.ToLower(line)
			for _, w := range []string{"slopgui", "ctrl+alt", "make run", "cimgui", "giu"} {
				if strings.Contains(l, w) {
					t.Errorf("%s:%d names %q: %s", f, i+1, w, strings.TrimSpace(line))
				}
			}
		}
	}
}
