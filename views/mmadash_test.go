package views_test

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/gui/giubackend"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/mma"
)

// fakeMMA is a contract.MMA that shows view and records what the
// dashboard asks of it.
type fakeMMA struct {
	view        contract.MMAView
	calls       []string
	accepted    []contract.MMAProposal
	answers     []string // "id yes|no args"
	transcripts [][]state.TicketMsg
	setTickets  [][]contract.MMATicketProposal
	refuse      error // SetProposedTickets's answer while set
}

func (m *fakeMMA) log(format string, a ...any) { m.calls = append(m.calls, fmt.Sprintf(format, a...)) }

func (m *fakeMMA) MMAView() contract.MMAView { return m.view }
func (m *fakeMMA) Plan(goal string)          { m.log("Plan %s", goal); m.view.Planning = true }
func (m *fakeMMA) AcceptTrack(i int, p contract.MMAProposal) (string, error) {
	m.log("AcceptTrack %d", i)
	m.accepted = append(m.accepted, p)
	m.view.Proposals = slices.Delete(slices.Clone(m.view.Proposals), i, i+1)
	return "track1", nil
}
func (m *fakeMMA) RejectTrack(i int)                { m.log("RejectTrack %d", i) }
func (m *fakeMMA) MakeTickets(track string) error   { m.log("MakeTickets %s", track); return nil }
func (m *fakeMMA) AcceptTickets(track string) error { m.log("AcceptTickets %s", track); return nil }
func (m *fakeMMA) RejectTickets(track string)       { m.log("RejectTickets %s", track) }
func (m *fakeMMA) SetProposedTickets(track string, ps []contract.MMATicketProposal) error {
	m.log("SetProposedTickets %s", track)
	if m.refuse != nil {
		return m.refuse
	}
	m.setTickets = append(m.setTickets, ps)
	t := m.view.Tickets[track]
	t.Proposed = ps
	m.view.Tickets = maps.Clone(m.view.Tickets)
	m.view.Tickets[track] = t
	return nil
}
func (m *fakeMMA) Run(track string) error       { m.log("Run %s", track); return nil }
func (m *fakeMMA) MMAPause(track string) error  { m.log("Pause %s", track); return nil }
func (m *fakeMMA) MMAResume(track string) error { m.log("Resume %s", track); return nil }
func (m *fakeMMA) MMAStep(track string, on bool) error {
	m.log("Step %s %v", track, on)
	return nil
}
func (m *fakeMMA) StopTicket(track, ticket string) error {
	m.log("Stop %s/%s", track, ticket)
	return nil
}
func (m *fakeMMA) ResumeTicket(track, ticket string) error {
	m.log("ResumeTicket %s/%s", track, ticket)
	return nil
}
func (m *fakeMMA) RetryTicket(track, ticket string) error {
	m.log("Retry %s/%s", track, ticket)
	return nil
}
func (m *fakeMMA) SetTicket(track, ticket string, step bool, model string) error {
	m.log("SetTicket %s/%s %v %q", track, ticket, step, model)
	return nil
}
func (m *fakeMMA) SetTranscript(track, ticket string, msgs []state.TicketMsg) error {
	m.log("SetTranscript %s/%s", track, ticket)
	m.transcripts = append(m.transcripts, msgs)
	return nil
}
func (m *fakeMMA) Answer(id string, approve bool, args string) error {
	yes := "no"
	if approve {
		yes = "yes"
	}
	m.answers = append(m.answers, id+" "+yes+" "+args)
	m.view.Questions = slices.DeleteFunc(slices.Clone(m.view.Questions), func(q contract.MMAQuestion) bool { return q.ID == id })
	return nil
}

// dash draws the MMA Dashboard headless over a fake engine and records
// what each frame drew, so a test finds widgets as a user sees them.
type dash struct {
	t   *testing.T
	hc  *headless.Context
	rec *uitree.Recorder
	f   *contract.Frame
	m   *fakeMMA
	n   uint64
}

