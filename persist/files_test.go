package persist_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/persist"
)

func copyTestdata(tb testing.TB, name, dir string, mode os.FileMode) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, mode); err != nil {
		tb.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil { // past the umask
		tb.Fatal(err)
	}
	return p
}

// decodeRaw reads a TOML file as a plain tree.
func decodeRaw(tb testing.TB, path string) map[string]any {
	tb.Helper()
	var m map[string]any
	if _, err := toml.DecodeFile(path, &m); err != nil {
		tb.Fatal(err)
	}
	return m
}

// Case 2 of issue 12: the first write after an edit keeps the file's mode,
// its owner, every key slopgui does not know (at its place), and, because
// the file has comments the writer drops, a .bak of the original, made
// once.
func TestWriteKeepsWhatItDoesNotKnow(t *testing.T) {
	dir := t.TempDir()
	path := copyTestdata(t, "commented.toml", dir, 0o640)
	original, _ := os.ReadFile(path)
	owner := -1
	if os.Geteuid() == 0 { // root may give the file away: it must stay given
		owner = 65534
		if err := os.Chown(path, owner, owner); err != nil {
			t.Fatal(err)
		}
	}
	p, orig, err := persist.ReadProject(path)
	if err != nil {
		t.Fatal(err)
	}
	if !orig.Comments {
		t.Fatal("the comments were not noticed")
	}
	p.Discussions[0].Entries[0].Text = "first, edited"
	if err := persist.WriteProject(path, p, orig); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v after saving, want -rw-r-----", fi.Mode().Perm())
	}
	if st := fi.Sys().(*syscall.Stat_t); owner >= 0 && (int(st.Uid) != owner || int(st.Gid) != owner) {
		t.Errorf("owner %d:%d after saving, want %d:%d", st.Uid, st.Gid, owner, owner)
	}
	raw := decodeRaw(t, path)
	disc := raw["Discussions"].([]map[string]any)[0]
	entry := disc["Entries"].([]map[string]any)[0]
	checks := []struct {
		what string
		got  any
		want any
	}{
		{"top-level Owner", raw["Owner"], "team-a"},
		{"Project.Reviewer", raw["Project"].(map[string]any)["Reviewer"], "ann"},
		{"Discussions[0].Pinned", disc["Pinned"], true},
		{"Discussions[0].Entries[0].Mood", entry["Mood"], "calm"},
		{"Plugins.lint.Enabled", raw["Plugins"].(map[string]any)["lint"].(map[string]any)["Enabled"], true},
		{"the edit", entry["Text"], "first, edited"},
		{"a known key", raw["AI"].(map[string]any)["SystemPrompt"], "a # in a string is not a comment"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	if orig.Backup != path+".bak" {
		t.Fatalf("backup at %q, want %s.bak", orig.Backup, path)
	}
	if b, _ := os.ReadFile(orig.Backup); !bytes.Equal(b, original) {
		t.Fatal("the .bak is not the original")
	}
	// The second save makes no second backup.
	p.Discussions[0].Entries[0].Text = "again"
	if err := persist.WriteProject(path, p, orig); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".bak.2"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("a second backup was made")
	}
	if b, _ := os.ReadFile(orig.Backup); !bytes.Equal(b, original) {
		t.Fatal("the .bak was overwritten")
	}
}

