package state

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Takes: a discussion's lines, drawn as tabs. "Branch from here" on an
// entry makes a new take holding copies of the entries up to it.
//
// The shown take's entries stay in Discussion.Entries, so everything that
// reads, sends or streams into a discussion keeps reading Entries alone;
// the other takes wait in Discussion.Takes. Switching takes swaps them.
// The first tab is the discussion's main line (Promote moves a take
// there). An answer under way streams into Entries by entry ID, so the
// view refuses to change the shown take of a discussion being answered
// (TakesLocked).

// Take is a line of a discussion that is not the one shown.
type Take struct {
	Name    string
	Entries []Entry `toml:",omitempty"`
}

// MainTake is the name of a discussion's first take.
const MainTake = "main"

// Stamp is the commit a project's checkout was at, and when it was read.
type Stamp struct {
	Commit string    `toml:",omitempty"`
	Branch string    `toml:",omitempty"`
	At     time.Time `toml:",omitempty"`
	Error  string    `toml:",omitempty"` // why there is no commit ("not a git checkout")
}

// NewStamp is the stamp of what gitstamp.Head returned at at.
func NewStamp(commit, branch string, err error, at time.Time) Stamp {
	if err != nil {
		return Stamp{Branch: branch, At: at, Error: err.Error()}
	}
	return Stamp{Commit: commit, Branch: branch, At: at}
}

// Short is the stamp as the header shows it: "1a2b3c4d (main) 15:04", or
// its error.
func (s Stamp) Short() string {
	if s == (Stamp{}) {
		return "not recorded"
	}
	when := s.At.Format("2006-01-02 15:04")
	if s.Commit == "" {
		return s.Error + ", " + when
	}
	c := s.Commit[:min(8, len(s.Commit))]
	if s.Branch != "" {
		c += " (" + s.Branch + ")"
	}
	return c + " " + when
}

// ShownTakeName is the name of the take shown.
func (d *Discussion) ShownTakeName() string {
	if d.TakeName == "" {
		return MainTake
	}
	return d.TakeName
}

// TakeCount is how many takes the discussion has (at least 1).
func (d *Discussion) TakeCount() int { return len(d.Takes) + 1 }

// TakeNames lists the takes' names in tab order.
func (d *Discussion) TakeNames() []string {
	all := d.allTakes()
	names := make([]string, len(all))
	for i, t := range all {
		names[i] = t.Name
	}
	return names
}

// TakeEntries returns take j's entries (tab order); the shown take's are
// d.Entries itself.
func (d *Discussion) TakeEntries(j int) []Entry {
	all := d.allTakes()
	if j < 0 || j >= len(all) {
		return nil
	}
	return all[j].Entries
}

// allTakes is every take in tab order, the shown one included (sharing
// d.Entries).
func (d *Discussion) allTakes() []Take {
	at := min(max(d.TakeAt, 0), len(d.Takes))
	all := make([]Take, 0, len(d.Takes)+1)
	all = append(all, d.Takes[:at]...)
	all = append(all, Take{Name: d.ShownTakeName(), Entries: d.Entries})
	return append(all, d.Takes[at:]...)
}

// setTakes stores all (tab order) with take shown shown.
func (d *Discussion) setTakes(all []Take, shown int) {
	d.TakeName, d.Entries, d.TakeAt = all[shown].Name, all[shown].Entries, shown
	if d.TakeName == MainTake {
		d.TakeName = ""
	}
	d.Takes = append(all[:shown:shown], all[shown+1:]...)
	if len(d.Takes) == 0 {
		d.Takes = nil
	}
}

// SelectTake shows take j.
func (d *Discussion) SelectTake(j int) error {
	all := d.allTakes()
	if j < 0 || j >= len(all) {
		return fmt.Errorf("no take %d", j)
	}
	d.setTakes(all, j)
	return nil
}

// Branch makes a new take holding copies of the shown take's entries up to
// and including entry i (new IDs, so an answer streaming by ID finds one
// entry), adds it as the last tab and shows it. It returns its name.
func (d *Discussion) Branch(i int) (string, error) {
	if i < 0 || i >= len(d.Entries) {
		return "", fmt.Errorf("no entry %d", i)
	}
	entries := slices.Clone(d.Entries[:i+1])
	for k := range entries {
		entries[k].ID = NewID()
		if entries[k].Status == EntryStreaming {
			entries[k].Status = EntryInterrupted
		}
	}
	all := d.allTakes()
	name := uniqueTake(all, fmt.Sprintf("take %d", len(all)+1))
	all = append(all, Take{Name: name, Entries: entries})
	d.setTakes(all, len(all)-1)
	return name, nil
}

