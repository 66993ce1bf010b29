package persist_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/slopgui/slopgui/persist"
	"github.com/slopgui/slopgui/state"
)

// Takes, stamps and the project's own roles round-trip through the
// project file.
func TestProjectRoundTripTakes(t *testing.T) {
	u := sampleUI()
	u.Project.Roles = []string{"Reviewer"}
	d := &u.Discussions[0]
	d.Created = state.Stamp{Commit: "0123456789abcdef0123456789abcdef01234567", Branch: "main", At: t0}
	d.Stamped = state.Stamp{Error: "not a git checkout", At: t0}
	if _, err := d.Branch(0); err != nil {
		t.Fatal(err)
	}
	d.Add("Reviewer", "in the branch", t0)
	if err := d.RenameTake(1, "idea"); err != nil {
		t.Fatal(err)
	}
	if err := d.PromoteTake(1); err != nil { // tabs: idea (shown), main
		t.Fatal(err)
	}
	want := persist.ProjectOf(&u)
	got := saveAndLoad(t, filepath.Join(t.TempDir(), "p.toml"), want)
	if diff := fieldDiff(got, want); diff != "" {
		t.Fatalf("the round trip changed the project:\n%s", diff)
	}
	back := got.Discussions[0]
	if names := back.TakeNames(); !slices.Equal(names, []string{"idea", "main"}) || back.ShownTakeName() != "idea" {
		t.Errorf("takes %q, shown %q", names, back.ShownTakeName())
	}
	if back.Created.Commit != d.Created.Commit || back.Stamped.Error == "" || !slices.Equal(got.Project.Roles, []string{"Reviewer"}) {
		t.Errorf("stamps %+v %+v, roles %q", back.Created, back.Stamped, got.Project.Roles)
	}
}

// A project file from before takes, stamps and roles loads as one main
// take, unstamped, with the built-in roles.
func TestOldProjectHasOneTake(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.toml")
	old := `Format = 1
ActiveDiscussion = 0
[Project]
Name = "old"
Root = "."
[[Discussions]]
Name = "main"
[[Discussions.Entries]]
ID = "aaaaaaaaaaaa"
Role = "User"
Text = "hello"
Time = 2026-11-20T09:30:15Z
Collapsed = false
`
	if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := persist.LoadProject(path)
	if err != nil {
		t.Fatal(err)
	}
	var u state.UI
	p.Apply(&u)
	d := u.ActiveDisc()
	if !slices.Equal(d.TakeNames(), []string{"main"}) || len(d.Entries) != 1 || d.Entries[0].Text != "hello" {
		t.Errorf("takes %q, entries %+v", d.TakeNames(), d.Entries)
	}
	if d.Created != (state.Stamp{}) || d.Created.Short() != "not recorded" {
		t.Errorf("stamp %+v", d.Created)
	}
	if !slices.Equal(u.Project.RoleNames(), state.RoleNames()) {
		t.Errorf("roles %q", u.Project.RoleNames())
	}
}