func newDash(t *testing.T, tracks []state.Track) *dash {
	hc := headless.New(t, 1280, 800)
	d := &dash{t: t, hc: hc, rec: giubackend.InstallRecording(), m: &fakeMMA{view: contract.MMAView{Limit: 2}}}
	d.f = frameWith(state.Fresh("demo"))
	d.f.UI.Tracks = tracks
	d.f.MMA = d.m
	return d
}

func (d *dash) draw() {
	d.n++
	d.rec.BeginFrame(d.n)
	mma.MMADashboard(d.f)
	d.rec.EndFrame()
}

// tree draws two frames and returns the widgets of the second.
func (d *dash) tree() uitree.Tree {
	d.t.Helper()
	if err := d.hc.Frame(d.draw); err != nil {
		d.t.Fatal(err)
	}
	d.rec.Want()
	if err := d.hc.Frame(d.draw); err != nil {
		d.t.Fatal(err)
	}
	return <-d.rec.Done()
}

// find is the one item query names (ID string or label) in what is drawn.
func (d *dash) find(query string, kinds ...uitree.Kind) uitree.Item {
	d.t.Helper()
	it, err := d.tree().Find(query, kinds...)
	if err != nil {
		d.t.Fatal(err)
	}
	return it
}

// click clicks the middle of the item query names.
func (d *dash) click(query string) {
	d.t.Helper()
	it := d.find(query, uitree.Button, uitree.Selectable, uitree.Checkbox, uitree.Input)
	if !it.Enabled {
		d.t.Fatalf("%q is disabled", query)
	}
	x, y := it.Rect.Center()
	if err := d.hc.Click(x, y, d.draw); err != nil {
		d.t.Fatal(err)
	}
}

// clickNth clicks the n-th (from 0) button labelled label: small buttons
// in table rows have no ID string of their own.
func (d *dash) clickNth(label string, n int) {
	d.t.Helper()
	var found []uitree.Item
	for _, it := range d.tree().Items() {
		if it.Kind == uitree.Button && it.Label == label {
			found = append(found, it)
		}
	}
	if n >= len(found) {
		d.t.Fatalf("%d buttons labelled %q, want at least %d", len(found), label, n+1)
	}
	x, y := found[n].Rect.Center()
	if err := d.hc.Click(x, y, d.draw); err != nil {
		d.t.Fatal(err)
	}
}

// typeText types s into the focused input.
func (d *dash) typeText(s string) {
	d.t.Helper()
	d.hc.IO().AddInputCharactersUTF8(s)
	if err := d.hc.Frames(2, d.draw); err != nil {
		d.t.Fatal(err)
	}
}

// texts is every text drawn, joined by newlines.
func (d *dash) texts() string {
	var b strings.Builder
	for _, it := range d.tree().Items() {
		b.WriteString(it.Text + it.Label + "\n")
	}
	return b.String()
}

func engineTrack() state.Track {
	return state.Track{ID: "track1", Name: "greeting", Goal: "greet", Tickets: []state.Ticket{
		{ID: "T1", Title: "write hello", Status: state.StatusDone, Summary: "wrote it"},
		{ID: "T2", Title: "test hello", Status: state.StatusBlocked, Reason: "go test fails: missing import", DependsOn: []string{"T1"}},
		{ID: "T3", Title: "document it", Status: state.StatusInProgress, DependsOn: []string{"T1"}},
	}}
}

