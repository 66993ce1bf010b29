package state

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// texts is the entries' texts, for comparing takes.
func texts(es []Entry) string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Text
	}
	return strings.Join(s, ",")
}

func threeEntries() Discussion {
	var d Discussion
	for _, t := range []string{"a", "b", "c"} {
		d.Add(RoleUser, t, time.Time{})
	}
	return d
}

func TestTakes(t *testing.T) {
	tests := []struct {
		name  string
		do    func(t *testing.T, d *Discussion)
		tabs  string // tab names in order
		shown string // the shown take's name and its entries
		err   string
	}{
		{"no takes", func(t *testing.T, d *Discussion) {}, "main", "main:a,b,c", ""},
		{"branch", func(t *testing.T, d *Discussion) {
			if n, err := d.Branch(1); err != nil || n != "take 2" {
				t.Fatalf("Branch = %q, %v", n, err)
			}
		}, "main,take 2", "take 2:a,b", ""},
		{"branch keeps the original", func(t *testing.T, d *Discussion) {
			d.Branch(0)
			d.SelectTake(0)
		}, "main,take 2", "main:a,b,c", ""},
		{"branch of a branch", func(t *testing.T, d *Discussion) {
			d.Branch(1)
			d.Add(RoleAI, "x", time.Time{})
			d.Branch(2)
		}, "main,take 2,take 3", "take 3:a,b,x", ""},
		{"select the middle", func(t *testing.T, d *Discussion) {
			d.Branch(1)
			d.Branch(0)
			d.SelectTake(1)
		}, "main,take 2,take 3", "take 2:a,b", ""},
		{"rename", func(t *testing.T, d *Discussion) {
			d.Branch(1)
			if err := d.RenameTake(0, " trunk "); err != nil {
				t.Fatal(err)
			}
		}, "trunk,take 2", "take 2:a,b", ""},
		{"rename to a taken name", func(t *testing.T, d *Discussion) {
			d.Branch(1)
			if err := d.RenameTake(0, "take 2"); err == nil || !strings.Contains(err.Error(), "already exists") {
				t.Fatalf("err %v", err)
			}
			if err := d.RenameTake(1, "  "); err == nil {
				t.Fatal("a blank name was taken")
			}
		}, "main,take 2", "take 2:a,b", ""},
		{"delete the shown take shows its left neighbour", func(t *testing.T, d *Discussion) {
			d.Branch(1)
			d.Branch(0)
			d.SelectTake(1)
			if err := d.DeleteTake(1); err != nil {
				t.Fatal(err)
			}
		}, "main,take 3", "main:a,b,c", ""},
		{"delete the first while shown", func(t *testing.T, d *Discussion) {
			d.Branch(1)
			d.SelectTake(0)
			d.DeleteTake(0)
		}, "take 2", "take 2:a,b", ""},
		{"delete another take", func(t *testing.T, d *Discussion) {
			d.Branch(1)
			d.Branch(0)
			d.DeleteTake(0)
		}, "take 2,take 3", "take 3:a", ""},
		{"the last take stays", func(t *testing.T, d *Discussion) {
			if err := d.DeleteTake(0); err == nil {
				t.Fatal("the last take was deleted")
			}
		}, "main", "main:a,b,c", ""},
		{"promote", func(t *testing.T, d *Discussion) {
			d.Branch(1)
			d.Branch(0)
			d.SelectTake(0)
			if err := d.PromoteTake(2); err != nil {
				t.Fatal(err)
			}
		}, "take 3,main,take 2", "main:a,b,c", ""},
		{"promote the shown take", func(t *testing.T, d *Discussion) {
			d.Branch(1)
			d.PromoteTake(1)
		}, "take 2,main", "take 2:a,b", ""},
		{"bad indexes", func(t *testing.T, d *Discussion) {
			for _, err := range []error{d.SelectTake(1), d.DeleteTake(-1), d.PromoteTake(3), d.RenameTake(2, "x")} {
				if err == nil {
					t.Error("a bad index was taken")
				}
			}
			if _, err := d.Branch(3); err == nil {
				t.Error("branch from a missing entry")
			}
		}, "main", "main:a,b,c", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := threeEntries()
			tt.do(t, &d)
			if got := strings.Join(d.TakeNames(), ","); got != tt.tabs {
				t.Errorf("tabs %q, want %q", got, tt.tabs)
			}
			if got := d.ShownTakeName() + ":" + texts(d.Entries); got != tt.shown {
				t.Errorf("shown %q, want %q", got, tt.shown)
			}
			if got := texts(d.TakeEntries(d.TakeAt)); got != texts(d.Entries) {
				t.Errorf("TakeAt %d holds %q, not the shown %q", d.TakeAt, got, texts(d.Entries))
			}
		})
	}
}

