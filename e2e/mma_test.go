package e2e_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/ctl"
	"github.com/slopgui/slopgui/internal/handover"
	"github.com/slopgui/slopgui/internal/mcpserver"
	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/state"
)

// The MMA engine run end to end: the real binary in Xvfb with a project
// whose every tier is mmaServer (a local OpenAI-compatible server), driven
// headless by slopgui ctl as a coding agent would: plan, accept, tickets,
// accept, run, and each worker's write approved from `ctl mma status`.

// mmaFiles is the temp project every MMA test starts with; mmaDone is
// what the default script leaves in it.
var (
	mmaFiles = map[string]string{"a.txt": "alpha\n", "b.txt": "beta\n", "c.txt": "gamma\n"}
	mmaDone  = map[string]string{"a.txt": "alpha\nT1 was here\n", "b.txt": "beta\nT2 was here\n", "c.txt": "gamma\nT3 was here\n"}
)

// mmaRun is one slopgui session running a project on an mmaServer.
type mmaRun struct {
	t     testing.TB
	s     *session
	srv   *mmaServer
	root  string // the project's root
	track string // the accepted track's ID
}

// startMMA starts slopgui (under its supervisor, with its own socket and
// temp directories) on a project whose tiers are all srv.
func startMMA(t *testing.T, srv *mmaServer, extra string) *mmaRun {
	t.Helper()
	proj, root := mmaProject(t, srv, mmaFiles, extra)
	s := startSessionArgs(t, []string{"XDG_RUNTIME_DIR=" + t.TempDir(), "TMPDIR=" + t.TempDir(),
		"OPENAI_API_KEY=" + e2eKey, "OPENAI_BASE_URL="}, []string{"-project", proj})
	return &mmaRun{t: t, s: s, srv: srv, root: root}
}

// ctl runs `slopgui ctl --json ARGS` and fails unless it exits 0.
func (r *mmaRun) ctl(args ...string) ctl.Response {
	r.t.Helper()
	res := r.s.ctl(append([]string{"--json"}, args...)...)
	if res.code != 0 {
		r.t.Fatalf("slopgui ctl %s: exit %d: %s\n%s", strings.Join(args, " "), res.code, res.stdout, res.stderr)
	}
	return res.resp
}

var acceptedTrack = regexp.MustCompile(`^accepted track (\S+) \(`)

// plan drives tier 1 and tier 2 through ctl: plan --wait, accept all,
// tickets --wait, accept-tickets; it checks what each tier was sent and
// answered, and keeps the track's ID.
func (r *mmaRun) plan() {
	r.t.Helper()
	resp := r.ctl("mma", "plan", "Greet in every text file, then sign", "--wait", "--timeout", "5m")
	if p := resp.MMA.Plan; p == nil || len(p.Proposals) != 1 || p.Proposals[0].Title != "Greeting" ||
		!strings.Contains(resp.Message, "1. Greeting:") {
		r.t.Fatalf("plan: %s %+v", resp.Message, resp.MMA.Plan)
	}
	t1 := r.srv.requestsOf(1, "")
	if len(t1) != 1 || !strings.Contains(t1[0].User, "Greet in every text file") || !strings.Contains(t1[0].User, "b.txt") ||
		strings.Contains(t1[0].User, "beta") || !strings.Contains(t1[0].System, "Keep changes small.") {
		r.t.Fatalf("tier 1 was sent %+v (want the goal, the file tree without contents, the project's system prompt)", t1)
	}
	resp = r.ctl("mma", "accept", "all")
	m := acceptedTrack.FindStringSubmatch(resp.Message)
	if m == nil {
		r.t.Fatalf("accept all: %q", resp.Message)
	}
	r.track = m[1]
	resp = r.ctl("mma", "tickets", r.track, "--wait", "--timeout", "5m")
	if pt := resp.MMA.Plan.Tickets[r.track]; len(pt.Tickets) != 3 || !slices.Equal(pt.Tickets[2].DependsOn, []string{"T1", "T2"}) {
		r.t.Fatalf("tickets: %s %+v", resp.Message, resp.MMA.Plan)
	}
	if t2 := r.srv.requestsOf(2, ""); len(t2) != 1 || !strings.Contains(t2[0].User, "alpha") || !strings.Contains(t2[0].User, "Track: Greeting") {
		r.t.Fatalf("tier 2 was sent %+v (want the brief and the files' full text)", t2)
	}
	r.ctl("mma", "accept-tickets", r.track)
	r.waitTrack("the accepted tickets", func(tr ctl.MMATrack) bool { return len(tr.Tickets) == 3 })
}

