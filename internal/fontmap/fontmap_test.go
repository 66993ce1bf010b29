package fontmap

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMap(t *testing.T) {
	dir := t.TempDir()
	font := bytes.Repeat([]byte("glyf"), 10000)
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name, path string
		want       []byte
		err        string
	}{
		{"a font file", write("a.ttf", font), font, ""},
		{"missing", filepath.Join(dir, "none.ttf"), nil, "no such file"},
		{"too small to be a font", write("tiny.ttf", []byte("x")), nil, "is not a font file"},
		{"a directory", dir, nil, "mapping font"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Map(tc.path)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Map: %v, want an error with %q", err, tc.err)
				}
				return
			}
			if err != nil || !bytes.Equal(got, tc.want) {
				t.Fatalf("Map: %d bytes, %v; want the file's %d bytes", len(got), err, len(tc.want))
			}
		})
	}
}