func uniqueTake(all []Take, name string) string {
	unique := name
	for n := 2; slices.ContainsFunc(all, func(t Take) bool { return t.Name == unique }); n++ {
		unique = fmt.Sprintf("%s (%d)", name, n)
	}
	return unique
}

// RenameTake renames take j. Names must be non-blank and unique in the
// discussion.
func (d *Discussion) RenameTake(j int, name string) error {
	name = strings.TrimSpace(name)
	all := d.allTakes()
	switch {
	case j < 0 || j >= len(all):
		return fmt.Errorf("no take %d", j)
	case name == "":
		return fmt.Errorf("a take needs a name")
	}
	for k, t := range all {
		if k != j && t.Name == name {
			return fmt.Errorf("a take called %q already exists", name)
		}
	}
	all[j].Name = name
	d.setTakes(all, d.TakeAt)
	return nil
}

// DeleteTake removes take j; the last take cannot be deleted. Deleting the
// shown take shows its left neighbour (or the new first tab).
func (d *Discussion) DeleteTake(j int) error {
	all := d.allTakes()
	switch {
	case j < 0 || j >= len(all):
		return fmt.Errorf("no take %d", j)
	case len(all) == 1:
		return fmt.Errorf("the last take cannot be deleted")
	}
	shown := d.TakeAt
	all = append(all[:j:j], all[j+1:]...)
	if j < shown || (j == shown && shown > 0) {
		shown--
	}
	d.setTakes(all, shown)
	return nil
}

// PromoteTake makes take j the main line: the first tab. The shown take
// stays shown.
func (d *Discussion) PromoteTake(j int) error {
	all := d.allTakes()
	if j < 0 || j >= len(all) {
		return fmt.Errorf("no take %d", j)
	}
	shownName := all[d.TakeAt].Name
	t := all[j]
	all = append(all[:j:j], all[j+1:]...)
	all = append([]Take{t}, all...)
	shown := slices.IndexFunc(all, func(t Take) bool { return t.Name == shownName })
	d.setTakes(all, shown)
	return nil
}

// TakesLocked says why the takes shown in discussion di cannot change now
// (an answer streams into it), or "".
func (u *UI) TakesLocked(di int) string {
	if u.Chat.Busy && u.Chat.Discussion == di {
		return "An answer is arriving in this take: wait for it (or Stop) before changing takes."
	}
	return ""
}

// Insert adds an empty entry with role at index i (0 to len) and returns i.
func (d *Discussion) Insert(i int, role Role, at time.Time) int {
	i = min(max(i, 0), len(d.Entries))
	d.Entries = slices.Insert(d.Entries, i, Entry{ID: NewID(), Role: role, Time: at})
	return i
}

// RoleNames lists the roles the project offers: the built-in Roles, then
// the user's own.
func (p *Project) RoleNames() []string {
	return append(RoleNames(), p.Roles...)
}

// AddRole adds a role of the user's. Names must be non-blank and new
// (built-in roles included, case ignored).
func (p *Project) AddRole(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("a role needs a name")
	}
	for _, r := range p.RoleNames() {
		if strings.EqualFold(r, name) {
			return fmt.Errorf("the role %q exists", r)
		}
	}
	p.Roles = append(p.Roles, name)
	return nil
}

// RemoveRole removes a role of the user's that no entry of any take uses.
func (u *UI) RemoveRole(name string) error {
	i := slices.Index(u.Project.Roles, name)
	if i < 0 {
		return fmt.Errorf("%q is not a role of yours (built-in roles stay)", name)
	}
	for _, d := range u.Discussions {
		for _, t := range d.allTakes() {
			for _, e := range t.Entries {
				if string(e.Role) == name {
					return fmt.Errorf("the role %q is in use in %s / %s", name, d.Name, t.Name)
				}
			}
		}
	}
	u.Project.Roles = RemoveAt(u.Project.Roles, i)
	if n := int32(len(u.Project.RoleNames())); u.ComposerRole >= n {
		u.ComposerRole = 0
	}
	return nil
}
