package e2e_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
)

// The MMA rules are a hot module: an edit to a tier's prompt in rules/,
// reloaded with `slopgui ctl reload --wait` while a track runs, is what
// the next worker and the next plan are sent (the workers already running
// go on); an edit that does not compile fails the reload with the error
// and the rules before it keep working; a rule that panics is reported as
// the error state and the last good rules decide instead.
func TestRulesReload(t *testing.T) {
	t.Parallel()
	srv := newMMAServer(t, mmaScript{})
	root := t.TempDir()
	for _, f := range []string{"a.txt", "b.txt", "c.txt"} {
		if err := os.WriteFile(filepath.Join(root, f), []byte(f+" says hi\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	proj := filepath.Join(t.TempDir(), "rules.toml")
	toml := fmt.Sprintf(`Format = 1
[Project]
  Name = "Rules Project"
  Root = %q
  Files = ["a.txt"]
[AI]
  Provider = "openai-compatible"
  Model = "testmodel"
  BaseURL = %q
[[Discussions]]
  Name = "main"
`, root, srv.BaseURL())
	if err := os.WriteFile(proj, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startSessionArgs(t, []string{"XDG_RUNTIME_DIR=" + t.TempDir(), "OPENAI_API_KEY=" + e2eKey, "OPENAI_BASE_URL="},
		[]string{"-project", proj})
	mma := func(args ...string) {
		t.Helper()
		if r := s.ctl(append([]string{"mma"}, args...)...); r.code != 0 {
			t.Fatalf("mma %v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
	system := func(tier, n int, ticket string) string {
		t.Helper()
		reqs := srv.requestsOf(tier, ticket)
		if len(reqs) <= n {
			t.Fatalf("tier %d %s: %d requests, want request %d (requests: %s)", tier, ticket, len(reqs), n+1, srv.summary())
		}
		return reqs[n].System
	}

	// The built-in rules plan, split and start the track; T1 and T2 are
	// held mid-stream (T3 waits for both).
	mma("plan", "greet in every file", "--wait")
	mma("accept", "all")
	mma("tickets", "Greeting", "--wait")
	mma("accept-tickets", "Greeting")
	srv.Hold("T1")
	srv.Hold("T2")
	mma("run", "Greeting")
	srv.WaitHeld(t, "T1", time.Minute)
	srv.WaitHeld(t, "T2", time.Minute)

	// Edit the tier-1 and tier-3 prompts and reload, the track running.
	s.edit("rules/rules.go", `"You are the tier-1 planner of a multi-model coding engine. `,
		`"You are the tier-1 planner of a multi-model coding engine. RULESMARK-ONE. `)
	s.edit("rules/worker.go", `"You are a tier-3 worker of a multi-model coding engine. `,
		`"You are a tier-3 worker of a multi-model coding engine. RULESMARK-ONE. `)
	r := s.ctl("--json", "reload", "--wait", "--timeout", "14m")
	if r.code != 0 || r.resp.Status == nil || r.resp.Status.Generation != 1 || r.resp.Status.Result != "ok" {
		t.Fatalf("reload of the edited rules: exit %d, %+v\n%s", r.code, r.resp.Status, r.stderr)
	}
	srv.Release("T1")
	srv.Release("T2")
	approveEditsUntilDone(t, s, "Greeting", "T3")

	for _, tc := range []struct {
		what   string
		system string
		edited bool
	}{
		{"the plan before the reload", system(1, 0, ""), false},
		{"T1's worker, started before the reload", system(3, 0, "T1"), false},
		{"T2's worker, started before the reload", system(3, 0, "T2"), false},
		{"T3's worker, started after it", system(3, 0, "T3"), true},
	} {
		if got := strings.Contains(tc.system, "RULESMARK-ONE"); got != tc.edited {
			t.Errorf("%s: edited prompt %v, want %v:\n%s", tc.what, got, tc.edited, tc.system)
		}
	}
	mma("plan", "greet again", "--wait")
	if sys := system(1, 1, ""); !strings.Contains(sys, "RULESMARK-ONE") {
		t.Errorf("the plan after the reload was not sent the edited prompt:\n%s", sys)
	}

	// A rules edit that does not compile: the reload fails with the
	// compiler's error, and the rules of generation 1 keep working.
	s.edit("rules/rules.go", "RULESMARK-ONE. ", "RULESMARK-TWO. ")
	broken := filepath.Join(s.root, "rules", "zz_broken.go")
	if err := os.WriteFile(broken, []byte("package rules\n\nfunc broken( {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = s.ctl("--json", "reload", "--wait")
	if st := r.resp.Status; r.code != 1 || st == nil || st.Generation != 1 || len(st.Diagnostics) == 0 ||
		st.Diagnostics[0].File != "rules/zz_broken.go" || st.Diagnostics[0].Line != 3 || !strings.Contains(st.Error, "the MMA rules do not compile") {
		t.Fatalf("reload of broken rules: exit %d, %+v", r.code, st)
	}
	mma("plan", "greet a third time", "--wait")
	if sys := system(1, 2, ""); !strings.Contains(sys, "RULESMARK-ONE") || strings.Contains(sys, "RULESMARK-TWO") {
		t.Errorf("after a failed reload the plan was not sent generation 1's prompt:\n%s", sys)
	}

	// A rule that panics: reported as the error state, and the last good
	// rules (generation 1's) make the decision.
	if err := os.Remove(broken); err != nil {
		t.Fatal(err)
	}
	s.edit("rules/rules.go", "func Tier1(in PlanInput) (system, user string) {\n",
		"func Tier1(in PlanInput) (system, user string) {\n\tif in.Goal == \"panic please\" {\n\t\tpanic(\"RULESPANIC\")\n\t}\n")
	if r = s.ctl("--json", "reload", "--wait"); r.code != 0 || r.resp.Status.Generation != 2 {
		t.Fatalf("reload of the panicking rule: exit %d, %+v", r.code, r.resp.Status)
	}
	mma("plan", "panic please", "--wait")
	if sys := system(1, 3, ""); !strings.Contains(sys, "RULESMARK-ONE") || strings.Contains(sys, "RULESMARK-TWO") {
		t.Errorf("the panicking rule's plan was not made by generation 1's rules:\n%s", sys)
	}
	st := s.waitStatus("the rule's panic as the error state", 30*time.Second, func(r app.StatusReport) bool { return r.IsError })
	if st.Reason != "rule-panic" || !strings.Contains(st.Error, "rule Tier1 of the generation 2 rules panicked: RULESPANIC") ||
		!strings.Contains(st.Error, "the generation 1 rules") {
		t.Errorf("status: reason %q, error:\n%s", st.Reason, st.Error)
	}
	img := s.waitScreen("rule-panic", 30*time.Second, "rule-panic", "RULESPANIC")
	if f := redFraction(img, window); f <= 0.9 {
		t.Errorf("a panicking rule: only %.0f%% of the window is red-tinted", f*100)
	}
	// The fix clears it.
	s.edit("rules/rules.go", "\t\tpanic(\"RULESPANIC\")\n", "")
	if r = s.ctl("--json", "reload", "--wait"); r.code != 0 || r.resp.Status.Generation != 3 {
		t.Fatalf("reload of the fixed rule: exit %d, %+v", r.code, r.resp.Status)
	}
	img = s.waitScreen("rule-fixed", 30*time.Second, "Generation 3")
	if f := redFraction(img, window); f > 0.05 {
		t.Errorf("tint still there after the fix: %.0f%% red pixels", f*100)
	}
	mma("plan", "panic please", "--wait")
	if sys := system(1, 4, ""); !strings.Contains(sys, "RULESMARK-TWO") {
		t.Errorf("the fixed rules of generation 3 did not make the plan:\n%s", sys)
	}
}

// approveEditsUntilDone approves every edit the track's workers ask for
// until ticket is done.
func approveEditsUntilDone(t *testing.T, s *session, track, ticket string) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		r := s.ctl("--json", "mma", "status")
		if r.code != 0 || r.resp.MMA == nil {
			t.Fatalf("mma status: exit %d, %s %s", r.code, r.stdout, r.stderr)
		}
		for _, tr := range r.resp.MMA.Tracks {
			for _, k := range tr.Tickets {
				if tr.Name == track && k.ID == ticket && k.Status == "done" {
					return
				}
				if tr.Name == track && (k.Status == "blocked" || k.Status == "failed") {
					t.Fatalf("ticket %s %s: %s", k.ID, k.Status, k.Reason)
				}
			}
		}
		for _, a := range r.resp.MMA.Approvals {
			if a.Kind == "edit" {
				if r := s.ctl("mma", "approve", a.ID); r.code != 0 {
					t.Fatalf("mma approve %s: exit %d, %s", a.ID, r.code, r.stderr)
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("ticket %s of %s not done: %+v", ticket, track, r.resp.MMA.Tracks)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
