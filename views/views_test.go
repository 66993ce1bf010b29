package views_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/budget"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/markdown"
	"github.com/slopgui/slopgui/mdoc"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views"
	"github.com/slopgui/slopgui/views/ai"
	"github.com/slopgui/slopgui/views/discussion"
	"github.com/slopgui/slopgui/views/hotreload"
	"github.com/slopgui/slopgui/views/mma"
	"github.com/slopgui/slopgui/views/operations"
	"github.com/slopgui/slopgui/views/project"
)

// host is a fake contract.Host that records what views ask of it.
type host struct {
	contract.Host // nil: a method not implemented below panics
	reloads       int
	saves         int
	opened        []string
	savedAs       []string
	dismissed     int
	openErr       error
	sends, stops  int
	approvals     []bool
	undos         int    // Undo: -1, Redo: +1
	undoLabel     string // what UndoLabels says Undo does
}

func (h *host) ReloadAll()                      { h.reloads++ }
func (h *host) NewProject()                     {}
func (h *host) SaveProject() error              { h.saves++; return nil }
func (h *host) SaveProjectAs(path string) error { h.savedAs = append(h.savedAs, path); return nil }
func (h *host) RecentProjects() []string {
	return []string{"/home/me/slop/project.toml", "/home/me/other/project.toml"}
}
func (h *host) DismissProblem() { h.dismissed++ }
func (h *host) Quit()           {}
func (h *host) OpenProject(path string) error {
	h.opened = append(h.opened, path)
	return h.openErr
}

// FileMatches: "*.go" patterns match 12 files, "none/*" nothing, "[" is
// malformed, "slow/*" is still being counted.
func (h *host) FileMatches(pattern string) (int, error) {
	switch {
	case strings.HasPrefix(pattern, "["):
		return 0, errors.New(pattern + ": malformed pattern")
	case strings.HasPrefix(pattern, "slow/"):
		return 0, contract.ErrCounting
	case strings.HasPrefix(pattern, "none/"):
		return 0, nil
	}
	return 12, nil
}

// PathExists: everything exists except paths containing "missing".
func (h *host) PathExists(path string) bool { return !strings.Contains(path, "missing") }

func (h *host) Send()                { h.sends++ }
func (h *host) RetrySend()           { h.sends++ }
func (h *host) SendTrimmed(int)      { h.sends++ }
func (h *host) StopSend()            { h.stops++ }
func (h *host) ApproveTool(yes bool) { h.approvals = append(h.approvals, yes) }
func (h *host) FetchModels()         {}
func (h *host) GitStamp() state.Stamp {
	return state.Stamp{Commit: "0123456789abcdef0123456789abcdef01234567", Branch: "main", At: now}
}
func (h *host) TestConnection() {}
func (h *host) Doc(text string) *mdoc.Doc {
	d := markdown.Parse(text)
	return &d
}
func (h *host) OpenURL(url string) error { h.opened = append(h.opened, "url:"+url); return h.openErr }
func (h *host) Undo()                    { h.undos-- }
func (h *host) Redo()                    { h.undos++ }
func (h *host) UndoLabels() (string, string) {
	return h.undoLabel, ""
}
func (h *host) AIContext() contract.AIContext {
	b := budget.Breakdown{Window: 128_000, Entries: []int{90_000, 60_000, 500}, Estimate: true}
	b.Parts[budget.System], b.Parts[budget.Files], b.Parts[budget.History], b.Parts[budget.Tools] = 300, 12_000, 150_500, 900
	return contract.AIContext{Files: 3, Bytes: 12_000, Tokens: b.Total(), Limit: b.Window, Budget: b,
		CountError: "counting tokens: HTTP 500", Unreadable: []string{"gone.go: no such file"}, KeyProblem: "no API key: set ANTHROPIC_API_KEY"}
}

var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// frameWith returns a frame over ui with every window shown.
func frameWith(ui state.UI) *contract.Frame {
	ui.ShowWindows = state.AllWindows(true)
	return &contract.Frame{UI: &ui, Host: &host{}, Now: now, Top: 60,
		Project: contract.ProjectInfo{Path: "/home/me/slop/project.toml", SavedAt: now.Add(-time.Minute)},
		Reload:  contract.ReloadInfo{Generation: 1},
		Diag:    contract.Diagnostics{FPS: 60, FrameMs: []float64{16, 17, 15, 16.5}, HeapMB: 12, RSSMB: 80, Goroutines: 9},
	}
}

func newFrame() *contract.Frame { return frameWith(state.Sample(now)) }