// Plan: the goal typed and the Plan button clicked calls Plan(goal);
// while planning, "planning…" and tier 1's streaming text are shown.
func TestMMADashPlan(t *testing.T) {
	d := newDash(t, nil)
	d.f.UI.Forms.MMAPane = ""
	d.click("Plan")
	if d.f.UI.Forms.MMAPane != "plan" {
		t.Fatalf("the Plan entry did not show the plan pane (pane %q)", d.f.UI.Forms.MMAPane)
	}
	d.click("##mma-goal")
	d.typeText("add a greeting")
	d.click("Plan##mma-plan")
	if !slices.Equal(d.m.calls, []string{"Plan add a greeting"}) {
		t.Fatalf("calls %q, want Plan with the goal typed", d.m.calls)
	}
	d.m.view.Goal, d.m.view.PlanStream = "add a greeting", `{"tracks": [{"title": "greet"`
	txt := d.texts()
	for _, want := range []string{"planning…", `{"tracks": [{"title": "greet"`} {
		if !strings.Contains(txt, want) {
			t.Errorf("while planning the dashboard lacks %q:\n%s", want, txt)
		}
	}
	if it := d.find("Plan##mma-plan"); it.Enabled {
		t.Error("Plan is enabled while planning")
	}
	d.m.view.Planning, d.m.view.PlanError = false, "plan: no usable answer in 3 tries"
	if txt := d.texts(); !strings.Contains(txt, "The plan failed: plan: no usable answer in 3 tries") {
		t.Errorf("the plan's error is not shown:\n%s", txt)
	}
	d.click("Retry##plan-retry")
	if got := d.m.calls[len(d.m.calls)-1]; got != "Plan add a greeting" {
		t.Errorf("Retry called %q", got)
	}
}

// Accept of an edited proposal passes the edited title, brief and files;
// then the accepted track becomes the active one once it is in the tracks.
func TestMMADashAcceptEdited(t *testing.T) {
	d := newDash(t, nil)
	d.f.UI.Forms.MMAPane = "plan"
	d.m.view.Goal = "greet"
	d.m.view.Proposals = []contract.MMAProposal{
		{Title: "first", Brief: "do one", Files: []string{"a.go"}},
		{Title: "second", Brief: "do two", Files: []string{"b.go"}},
	}
	d.click("Edit##edit-1")
	if d.f.UI.Forms.MMAEditing != 2 || d.f.UI.Forms.MMATitle != "second" {
		t.Fatalf("Edit: editing %d, title %q", d.f.UI.Forms.MMAEditing, d.f.UI.Forms.MMATitle)
	}
	d.click("##edit-title-1")
	d.typeText(" EDITED")
	d.f.UI.Forms.MMAFiles = "b.go, my dir/c.go"
	d.click("Accept##accept-edited-1")
	if len(d.m.accepted) != 1 || d.m.calls[0] != "AcceptTrack 1" {
		t.Fatalf("calls %q", d.m.calls)
	}
	got := d.m.accepted[0]
	if got.Title != "second EDITED" || got.Brief != "do two" || !slices.Equal(got.Files, []string{"b.go", "my dir/c.go"}) {
		t.Fatalf("accepted %+v, want the edited proposal", got)
	}
	d.click("Accept##accept-0")
	if len(d.m.accepted) != 2 || d.m.accepted[1].Title != "first" {
		t.Fatalf("accepted %+v", d.m.accepted)
	}
	// The track arrives through the engine's events: it becomes active.
	d.f.UI.Tracks = append(d.f.UI.Tracks, state.Track{ID: "track1", Name: "first"})
	if txt := d.texts(); !strings.Contains(txt, "Make tickets") || d.f.UI.Forms.MMAPane != "" {
		t.Fatalf("after the last Accept the track is not shown (pane %q):\n%s", d.f.UI.Forms.MMAPane, txt)
	}
}

