// Package state holds slopgui's UI state as plain data: the domain types of
// Manual Slop (projects, discussions, tracks of tickets) and UI, the struct of
// everything the views read and write.
//
// Nothing here holds a lock, a channel, a function or an OS handle, so every
// value can be deep-copied (hot reload captures it) and saved. app.App embeds
// UI; the views receive a pointer to it and are functions of it.
package state

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

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
	// ID names the entry for good (NewID): what streams into it finds it
	// by ID, wherever it has moved. Entries from older files have none.
	ID        string `toml:",omitempty"`
	Role      Role
	Text      string
	Time      time.Time
	Collapsed bool
	// Status marks an AI answer that is not a plain finished one:
	// EntryStreaming while it arrives, EntryStopped or EntryFailed when it
	// ended early (the partial text is kept), EntryInterrupted when slopgui
	// restarted under it.
	Status string `toml:",omitempty"`
	// Editing shows an AI entry's raw text in its text box instead of
	// rendered as markdown (the Read / Edit toggle); not saved.
	Editing bool `toml:"-"`
}

// Entry statuses (Entry.Status).
const (
	EntryStreaming   = "streaming"
	EntryStopped     = "stopped"
	EntryFailed      = "failed"
	EntryInterrupted = "interrupted"
)

// Discussion is a named history of entries, in one or more takes (see
// takes.go): Entries is always the shown take's, so what draws, edits,
// sends and streams into a discussion reads Entries alone.
type Discussion struct {
	Name    string
	Entries []Entry
	// TakeName is the shown take's name ("" is "main"), TakeAt its place
	// among the tabs, Takes the other takes in tab order.
	TakeName string `toml:",omitempty"`
	TakeAt   int    `toml:",omitempty"`
	Takes    []Take `toml:",omitempty"`
	// Created is the project's commit when the discussion was created,
	// Stamped when the user last asked (the Stamp button).
	Created Stamp `toml:",omitempty"`
	Stamped Stamp `toml:",omitempty"`
}

// Add appends an entry with a new ID and returns its index.
func (d *Discussion) Add(role Role, text string, at time.Time) int {
	d.Entries = append(d.Entries, Entry{ID: NewID(), Role: role, Text: text, Time: at})
	return len(d.Entries) - 1
}

// NewID returns a new random ID (12 hex digits). The IDs need to be
// unique, not secret: math/rand/v2's generator (ChaCha8, seeded by the
// runtime from the system's entropy) serves, and crypto/rand would bring
// 31 packages (crypto's and math/big) into every views plugin, whose link
// they made ~19 ms longer.
func NewID() string {
	return fmt.Sprintf("%012x", rand.Uint64()&(1<<48-1))
}

