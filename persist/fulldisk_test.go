package persist_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/slopgui/slopgui/persist"
)

// An atomic write to a full disk (a 128 KB tmpfs, filled) fails with an
// error that names the file, keeps ENOSPC for errors.Is, and says what
// to do; the file there is as it was and no temporary file is left.
func TestWriteFileAtomicOnAFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("a full disk is tested on a small tmpfs, which only root can mount: run as root to cover it")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	path := filepath.Join(dir, "project.toml")
	old := []byte("Format = 1\n")
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	filler, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	for _, err = filler.Write(make([]byte, 4096)); err == nil; _, err = filler.Write(make([]byte, 4096)) {
	}
	filler.Close()
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("filling the tmpfs: %v", err)
	}

	err = persist.WriteFileAtomic(path, bytes.Repeat([]byte("x"), 64<<10), 0o644)
	if err == nil || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("write on a full disk: %v, want ENOSPC", err)
	}
	for _, want := range []string{path, "no space left on device", "free some space", "as it was"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, old) {
		t.Fatalf("the file on the full disk changed: %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Fatalf("left behind: %v", ents)
	}
	os.Remove(filepath.Join(dir, "filler"))
	if err := persist.WriteFileAtomic(path, []byte("Format = 1\n# new\n"), 0o644); err != nil {
		t.Fatalf("after freeing space: %v", err)
	}
}