// status is `ctl mma status`.
func (r *mmaRun) status() *ctl.MMAStatus {
	r.t.Helper()
	return r.ctl("mma", "status").MMA
}

// trackOf finds the run's track in a status.
func (r *mmaRun) trackOf(st *ctl.MMAStatus) (ctl.MMATrack, bool) {
	for _, tr := range st.Tracks {
		if tr.ID == r.track {
			return tr, true
		}
	}
	return ctl.MMATrack{}, false
}

// ticket is one ticket of a track.
func ticket(tr ctl.MMATrack, id string) ctl.MMATicket {
	for _, k := range tr.Tickets {
		if k.ID == id {
			return k
		}
	}
	return ctl.MMATicket{}
}

// waitTrack polls mma status until cond holds for the run's track.
func (r *mmaRun) waitTrack(what string, cond func(ctl.MMATrack) bool) ctl.MMATrack {
	r.t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		st := r.status()
		tr, ok := r.trackOf(st)
		if ok && cond(tr) {
			return tr
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("waiting for %s: track %+v\napprovals %+v\nserver: %s", what, tr, st.Approvals, r.srv.summary())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// waitEdit waits until ticket's worker asks to write (an edit approval
// of its run) and returns the approval; none other of the track's
// questions is answered meanwhile.
func (r *mmaRun) waitEdit(ticket string) ctl.Approval {
	r.t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		st := r.status()
		for _, a := range st.Approvals {
			if a.Kind == "edit" && a.Run == r.track+"/"+ticket {
				return a
			}
		}
		if time.Now().After(deadline) {
			tr, _ := r.trackOf(st)
			r.t.Fatalf("no edit approval of %s within 3m: approvals %+v, track %+v, server: %s", ticket, st.Approvals, tr, r.srv.summary())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// approve answers an approval yes through ctl (args: edited arguments).
func (r *mmaRun) approve(a ctl.Approval, args ...string) {
	r.t.Helper()
	resp := r.ctl(append([]string{"mma", "approve", a.ID}, args...)...)
	if !strings.Contains(resp.Message, "approved "+a.ID) {
		r.t.Fatalf("approve %s: %q", a.ID, resp.Message)
	}
}

// approveUntilDone approves every edit the track's workers ask for until
// all its tickets are done, and returns the titles approved, in order.
func (r *mmaRun) approveUntilDone() []string {
	r.t.Helper()
	var approved []string
	deadline := time.Now().Add(5 * time.Minute)
	for {
		st := r.status()
		tr, _ := r.trackOf(st)
		if len(tr.Tickets) > 0 && !slices.ContainsFunc(tr.Tickets, func(k ctl.MMATicket) bool { return k.Status != "done" }) {
			return approved
		}
		for _, a := range st.Approvals {
			switch {
			case a.Kind == "edit" && strings.HasPrefix(a.Run, r.track+"/"):
				r.approve(a)
				approved = append(approved, a.Title)
			case a.Asker == "mma":
				r.t.Fatalf("an MMA question other than an edit: %+v", a)
			}
		}
		for _, k := range tr.Tickets {
			if k.Status == "blocked" || k.Status == "failed" || k.Interrupted {
				r.t.Fatalf("ticket %s: %s %q (interrupted %v)", k.ID, k.Status, k.Reason, k.Interrupted)
			}
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("the track did not finish within 5m: %+v\napprovals %+v\nserver: %s", tr, st.Approvals, r.srv.summary())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// files checks the project's files hold want exactly.
func (r *mmaRun) files(want map[string]string) {
	r.t.Helper()
	for p, text := range want {
		b, err := os.ReadFile(filepath.Join(r.root, p))
		if err != nil || string(b) != text {
			r.t.Errorf("%s holds %q (%v), want %q", p, b, err, text)
		}
	}
}

// stateTracks reads the app's Tracks state key (transcripts, applied
// edits) through ctl state.
func (r *mmaRun) stateTracks() []state.Track {
	r.t.Helper()
	resp := r.ctl("state", "Tracks")
	var tracks []state.Track
	if err := json.Unmarshal(resp.State, &tracks); err != nil {
		r.t.Fatalf("ctl state Tracks: %v\n%s", err, resp.State)
	}
	return tracks
}

// dashboardShows reads the MMA Dashboard's widget tree and reports
// whether some item reads text.
func (r *mmaRun) dashboardShows(text string) bool {
	r.t.Helper()
	resp := r.ctl("ui", "--window", state.WindowMMA)
	var tree uitree.Tree
	if err := json.Unmarshal(resp.UI, &tree); err != nil {
		r.t.Fatalf("ctl ui: %v", err)
	}
	for _, it := range tree.Items() {
		if v, _ := it.Value.(string); strings.Contains(it.Text, text) || strings.Contains(it.Label, text) || strings.Contains(v, text) {
			return true
		}
	}
	return false
}

// The whole track, headless: goal → tier 1's track → accepted → tier 2's
// three tickets (T3 after T1 and T2) → accepted → run; every write is
// approved from the approvals `ctl mma status` lists (T2's with its
// arguments edited, as the dialog allows), and the files on disk hold the
// new text; T3's worker starts only after T1 and T2 are done, each worker
// sees only its own ticket, and every ticket ends done with its summary.
func TestMMAWholeTrack(t *testing.T) {
	t.Parallel()
	srv := newMMAServer(t, mmaScript{TokensPerSecond: 200})
	r := startMMA(t, srv, "")
	r.plan()
	r.ctl("mma", "run", r.track)

	a1, a2 := r.waitEdit("T1"), r.waitEdit("T2")
	if a1.Title != "edit_file a.txt" || !strings.Contains(a1.Detail, "+T1 was here") || !slices.Equal(a1.Items, []string{"a.txt"}) {
		t.Fatalf("T1's edit approval: %+v", a1)
	}
	if tr, _ := r.trackOf(r.status()); ticket(tr, "T3").Status != "todo" {
		t.Fatalf("T3 started before T1 and T2 were done: %+v", tr)
	}
	r.approve(a1)
	edited := `{"path":"b.txt","old_text":"beta\n","new_text":"beta\nT2 was here, edited before approval\n"}`
	r.approve(a2, "--args", edited)
	approved := r.approveUntilDone()
	if !slices.Equal(approved, []string{"edit_file c.txt"}) {
		t.Errorf("approved after T1 and T2: %q, want T3's edit only", approved)
	}
	want := withFile(mmaDone, "b.txt", "beta\nT2 was here, edited before approval\n")
	r.files(want)

	tr := r.waitTrack("the summaries", func(tr ctl.MMATrack) bool { return ticket(tr, "T3").Summary != "" })
	for _, k := range tr.Tickets {
		if k.Status != "done" || k.Summary != k.ID+": the change is made." || k.Interrupted {
			t.Errorf("ticket %+v", k)
		}
	}
	// T3's worker was spawned after both of its dependencies ended, and
	// no worker saw another ticket.
	t3 := srv.requestsOf(3, "T3")
	if len(t3) != 2 || !strings.Contains(t3[0].User, "gamma") || !strings.Contains(t3[0].User, "Target files: c.txt") {
		t.Errorf("T3's requests: %+v", t3)
	}
	for _, id := range []string{"T1", "T2"} {
		reqs := srv.requestsOf(3, id)
		if len(reqs) != 2 || !reqs[len(reqs)-1].At.Before(t3[0].At) {
			t.Errorf("%s's worker: %d requests, the last not before T3's first", id, len(reqs))
		}
		if strings.Contains(reqs[0].User, "Ticket T3") || strings.Contains(reqs[0].User, "gamma") {
			t.Errorf("%s's worker saw T3's ticket or file: %q", id, reqs[0].User)
		}
	}
	if st := r.status(); len(st.Approvals) != 0 {
		t.Errorf("approvals left: %+v", st.Approvals)
	}
	for _, text := range []string{"T1", "T3", "done"} {
		if !r.dashboardShows(text) {
			t.Errorf("the MMA Dashboard shows no %q", text)
		}
	}
}

// withFile returns a copy of m with key set to v.
func withFile(m map[string]string, key, v string) map[string]string {
	out := map[string]string{}
	for k, x := range m {
		out[k] = x
	}
	out[key] = v
	return out
}

// A view reload while a worker streams (T1 held by the server mid-answer)
// changes nothing in the run: the reload succeeds, T1 is still in
// progress on the same request, and the track completes with the same
// files as without the reload.
func TestMMAReloadMidRun(t *testing.T) {
	t.Parallel()
	srv := newMMAServer(t, mmaScript{TokensPerSecond: 200})
	r := startMMA(t, srv, "")
	r.plan()
	srv.Hold("T1")
	r.ctl("mma", "run", r.track)
	srv.WaitHeld(t, "T1", 2*time.Minute)

	resp := r.ctl("reload", "--wait", "--timeout", "14m")
	if resp.Status == nil || resp.Status.Generation != 1 || resp.Status.Result != "ok" {
		t.Fatalf("reload mid-run: %+v", resp)
	}
	tr, _ := r.trackOf(r.status())
	if k := ticket(tr, "T1"); k.Status != "in progress" || k.Interrupted || !tr.Running {
		t.Fatalf("after the reload T1 is %+v, track running %v; want in progress", k, tr.Running)
	}
	srv.Release("T1")
	r.approveUntilDone()
	r.files(mmaDone)
	if n := len(srv.requestsOf(3, "T1")); n != 2 {
		t.Errorf("T1's worker sent %d requests; want 2 (the reload must not restart it)", n)
	}
	if st, _ := r.s.Status(); st.Generation != 1 || st.Restarts != 0 || st.Crashes != 0 {
		t.Errorf("status after the run: generation %d, %d restarts, %d crashes", st.Generation, st.Restarts, st.Crashes)
	}
}

// A hot restart (a stable edit, Ctrl+Alt+R) while T1's worker streams:
// the new process comes back with every ticket where it was — T2 done
// with its edit applied once, T1 interrupted with its transcript, T3
// waiting — and nothing runs T1 until `ctl mma resume-ticket`; then the
// track finishes.
func TestMMAHotRestartMidRun(t *testing.T) {
	t.Parallel()
	srv := newMMAServer(t, mmaScript{TokensPerSecond: 200})
	r := startMMA(t, srv, "")
	r.plan()
	srv.Hold("T1")
	r.ctl("mma", "run", r.track)
	srv.WaitHeld(t, "T1", 2*time.Minute)
	r.approve(r.waitEdit("T2"))
	r.waitTrack("T2 done", func(tr ctl.MMATrack) bool { return ticket(tr, "T2").Status == "done" })

	pid := r.s.appPID()
	r.s.edit(styleFile, defaultStyle, greenStyle)
	r.s.xdotool("key", "ctrl+alt+r")
	if st := r.s.waitNewApp(pid, "the restarted app", 10*time.Minute); st.Restarts != 1 || st.Crashes != 0 {
		t.Fatalf("after the restart: %+v", st)
	}
	tr := r.waitTrack("T1 interrupted", func(tr ctl.MMATrack) bool { return ticket(tr, "T1").Interrupted })
	if k := ticket(tr, "T1"); k.Status != "todo" || k.Reason != "interrupted" {
		t.Errorf("T1 after the restart: %+v", k)
	}
	if k := ticket(tr, "T2"); k.Status != "done" || k.Interrupted {
		t.Errorf("T2 after the restart: %+v", k)
	}
	if k := ticket(tr, "T3"); k.Status != "todo" || k.Interrupted {
		t.Errorf("T3 after the restart: %+v", k)
	}
	if !tr.Running {
		t.Error("the track's auto-queue is off after the restart")
	}
	for _, st := range r.stateTracks() {
		if st.ID != r.track {
			continue
		}
		if k := st.Ticket("T1"); len(k.Transcript) == 0 || !strings.Contains(k.Transcript[0].Text, "Ticket T1") {
			t.Errorf("T1's transcript after the restart: %+v", k.Transcript)
		}
		if k := st.Ticket("T2"); len(k.Applied) != 1 {
			t.Errorf("T2's applied edits after the restart: %q", k.Applied)
		}
	}
	r.files(map[string]string{"a.txt": "alpha\n", "b.txt": mmaDone["b.txt"], "c.txt": "gamma\n"})
	n := len(srv.requestsOf(3, "T1"))
	if st := r.status(); len(st.Approvals) != 0 || st.Engine == nil {
		t.Fatalf("after the restart, before resume: approvals %+v, engine %v", st.Approvals, st.Engine)
	}
	if got := len(srv.requestsOf(3, "T1")); got != n {
		t.Fatalf("T1's worker ran again before resume-ticket (%d requests, was %d)", got, n)
	}

	if resp := r.ctl("mma", "resume-ticket", r.track, "T1"); !strings.Contains(resp.Message, "resumed ticket T1") {
		t.Fatalf("resume-ticket: %q", resp.Message)
	}
	approved := r.approveUntilDone()
	if !slices.Equal(approved, []string{"edit_file a.txt", "edit_file c.txt"}) {
		t.Errorf("approved after the restart: %q", approved)
	}
	r.files(mmaDone)
}

// snapshotTracks reads the Tracks of the supervisor's latest snapshot
// (what a crash restarts with), or nil when there is none yet.
func snapshotTracks(t *testing.T, s *session) []state.Track {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(s.tmpDir(), "slopgui-session-*", "snapshot.json"))
	if len(files) != 1 {
		return nil
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		return nil
	}
	var h handover.Handover
	var tracks []state.Track
	if json.Unmarshal(b, &h) != nil || json.Unmarshal(h.State["Tracks"], &tracks) != nil {
		return nil // written meanwhile: read it again
	}
	return tracks
}

// kill -9 of the app mid-run, with T1's edit approved and applied (its
// next turn streaming) and T2's edit waiting for approval: the supervisor
// restarts it, both tickets are interrupted, no question is asked before
// resume; after resume-ticket T2's edit is asked again and T1 goes on
// from its transcript; nothing is applied twice (a.txt holds T1's line
// once) and the track finishes.
func TestMMAKillMidRun(t *testing.T) {
	t.Parallel()
	srv := newMMAServer(t, mmaScript{TokensPerSecond: 200})
	r := startMMA(t, srv, "")
	r.plan()
	r.ctl("mma", "run", r.track)
	a1 := r.waitEdit("T1")
	a2 := r.waitEdit("T2")
	srv.Hold("T1") // its turn after the edit
	r.approve(a1)
	srv.WaitHeld(t, "T1", 2*time.Minute)
	r.files(map[string]string{"a.txt": mmaDone["a.txt"], "b.txt": "beta\n"})

	// The crash must find this in the snapshot the supervisor restarts
	// with: T1's edit recorded as applied, its result in the transcript,
	// T2's edit call without a result.
	var t1Edit string
	testutil.Eventually(t, time.Minute, "a snapshot with T1's edit applied and T2's edit pending", func() bool {
		for _, tr := range snapshotTracks(t, r.s) {
			if tr.ID != r.track {
				continue
			}
			k1, k2 := tr.Ticket("T1"), tr.Ticket("T2")
			if k1 == nil || k2 == nil || len(k1.Applied) != 1 || len(k1.Transcript) < 3 || len(k2.Transcript) != 2 || len(k2.Transcript[1].Calls) != 1 {
				return false
			}
			t1Edit = k1.Applied[0]
			return len(k1.Transcript[2].Results) == 1
		}
		return false
	})
	pid := r.s.appPID()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if st := r.s.waitNewApp(pid, "the app restarted after kill -9", 5*time.Minute); st.Crashes != 1 {
		t.Fatalf("after kill -9: %+v", st)
	}
	tr := r.waitTrack("T1 and T2 interrupted", func(tr ctl.MMATrack) bool {
		return ticket(tr, "T1").Interrupted && ticket(tr, "T2").Interrupted
	})
	if k := ticket(tr, "T3"); k.Status != "todo" || k.Interrupted {
		t.Errorf("T3 after the crash: %+v", k)
	}
	if st := r.status(); slices.ContainsFunc(st.Approvals, func(a ctl.Approval) bool { return a.Asker == "mma" }) {
		t.Fatalf("a question asked before resume: %+v", st.Approvals)
	}
	r.files(map[string]string{"a.txt": mmaDone["a.txt"], "b.txt": "beta\n"})

	// T2: its pending edit is asked again, with the same call.
	r.ctl("mma", "resume-ticket", r.track, "T2")
	again := r.waitEdit("T2")
	if again.Args != a2.Args || again.Title != a2.Title || again.Detail != a2.Detail {
		t.Errorf("T2's edit asked again as %+v; before the crash %+v", again, a2)
	}
	r.approve(again)
	r.waitTrack("T2 done", func(tr ctl.MMATrack) bool { return ticket(tr, "T2").Status == "done" })
	// T1: goes on from its transcript (the edit's result is in it).
	before := len(srv.requestsOf(3, "T1"))
	r.ctl("mma", "resume-ticket", r.track, "T1")
	approved := r.approveUntilDone()
	if !slices.Equal(approved, []string{"edit_file c.txt"}) {
		t.Errorf("approved after resume: %q, want T3's edit only (T1's was applied before the crash)", approved)
	}
	r.files(mmaDone)
	reqs := srv.requestsOf(3, "T1")
	if len(reqs) != before+1 || reqs[len(reqs)-1].LastRole != "tool" {
		t.Errorf("T1 after resume: %d requests (was %d), the last after %q; want one more, after its edit's result", len(reqs), before, reqs[len(reqs)-1].LastRole)
	}
	for _, st := range r.stateTracks() {
		if k := st.Ticket("T1"); st.ID == r.track && !slices.Equal(k.Applied, []string{t1Edit}) {
			t.Errorf("T1's applied edits: %q, want [%s]", k.Applied, t1Edit)
		}
	}
}

// A coding agent runs the same track over MCP (`slopgui mcp`, the tools
// a client lists): mma_plan with wait, mma_accept all, mma_tickets with
// wait, mma_accept_tickets, mma_run, and each write approved with
// mma_approve from mma_status; the files hold the new text.
func TestMMAOverMCP(t *testing.T) {
	t.Parallel()
	srv := newMMAServer(t, mmaScript{TokensPerSecond: 200})
	r := startMMA(t, srv, "")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.Command(r.s.bin, "mcp", "--pid", strconv.Itoa(r.s.cmd.Process.Pid))
	cmd.Env = append(os.Environ(), r.s.env...)
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "slopgui-e2e-mma", Version: "1"}, nil).Connect(ctx, &mcp.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatalf("connecting to slopgui mcp: %v", err)
	}
	defer cs.Close()
	// call calls a tool that changes something and returns its result.
	call := func(tool string, args map[string]any) mcpserver.Result {
		t.Helper()
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: tool, Arguments: args})
		if err != nil {
			t.Fatalf("%s: %v", tool, err)
		}
		var out mcpserver.Result
		b, _ := json.Marshal(res.StructuredContent)
		if err := json.Unmarshal(b, &out); err != nil || res.IsError || !out.OK {
			t.Fatalf("%s %v: isError %v, %s", tool, args, res.IsError, b)
		}
		return out
	}
	status := func() ctl.MMAStatus {
		t.Helper()
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "mma_status", Arguments: map[string]any{}})
		if err != nil || res.IsError || len(res.Content) != 1 {
			t.Fatalf("mma_status: %v, %+v", err, res)
		}
		var st ctl.MMAStatus
		if err := json.Unmarshal([]byte(res.Content[0].(*mcp.TextContent).Text), &st); err != nil {
			t.Fatalf("mma_status: %v", err)
		}
		return st
	}

	out := call("mma_plan", map[string]any{"goal": "Greet in every text file", "wait": true})
	if out.MMA == nil || out.MMA.Plan == nil || len(out.MMA.Plan.Proposals) != 1 || out.MMA.Plan.Proposals[0].Title != "Greeting" {
		t.Fatalf("mma_plan: %+v", out)
	}
	m := acceptedTrack.FindStringSubmatch(call("mma_accept", map[string]any{"all": true}).Message)
	if m == nil {
		t.Fatal("mma_accept: no track ID in its message")
	}
	r.track = m[1]
	if out := call("mma_tickets", map[string]any{"track": r.track, "wait": true}); len(out.MMA.Plan.Tickets[r.track].Tickets) != 3 {
		t.Fatalf("mma_tickets: %+v", out.MMA.Plan)
	}
	call("mma_accept_tickets", map[string]any{"track": r.track})
	call("mma_run", map[string]any{"track": "Greeting"}) // by name
	deadline := time.Now().Add(5 * time.Minute)
	for approved := 0; ; {
		st := status()
		tr, _ := r.trackOf(&st)
		if len(tr.Tickets) == 3 && !slices.ContainsFunc(tr.Tickets, func(k ctl.MMATicket) bool { return k.Status != "done" }) {
			if approved != 3 {
				t.Errorf("%d edits approved, want 3", approved)
			}
			break
		}
		for _, a := range st.Approvals {
			if a.Kind == "edit" {
				call("mma_approve", map[string]any{"id": a.ID})
				approved++
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the track did not finish within 5m: %+v\napprovals %+v", tr, st.Approvals)
		}
		time.Sleep(200 * time.Millisecond)
	}
	r.files(mmaDone)
}