// FindEntry returns the discussion and entry indexes of the entry with ID id,
// or -1, -1. hint is the discussion looked in first, from its end.
func (u *UI) FindEntry(id string, hint int) (int, int) {
	if id == "" {
		return -1, -1
	}
	for k := -1; k < len(u.Discussions); k++ {
		i := k
		if k < 0 {
			i = hint
		} else if k == hint {
			continue
		}
		if i < 0 || i >= len(u.Discussions) {
			continue
		}
		es := u.Discussions[i].Entries
		for j := len(es) - 1; j >= 0; j-- {
			if es[j].ID == id {
				return i, j
			}
		}
	}
	return -1, -1
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

// Ticket is one unit of multi-agent work in a track. The fields after
// DependsOn are the MMA engine's (package mma): what the worker is told,
// why it stands where it does, and what it did, so a restart finds every
// ticket where it was.
type Ticket struct {
	ID          string
	Title       string
	Status      TicketStatus
	DependsOn   []string
	Description string   `toml:",omitempty"`
	Targets     []string `toml:",omitempty"` // files the ticket changes, relative to the root
	Reason      string   `toml:",omitempty"` // why it is blocked, failed, or waiting
	Summary     string   `toml:",omitempty"` // the worker's summary when done
	Model       string   `toml:",omitempty"` // overrides the tier-3 model
	Escalation  int      `toml:",omitempty"` // models moved up the escalation list so far
	StepMode    bool     `toml:",omitempty"` // every transition of this ticket waits for the user
	// Interrupted: the worker's run ended before the ticket did (stopped,
	// or the app restarted); it waits for Resume, then continues from
	// Transcript.
	Interrupted bool        `toml:",omitempty"`
	Transcript  []TicketMsg `toml:",omitempty"` // the worker's conversation so far
	Applied     []string    `toml:",omitempty"` // IDs of the edits applied, never applied again
}

// TicketMsg is one message of a worker's conversation.
type TicketMsg struct {
	Role    string         // "user" or "assistant"
	Text    string         `toml:",omitempty"`
	Calls   []TicketCall   `toml:",omitempty"`
	Results []TicketResult `toml:",omitempty"`
}

// TicketCall is a tool call a worker's model asked for.
type TicketCall struct {
	ID, Name, Args string
}

// TicketResult answers a TicketCall.
type TicketResult struct {
	CallID, Name, Content string
	IsError               bool `toml:",omitempty"`
}

// Track is a named list of tickets worked on together. ID is stable (the
// engine's events name tracks by it); Goal, Brief and Files come from the
// tier-1 plan.
type Track struct {
	Name     string
	Tickets  []Ticket
	ID       string   `toml:",omitempty"`
	Goal     string   `toml:",omitempty"`
	Brief    string   `toml:",omitempty"`
	Files    []string `toml:",omitempty"`
	Running  bool     `toml:",omitempty"` // auto-queue: ready tickets start
	Paused   bool     `toml:",omitempty"` // no new workers or turns
	StepMode bool     `toml:",omitempty"` // every transition waits for the user
}

// Project is what the user curates as context for the model.
type Project struct {
	Name        string
	Root        string
	Files       []string // paths or glob patterns, relative to Root
	Screenshots []string
	OutputDir   string
	// Roles are the user's own entry roles, after the built-in Roles.
	Roles []string `toml:",omitempty"`
}

// Window names, the keys of UI.ShowWindows, in View-menu order.
const (
	WindowProject    = "Project Settings"
	WindowDiscussion = "Discussion Hub"
	WindowAI         = "AI Settings"
	WindowOps        = "Operations"
	WindowMMA        = "MMA Dashboard"
	WindowHotReload  = "Hot Reload"
)

// Windows lists every toggleable window in View-menu order.
var Windows = []string{WindowProject, WindowDiscussion, WindowAI, WindowOps, WindowMMA, WindowHotReload}

// Providers are the model providers AI Settings offers.
var Providers = []string{"openai-compatible", "anthropic", "gemini"}

// AISettings are the model and its tunings, saved with the project.
type AISettings struct {
	Provider     string
	Model        string
	Temperature  float32
	MaxTokens    int32
	SystemPrompt string
	// BaseURL is the OpenAI-compatible server (llama.cpp, Ollama, vLLM,
	// LM Studio…); empty: $OPENAI_BASE_URL, else the provider's default.
	BaseURL string `toml:",omitempty"`
	// CommsLimit bounds the comms history (oldest dropped); 0 means
	// DefaultCommsLimit.
	CommsLimit int32 `toml:",omitempty"`
	// CommandTimeout is how many seconds run_command may take; 0 means
	// DefaultCommandTimeout.
	CommandTimeout int32 `toml:",omitempty"`
	// ContextWindow overrides the model's context window in tokens (the
	// token budget's 100%); 0 means the model's known window.
	ContextWindow int32 `toml:",omitempty"`
	// MMA is the multi-model engine's models per tier and worker limit.
	MMA MMASettings
}

// TierModel is one MMA tier's provider and model; empty means the
// project's (AISettings.Provider, AISettings.Model).
type TierModel struct {
	Provider string `toml:",omitempty"`
	Model    string `toml:",omitempty"`
}

// MMASettings configure the MMA engine (mma/), saved with the project.
type MMASettings struct {
	Tier1, Tier2, Tier4 TierModel
	// Tier3 is the workers' escalation list, a comma list of models of
	// Tier3Provider (empty: the project's model alone).
	Tier3         string `toml:",omitempty"`
	Tier3Provider string `toml:",omitempty"`
	// Limit is how many workers run at once (0: the engine's default).
	Limit int32 `toml:",omitempty"`
}

// Defaults for the AI settings' limits.
const (
	DefaultCommsLimit     = 200
	DefaultCommandTimeout = 30
)

// DefaultAI is the AI settings of a new project, and what a project file
// that leaves a setting out gets for it.
func DefaultAI() AISettings {
	return AISettings{Provider: Providers[0], Temperature: 0.7, MaxTokens: 4096,
		CommsLimit: DefaultCommsLimit, CommandTimeout: DefaultCommandTimeout}
}

// Comms returns the comms history limit in force.
func (a AISettings) Comms() int {
	if a.CommsLimit <= 0 {
		return DefaultCommsLimit
	}
	return int(a.CommsLimit)
}

// CommandSeconds returns run_command's timeout in force, in seconds.
func (a AISettings) CommandSeconds() int {
	if a.CommandTimeout <= 0 {
		return DefaultCommandTimeout
	}
	return int(a.CommandTimeout)
}

// CommsEntry is one request to the provider and its response.
type CommsEntry struct {
	Time      time.Time
	Direction string // "sent" or "received" (older files); "exchange"
	Kind      string // "chat", "models"
	Text      string // a one-line summary
	Provider  string `toml:",omitempty"`
	Model     string `toml:",omitempty"`
	TokensIn  int    `toml:",omitempty"`
	TokensOut int    `toml:",omitempty"`
	// CacheRead and CacheWrite are the prompt tokens the provider read
	// from and wrote to its prompt cache, when it reports them.
	CacheRead  int    `toml:",omitempty"`
	CacheWrite int    `toml:",omitempty"`
	LatencyMs  int64  `toml:",omitempty"`
	Status     string `toml:",omitempty"` // "ok", "stopped", "HTTP 429 rate limit"…
	Request    string `toml:",omitempty"` // the request body as sent (JSON, keys redacted)
	Response   string `toml:",omitempty"` // what came back (JSON)
}

// ToolCall is one tool the model asked to run.
type ToolCall struct {
	Time       time.Time
	Tool       string
	Args       string
	Result     string
	Decision   string `toml:",omitempty"` // "approved" or "denied"
	DurationMs int64  `toml:",omitempty"`
}

// Approval is a tool call waiting for the user's decision.
type Approval struct {
	Open   bool
	ID     string // the question's ID in the approval queue
	CallID string
	Tool   string
	Args   string // the JSON arguments: as the model sent them, then as the user edits them
}

// Chat is the state of talking to the model: the request under way, the
// last error, the approval asked for, the model list. The app's goroutines
// report into it between frames; it is session state (not saved).
type Chat struct {
	Busy       bool
	Phase      string // what is happening, for the composer
	Discussion int    // index of the discussion being answered
	EntryID    string // ID of the AI entry being streamed
	TokensIn   int
	TokensOut  int
	Error      string    // the last failure, saying what to do
	RetryAt    time.Time // a rate limit's end: Retry is offered from then
	CanRetry   bool      // the last request failed in a way retrying may fix
	Approval   Approval
	Models     []string // fetched from the provider
	ConnBusy   bool     // a model list or connection test is under way
	ConnStatus string   // its result
	// Follow asks the Discussion Hub to scroll to the end: set when the
	// answer grows or entries are added; the view clears it at the end.
	Follow bool
}

// Equal reports whether c and d hold the same chat state. It is compared
// once a frame, so it allocates nothing (reflect.DeepEqual would, for the
// model list); TestChatEqual fails when a field is added and not compared.
func (c Chat) Equal(d Chat) bool {
	return c.Busy == d.Busy && c.Phase == d.Phase && c.Discussion == d.Discussion && c.EntryID == d.EntryID &&
		c.TokensIn == d.TokensIn && c.TokensOut == d.TokensOut && c.Error == d.Error &&
		c.RetryAt == d.RetryAt && c.CanRetry == d.CanRetry && c.Approval == d.Approval &&
		slices.Equal(c.Models, d.Models) && c.ConnBusy == d.ConnBusy && c.ConnStatus == d.ConnStatus &&
		c.Follow == d.Follow
}

// Forms holds what the user has half typed into the views' inputs.
type Forms struct {
	NewFilePattern    string
	NewScreenshot     string
	NewDiscussionName string
	RenameTo          string
	Renaming          bool
	NewTrackName      string
	NewTicketID       string
	NewTicketTitle    string
	NewTicketDeps     string
	DepsTicket        string // ticket whose dependencies are being edited
	DepsText          string
	MMAMessage        string // the last refusal or confirmation in the MMA Dashboard
	OpenPath          string
	SaveAsPath        string
	OpsTab            int32
	DialogError       string // why the last Open / Save As failed, shown in its dialog
	CommsShown        int32  // 1 + index of the comms entry whose payload is shown; 0 none
	ToolShown         int32  // 1 + index of the tool call whose result is expanded; 0 none
	RollbackError     string // why the last Roll back in the Hot Reload panel failed
	TrimPreview       bool   // Send over budget: the trimming preview is shown
	// The MMA Dashboard's engine forms: the goal to plan, the proposal
	// being edited (1 + its index; 0 none) with its title and brief, the
	// ticket whose stream is shown ("track/ticket"), and the question
	// whose arguments are being edited with their text.
	MMAGoal     string
	MMAEditing  int32
	MMATitle    string
	MMABrief    string
	MMASelected string
	MMAAskID    string
	MMAAskArgs  string
	// MMAPane is what the dashboard's right side shows: "" the active
	// track, "plan" the goal and tier 1's proposals, "tokens" the token
	// table. MMAFiles are the edited proposal's files (comma list);
	// MMAModel the selected ticket's model override being typed;
	// MMAMsgEdit the transcript message being edited (1 + its index; 0
	// none) with its text in MMAMsgText; MMAPick a track ID to make
	// active once it is in the tracks (just accepted).
	MMAPane    string
	MMAFiles   string
	MMAModel   string
	MMAMsgEdit int32
	MMAMsgText string
	MMAPick    string
	// MMATkTrack and MMATkEdit name the proposed ticket being edited (a
	// track ID and 1 + its index in the track's proposed tickets; 0
	// none), with its fields as typed: ID, title, description, targets
	// and dependencies (comma lists).
	MMATkTrack   string
	MMATkEdit    int32
	MMATkID      string
	MMATkTitle   string
	MMATkDesc    string
	MMATkTargets string
	MMATkDeps    string
	// The Discussion Hub's takes and roles: the entry whose actions row
	// (insert, branch) is open, by ID; the shown take being renamed (and
	// its new name) or asked to confirm its deletion; the last refusal;
	// whether the roles row is open, the role being typed, and why the
	// last role could not be added or removed.
	EntryMenu    string
	TakeRenaming bool
	TakeRenameTo string
	TakeDeleting bool
	TakeMessage  string
	RolesOpen    bool
	NewRole      string
	RoleMessage  string
	// OpenLink is the link in an answer the user clicked, waiting for
	// their confirmation before it is opened; LinkError why the last
	// one could not be opened.
	OpenLink  string
	LinkError string
}

// Dialogs says which dialogs are open.
type Dialogs struct {
	About, Shortcuts, Open, SaveAs bool
}

// UI is every piece of state the views read and write. app.App embeds it,
// so each field is an App field and can be named as a hot-reload state key.
type UI struct {
	Project          Project
	AI               AISettings
	Discussions      []Discussion
	ActiveDiscussion int
	ComposerRole     int32 // index into Project.RoleNames()
	ComposerText     string
	DiscussionSplit  float32 // height of the history pane, in pixels
	Tracks           []Track
	ActiveTrack      int32
	StepMode         bool
	Comms            []CommsEntry
	ToolLog          []ToolCall
	Chat             Chat
	ShowWindows      map[string]bool
	Theme            string
	// ApproveAgentReloads: a reload or rollback asked over the control
	// socket (slopgui ctl, slopgui mcp) waits for the user to approve it.
	ApproveAgentReloads bool
	// ReloadErrorDetails: the failed reload's full message is shown, not
	// only its one-line summary.
	ReloadErrorDetails bool
	// Prices are the user's model prices (config.toml's [Prices."model"]
	// tables), over the defaults persist ships; nil when the user set none.
	Prices  map[string]Price
	Forms   Forms
	Dialogs Dialogs
}

// Price is a model's price in US dollars per million tokens: In for the
// prompt's tokens, Out for the answer's.
type Price struct {
	In, Out float64
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
	if names := u.Project.RoleNames(); int(u.ComposerRole) >= 0 && int(u.ComposerRole) < len(names) {
		role = Role(names[u.ComposerRole])
	}
	u.ActiveDisc().Add(role, u.ComposerText, at)
	u.ComposerText = ""
	return true
}

// AddFilePattern adds Forms.NewFilePattern to the project's files and
// clears it. A blank or duplicate pattern adds nothing and returns false.
func (u *UI) AddFilePattern() bool {
	if !addUnique(&u.Project.Files, u.Forms.NewFilePattern) {
		return false
	}
	u.Forms.NewFilePattern = ""
	return true
}

// AddScreenshot adds Forms.NewScreenshot to the project's screenshots.
func (u *UI) AddScreenshot() bool {
	if !addUnique(&u.Project.Screenshots, u.Forms.NewScreenshot) {
		return false
	}
	u.Forms.NewScreenshot = ""
	return true
}

func addUnique(list *[]string, s string) bool {
	if isBlank(s) {
		return false
	}
	for _, f := range *list {
		if f == s {
			return false
		}
	}
	*list = append(*list, s)
	return true
}

// RemoveAt removes element i of list.
func RemoveAt[T any](list []T, i int) []T {
	if i < 0 || i >= len(list) {
		return list
	}
	return append(list[:i:i], list[i+1:]...)
}

// ActiveTrk returns the active track, or nil when there is none.
func (u *UI) ActiveTrk() *Track {
	if u.ActiveTrack < 0 || int(u.ActiveTrack) >= len(u.Tracks) {
		return nil
	}
	return &u.Tracks[u.ActiveTrack]
}

func isBlank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}

