// Package contract is the small, stable agreement between the host (app/)
// and the reloadable views (views/): the API version, the signature of a
// view, and what a view is handed each frame.
//
// Both sides compile this package; a plugin can only be loaded when its copy
// is byte-identical to the host's, so changing anything here means restarting
// slopgui. Bump APIVersion whenever Frame or View change meaning, and set the
// views' own views.APIVersion to match.
package contract

import (
	"errors"
	"time"

	"github.com/slopgui/slopgui/budget"
	"github.com/slopgui/slopgui/mdoc"
	"github.com/slopgui/slopgui/state"
)

// APIVersion is the version of this contract the host was built with. A
// views generation whose APIVersion differs is refused before it is swapped in.
const APIVersion = 5

// View draws one part of the UI. It may read and write f.UI and nothing else
// that outlives the frame.
type View = func(f *Frame)

// Targets is the one list of views: every delegation target, in drawing
// order. Adding a view is a function in views/, its entry in views.Targets,
// and its name here (a restart, since this package is stable); the host
// draws exactly these, and TestTargetsMatchContract fails when views.Targets
// and this list disagree.
var Targets = []string{
	"MainMenu", // menu bar and the dialogs it opens
	"ProjectSettings",
	"DiscussionHub",
	"AISettings",
	"Operations",
	"MMADashboard",
	"HotReloadPanel",
}

// Frame is what the host hands every view, every frame.
type Frame struct {
	UI      *state.UI   // all UI state; owned by app.App
	Reload  ReloadInfo  // read-only facts about hot reloading
	Project ProjectInfo // read-only facts about the project file
	Diag    Diagnostics // read-only performance figures
	Host    Host        // actions the host performs for views
	Now     time.Time   // the frame's time, so views need no clock
	// Top is where windows may start: below the menu bar and toolbar.
	Top float32
	// MMA is the multi-model engine; nil while none runs.
	MMA MMA
}

// ReloadInfo describes the reloader for views that show it.
type ReloadInfo struct {
	Generation int
	Busy       bool
	Phase      string
	Elapsed    time.Duration // of the reload under way
	Error      string        // the last reload's error; empty after a success
	Reason     string
	Reloads    int
	Successes  int
	Failures   int
	ViewPanics int
	History    []ReloadRecord // oldest first
	// Loaded lists the generations still loaded (Host.Rollback can make
	// any of them current again), oldest first.
	Loaded []int
	// Actions are what agents did to the UI over the control socket
	// (click, type, key, select-tab, set), oldest first.
	Actions []ActionRecord
}

// ActionRecord is one action an agent took on the UI, or tried to.
type ActionRecord struct {
	When   time.Time
	Client string // the process that asked, as the control socket names it
	PID    int
	Action string // "click button \"Add\" (0x…) in \"Discussion Hub\""
	Result string // "ok", or why not ("denied by the user: …")
}

// ReloadRecord is one finished reload.
type ReloadRecord struct {
	When       time.Time
	Generation int
	OK         bool
	Reason     string
	Error      string
	Build      time.Duration
	Load       time.Duration
	Swap       time.Duration
	Rollback   bool // an older generation made current again; nothing built
}

// ProjectInfo is the state of the project file.
type ProjectInfo struct {
	Path      string
	Dirty     bool      // changes not yet written
	SavedAt   time.Time // last successful write
	SaveError string    // the last write's error, if it failed
	// Problem is a message the user must see, e.g. that the project file
	// was corrupt and was moved aside; DismissProblem clears it.
	Problem string
	// Opening names what an Open or New under way switches to (the file's
	// name, or "a new project"); "" when none. It runs in the background.
	Opening string
	// SavingAs is the path a Save As under way writes; "" when none.
	SavingAs string
}

// Diagnostics are performance figures for the Diagnostics tab.
type Diagnostics struct {
	FPS        float32
	FrameMs    []float64 // recent frame times, oldest first
	HeapMB     float64   // Go heap in use
	RSSMB      float64   // resident memory of the process
	Goroutines int
}

// ErrCounting is what Host.FileMatches returns while a count is still
// under way (not a failure).
var ErrCounting = errors.New("counting…")

