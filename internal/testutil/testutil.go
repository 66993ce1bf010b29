// Package testutil has helpers shared by slopgui's tests: finding the
// module root, copying the source tree so a test can edit views freely,
// editing files, and polling with a deadline.
package testutil

import (
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// ModuleRoot returns the directory holding slopgui's go.mod, searching up
// from the working directory.
func ModuleRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// MustCopyModule copies the module's sources (not .git, bin, build output
// or the e2e suite's node_modules) into a fresh temporary directory and
// returns it.
func MustCopyModule(tb testing.TB) string {
	tb.Helper()
	src := ModuleRoot(tb)
	dst := tb.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || rel == "bin" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		return copyFile(p, filepath.Join(dst, rel))
	})
	if err != nil {
		tb.Fatalf("copying module: %v", err)
	}
	return dst
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, info.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// WriteTree writes files (slash paths to contents) under dir, making
// directories as needed.
func WriteTree(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// MustReplace replaces old with new in the file at path, failing the test
// unless old occurs exactly once.
func MustReplace(tb testing.TB, path, old, new string) {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if n := strings.Count(string(b), old); n != 1 {
		tb.Fatalf("%s: %q occurs %d times, want 1", path, old, n)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// Eventually polls cond every interval until it returns true, failing the
// test with msg after timeout.
func Eventually(tb testing.TB, timeout time.Duration, msg string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out after %v: %s", timeout, msg)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// AsOtherUserEnv is set in the environment of a test that RunAsOtherUser
// started as another user.
const AsOtherUserEnv = "SLOPGUI_TEST_AS_OTHER_USER"

// SharedDir returns a new directory every user may read, write and enter
// (mode 0777, like a shared project folder), removed when tb ends.
func SharedDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.MkdirTemp("", "slopgui-shared-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// RunAsOtherUser runs test (a test of the current test binary) again as
// the user nobody, with env added to its environment and AsOtherUserEnv
// set, and fails tb if it fails. It needs root (runuser); dir is a
// SharedDir the copy of the binary is put in. It returns the output.
func RunAsOtherUser(tb testing.TB, dir, test string, env ...string) string {
	tb.Helper()
	if os.Geteuid() != 0 {
		tb.Skip("running as another user needs root (runuser)")
	}
	bin := filepath.Join(dir, "test.bin")
	if err := copyFile(os.Args[0], bin); err != nil {
		tb.Fatal(err)
	}
	if err := os.Chmod(bin, 0o755); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command("runuser", "-u", "nobody", "--", bin, "-test.run", "^"+test+"$", "-test.v", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), AsOtherUserEnv+"=1", "HOME="+dir), env...)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+test) {
		tb.Fatalf("%s as nobody: %v\n%s", test, err, out)
	}
	return string(out)
}