// Fresh returns the state of a new, empty project.
func Fresh(name string) UI {
	return UI{
		Project:         Project{Name: name, Root: "."},
		AI:              DefaultAI(),
		Discussions:     []Discussion{{Name: "main"}},
		DiscussionSplit: 300,
		ShowWindows:     defaultWindows(),
		Theme:           "Default",
	}
}

// defaultWindows shows every window but the Hot Reload panel, which
// would cover the others in the default layout.
func defaultWindows() map[string]bool {
	m := AllWindows(true)
	m[WindowHotReload] = false
	return m
}

// AllWindows returns ShowWindows with every window set to show.
func AllWindows(show bool) map[string]bool {
	m := make(map[string]bool, len(Windows))
	for _, w := range Windows {
		m[w] = show
	}
	return m
}

// Sample returns the state a first start shows: a small project, one
// discussion and one track, so every view has something to show.
func Sample(now time.Time) UI {
	u := Fresh("slopgui")
	u.Project.Files = []string{"views/*.go", "app/*.go"}
	u.AI = AISettings{Provider: "anthropic", Model: "claude-sonnet-4-5", Temperature: 0.7, MaxTokens: 4096,
		SystemPrompt: "You are a careful Go reviewer.", CommsLimit: DefaultCommsLimit, CommandTimeout: DefaultCommandTimeout}
	u.Discussions = []Discussion{{
		Name: "main",
		Entries: []Entry{
			{Role: RoleSystem, Text: "You are a careful Go reviewer.", Time: now},
			{Role: RoleUser, Text: "Summarise the reload path.", Time: now},
		},
	}}
	u.Tracks = []Track{{
		Name: "hot reload",
		Tickets: []Ticket{
			{ID: "T1", Title: "Link giu into a plugin", Status: StatusDone},
			{ID: "T2", Title: "Swap generations between frames", Status: StatusInProgress, DependsOn: []string{"T1"}},
			{ID: "T3", Title: "Red tint on failure", Status: StatusTodo, DependsOn: []string{"T2"}},
		},
	}}
	return u
}
