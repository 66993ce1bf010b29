package hot_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/slopgui/slopgui/hot"
)

// EmbedConfig resolves the embed patterns that name files, as the go
// command does, and refuses the rest (for the go command to resolve).
func TestEmbedConfig(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.txt", "b.txt", "sub/c.txt", "sub/d.go"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.txt", filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name     string
		patterns []string
		want     []string // nil: an error
	}{
		{"a file", []string{"a.txt"}, []string{"a.txt"}},
		{"a glob", []string{"[ab].txt"}, []string{"a.txt", "b.txt"}},
		{"files below", []string{"a.txt", "sub/*.txt"}, []string{"a.txt", "sub/c.txt"}},
		{"the same pattern twice", []string{"a.txt", "a.txt"}, []string{"a.txt"}},
		{"none", nil, []string{}},
		{"a directory: the go command walks it", []string{"sub"}, nil},
		{"no match", []string{"nothing.txt"}, nil},
		{"all:", []string{"all:a.txt"}, nil},
		{"a symbolic link: the go command refuses it", []string{"link.txt"}, nil},
	} {
		out := filepath.Join(t.TempDir(), "embedcfg")
		got, err := hot.EmbedConfig(dir, c.patterns, out)
		if c.want == nil {
			if err == nil {
				t.Errorf("%s: %q, want an error", c.name, got)
			}
			continue
		}
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, %v; want %q", c.name, got, err, c.want)
			continue
		}
		var cfg struct {
			Patterns map[string][]string
			Files    map[string]string
		}
		b, err := os.ReadFile(out)
		if err != nil || json.Unmarshal(b, &cfg) != nil {
			t.Fatalf("%s: the embed config: %v\n%s", c.name, err, b)
		}
		for _, f := range c.want {
			if cfg.Files[f] != filepath.Join(dir, filepath.FromSlash(f)) {
				t.Errorf("%s: file %s is %q in the config", c.name, f, cfg.Files[f])
			}
		}
		if len(cfg.Files) != len(c.want) {
			t.Errorf("%s: config files %v, want %q", c.name, cfg.Files, c.want)
		}
	}
}