// Host is what views may ask the host to do.
type Host interface {
	// ReloadAll rebuilds and swaps every hot module, as Ctrl+Alt+R does.
	ReloadAll()
	// Rollback makes generation n (one of ReloadInfo.Loaded) current
	// again at the next frame; nothing is built.
	Rollback(n int) error
	// NewProject starts a new, empty project (the current one is saved),
	// in the background like OpenProject.
	NewProject()
	// OpenProject saves the current project and opens the one at path, in
	// the background (ProjectInfo.Opening meanwhile). The error is for a
	// request refused up front; a failure later is put in
	// Forms.DialogError with the Open dialog open. Success replaces the
	// state (the dialog closes).
	OpenProject(path string) error
	// SaveProject writes the project to its file now.
	SaveProject() error
	// SaveProjectAs writes the project to path in the background
	// (ProjectInfo.SavingAs meanwhile) and then makes that its file and
	// closes the Save As dialog; a failure later is put in
	// Forms.DialogError. The error is for a request refused up front.
	SaveProjectAs(path string) error
	// RecentProjects lists project files the user has used, newest first.
	RecentProjects() []string
	// DismissProblem clears ProjectInfo.Problem.
	DismissProblem()
	// Quit saves and closes slopgui.
	Quit()
	// FileMatches counts the files a project file entry (path or glob)
	// matches under the project root. Results are cached by the host.
	FileMatches(pattern string) (int, error)
	// PathExists reports whether a path (relative to the project root
	// unless absolute) exists. Results are cached by the host.
	PathExists(path string) bool
	// GitStamp reads the commit the project's root (a git checkout) is at
	// now, or says why there is none; it reads a few small files of .git.
	GitStamp() state.Stamp

	// Talking to the model (UI.Chat holds what happens).
	//
	// Send adds the composer's text as a User entry and streams the
	// model's answer into a new AI entry; it returns at once.
	Send()
	// SendTrimmed is Send with the discussion's drop oldest entries left
	// out of the request (not deleted): over budget, the user's choice
	// (AIContext.Budget.Trim).
	SendTrimmed(drop int)
	// RetrySend sends the discussion again as it is (after a failure).
	RetrySend()
	// StopSend cancels the answer under way; its partial text is kept.
	StopSend()
	// ApproveTool answers the tool call waiting in UI.Chat.Approval.
	ApproveTool(approve bool)
	// AIContext describes what Send would send; it is counted off the
	// render thread (Counting while it is).
	AIContext() AIContext
	// FetchModels asks the provider for its models (into UI.Chat.Models).
	FetchModels()
	// TestConnection checks provider, key and base URL (UI.Chat.ConnStatus).
	TestConnection()

	// Doc is text parsed as markdown (an AI entry's), parsed once per
	// text and cached; nil for a text too long to render (show it raw).
	Doc(text string) *mdoc.Doc
	// OpenURL opens a link in the browser (xdg-open, in the background);
	// the error says why not (not a web address, no xdg-open).
	OpenURL(url string) error
	// Undo takes back the user's last edit to the discussions or the
	// project's file list, before the next frame; Redo makes the last
	// undone one again. The model's writes are not undone.
	Undo()
	Redo()
	// UndoLabels say what Undo and Redo would do ("delete entry"); ""
	// when there is nothing to undo or redo.
	UndoLabels() (undo, redo string)
}

// AIContext is what a Send would carry, for the composer and AI Settings.
type AIContext struct {
	Counting    bool     // the first count is still under way
	Files       int      // context files read
	Bytes       int64    // their size
	Screenshots int      // images attached
	Unreadable  []string // "path: why" for files that cannot be read
	Tokens      int      // tokens of the whole request (Budget.Total())
	Limit       int      // the model's context window, as far as known
	// Budget is the request's tokens by part against the window, entry
	// by entry for the history (the composer's text the last entry):
	// the provider's count where it has a count endpoint, else the
	// local tokenizer's (Budget.Estimate).
	Budget budget.Breakdown
	// CountError says why the provider's count failed (Budget is then
	// an estimate); "" when it did not.
	CountError string
	KeySource  string // where the API key comes from; "" when none
	KeyProblem string // why there is no usable key, saying what to do
	BaseURL    string // the base URL in force ("" = the provider's default)
}

