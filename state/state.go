// Package state holds slopgui's UI state as plain data: the domain types of
// Manual Slop (projects, discussions, tracks of tickets) and UI, the struct of
// everything the views read and write.
//
// Nothing here holds a lock, a channel, a function or an OS handle, so every
// value can be deep-copied (hot reload captures it) and saved. app.App embeds
// UI; the views receive a pointer to it and are functions of it.
package state

import "time"

// Role says who wrote a discussion entry.
type Role string

// The roles an entry can have, in the order the composer offers them.
const (
	RoleUser    Role = "User"
	RoleAI      Role = "AI"
	RoleSystem  Role = "System"
	RoleContext Role = "Context"
	RoleTool    Role = "Tool"
)

// Roles lists every Role in display order.
var Roles = []Role{RoleUser, RoleAI, RoleSystem, RoleContext, RoleTool}

// RoleNames returns the roles as strings, for combo boxes.
func RoleNames() []string {
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	return names
}

// Entry is one message in a discussion.
type Entry struct {
	Role      Role
	Text      string
	Time      time.Time
	Collapsed bool
}

// Discussion is a named history of entries.
type Discussion struct {
	Name    string
	Entries []Entry
}

// Add appends an entry and returns its index.
func (d *Discussion) Add(role Role, text string, at time.Time) int {
	d.Entries = append(d.Entries, Entry{Role: role, Text: text, Time: at})
	return len(d.Entries) - 1
}

// TicketStatus is where a ticket is in its life.
type TicketStatus string

// Ticket statuses.
const (
	StatusTodo       TicketStatus = "todo"
	StatusInProgress TicketStatus = "in progress"
	StatusBlocked    TicketStatus = "blocked"
	StatusDone       TicketStatus = "done"
	StatusFailed     TicketStatus = "failed"
)

// Ticket is one unit of multi-agent work in a track.
type Ticket struct {
	ID        string
	Title     string
	Status    TicketStatus
	DependsOn []string
}

// Track is a named list of tickets worked on together.
type Track struct {
	Name    string
	Tickets []Ticket
}

// Project is what the user curates as context for the model.
type Project struct {
	Name        string
	Root        string
	Files       []string // paths or glob patterns, relative to Root
	Screenshots []string
	OutputDir   string
}

// Window names, the keys of UI.ShowWindows.
const (
	WindowDiscussion = "Discussion Hub"
	WindowProject    = "Project Settings"
	WindowMMA        = "MMA Dashboard"
)

// UI is every piece of state the views read and write. app.App embeds it,
// so each field is an App field and can be named as a hot-reload state key.
type UI struct {
	Project          Project
	NewFilePattern   string // the "add file" input in Project Settings
	Discussions      []Discussion
	ActiveDiscussion int
	ComposerRole     int32 // index into Roles
	ComposerText     string
	DiscussionSplit  float32 // height of the history pane, in pixels
	Tracks           []Track
	ActiveTrack      int32
	ShowWindows      map[string]bool
	Theme            string
}

// ActiveDisc returns the active discussion, creating one if there is none.
func (u *UI) ActiveDisc() *Discussion {
	if len(u.Discussions) == 0 {
		u.Discussions = []Discussion{{Name: "main"}}
	}
	if u.ActiveDiscussion < 0 || u.ActiveDiscussion >= len(u.Discussions) {
		u.ActiveDiscussion = 0
	}
	return &u.Discussions[u.ActiveDiscussion]
}

// SubmitComposer adds the composer's text as an entry with the selected
// role and clears the composer. Blank text adds nothing and returns false.
func (u *UI) SubmitComposer(at time.Time) bool {
	if isBlank(u.ComposerText) {
		return false
	}
	role := RoleUser
	if int(u.ComposerRole) >= 0 && int(u.ComposerRole) < len(Roles) {
		role = Roles[u.ComposerRole]
	}
	u.ActiveDisc().Add(role, u.ComposerText, at)
	u.ComposerText = ""
	return true
}

// AddFilePattern adds NewFilePattern to the project's files and clears it.
// A blank or duplicate pattern adds nothing and returns false.
func (u *UI) AddFilePattern() bool {
	p := u.NewFilePattern
	if isBlank(p) {
		return false
	}
	for _, f := range u.Project.Files {
		if f == p {
			return false
		}
	}
	u.Project.Files = append(u.Project.Files, p)
	u.NewFilePattern = ""
	return true
}

func isBlank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}

// Sample returns the state a fresh slopgui starts with: a small project, one
// discussion and one track, so every view has something to show.
func Sample(now time.Time) UI {
	return UI{
		Project: Project{
			Name:  "slopgui",
			Root:  ".",
			Files: []string{"views/*.go", "app/*.go"},
		},
		Discussions: []Discussion{{
			Name: "main",
			Entries: []Entry{
				{Role: RoleSystem, Text: "You are a careful Go reviewer.", Time: now},
				{Role: RoleUser, Text: "Summarise the reload path.", Time: now},
			},
		}},
		DiscussionSplit: 260,
		Tracks: []Track{{
			Name: "hot reload",
			Tickets: []Ticket{
				{ID: "T1", Title: "Link giu into a plugin", Status: StatusDone},
				{ID: "T2", Title: "Swap generations between frames", Status: StatusInProgress, DependsOn: []string{"T1"}},
				{ID: "T3", Title: "Red tint on failure", Status: StatusTodo, DependsOn: []string{"T2"}},
			},
		}},
		ShowWindows: map[string]bool{
			WindowDiscussion: true,
			WindowProject:    true,
			WindowMMA:        true,
		},
		Theme: "Default",
	}
}