// emptyFrame is a new project: no tracks, one empty discussion.
func emptyFrame() *contract.Frame {
	f := frameWith(state.Fresh("empty"))
	f.Project = contract.ProjectInfo{}
	f.Diag = contract.Diagnostics{}
	f.Reload = contract.ReloadInfo{}
	return f
}

// troubledFrame has everything that can go wrong, and every dialog open.
func troubledFrame() *contract.Frame {
	f := newFrame()
	u := f.UI
	u.Project.Root = "missing-root"
	u.Project.OutputDir = "missing-out"
	u.Project.Files = []string{"src/**/*.go", "none/*.txt", "[bad", "slow/**"}
	u.Project.Screenshots = []string{"shots/a.png", "shots/missing.png"}
	u.Forms.MMAMessage = "refused: dependency cycle T1 -> T3 -> T2 -> T1"
	u.Forms.DepsTicket, u.Forms.DepsText = "T1", "T3"
	u.Forms.Renaming, u.Forms.RenameTo = true, ""
	u.Forms.OpenPath = "/nowhere/missing.toml"
	u.Dialogs = state.Dialogs{About: true, Shortcuts: true, Open: true, SaveAs: true}
	u.Tracks[0].Tickets[2].Status = state.StatusFailed
	u.Tracks = append(u.Tracks, state.Track{Name: "cyclic", Tickets: []state.Ticket{
		{ID: "A", DependsOn: []string{"B"}}, {ID: "B", DependsOn: []string{"A"}, Status: state.StatusBlocked},
	}})
	u.Comms = []state.CommsEntry{{Time: now, Direction: "sent", Kind: "request", Text: "hello\nworld"},
		{Time: now, Direction: "exchange", Kind: "chat", Provider: "anthropic", Model: "claude-sonnet-4-5", TokensIn: 1200,
			TokensOut: 80, LatencyMs: 950, Status: "HTTP 429 rate limit", Request: `{"model": "claude-sonnet-4-5"}`, Response: `{"text": ""}`}}
	u.ToolLog = []state.ToolCall{{Time: now, Tool: "read_file", Args: "views/mma.go", Result: "ok"},
		{Time: now, Tool: "run_command", Args: `{"command":"go test"}`, Result: "line\nline", Decision: "denied", DurationMs: 3}}
	u.Forms.CommsShown, u.Forms.ToolShown = 2, 2
	u.Forms.TrimPreview = true // over budget (the host's AIContext): the trimming preview
	u.Comms[1].CacheRead, u.Comms[1].CacheWrite = 3400, 1200
	d := &u.Discussions[0]
	d.Add(state.RoleAI, "half an answ", now)
	d.Entries[len(d.Entries)-1].Status = state.EntryFailed
	d.Add(state.RoleAI, "streaming", now)
	d.Entries[len(d.Entries)-1].Status = state.EntryStreaming
	u.Chat = state.Chat{Error: "anthropic: rate limited (HTTP 429): retry after 7 s", CanRetry: true, RetryAt: now.Add(7 * time.Second),
		Approval: state.Approval{Open: true, CallID: "c1", Tool: "run_command", Args: `{"command":"rm -rf /"}`},
		Models:   []string{"claude-sonnet-4-5", "claude-opus-4-1"}, ConnStatus: "Failed: anthropic: the API key was refused (HTTP 401)"}
	u.Forms.OpsTab = 2
	f.Project.Problem = "The project file was corrupt; it was moved to project.toml.corrupt-1 and a new project was started."
	f.Project.Dirty = true
	f.Project.SaveError = "open /read-only/project.toml: permission denied"
	f.Reload = contract.ReloadInfo{Generation: 3, Busy: true, Phase: "build", Elapsed: 1500 * time.Millisecond,
		Error: "views/mma.go:12:3: undefined: foo\nviews/mma.go:13:1: syntax error", Reason: "build",
		Reloads: 3, Successes: 2, Failures: 1, ViewPanics: 1,
		History: []contract.ReloadRecord{
			{When: now.Add(-time.Minute), Generation: 2, OK: true, Build: 1500 * time.Millisecond, Load: 20 * time.Millisecond, Swap: 70 * time.Microsecond},
			{When: now, Generation: 2, OK: false, Reason: "build", Error: "views/mma.go:12:3: undefined: foo\nmore\nand more", Build: 900 * time.Millisecond},
		}}
	return f
}

func TestAPIVersionMatchesContract(t *testing.T) {
	if views.APIVersion != contract.APIVersion {
		t.Fatalf("views.APIVersion = %d, contract.APIVersion = %d", views.APIVersion, contract.APIVersion)
	}
}