// An engine track: Make tickets, tier 2's proposals with Accept, Run, the
// step checkbox, the workers; a blocked ticket's reason is drawn in its
// row; Stop and Retry reach the engine.
func TestMMADashTrack(t *testing.T) {
	d := newDash(t, []state.Track{engineTrack()})
	d.m.view.Workers = 1
	txt := d.texts()
	for _, want := range []string{"1/2 workers", "go test fails: missing import", "in progress"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the track lacks %q:\n%s", want, txt)
		}
	}
	d.click("Make tickets##make-tickets-track1")
	d.click("Run##run-track1")
	d.click("Step")
	d.click("Stop")
	d.click("Retry")
	want := []string{"MakeTickets track1", "Run track1", "Step track1 true", "Stop track1/T3", "Retry track1/T2"}
	if !slices.Equal(d.m.calls, want) {
		t.Fatalf("calls %q, want %q", d.m.calls, want)
	}

	d.m.view.Tickets = map[string]contract.MMATickets{"track1": {Proposed: []contract.MMATicketProposal{
		{ID: "N1", Title: "new one", Description: "make it", Targets: []string{"x.go"}},
		{ID: "N2", Title: "new two", DependsOn: []string{"N1"}},
	}}}
	txt = d.texts()
	for _, want := range []string{"2 tickets proposed:", "N1", "make it", "x.go", "new two"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the proposed tickets lack %q:\n%s", want, txt)
		}
	}
	d.click("Accept tickets##tickets-accept-track1")
	if got := d.m.calls[len(d.m.calls)-1]; got != "AcceptTickets track1" {
		t.Errorf("Accept tickets called %q", got)
	}
}

// Approvals: the question's arguments are edited in their box (typed) and
// Approve sends them as edited; Abort answers no.
func TestMMADashApproval(t *testing.T) {
	d := newDash(t, []state.Track{engineTrack()})
	d.m.view.Questions = []contract.MMAQuestion{
		{ID: "q7", Kind: "edit", Title: "write_file hello.txt", Detail: "--- a/hello.txt\n+++ b/hello.txt\n@@ -0,0 +1 @@\n+hello\n",
			Args: `{"path":"hello.txt","content":"hello"}`, Track: "track1", Ticket: "T3"},
		{ID: "q8", Kind: "spawn", Title: "start ticket T2 on A", Args: `{"context":"the ticket","system":"be brief"}`, Track: "track1", Ticket: "T2"},
	}
	txt := d.texts()
	for _, want := range []string{"File change:", "write_file hello.txt", "+hello", "2 waiting:"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the approval window lacks %q:\n%s", want, txt)
		}
	}
	d.click("##ask-q7-content")
	d.typeText(" world")
	if d.f.UI.Forms.MMAAskArgs != `{"path":"hello.txt","content":"hello world"}` {
		t.Fatalf("edited args %q", d.f.UI.Forms.MMAAskArgs)
	}
	d.click("Approve##mma-approve")
	if !slices.Equal(d.m.answers, []string{`q7 yes {"path":"hello.txt","content":"hello world"}`}) {
		t.Fatalf("answers %q", d.m.answers)
	}
	// The spawn: its system prompt edited, approved as edited.
	txt = d.texts()
	if !strings.Contains(txt, "System prompt") || !strings.Contains(txt, "Start a worker:") {
		t.Fatalf("the spawn question is not shown:\n%s", txt)
	}
	d.click("##ask-q8-system")
	d.typeText(" and careful")
	d.click("Approve##mma-approve")
	if got := d.m.answers[1]; got != `q8 yes {"system":"be brief and careful","context":"the ticket"}` {
		t.Fatalf("the spawn was answered %q", got)
	}
	if txt := d.texts(); strings.Contains(txt, "Approve") {
		t.Fatal("the approval window stays with no question")
	}
}

