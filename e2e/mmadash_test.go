package e2e_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/ctl"
	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/rules"
)

// uiTree is the widget tree of the app's next frame (slopgui ctl ui).
func (s *session) uiTree() uitree.Tree {
	s.tb.Helper()
	r := s.ctl("--json", "ui")
	var tree uitree.Tree
	if r.code != 0 || json.Unmarshal(r.resp.UI, &tree) != nil {
		s.tb.Fatalf("ctl ui: exit %d, %s", r.code, r.stderr)
	}
	return tree
}

// waitItem waits until an item matching match is drawn, and returns it.
func (s *session) waitItem(what string, timeout time.Duration, match func(uitree.Item) bool) uitree.Item {
	s.tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		tree := s.uiTree()
		for _, it := range tree.Items() {
			if match(it) && it.Enabled {
				return it
			}
		}
		if time.Now().After(deadline) {
			var seen, inputs []string
			for _, it := range tree.Items() {
				switch it.Kind {
				case uitree.Button:
					seen = append(seen, it.Label)
				case uitree.Input:
					v := fmt.Sprint(it.Value)
					if len(v) > 200 {
						v = v[:200] + "…"
					}
					inputs = append(inputs, fmt.Sprintf("%s=%q", it.Key, v))
				}
			}
			s.tb.Fatalf("%s is not drawn within %v (buttons: %q; inputs: %s)", what, timeout, seen, strings.Join(inputs, ", "))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// clickItem clicks the middle of an item, with the real mouse.
func (s *session) clickItem(it uitree.Item) {
	s.tb.Helper()
	x, y := it.Rect.Center()
	s.click(int(x), int(y))
}

// byKey matches an item by its ID string.
func byKey(key string) func(uitree.Item) bool {
	return func(it uitree.Item) bool { return it.Key == key }
}

// byLabel matches an item of kind by its label.
func byLabel(kind uitree.Kind, label string) func(uitree.Item) bool {
	return func(it uitree.Item) bool { return it.Kind == kind && it.Label == label }
}

// Issue 16's flow in the window, with the real mouse and keyboard and a
// local server playing every tier: a goal typed, Plan clicked, the track
// accepted, Make tickets, the tickets accepted, Run; every write waits in
// the MMA approval window and is approved there, one after its new text
// was typed into the dialog's box; the file on disk has the typed text,
// the other files the workers' own, and every ticket is done.
func TestMMADashboardFlow(t *testing.T) {
	t.Parallel()
	srv := newMMAServer(t, mmaScript{TokensPerSecond: 400})
	proj, root := mmaProject(t, srv, map[string]string{"a.txt": "A\n", "b.txt": "B\n", "c.txt": "C\n"}, "")
	s, _ := startCtlSession(t, "-project", proj)
	const wait = time.Minute

	s.clickItem(s.waitItem("the Plan entry", wait, byLabel(uitree.Selectable, "Plan")))
	s.clickItem(s.waitItem("the goal box", wait, byKey("##mma-goal")))
	s.xdotool("type", "--delay", "15", "greet in every file")
	s.clickItem(s.waitItem("the Plan button", wait, byKey("Plan##mma-plan")))
	accept := s.waitItem("Accept of the proposed track", wait, byKey("Accept##accept-0"))
	s.screenshot("proposed")
	s.clickItem(accept)
	if got := srv.requestsOf(1, ""); len(got) != 1 || !strings.Contains(got[0].User, "greet in every file") {
		t.Fatalf("tier 1 got %d requests; the first: %+v", len(got), got)
	}
	s.screenshot("accepted")
	s.clickItem(s.waitItem("Make tickets", wait, byLabel(uitree.Button, "Make tickets")))
	s.clickItem(s.waitItem("Accept tickets", wait, byLabel(uitree.Button, "Accept tickets")))
	s.clickItem(s.waitItem("Run", wait, byLabel(uitree.Button, "Run")))

	// The writes: T1 and T2 (two workers), then T3. The first one asked
	// is edited in the dialog before Approve.
	edited := ""
	for n := 0; n < 3; n++ {
		approve := s.waitItem("the MMA approval window's Approve", wait, byKey("Approve##mma-approve"))
		if n == 0 {
			s.screenshot("approval")
			box := s.waitItem("the new text's box", wait, func(it uitree.Item) bool {
				return it.Kind == uitree.Input && strings.HasPrefix(it.Key, "##ask-") &&
					(strings.HasSuffix(it.Key, "-new_text") || strings.HasSuffix(it.Key, "-content"))
			})
			s.clickItem(box)
			s.keyCombo("ctrl", "End")
			s.xdotool("type", "--delay", "15", "EDITED IN THE DIALOG")
			typed := s.waitItem("the typed text in the box", wait, func(it uitree.Item) bool {
				v, _ := it.Value.(string)
				return it.Key == box.Key && strings.HasSuffix(v, "EDITED IN THE DIALOG")
			})
			edited = typed.Value.(string)
		}
		shown := s.waitItem("the question's ID", wait, func(it uitree.Item) bool {
			return it.Kind == uitree.Text && it.Window == "MMA approval" && strings.HasPrefix(it.Text, "q") && strings.Contains(it.Text, "  ")
		})
		qid, _, _ := strings.Cut(shown.Text, "  ")
		s.clickItem(approve)
		testutil.Eventually(t, wait, "question "+qid+" answered", func() bool {
			r := s.ctl("--json", "mma", "status")
			if r.code != 0 || r.resp.MMA == nil {
				return false
			}
			for _, a := range r.resp.MMA.Approvals {
				if a.ID == qid {
					return false
				}
			}
			return true
		})
	}
	testutil.Eventually(t, 2*wait, "every ticket done", func() bool {
		r := s.ctl("--json", "mma", "status")
		if r.code != 0 || r.resp.MMA == nil {
			return false
		}
		done := 0
		for _, tr := range r.resp.MMA.Tracks {
			for _, k := range tr.Tickets {
				if k.Status == "done" {
					done++
				}
			}
		}
		return done == 3
	})
	s.screenshot("done")

	// A ticket's window: its summary and its conversation, message by
	// message; the token table.
	s.clickItem(s.waitItem("View of T1", wait, byLabel(uitree.Button, "View")))
	s.waitItem("T1's conversation", wait, func(it uitree.Item) bool {
		return it.Window == "MMA ticket" && strings.HasPrefix(it.Text, "Conversation: ") && !strings.HasPrefix(it.Text, "Conversation: 0 ")
	})
	s.waitItem("T1's summary", wait, func(it uitree.Item) bool {
		return it.Window == "MMA ticket" && strings.HasPrefix(it.Text, "Summary: ")
	})
	s.screenshot("ticket")
	s.clickItem(s.waitItem("the Tokens entry", wait, func(it uitree.Item) bool {
		return it.Kind == uitree.Selectable && strings.HasPrefix(it.Label, "Tokens (")
	}))
	s.waitItem("the token table's total", wait, func(it uitree.Item) bool { return it.Kind == uitree.Text && it.Text == "all" })
	s.screenshot("tokens")
	var found bool
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		b, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "EDITED IN THE DIALOG") {
			if found || string(b) != edited {
				t.Errorf("%s = %q; the edited text approved was %q", name, b, edited)
			}
			found = true
		} else if !strings.Contains(string(b), " was here") {
			t.Errorf("%s = %q: no worker's line", name, b)
		}
	}
	if !found {
		t.Fatalf("no file has the text typed into the approval dialog (%q)", edited)
	}
}

