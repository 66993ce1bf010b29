package persist_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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
		"WriteAtomic":              persist.WriteAtomic(sub, []byte("x")),
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
	if err := persist.WriteAtomic(link, []byte("Format = 1\n")); err != nil {
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