// A .bak that exists already is never replaced: the copy goes to .bak.2.
func TestBackupNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	path := copyTestdata(t, "commented.toml", dir, 0o644)
	if err := os.WriteFile(path+".bak", []byte("the user's own"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, orig, err := persist.ReadProject(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := persist.WriteProject(path, p, orig); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path + ".bak"); string(b) != "the user's own" {
		t.Fatal("an existing .bak was replaced")
	}
	if orig.Backup != path+".bak.2" {
		t.Fatalf("backup at %s", orig.Backup)
	}
}

func TestHasComments(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"a = 1\n", false},
		{"# top\na = 1\n", true},
		{"a = 1 # trailing\n", true},
		{`a = "x # y"` + "\n", false},
		{`a = 'x # y'` + "\n", false},
		{"a = \"\"\"\nx # y\n\"\"\"\n", false},
		{"a = '''\nx # y\n'''\n", false},
		{`a = "q\" # still string"` + "\n", false},
		{`a = "q\\" # comment`, true},
		{"a = \"\"\"\nx\n\"\"\" # after\n", true},
	}
	for _, tc := range tests {
		if got := persist.HasComments(tc.text); got != tc.want {
			t.Errorf("HasComments(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// Case 5 of issue 12: a path that is a directory (or not a regular file)
// is refused up front with that reason, by every way in and out.
func TestNotAFile(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "project.toml")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	var nf *persist.NotFileError
	for name, err := range map[string]error{
		"CheckTarget":              persist.CheckTarget(sub),
		"WriteFileAtomic":          persist.WriteFileAtomic(sub, []byte("x"), 0o644),
		"WriteProject":             persist.WriteProject(sub, persist.Project{}, nil),
		"ReadProject":              func() error { _, _, err := persist.ReadProject(sub); return err }(),
		"CheckTarget of /dev/null": persist.CheckTarget(os.DevNull),
	} {
		if !errors.As(err, &nf) {
			t.Errorf("%s: %v, want a NotFileError", name, err)
			continue
		}
		if name != "CheckTarget of /dev/null" && !strings.Contains(err.Error(), "is a directory") {
			t.Errorf("%s: %q does not say it is a directory", name, err)
		}
	}
	if ents, _ := os.ReadDir(sub); len(ents) != 0 {
		t.Fatalf("something was written into the directory: %v", ents)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("something was written beside it: %v", ents)
	}
	if err := persist.CheckTarget(filepath.Join(dir, "new.toml")); err != nil {
		t.Fatalf("a new path: %v", err)
	}
}

// A symlinked project file is written through the link: the link stays a
// link and the file it names gets the new content.
func TestWriteFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := copyTestdata(t, "commented.toml", dir, 0o644)
	link := filepath.Join(dir, "link.toml")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := persist.WriteFileAtomic(link, []byte("Format = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatal("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(real); string(b) != "Format = 1\n" {
		t.Fatalf("the linked file holds %q", b)
	}
}

// Case 1 of issue 12, at the file level: a file another user owns with
// mode 600 cannot be read, and the error says why (permission), is not
// mistaken for a missing or corrupt file, and gives nothing to write back.
func TestUnreadableProject(t *testing.T) {
	if os.Getenv(testutil.AsOtherUserEnv) != "" {
		path := os.Getenv("SLOPGUI_TEST_PROJECT")
		_, orig, err := persist.ReadProject(path)
		var ce *persist.CorruptError
		if err == nil || orig != nil || !errors.Is(err, fs.ErrPermission) || errors.As(err, &ce) || errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("ReadProject of a file nobody may read: orig %v, err %v", orig, err)
		}
		if !strings.Contains(err.Error(), "permission denied") || !strings.Contains(err.Error(), path) {
			t.Fatalf("the error does not say what and why: %v", err)
		}
		return
	}
	dir := testutil.SharedDir(t)
	path := copyTestdata(t, "commented.toml", dir, 0o600)
	testutil.RunAsOtherUser(t, dir, "TestUnreadableProject", "SLOPGUI_TEST_PROJECT="+path)
}

// WriteFileAtomic: a new file gets the mode asked for, an existing one
// keeps its own, and no temporary file is left beside either.
func TestWriteFileAtomicModes(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name     string
		existing fs.FileMode // 0: no file yet
		perm     fs.FileMode
		want     fs.FileMode
	}{
		{"new file gets perm", 0, 0o600, 0o600},
		{"new file in a new directory", 0, 0o640, 0o640},
		{"existing file keeps its mode", 0o604, 0o600, 0o604},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
			path := filepath.Join(d, "f.json")
			if tc.existing != 0 {
				if err := os.MkdirAll(d, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte("old"), tc.existing); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(path, tc.existing); err != nil {
					t.Fatal(err)
				}
			}
			if err := persist.WriteFileAtomic(path, []byte("new"), tc.perm); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			if err != nil || string(b) != "new" {
				t.Fatalf("the file holds %q (%v), want %q", b, err, "new")
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != tc.want {
				t.Fatalf("mode %v, want %v", fi.Mode().Perm(), tc.want)
			}
			if ents, _ := os.ReadDir(d); len(ents) != 1 {
				t.Fatalf("left beside the file: %v", ents)
			}
		})
	}
}

// Issue 20 item 5: what slopgui creates to hold what the user typed (the
// project, the config, their directories) is private: files 0600,
// directories 0700; a public perm gets a searchable directory.
func TestNewFilesArePrivate(t *testing.T) {
	for _, tc := range []struct {
		name              string
		write             func(path string) error
		wantFile, wantDir fs.FileMode
	}{
		{"project", func(p string) error { return persist.WriteProject(p, persist.Project{Format: 1}, nil) }, 0o600, 0o700},
		{"config", func(p string) error { return persist.Save(p, persist.Config{Theme: "NERV"}) }, 0o600, 0o700},
		{"private file", func(p string) error { return persist.WriteFileAtomic(p, []byte("x"), 0o600) }, 0o600, 0o700},
		{"public file", func(p string) error { return persist.WriteFileAtomic(p, []byte("x"), 0o644) }, 0o644, 0o755},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "a", "b")
			path := filepath.Join(dir, "f.toml")
			if err := tc.write(path); err != nil {
				t.Fatal(err)
			}
			for p, want := range map[string]fs.FileMode{path: tc.wantFile, dir: tc.wantDir, filepath.Dir(dir): tc.wantDir} {
				fi, err := os.Stat(p)
				if err != nil {
					t.Fatal(err)
				}
				if fi.Mode().Perm() != want {
					t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), want)
				}
			}
		})
	}
}

// Writers of the same file at once never share a temporary file: every
// write succeeds and the file always holds one whole write.
func TestWriteFileAtomicConcurrent(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "status.json")
	const writers, writes = 6, 20
	payload := func(w int) []byte { return bytes.Repeat([]byte{byte('a' + w)}, 4096) }
	var wg sync.WaitGroup
	errs := make(chan error, writers*writes)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range writes {
				errs <- persist.WriteFileAtomic(path, payload(w), 0o644)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	whole := false
	for w := range writers {
		whole = whole || bytes.Equal(b, payload(w))
	}
	if !whole {
		t.Fatalf("the file holds a mix of writes (%d bytes, starts %q)", len(b), b[:min(len(b), 8)])
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("temporary files left: %v", ents)
	}
}

// A write that cannot happen says which file and why, and leaves nothing.
func TestWriteFileAtomicError(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "not-a-dir")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(blocker, "f.json")
	err := persist.WriteFileAtomic(path, []byte("data"), 0o644)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("error %v, want one naming %s and the reason", err, path)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("left behind: %v", ents)
	}
}
