package app

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Every package under views/ must be in ViewPackages: one that is not would
// be compiled at its original import path by every reload, which the
// running process already holds, and the reload would fail to load.
func TestViewPackagesListed(t *testing.T) {
	var found []string
	err := filepath.WalkDir("../views", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if d.Name() == "testdata" {
			return filepath.SkipDir
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return err
		}
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
				rel, _ := filepath.Rel("..", p)
				found = append(found, filepath.ToSlash(rel))
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Sorted(slices.Values(ViewPackages))
	slices.Sort(found)
	if !slices.Equal(found, want) {
		t.Fatalf("packages under views/: %v\nViewPackages: %v", found, want)
	}
	if ViewPackages[0] != "views" {
		t.Fatalf("ViewPackages[0] = %q, want the module's root package views", ViewPackages[0])
	}
}