// The ticket window: a blocked ticket's reason; the memory mutator of a
// stopped ticket sends the edited messages (one changed, one deleted).
func TestMMADashTranscriptEdit(t *testing.T) {
	tr := engineTrack()
	tr.Tickets[2].Status, tr.Tickets[2].Interrupted, tr.Tickets[2].Reason = state.StatusTodo, true, "stopped"
	tr.Tickets[2].Transcript = []state.TicketMsg{
		{Role: "user", Text: "Ticket T3: document it"},
		{Role: "assistant", Text: "I will write the doc", Calls: []state.TicketCall{{ID: "c1", Name: "read_file", Args: `{"path":"a.go"}`}}},
		{Role: "user", Results: []state.TicketResult{{CallID: "c1", Name: "read_file", Content: "package a"}}},
		{Role: "assistant", Text: "a wrong idea"},
	}
	d := newDash(t, []state.Track{tr})
	d.clickNth("View", 1)
	if txt := d.texts(); !strings.Contains(txt, "Reason: go test fails: missing import") {
		t.Fatalf("the blocked ticket's window lacks its reason:\n%s", txt)
	}
	d.clickNth("View", 2)
	txt := d.texts()
	for _, want := range []string{"Conversation: 4 messages", "I will write the doc", "→ read_file", "← read_file: package a", "Resume"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the ticket window lacks %q:\n%s", want, txt)
		}
	}
	d.click("Edit##msg-edit-0")
	if d.f.UI.Forms.MMAMsgText != "Ticket T3: document it" {
		t.Fatalf("editing %q", d.f.UI.Forms.MMAMsgText)
	}
	d.click("##msg-text")
	d.typeText(" (use British spelling)")
	d.click("Save##msg-save")
	d.click("Delete##msg-delete-3")
	if len(d.m.transcripts) != 2 {
		t.Fatalf("SetTranscript called %d times (%q), want 2", len(d.m.transcripts), d.m.calls)
	}
	if got := d.m.transcripts[0]; len(got) != 4 || got[0].Text != "Ticket T3: document it (use British spelling)" || got[1].Calls[0].ID != "c1" {
		t.Fatalf("the edit sent %+v", got)
	}
	if got := d.m.transcripts[1]; len(got) != 3 || got[2].Results[0].Content != "package a" {
		t.Fatalf("the delete sent %+v", got)
	}
	d.click("Resume##ticket-resume")
	if got := d.m.calls[len(d.m.calls)-1]; got != "ResumeTicket track1/T3" {
		t.Fatalf("Resume called %q", got)
	}
	// The ticket's own step mode and model.
	d.click("Step mode##ticket-step")
	d.click("##ticket-model")
	d.typeText("big-model")
	d.click("Set model##ticket-set-model")
	if got := d.m.calls[len(d.m.calls)-2:]; !slices.Equal(got, []string{`SetTicket track1/T3 true ""`, `SetTicket track1/T3 false "big-model"`}) {
		t.Fatalf("step and model: calls %q", got)
	}
}

