package app

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/testutil"
)

// A spare's fingerprint is of the sources when it started (those its
// binary was built from), not of a save made while it waited; a spare
// started in another tree takes the right tree's.
func TestFingerprintAhead(t *testing.T) {
	tree := func() string {
		dir := t.TempDir()
		testutil.WriteTree(t, dir, map[string]string{
			"go.mod":     "module example.com/m\n\ngo 1.21\n",
			"state/s.go": "package state\n\nconst A = 1\n",
			"app/a.go":   "package app\n",
			"views/v.go": "package views\n",
		})
		return dir
	}
	root := tree()
	ahead := takeFingerprintAhead(root)
	<-ahead.done
	before, err := hot.TakeFingerprint(root, hotDirs())
	if err != nil {
		t.Fatal(err)
	}
	// Saved while the spare waited.
	if err := os.WriteFile(filepath.Join(root, "state", "s.go"), []byte("package state\n\nconst A = 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ahead.get(root)
	if err != nil || !reflect.DeepEqual(got, before) {
		t.Errorf("get(root) = %v, %v; want the fingerprint taken ahead %v", got, err, before)
	}
	if changed := got.Changed(mustFingerprint(t, root)); len(changed) != 1 || changed[0] != "state" {
		t.Errorf("the save made while waiting: changed %v, want [state]", changed)
	}

	other := tree()
	if err := os.WriteFile(filepath.Join(other, "app", "a.go"), []byte("package app\n\nvar B = 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err = ahead.get(other)
	if err != nil || !reflect.DeepEqual(got, mustFingerprint(t, other)) {
		t.Errorf("get(another tree) = %v, %v; want that tree's", got, err)
	}
	var none *fingerprintAhead
	if got, err := none.get(other); err != nil || !reflect.DeepEqual(got, mustFingerprint(t, other)) {
		t.Errorf("nothing taken ahead: get = %v, %v; want the tree's", got, err)
	}
}

func mustFingerprint(t *testing.T, root string) hot.Fingerprint {
	t.Helper()
	fp, err := hot.TakeFingerprint(root, hotDirs())
	if err != nil {
		t.Fatal(err)
	}
	return fp
}