// oneTicketDash starts the app on a project whose tier 2 answers one
// ticket, T1 (append a line to a.txt), and returns it with its server,
// the project root and ctlOK, which runs `slopgui ctl mma ARGS…` and
// fails the test unless it succeeds.
func oneTicketDash(t *testing.T) (*session, *mmaServer, string, func(args ...string) ctlResult) {
	t.Helper()
	one := []rules.ProposedTicket{{ID: "T1", Title: "Greet in a.txt", Description: "Append a greeting line to a.txt.", Targets: []string{"a.txt"}, DependsOn: []string{}}}
	srv := newMMAServer(t, mmaScript{TokensPerSecond: 400, Tickets: one})
	proj, root := mmaProject(t, srv, map[string]string{"a.txt": "A\n"}, "")
	s, _ := startCtlSession(t, "-project", proj)
	ctlOK := func(args ...string) ctlResult {
		t.Helper()
		r := s.ctl(append([]string{"mma"}, args...)...)
		if r.code != 0 {
			t.Fatalf("ctl mma %v: exit %d, %s %s", args, r.code, r.stdout, r.stderr)
		}
		return r
	}
	return s, srv, root, ctlOK
}

// The memory mutator in the window: a worker held mid-answer is stopped
// from its MMA ticket window, its first message edited there (typed) and
// saved, and Resume sends the edited conversation: the server's next
// request for the ticket carries the typed text.
func TestMMADashboardMemoryMutator(t *testing.T) {
	t.Parallel()
	s, srv, root, ctlOK := oneTicketDash(t)
	const wait = time.Minute
	// Set up through the control socket (the dashboard's own methods).
	ctlOK("plan", "greet", "--wait")
	ctlOK("accept", "1")
	var track string
	testutil.Eventually(t, wait, "the accepted track", func() bool {
		r := s.ctl("--json", "mma", "status")
		if r.resp.MMA != nil {
			for _, tr := range r.resp.MMA.Tracks {
				if tr.ID != "" {
					track = tr.ID
				}
			}
		}
		return track != ""
	})
	ctlOK("tickets", track, "--wait")
	ctlOK("accept-tickets", track)
	srv.Hold("T1")
	ctlOK("run", track)
	srv.WaitHeld(t, "T1", wait)

	s.clickItem(s.waitItem("View of T1", wait, byLabel(uitree.Button, "View")))
	s.clickItem(s.waitItem("Stop in the ticket window", wait, byKey("Stop##ticket-stop")))
	s.clickItem(s.waitItem("Edit of the first message", wait, byKey("Edit##msg-edit-0")))
	s.clickItem(s.waitItem("the message's box", wait, byKey("##msg-text")))
	// A first line of its own: the server reads the ticket and the
	// file's text from the lines after it.
	s.keyCombo("ctrl", "Home")
	s.xdotool("type", "--delay", "15", "MUTATED BY THE USER")
	s.xdotool("key", "Return")
	s.waitItem("the typed text", wait, func(it uitree.Item) bool {
		v, _ := it.Value.(string)
		return it.Key == "##msg-text" && strings.HasPrefix(v, "MUTATED BY THE USER\nTicket T1:")
	})
	s.screenshot("mutating")
	s.clickItem(s.waitItem("Save", wait, byKey("Save##msg-save")))
	s.waitItem("the edited message shown", wait, func(it uitree.Item) bool {
		return it.Window == "MMA ticket" && strings.Contains(it.Text, "MUTATED BY THE USER")
	})
	before := len(srv.requestsOf(3, "T1"))
	s.clickItem(s.waitItem("Resume", wait, byKey("Resume##ticket-resume")))
	s.clickItem(s.waitItem("the write's Approve", wait, byKey("Approve##mma-approve")))
	testutil.Eventually(t, wait, "T1 done", func() bool {
		r := s.ctl("--json", "mma", "status")
		return r.resp.MMA != nil && len(r.resp.MMA.Tracks) > 0 && len(r.resp.MMA.Tracks[0].Tickets) == 1 &&
			r.resp.MMA.Tracks[0].Tickets[0].Status == "done"
	})
	reqs := srv.requestsOf(3, "T1")
	if len(reqs) <= before || !strings.Contains(reqs[before].User, "MUTATED BY THE USER") {
		t.Fatalf("the request after Resume does not carry the edit: %d requests before, %d after; %+v", before, len(reqs), reqs[len(reqs)-1].User)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "a.txt")); !strings.Contains(string(b), "T1 was here") {
		t.Fatalf("a.txt = %q", b)
	}
}

