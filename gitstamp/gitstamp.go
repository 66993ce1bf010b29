// Package gitstamp reads the commit a project's checkout is at, so a
// discussion can record which code it was about. It reads .git directly
// (HEAD, loose refs, packed-refs, worktree and submodule .git files) and
// runs no git command: it is called when a discussion is created, and git
// may not be installed.
package gitstamp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrNotGit is returned for a directory that is not in a git checkout.
var ErrNotGit = errors.New("not a git checkout")

// Head returns the commit hash HEAD names for the checkout holding dir
// (dir or one of its parents), and the branch ("" when detached).
func Head(dir string) (commit, branch string, err error) {
	gitDir, common, err := find(dir)
	if err != nil {
		return "", "", err
	}
	head, err := os.ReadFile(filepath.Join(gitDir, "HEAD"))
	if err != nil {
		return "", "", fmt.Errorf("reading HEAD: %w", err)
	}
	ref := strings.TrimSpace(string(head))
	for range 10 { // a symbolic ref may point at another
		name, ok := strings.CutPrefix(ref, "ref: ")
		if !ok {
			if !isHash(ref) {
				return "", branch, fmt.Errorf("HEAD holds %q, not a commit", ref)
			}
			return ref, branch, nil
		}
		if branch == "" {
			branch = strings.TrimPrefix(name, "refs/heads/")
		}
		ref, err = resolve(gitDir, common, name)
		if err != nil {
			return "", branch, err
		}
	}
	return "", branch, errors.New("HEAD: too many symbolic refs")
}

// find returns the git directory for dir and the common directory that
// holds refs (they differ in a linked worktree).
func find(dir string) (gitDir, common string, err error) {
	dir, err = filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	for {
		p := filepath.Join(dir, ".git")
		info, err := os.Stat(p)
		if err == nil {
			gitDir = p
			if !info.IsDir() {
				// A worktree or submodule: "gitdir: <path>".
				b, err := os.ReadFile(p)
				if err != nil {
					return "", "", err
				}
				target, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir: ")
				if !ok {
					return "", "", fmt.Errorf("%s: not a gitdir file", p)
				}
				if !filepath.IsAbs(target) {
					target = filepath.Join(dir, target)
				}
				gitDir = target
			}
			common = gitDir
			if b, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
				c := strings.TrimSpace(string(b))
				if !filepath.IsAbs(c) {
					c = filepath.Join(gitDir, c)
				}
				common = c
			}
			return gitDir, common, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", "", ErrNotGit
		}
		dir = parent
	}
}

// resolve reads a ref: a loose file (in the worktree's dir, then the
// common dir), else packed-refs. A loose file may hold "ref: ...".
func resolve(gitDir, common, name string) (string, error) {
	for _, d := range []string{gitDir, common} {
		if b, err := os.ReadFile(filepath.Join(d, filepath.FromSlash(name))); err == nil {
			return strings.TrimSpace(string(b)), nil
		}
	}
	f, err := os.Open(filepath.Join(common, "packed-refs"))
	if err != nil {
		return "", fmt.Errorf("%s: no such ref (a new repository with no commit yet?)", name)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 || line[0] == '#' || line[0] == '^' {
			continue
		}
		hash, ref, ok := bytes.Cut(line, []byte(" "))
		if ok && string(ref) == name {
			return string(hash), nil
		}
	}
	return "", fmt.Errorf("%s: no such ref", name)
}

func isHash(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