// MMA is the multi-model engine (mma/) as the MMA Dashboard drives it;
// Frame.MMA is nil while no project's engine runs. Tracks and tickets are
// named by their IDs; the tracks themselves are in UI.Tracks.
type MMA interface {
	// MMAView is what the dashboard shows besides the tracks.
	MMAView() MMAView
	// Plan asks tier 1 for tracks toward goal.
	Plan(goal string)
	// AcceptTrack adds proposal i (as edited) as a track; RejectTrack drops it.
	AcceptTrack(i int, p MMAProposal) (string, error)
	RejectTrack(i int)
	// MakeTickets asks tier 2 for a track's tickets; AcceptTickets puts
	// the proposed ones (as last set by SetProposedTickets) in the track,
	// RejectTickets drops them.
	MakeTickets(track string) error
	AcceptTickets(track string) error
	// SetProposedTickets replaces a track's proposed tickets with the
	// user's edit of them (changed, deleted), checked by the rules a
	// tier-2 answer is checked by (unique IDs, known dependencies, no
	// cycle): a refusal changes nothing and says why.
	SetProposedTickets(track string, ps []MMATicketProposal) error
	RejectTickets(track string)
	// Run turns a track's auto-queue on; MMAPause, MMAResume and MMAStep
	// hold, release and step it.
	Run(track string) error
	MMAPause(track string) error
	MMAResume(track string) error
	MMAStep(track string, on bool) error
	// StopTicket, ResumeTicket and RetryTicket act on one ticket.
	StopTicket(track, ticket string) error
	ResumeTicket(track, ticket string) error
	RetryTicket(track, ticket string) error
	// SetTicket sets a ticket's own step mode and model ("" for the
	// tier-3 list's first).
	SetTicket(track, ticket string, step bool, model string) error
	// SetTranscript replaces the conversation of a ticket whose worker is
	// not running, or is held (MMAView.Held), with the user's edit of it;
	// Resume goes on from it.
	SetTranscript(track, ticket string, msgs []state.TicketMsg) error
	// Answer answers one of MMAView.Questions with its arguments as edited.
	Answer(id string, approve bool, args string) error
}

// MMAView is the engine's state that is not in the tracks.
type MMAView struct {
	Planning   bool   // tier 1 is answering
	PlanStream string // tier 1's answer as it streams
	PlanError  string // the last plan's failure
	Goal       string
	Proposals  []MMAProposal
	Tickets    map[string]MMATickets // by track ID: tier 2's answer
	Live       map[string]string     // "track/ticket" → the worker's streaming text
	// Held names ("track/ticket") the workers held before a model turn
	// (their track paused, or the turn waiting for approval in step
	// mode): their conversations may be edited, used when they go on.
	Held      map[string]bool
	Usage     []MMAUsage
	Questions []MMAQuestion // the engine's questions waiting, oldest first
	Workers   int           // running
	Limit     int           // at most
}

// MMAProposal is a track tier 1 proposes.
type MMAProposal struct {
	Title, Brief string
	Files        []string
}

// MMATickets is tier 2's answer for one track.
type MMATickets struct {
	Busy     bool
	Stream   string // tier 2's answer as it streams
	Err      string
	Proposed []MMATicketProposal
}

// MMATicketProposal is one proposed ticket.
type MMATicketProposal struct {
	ID, Title, Description string
	Targets, DependsOn     []string
}

// MMAUsage is the tokens of one tier and model.
type MMAUsage struct {
	Tier  int    `json:"tier"`
	Model string `json:"model"`
	In    int    `json:"in"`
	Out   int    `json:"out"`
	// Cost is the estimated cost in dollars, when Priced (the model's
	// price is known).
	Cost   float64 `json:"cost"`
	Priced bool    `json:"priced"`
}

// MMAQuestion is one of the engine's questions in the approval queue.
type MMAQuestion struct {
	ID, Kind, Title, Detail, Args string
	Track, Ticket                 string
}