// Tier 2's tickets edited in the dashboard before Accept, and the memory
// mutator on a paused worker, in the window: the proposed ticket's title
// is edited (typed) in the "Proposed ticket" window and saved, Accept
// tickets puts it in the track as edited; the track is paused while its
// worker's first turn streams, so the worker waits before its second
// turn; its MMA ticket window says so and offers Edit / Delete: the
// write's result is deleted (the worker runs the write again up to its
// gate and finds it applied) and the first message edited (typed); Unpause
// sends the edited conversation (the server's next request carries the
// typed text), the write found applied is not applied again, and the
// ticket is done.
func TestMMADashboardPausedMutator(t *testing.T) {
	t.Parallel()
	s, srv, root, ctlOK := oneTicketDash(t)
	const wait = time.Minute
	status := func() *ctl.MMAStatus {
		r := s.ctl("--json", "mma", "status")
		if r.code != 0 || r.resp.MMA == nil {
			t.Fatalf("ctl mma status: exit %d, %s", r.code, r.stderr)
		}
		return r.resp.MMA
	}
	ctlOK("plan", "greet", "--wait")
	ctlOK("accept", "1")
	var track string
	testutil.Eventually(t, wait, "the accepted track", func() bool {
		for _, tr := range status().Tracks {
			if tr.ID != "" {
				track = tr.ID
			}
		}
		return track != ""
	})
	ctlOK("tickets", track, "--wait")

	// The proposed ticket edited in the window, then accepted.
	s.clickItem(s.waitItem("Edit of the proposed T1", wait, byKey("Edit##tk-edit-"+track+"-0")))
	s.clickItem(s.waitItem("the title's box", wait, byKey("##tk-title-"+track)))
	s.xdotool("key", "End")
	s.xdotool("type", "--delay", "15", " EDITED")
	s.waitItem("the typed title", wait, func(it uitree.Item) bool {
		v, _ := it.Value.(string)
		return it.Key == "##tk-title-"+track && v == "Greet in a.txt EDITED"
	})
	s.screenshot("ticket-edit")
	s.clickItem(s.waitItem("Save", wait, byKey("Save##tk-save-"+track)))
	s.waitItem("the saved title in the proposal", wait, func(it uitree.Item) bool {
		return it.Window == "MMA Dashboard" && it.Text == "Greet in a.txt EDITED"
	})
	s.clickItem(s.waitItem("Accept tickets", wait, byKey("Accept tickets##tickets-accept-"+track)))
	testutil.Eventually(t, wait, "the edited ticket in the track", func() bool {
		for _, tr := range status().Tracks {
			if tr.ID == track && len(tr.Tickets) == 1 && tr.Tickets[0].Title == "Greet in a.txt EDITED" {
				return true
			}
		}
		return false
	})

	// Paused while the first turn streams: the worker waits before its
	// second turn, after its write.
	srv.Hold("T1")
	ctlOK("run", track)
	srv.WaitHeld(t, "T1", wait)
	ctlOK("pause", track)
	srv.Release("T1")
	var edit ctl.Approval
	testutil.Eventually(t, wait, "T1's write asked", func() bool {
		for _, a := range status().Approvals {
			if a.Kind == "edit" && a.Run == track+"/T1" {
				edit = a
				return true
			}
		}
		return false
	})
	ctlOK("approve", edit.ID)
	testutil.Eventually(t, wait, "a.txt written", func() bool {
		b, _ := os.ReadFile(filepath.Join(root, "a.txt"))
		return strings.Contains(string(b), "T1 was here")
	})

	s.clickItem(s.waitItem("View of T1", wait, byLabel(uitree.Button, "View")))
	s.waitItem("the paused worker's hint", wait, func(it uitree.Item) bool {
		return it.Window == "MMA ticket" && strings.HasPrefix(it.Text, "Paused: the worker waits before its next model turn")
	})
	before := len(srv.requestsOf(3, "T1"))
	s.clickItem(s.waitItem("Delete of the write's result", wait, byKey("Delete##msg-delete-2")))
	// The worker goes on from the edit up to its next turn: the deleted
	// result's call is run again and found applied (not applied twice).
	s.waitItem("the write found applied", wait, func(it uitree.Item) bool {
		return it.Window == "MMA ticket" && strings.Contains(it.Text, "this change was applied already")
	})
	s.clickItem(s.waitItem("Edit of the first message", wait, byKey("Edit##msg-edit-0")))
	s.clickItem(s.waitItem("the message's box", wait, byKey("##msg-text")))
	s.keyCombo("ctrl", "Home")
	s.xdotool("type", "--delay", "15", "MUTATED WHILE PAUSED")
	s.xdotool("key", "Return")
	s.waitItem("the typed text", wait, func(it uitree.Item) bool {
		v, _ := it.Value.(string)
		return it.Key == "##msg-text" && strings.HasPrefix(v, "MUTATED WHILE PAUSED\nTicket T1:")
	})
	s.screenshot("paused-mutating")
	s.clickItem(s.waitItem("Save", wait, byKey("Save##msg-save")))
	s.waitItem("the edited message shown", wait, func(it uitree.Item) bool {
		return it.Window == "MMA ticket" && strings.Contains(it.Text, "MUTATED WHILE PAUSED")
	})
	if n := len(srv.requestsOf(3, "T1")); n != before {
		t.Fatalf("%d requests for T1 sent while paused", n-before)
	}
	s.clickItem(s.waitItem("Unpause", wait, byKey("Unpause##unpause-"+track)))
	testutil.Eventually(t, wait, "T1 done", func() bool {
		for _, tr := range status().Tracks {
			if tr.ID == track && len(tr.Tickets) == 1 && tr.Tickets[0].Status == "done" {
				return true
			}
		}
		return false
	})
	reqs := srv.requestsOf(3, "T1")
	if len(reqs) != before+1 || !strings.HasPrefix(reqs[before].User, "MUTATED WHILE PAUSED") {
		t.Fatalf("after Unpause: %d requests (want 1) for T1; the first's user message: %.80q", len(reqs)-before, reqs[len(reqs)-1].User)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "a.txt")); strings.Count(string(b), "T1 was here") != 1 {
		t.Fatalf("a.txt = %q, want T1's line once", b)
	}
}
