package gitstamp_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/gitstamp"
)

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// Against real git: what git rev-parse says, in every layout git makes.
func TestHeadMatchesGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is not installed (apt-get install git)")
	}
	repo := t.TempDir()
	git(t, repo, "init", "-q")
	os.MkdirAll(filepath.Join(repo, "sub", "deep"), 0o755)
	os.WriteFile(filepath.Join(repo, "a"), []byte("a"), 0o644)
	git(t, repo, "add", "a")
	git(t, repo, "commit", "-qm", "one")
	check := func(name, dir, wantBranch string) {
		t.Helper()
		c, b, err := gitstamp.Head(dir)
		want := git(t, dir, "rev-parse", "HEAD")
		if err != nil || c != want || b != wantBranch {
			t.Errorf("%s: Head = %q %q %v, want %q %q", name, c, b, err, want, wantBranch)
		}
	}
	check("loose ref", repo, "main")
	check("from a subdirectory", filepath.Join(repo, "sub", "deep"), "main")
	git(t, repo, "pack-refs", "--all")
	check("packed ref", repo, "main")
	os.WriteFile(filepath.Join(repo, "b"), []byte("b"), 0o644)
	git(t, repo, "add", "b")
	git(t, repo, "commit", "-qm", "two")
	check("loose over packed", repo, "main")
	wt := filepath.Join(t.TempDir(), "wt")
	git(t, repo, "worktree", "add", "-q", "-b", "side", wt)
	check("linked worktree", wt, "side")
	git(t, repo, "checkout", "-q", "--detach", "HEAD~1")
	check("detached", repo, "")

	empty := t.TempDir()
	git(t, empty, "init", "-q")
	if _, b, err := gitstamp.Head(empty); err == nil || b != "main" {
		t.Errorf("a repository with no commit: %q %v, want an error and the branch", b, err)
	}
}

func TestNotGit(t *testing.T) {
	if _, _, err := gitstamp.Head(t.TempDir()); !errors.Is(err, gitstamp.ErrNotGit) {
		t.Fatalf("err = %v, want ErrNotGit", err)
	}
}