// views.Targets holds exactly contract.Targets (the one list of views).
func TestTargetsMatchContract(t *testing.T) {
	for _, name := range contract.Targets {
		if target, ok := views.Targets[name]; !ok || target == nil {
			t.Errorf("target %s is missing from views.Targets", name)
		}
	}
	for name := range views.Targets {
		if !slices.Contains(contract.Targets, name) {
			t.Errorf("views.Targets has %s, which is not in contract.Targets", name)
		}
	}
}

// Every target renders frames in an ImGui context with no window, in
// every kind of state, draws something and does not panic.
func TestEveryTargetRendersHeadless(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	states := []struct {
		name  string
		frame func() *contract.Frame
	}{
		{"sample", newFrame},
		{"empty", emptyFrame},
		{"troubled", troubledFrame},
	}
	for _, st := range states {
		for _, name := range contract.Targets {
			t.Run(st.name+"/"+name, func(t *testing.T) {
				view := views.Targets[name]
				f := st.frame()
				if err := hc.Frames(3, func() { view(f) }); err != nil {
					t.Fatal(err)
				}
				if hc.DrawnVertices() == 0 {
					t.Fatalf("%s drew nothing", name)
				}
			})
		}
	}
}

// All targets together, as the host draws them, in every state: every
// window the state shows (and every dialog it has open) is on screen,
// drawn this frame, neither hidden nor collapsed; none that it hides is.
func TestAllTargetsTogether(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	dialogs := func(d state.Dialogs) map[string]bool {
		return map[string]bool{"Open project": d.Open, "Save project as": d.SaveAs,
			"About slopgui": d.About, "Keyboard shortcuts": d.Shortcuts}
	}
	for _, tc := range []struct {
		name string
		mk   func() *contract.Frame
	}{{"sample", newFrame}, {"empty", emptyFrame}, {"troubled", troubledFrame}} {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.mk()
			want := map[string]bool{}
			for _, w := range state.Windows {
				want[w] = f.UI.ShowWindows[w]
			}
			for w, open := range dialogs(f.UI.Dialogs) {
				want[w] = open
			}
			shown := 0
			for _, open := range want {
				if open {
					shown++
				}
			}
			if shown < 5 {
				t.Fatalf("the %s frame shows only %d windows: the test would check little", tc.name, shown)
			}
			n := 0
			var problems []string
			err := hc.Frames(3, func() {
				for _, name := range contract.Targets {
					views.Targets[name](f)
				}
				if n++; n < 3 {
					return
				}
				for name, open := range want {
					w := imgui.InternalFindWindowByName(name) // CData nil: no such window
					onScreen := w != nil && w.CData != nil && w.Active() && !w.Hidden() && !w.Collapsed()
					if onScreen != open {
						problems = append(problems, fmt.Sprintf("%q: on screen %v, want %v", name, onScreen, open))
					}
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(problems)
			for _, p := range problems {
				t.Error(p)
			}
			if hc.DrawnVertices() == 0 {
				t.Fatal("nothing drawn")
			}
		})
	}
}

// A closed window draws nothing and stays closed.
func TestClosedWindowsDrawNothing(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	tests := []struct {
		window string
		view   func(*contract.Frame)
	}{
		{state.WindowDiscussion, discussion.DiscussionHub},
		{state.WindowProject, project.ProjectSettings},
		{state.WindowMMA, mma.MMADashboard},
		{state.WindowAI, ai.AISettings},
		{state.WindowOps, operations.Operations},
		{state.WindowHotReload, hotreload.HotReloadPanel},
	}
	for _, tc := range tests {
		t.Run(tc.window, func(t *testing.T) {
			f := newFrame()
			f.UI.ShowWindows[tc.window] = false
			if err := hc.Frames(2, func() { tc.view(f) }); err != nil {
				t.Fatal(err)
			}
			if n := hc.DrawnVertices(); n != 0 {
				t.Fatalf("closed %s drew %d vertices", tc.window, n)
			}
			if f.UI.ShowWindows[tc.window] {
				t.Fatal("window reopened itself")
			}
		})
	}
}

// Max tokens is kept within 1..1,000,000.
func TestMaxTokensClamped(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	for _, tc := range []struct{ in, want int32 }{{0, 1}, {-5, 1}, {2_000_000, 1_000_000}, {4096, 4096}} {
		f := newFrame()
		f.UI.AI.MaxTokens = tc.in
		if err := hc.Frame(func() { ai.AISettings(f) }); err != nil {
			t.Fatal(err)
		}
		if f.UI.AI.MaxTokens != tc.want {
			t.Errorf("MaxTokens %d became %d, want %d", tc.in, f.UI.AI.MaxTokens, tc.want)
		}
	}
}

// Clicking Reload views in the Hot Reload panel asks the host to reload.
func TestReloadButtonClick(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	f := newFrame()
	h := f.Host.(*host)
	draw := func() { hotreload.HotReloadPanel(f) }
	if err := hc.Frames(2, draw); err != nil {
		t.Fatal(err)
	}
	// The button is the window's first item: window at (330, Top+100),
	// a 19 px title bar and 8 px padding.
	if err := hc.Click(360, f.Top+100+19+8+9, draw); err != nil {
		t.Fatal(err)
	}
	if h.reloads != 1 {
		t.Fatalf("ReloadAll called %d times, want 1", h.reloads)
	}
}

// No target misuses ImGui (unbalanced Begin/End, bad IDs…) in any state:
// ImGui's own checks are turned into test failures.
func TestNoImGuiErrors(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	var failures []string
	imgui.SetAssertHandler(func(expr, file string, line int) {
		failures = append(failures, fmt.Sprintf("%s:%d: %s", file, line, expr))
	})
	defer imgui.SetAssertHandler(func(expr, file string, line int) {
		panic(imgui.AssertionError{Expression: expr, File: file, Line: line})
	})
	hc.IO().SetConfigErrorRecoveryEnableAssert(true)
	defer hc.IO().SetConfigErrorRecoveryEnableAssert(false)
	for _, mk := range []func() *contract.Frame{newFrame, emptyFrame, troubledFrame} {
		f := mk()
		err := hc.Frames(3, func() {
			for _, name := range contract.Targets {
				views.Targets[name](f)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(failures) > 0 {
		t.Fatalf("ImGui reported:\n%s", strings.Join(failures, "\n"))
	}
}

// Clicking Skip on a ticket marks that ticket done in the track itself
// (not in the copy Ordered returns). The button's exact place depends on
// the font and column widths, so the test sweeps the ticket's row, left
// to right, and stops at the first click that changes the ticket.
func TestMMASkipClick(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	f := newFrame()
	tr := &f.UI.Tracks[0]
	tr.Tickets = []state.Ticket{{ID: "T1", Title: "only ticket", Status: state.StatusTodo}}
	draw := func() { mma.MMADashboard(f) }
	if err := hc.Frames(2, draw); err != nil {
		t.Fatal(err)
	}
	// The window starts at Top+260; its ticket row is in the first ~120 px.
	for y := f.Top + 290; y < f.Top+400 && tr.Tickets[0].Status == state.StatusTodo; y += 4 {
		for x := float32(800); x < 1270 && tr.Tickets[0].Status == state.StatusTodo; x += 6 {
			if err := hc.Click(x, y, draw); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got := tr.Tickets[0].Status; got != state.StatusDone {
		t.Fatalf("no click marked T1 done; status %q, message %q", got, f.UI.Forms.MMAMessage)
	}
	if msg := f.UI.Forms.MMAMessage; !strings.Contains(msg, "T1 marked done") {
		t.Errorf("message %q does not confirm the skip", msg)
	}
}

// The approval dialog's Approve and Deny buttons answer the host. The
// buttons' exact places depend on the font: the test sweeps the dialog's
// lower half and takes the first click that registers.
func TestApprovalDialogButtons(t *testing.T) {
	for _, tc := range []struct {
		name string
		x0   float32 // where to start sweeping
		want bool
	}{{"approve", 350, true}, {"deny", 425, false}} {
		t.Run(tc.name, func(t *testing.T) {
			hc := headless.New(t, 1280, 800)
			f := newFrame()
			f.UI.ShowWindows = map[string]bool{}
			f.UI.Chat.Approval = state.Approval{Open: true, CallID: "c1", Tool: "read_file", Args: `{"path":"go.mod"}`}
			h := f.Host.(*host)
			draw := func() { discussion.DiscussionHub(f) }
			if err := hc.Frames(2, draw); err != nil {
				t.Fatal(err)
			}
			for y := float32(380); y < 540 && len(h.approvals) == 0; y += 4 {
				if err := hc.Click(tc.x0, y, draw); err != nil {
					t.Fatal(err)
				}
			}
			if len(h.approvals) != 1 || h.approvals[0] != tc.want {
				t.Fatalf("approvals %v, want [%v]", h.approvals, tc.want)
			}
		})
	}
}