// No ImGui misuse (unbalanced IDs, tables, children) in any of the
// dashboard's engine states: every pane, proposals being edited, tier 2
// busy, a question of each kind, a ticket window with its conversation
// being edited; ImGui's own checks become failures.
func TestMMADashNoImGuiErrors(t *testing.T) {
	tr := engineTrack()
	tr.ID = "track2"
	tr.Tickets[2].Status, tr.Tickets[2].Interrupted = state.StatusTodo, true
	tr.Tickets[2].Transcript = []state.TicketMsg{{Role: "user", Text: "go"}, {Role: "assistant", Calls: []state.TicketCall{{ID: "c", Name: "run_command", Args: "{}"}}}}
	d := newDash(t, []state.Track{engineTrack(), tr})
	var failures []string
	imgui.SetAssertHandler(func(expr, file string, line int) {
		failures = append(failures, fmt.Sprintf("%s:%d: %s", file, line, expr))
	})
	defer imgui.SetAssertHandler(func(expr, file string, line int) {
		panic(imgui.AssertionError{Expression: expr, File: file, Line: line})
	})
	d.hc.IO().SetConfigErrorRecoveryEnableAssert(true)
	defer d.hc.IO().SetConfigErrorRecoveryEnableAssert(false)
	d.m.view = contract.MMAView{Planning: false, Goal: "g", PlanError: "boom", Workers: 2, Limit: 2,
		Proposals: []contract.MMAProposal{{Title: "a"}, {Title: "b", Files: []string{"x"}}},
		Tickets: map[string]contract.MMATickets{"track1": {Busy: true, Stream: "{\"tick"},
			"track2": {Proposed: []contract.MMATicketProposal{{ID: "P1", Title: "p"}, {ID: "P2", DependsOn: []string{"P1"}}}}},
		Held:  map[string]bool{"track1/T3": true},
		Live:  map[string]string{"track1/T3": "streaming"},
		Usage: []contract.MMAUsage{{Tier: 1, Model: "m", In: 5, Out: 1, Cost: 0.5, Priced: true}, {Tier: 3, Model: "n", In: 9}},
		Questions: []contract.MMAQuestion{
			{ID: "q1", Kind: "spawn", Args: `{"system":"s","context":"c"}`},
			{ID: "q2", Kind: "turn", Detail: "the request"},
			{ID: "q3", Kind: "tool", Args: `{"command":"go test"}`},
			{ID: "q4", Kind: "edit", Detail: "-a\n+b", Args: `{"path":"p","content":"c"}`},
			{ID: "q5", Kind: "tool", Args: `[1, 2]`},
		}}
	fm := &d.f.UI.Forms
	for _, pane := range []string{"plan", "tokens", ""} {
		for _, q := range d.m.view.Questions {
			fm.MMAPane, fm.MMAAskID, fm.MMAAskArgs = pane, q.ID, q.Args
			fm.MMAEditing, fm.MMATitle = 2, "b"
			fm.MMATkTrack, fm.MMATkEdit, fm.MMATkID = "track2", 2, "P2"
			for _, sel := range []string{"track1/T3", "track1/T2", "track2/T3"} {
				fm.MMASelected, fm.MMAMsgEdit, fm.MMAMsgText = sel, 2, "{}"
				if err := d.hc.Frames(2, d.draw); err != nil {
					t.Fatal(err)
				}
			}
		}
		d.f.UI.ActiveTrack = 1 - d.f.UI.ActiveTrack
	}
	if len(failures) > 0 {
		t.Fatalf("ImGui reported:\n%s", strings.Join(failures, "\n"))
	}
}

