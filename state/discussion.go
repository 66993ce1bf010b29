package state

import (
	"fmt"
	"strings"
)

// NewDiscussion adds a discussion called name (made unique if taken) and
// makes it active. It returns the name used.
func (u *UI) NewDiscussion(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "discussion"
	}
	unique := name
	for n := 2; u.discussionIndex(unique) >= 0; n++ {
		unique = fmt.Sprintf("%s %d", name, n)
	}
	u.Discussions = append(u.Discussions, Discussion{Name: unique})
	u.ActiveDiscussion = len(u.Discussions) - 1
	return unique
}

// RenameDiscussion renames discussion i. Names must be non-blank and unique.
func (u *UI) RenameDiscussion(i int, name string) error {
	name = strings.TrimSpace(name)
	if i < 0 || i >= len(u.Discussions) {
		return fmt.Errorf("no discussion %d", i)
	}
	if name == "" {
		return fmt.Errorf("a discussion needs a name")
	}
	if j := u.discussionIndex(name); j >= 0 && j != i {
		return fmt.Errorf("a discussion called %q already exists", name)
	}
	u.Discussions[i].Name = name
	return nil
}

// DeleteDiscussion removes discussion i. The last discussion cannot be
// deleted; it is emptied instead.
func (u *UI) DeleteDiscussion(i int) error {
	if i < 0 || i >= len(u.Discussions) {
		return fmt.Errorf("no discussion %d", i)
	}
	if len(u.Discussions) == 1 { // emptied: no entries, takes or stamps
		u.Discussions[0] = Discussion{Name: u.Discussions[0].Name}
		return nil
	}
	u.Discussions = append(u.Discussions[:i:i], u.Discussions[i+1:]...)
	// The answer under way follows its discussion; one whose discussion
	// is gone has nowhere to go (the host then stops it).
	switch {
	case !u.Chat.Busy:
	case i < u.Chat.Discussion:
		u.Chat.Discussion--
	case i == u.Chat.Discussion:
		u.Chat.Discussion = -1
	}
	if u.ActiveDiscussion >= len(u.Discussions) || u.ActiveDiscussion > i {
		u.ActiveDiscussion--
	}
	if u.ActiveDiscussion < 0 {
		u.ActiveDiscussion = 0
	}
	return nil
}

func (u *UI) discussionIndex(name string) int {
	for i, d := range u.Discussions {
		if d.Name == name {
			return i
		}
	}
	return -1
}

// DiscussionNames lists the discussions' names in order.
func (u *UI) DiscussionNames() []string {
	names := make([]string, len(u.Discussions))
	for i, d := range u.Discussions {
		names[i] = d.Name
	}
	return names
}

// MoveEntry moves entry i by delta places (-1 up, +1 down), clamped to the
// list; it returns the entry's new index.
func (d *Discussion) MoveEntry(i, delta int) int {
	if i < 0 || i >= len(d.Entries) {
		return i
	}
	j := min(max(i+delta, 0), len(d.Entries)-1)
	e := d.Entries[i]
	if j < i {
		copy(d.Entries[j+1:i+1], d.Entries[j:i])
	} else {
		copy(d.Entries[i:j], d.Entries[i+1:j+1])
	}
	d.Entries[j] = e
	return j
}

// DeleteEntry removes entry i.
func (d *Discussion) DeleteEntry(i int) {
	if i < 0 || i >= len(d.Entries) {
		return
	}
	d.Entries = append(d.Entries[:i:i], d.Entries[i+1:]...)
}

// SetAllCollapsed collapses or expands every entry.
func (d *Discussion) SetAllCollapsed(c bool) {
	for i := range d.Entries {
		d.Entries[i].Collapsed = c
	}
}