// A branch's entries are copies with new IDs: an answer streaming into an
// entry by ID finds one, and edits to a take leave the other alone.
func TestBranchCopies(t *testing.T) {
	d := threeEntries()
	ids := []string{d.Entries[0].ID, d.Entries[1].ID}
	d.Branch(1)
	for i, e := range d.Entries {
		if e.ID == "" || slices.Contains(ids, e.ID) {
			t.Errorf("entry %d of the branch has ID %q (originals %q)", i, e.ID, ids)
		}
	}
	d.Entries[0].Text = "edited"
	if got := texts(d.TakeEntries(0)); got != "a,b,c" {
		t.Errorf("main is %q after an edit to the branch", got)
	}
	u := UI{Discussions: []Discussion{d}}
	if di, ei := u.FindEntry(ids[1], 0); di >= 0 {
		t.Errorf("FindEntry found the main take's entry (%d, %d) while the branch is shown", di, ei)
	}
}

func TestTakesLocked(t *testing.T) {
	u := UI{Discussions: []Discussion{threeEntries(), threeEntries()}}
	u.Chat.Busy, u.Chat.Discussion = true, 1
	if u.TakesLocked(0) != "" || u.TakesLocked(1) == "" {
		t.Errorf("locked: %q %q; want only discussion 1", u.TakesLocked(0), u.TakesLocked(1))
	}
}

func TestInsert(t *testing.T) {
	for _, tt := range []struct {
		at   int
		want string
	}{{0, ",a,b,c"}, {1, "a,,b,c"}, {3, "a,b,c,"}, {9, "a,b,c,"}, {-1, ",a,b,c"}} {
		d := threeEntries()
		i := d.Insert(tt.at, "Reviewer", time.Time{})
		if got := texts(d.Entries); got != tt.want || d.Entries[i].Role != "Reviewer" || d.Entries[i].ID == "" {
			t.Errorf("Insert(%d): %q, entry %d %+v; want %q", tt.at, got, i, d.Entries[i], tt.want)
		}
	}
}

func TestRoles(t *testing.T) {
	u := Fresh("p")
	if err := u.Project.AddRole(" Reviewer "); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "reviewer", "user"} {
		if err := u.Project.AddRole(bad); err == nil {
			t.Errorf("AddRole(%q) was taken", bad)
		}
	}
	names := u.Project.RoleNames()
	if names[len(names)-1] != "Reviewer" || len(names) != len(Roles)+1 {
		t.Fatalf("roles %q", names)
	}
	u.ComposerRole = int32(len(names) - 1)
	u.ComposerText = "look"
	u.SubmitComposer(time.Time{})
	d := u.ActiveDisc()
	if d.Entries[0].Role != "Reviewer" {
		t.Errorf("composer added a %q entry, want Reviewer", d.Entries[0].Role)
	}
	d.Branch(0)
	d.Entries[0].Role = RoleUser // the role is still used by main's entry
	if err := u.RemoveRole("Reviewer"); err == nil || !strings.Contains(err.Error(), "in use in main / main") {
		t.Errorf("removing a role in use: %v", err)
	}
	if err := u.RemoveRole("User"); err == nil {
		t.Error("a built-in role was removed")
	}
	u.Discussions[0].SelectTake(0)
	u.Discussions[0].Entries[0].Role = RoleUser
	if err := u.RemoveRole("Reviewer"); err != nil {
		t.Fatal(err)
	}
	if len(u.Project.Roles) != 0 || u.ComposerRole != 0 {
		t.Errorf("after remove: roles %q, composer role %d", u.Project.Roles, u.ComposerRole)
	}
}

func TestStampShort(t *testing.T) {
	at := time.Date(2026, 12, 5, 15, 4, 0, 0, time.UTC)
	for _, tt := range []struct {
		s    Stamp
		want string
	}{
		{Stamp{}, "not recorded"},
		{Stamp{Commit: "0123456789abcdef0123456789abcdef01234567", Branch: "main", At: at}, "01234567 (main) 2026-12-05 15:04"},
		{Stamp{Commit: "0123456789abcdef0123456789abcdef01234567", At: at}, "01234567 2026-12-05 15:04"},
		{Stamp{Error: "not a git checkout", At: at}, "not a git checkout, 2026-12-05 15:04"},
	} {
		if got := tt.s.Short(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.s, got, tt.want)
		}
	}
}