// Tier 2's proposed tickets are edited before Accept: Edit fills a form
// with the ticket; a refused Save says why and keeps what was typed; a
// saved rename carries the dependents along; Delete drops a ticket and
// the dependencies on it; Accept with a form open saves it first, then
// accepts the edited list.
func TestMMADashEditTickets(t *testing.T) {
	d := newDash(t, []state.Track{engineTrack()})
	d.m.view.Tickets = map[string]contract.MMATickets{"track1": {Proposed: []contract.MMATicketProposal{
		{ID: "N1", Title: "new one", Description: "make it", Targets: []string{"x.go"}},
		{ID: "N2", Title: "new two", DependsOn: []string{"N1"}},
		{ID: "N3", Title: "new three", DependsOn: []string{"N1", "N2"}},
	}}}
	fm := &d.f.UI.Forms
	d.click("Edit##tk-edit-track1-0")
	if fm.MMATkTrack != "track1" || fm.MMATkEdit != 1 || fm.MMATkID != "N1" || fm.MMATkTitle != "new one" || fm.MMATkTargets != "x.go" {
		t.Fatalf("Edit filled the form with %+v", fm)
	}
	d.click("##tk-id-track1")
	d.typeText("0")
	d.click("##tk-title-track1")
	d.typeText(" EDITED")

	d.m.refuse = errors.New("the edited tickets: ticket N10 already exists")
	d.click("Save##tk-save-track1")
	if txt := d.texts(); !strings.Contains(txt, "ticket N10 already exists") || !strings.Contains(txt, "editing proposed ticket 1 of track1") {
		t.Fatalf("a refused Save: the reason or the form is not shown:\n%s", txt)
	}
	if fm.MMATkID != "N10" || fm.MMATkTitle != "new one EDITED" {
		t.Fatalf("a refused Save lost what was typed: ID %q, title %q", fm.MMATkID, fm.MMATkTitle)
	}
	d.m.refuse = nil
	d.click("Save##tk-save-track1")
	if len(d.m.setTickets) != 1 {
		t.Fatalf("calls %q", d.m.calls)
	}
	got := d.m.setTickets[0]
	if got[0].ID != "N10" || got[0].Title != "new one EDITED" || got[0].Description != "make it" || !slices.Equal(got[0].Targets, []string{"x.go"}) ||
		!slices.Equal(got[1].DependsOn, []string{"N10"}) || !slices.Equal(got[2].DependsOn, []string{"N10", "N2"}) {
		t.Fatalf("Save sent %+v, want N1 renamed N10 with its dependents following", got)
	}
	if fm.MMATkEdit != 0 {
		t.Fatal("the form stays open after a Save")
	}
	if txt := d.texts(); !strings.Contains(txt, "new one EDITED") || !strings.Contains(txt, "N2, N3 now depend on N10") {
		t.Fatalf("the saved edit is not shown:\n%s", txt)
	}

	d.click("Delete##tk-delete-track1-1")
	if got := d.m.setTickets[1]; len(got) != 2 || got[1].ID != "N3" || !slices.Equal(got[1].DependsOn, []string{"N10"}) {
		t.Fatalf("Delete of N2 sent %+v", got)
	}

	// Accept with the form open: the edit is saved, then accepted.
	d.click("Edit##tk-edit-track1-1")
	d.click("##tk-desc-track1")
	d.typeText("document N3")
	d.click("Accept tickets##tickets-accept-track1")
	n := len(d.m.calls)
	if n < 2 || d.m.calls[n-2] != "SetProposedTickets track1" || d.m.calls[n-1] != "AcceptTickets track1" {
		t.Fatalf("Accept with an open edit called %q", d.m.calls)
	}
	if got := d.m.setTickets[2]; got[1].Description != "document N3" || !slices.Equal(got[1].DependsOn, []string{"N10"}) {
		t.Fatalf("Accept saved %+v", got)
	}
	// Refused, Accept does not accept.
	d.click("Edit##tk-edit-track1-0")
	d.m.refuse = errors.New("the edited tickets: refused: dependency cycle")
	d.click("Accept tickets##tickets-accept-track1")
	if got := d.m.calls[len(d.m.calls)-1]; got != "SetProposedTickets track1" {
		t.Fatalf("a refused edit was accepted: calls %q", d.m.calls)
	}
}

// A held worker (its track paused before its next turn) shows its
// conversation editable with a hint; the edit reaches the engine. A
// worker running a turn shows no Edit.
func TestMMADashHeldTranscriptEdit(t *testing.T) {
	tr := engineTrack()
	tr.Paused, tr.Running = true, true
	tr.Tickets[2].Transcript = []state.TicketMsg{
		{Role: "user", Text: "Ticket T3: document it"},
		{Role: "assistant", Text: "a wrong idea"},
	}
	d := newDash(t, []state.Track{tr})
	d.clickNth("View", 2)
	if txt := d.texts(); strings.Contains(txt, "Edit") || strings.Contains(txt, "Paused: the worker waits") {
		t.Fatalf("a worker running a turn shows the memory mutator:\n%s", txt)
	}
	d.m.view.Held = map[string]bool{"track1/T3": true}
	if txt := d.texts(); !strings.Contains(txt, "Paused: the worker waits before its next model turn") || !strings.Contains(txt, "on Resume") {
		t.Fatalf("the held worker's hint is missing:\n%s", txt)
	}
	d.click("Delete##msg-delete-1")
	d.click("Edit##msg-edit-0")
	d.click("##msg-text")
	d.typeText(" carefully")
	d.click("Save##msg-save")
	if len(d.m.transcripts) != 2 || len(d.m.transcripts[0]) != 1 || d.m.transcripts[1][0].Text != "Ticket T3: document it carefully" {
		t.Fatalf("SetTranscript got %+v", d.m.transcripts)
	}
}
