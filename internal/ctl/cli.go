package ctl

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/slopgui/slopgui/gui/uitree"
)

const usage = `usage: slopgui ctl [--json] [--pid N] COMMAND [ARGS]

Drive a running slopgui (the one running as this user; --pid picks one
when several run: the app's PID or its supervisor's).

commands:
  status                      generation, phase, last result, timings, errors
  reload [--wait] [--timeout D]
                              reload the views, as Ctrl+Alt+R does; with
                              --wait, print this reload's result
  history                     every reload and rollback; the generations loaded
  rollback N                  make generation N (0: the built-in views) current
  screenshot FILE.png         save the window's pixels, as drawn
  state [KEY]                 the registered state (read only), as JSON
  ui [--window TITLE]         what the next frame draws: windows and their
                              widgets (kind, label, ID, rect, value), as JSON
  click LABEL|ID              press a button, checkbox, selectable, menu item
                              or tab, as a click does; prints what changed
  type ID|LABEL TEXT          type TEXT into an input (at its end), as keys
  key COMBO                   press keys: ctrl+s, enter, ctrl+shift+z, f5…
  select-tab LABEL            show the tab LABEL
  wait-for TEXT|ID [--timeout D]
                              wait until an item with that ID, label or text
                              is drawn (default 30s)
  select LABEL|ID VALUE       choose VALUE in a combo (one of its options) or
                              set a slider to the number VALUE
  set KEY JSON                set a state key (slopgui ctl state lists them)
                              to JSON, between two frames
                              (click, type, key, select and set ask the user first
                              when approval is on)
  watch [--kinds K1,K2]       stream the app's events as JSON lines until
                              interrupted: reload.started/building/built/
                              swapped/failed, view.panic, restart, approval.*,
                              mma.ticket, ui.action (--kinds reload,approval:
                              only those); follows the app across restarts
  ask QUESTION [--choices a,b,c] [--timeout D]
                              ask the user in a modal in the window; prints
                              the answer (a choice, or the text typed); waits
                              until answered (exit 4: dismissed, 5: timed out)
  mma status                  the tracks and tickets, the MMA engine's status,
                              and every approval waiting (reloads, tool calls,
                              MMA workers), with its ID
  mma approve ID [--args TEXT]
                              answer approval ID yes, as its Approve button
                              (--args: the call's arguments, edited)
  mma deny ID                 answer approval ID no
  mma pause TRACK             no new workers or turns in TRACK (ID or name)
  mma resume TRACK            let TRACK's ready tickets run again
  mma step TRACK on|off       every transition of TRACK waits for the user
  mma plan GOAL [--wait] [--timeout D]
                              ask tier 1 for tracks toward GOAL; --wait
                              prints them when it answers (10m at most)
  mma accept N|all            accept proposed track N (1 = the first) or all
  mma tickets TRACK [--wait] [--timeout D]
                              ask tier 2 for TRACK's tickets
  mma accept-tickets TRACK    put TRACK's proposed tickets in it
  mma run TRACK               run TRACK: its ready tickets get workers
  mma resume-ticket TRACK TICKET
                              an interrupted or stopped ticket goes on from
                              its transcript

exit status: 0 done, 1 the reload or rollback failed, 2 usage or
connection error, 3 denied by the user (-approve-agent-reloads), 4 the
user dismissed the question (ask), 5 no answer in time (ask)
`

// Main runs `slopgui ctl` and returns its exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	var jsonOut bool
	var pid int
	var wait bool
	timeout := 10 * time.Minute
	global := func(fs *flag.FlagSet) {
		fs.BoolVar(&jsonOut, "json", jsonOut, "print JSON")
		fs.IntVar(&pid, "pid", pid, "the slopgui to talk to (app or supervisor PID)")
	}
	fs := flag.NewFlagSet("slopgui ctl", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	global(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	cmd := rest[0]
	if op, ok := actCommands[cmd]; ok {
		cmd = op
	}
	sub := flag.NewFlagSet("slopgui ctl "+cmd, flag.ContinueOnError)
	sub.SetOutput(stderr)
	sub.Usage = func() { fmt.Fprint(stderr, usage) }
	global(sub)
	var window string
	if cmd == OpUI {
		sub.StringVar(&window, "window", "", "only the window with this title")
	}
	if cmd == OpWaitFor {
		timeout = 30 * time.Second
		sub.DurationVar(&timeout, "timeout", timeout, "give up waiting after this long")
	}
	if cmd == OpReload {
		sub.BoolVar(&wait, "wait", false, "wait for this reload's result")
		sub.DurationVar(&timeout, "timeout", timeout, "give up waiting after this long")
	}
	var kinds string
	if cmd == OpWatch {
		sub.StringVar(&kinds, "kinds", "", "only these kinds of events, comma separated (reload, approval, mma, ui, view, restart, or whole kinds)")
	}
	var choices string
	var askTimeout time.Duration
	if cmd == OpAsk {
		sub.StringVar(&choices, "choices", "", "the answers offered, comma-separated (none: the user types one)")
		sub.DurationVar(&askTimeout, "timeout", 0, "give up after this long (default: wait until answered)")
	}
	var mo mmaOpts
	if cmd == "mma" {
		sub.Func("args", "approve: the call's arguments as edited", func(v string) error { mo.args = &v; return nil })
		sub.BoolVar(&mo.wait, "wait", false, "plan, tickets: wait for the tier's answer")
		sub.DurationVar(&mo.timeout, "timeout", 0, "give up waiting after this long (default 10m)")
	}
	pos, err := parseInterspersed(sub, rest[1:])
	if err != nil {
		return ExitUsage
	}
	bad := func(msg string) int {
		fmt.Fprintf(stderr, "slopgui ctl %s: %s\n", cmd, msg)
		return ExitUsage
	}
	req := Request{Op: cmd}
	var outFile string
	switch cmd {
	case OpStatus, OpHistory:
		if len(pos) != 0 {
			return bad("takes no arguments")
		}
	case OpReload:
		if len(pos) != 0 {
			return bad("takes no arguments (flags: --wait, --timeout D)")
		}
		req.Wait = wait
		req.TimeoutMs = timeout.Milliseconds()
	case OpRollback:
		if len(pos) != 1 {
			return bad("wants one generation number: slopgui ctl rollback N")
		}
		n, err := strconv.Atoi(pos[0])
		if err != nil || n < 0 {
			return bad(fmt.Sprintf("%q is not a generation number (0, 1, 2…; see slopgui ctl history)", pos[0]))
		}
		req.Generation = n
		req.TimeoutMs = timeout.Milliseconds()
	case OpScreenshot:
		if len(pos) != 1 {
			return bad("wants the file to write: slopgui ctl screenshot FILE.png")
		}
		outFile = pos[0]
	case OpState:
		if len(pos) > 1 {
			return bad("takes at most one state key")
		}
		if len(pos) == 1 {
			req.Key = pos[0]
		}
	case OpUI:
		if len(pos) != 0 {
			return bad("takes no arguments (flag: --window TITLE)")
		}
		req.Window = window
	case OpClick, OpType, OpKey, OpSelectTab, OpWaitFor, OpSet, OpSelect:
		if req, err = actRequest(cmd, pos); err != nil {
			return bad(err.Error())
		}
		req.TimeoutMs = timeout.Milliseconds()
	case OpAsk:
		if req, err = askRequest(pos, choices, askTimeout); err != nil {
			return bad(err.Error())
		}
	case "mma":
		if req, err = mmaRequest(pos, mo); err != nil {
			return bad(err.Error())
		}
	case OpWatch:
		if len(pos) != 0 {
			return bad("takes no arguments (flag: --kinds K1,K2)")
		}
		return watchMain(WatchOptions{Dir: Dir(), PID: pid, Kinds: kinds}, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "slopgui ctl: unknown command %q\n%s", cmd, usage)
		return ExitUsage
	}

	c, err := Dial(pid)
	if err != nil {
		fmt.Fprintf(stderr, "slopgui ctl: %v\n", err)
		return ExitUsage
	}
	do := c.Do
	if req.Op == OpAsk && req.TimeoutMs == 0 {
		do = c.Call // as long as the user takes
	}
	resp, err := do(context.Background(), req)
	if err != nil {
		fmt.Fprintf(stderr, "slopgui ctl: %v\n", err)
		return ExitUsage
	}
	if outFile != "" && resp.Code == ExitOK {
		if err := os.WriteFile(outFile, resp.PNG, 0o644); err != nil {
			fmt.Fprintf(stderr, "slopgui ctl: writing the screenshot: %v\n", err)
			return ExitUsage
		}
		resp.Message = fmt.Sprintf("wrote %s (%d bytes)", outFile, len(resp.PNG))
		resp.PNG = nil
	}
	if req.Op == OpAsk && resp.Answer != nil && !jsonOut {
		fmt.Fprintln(stdout, *resp.Answer) // the answer alone, even empty
		return resp.Code
	}
	if jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(resp)
	} else {
		if req.Op != OpMMAStatus {
			resp.MMA = nil // the message says what changed; mma status shows the rest
		}
		PrintHuman(stdout, resp)
	}
	if resp.Error != "" && !jsonOut {
		fmt.Fprintf(stderr, "slopgui ctl: %s\n", resp.Error)
	}
	return resp.Code
}

// PrintHuman writes a response for a person.
func PrintHuman(w io.Writer, r Response) {
	if r.Message != "" {
		fmt.Fprintln(w, r.Message)
	}
	if s := r.Status; s != nil {
		PrintStatus(w, s)
	}
	if len(r.History) > 0 || len(r.Generations) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "TIME\tGEN\tRESULT\tSOURCES\tBUILD ms\tLOAD ms\tSWAP ms\tERROR")
		for _, h := range r.History {
			res := "ok"
			if !h.OK {
				res = "failed: " + h.Reason
			}
			if h.Rollback {
				res = "rollback " + res
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%d\t%d\t%.2f\t%s\n", h.When.Format("15:04:05"), h.Generation, res,
				short(h.SourceHash), h.BuildMs, h.LoadMs, float64(h.SwapUs)/1000, firstLine(h.Error))
		}
		tw.Flush()
		fmt.Fprintln(w, "\nloaded generations (slopgui ctl rollback N):")
		for _, g := range r.Generations {
			cur := ""
			if g.Current {
				cur = "  (running)"
			}
			fmt.Fprintf(w, "  %d  loaded %s  sources %s%s\n", g.Generation, g.Loaded.Format("15:04:05"), short(g.SourceHash), cur)
		}
	}
	if r.MMA != nil {
		PrintMMAStatus(w, r.MMA)
	}
	for _, it := range r.Changed {
		v := it.Text
		if it.Value != nil {
			b, _ := json.Marshal(it.Value)
			v = string(b)
		}
		fmt.Fprintf(w, "  %s %s %q in %q: %s\n", it.ID, it.Kind, it.Label, visibleTitle(it.Window), firstLine(v))
	}
	for _, raw := range []json.RawMessage{r.State, r.UI} {
		var v any
		if len(raw) > 0 && json.Unmarshal(raw, &v) == nil {
			b, _ := json.MarshalIndent(v, "", "  ")
			fmt.Fprintln(w, string(b))
		}
	}
}

// actCommands are the UI action commands whose op differs.
var actCommands = map[string]string{"select-tab": OpSelectTab, "wait-for": OpWaitFor}

// actRequest reads a UI action's arguments.
func actRequest(op string, pos []string) (Request, error) {
	req := Request{Op: op}
	want := map[string]string{OpClick: "LABEL|ID", OpType: "ID TEXT", OpKey: "COMBO", OpSelectTab: "LABEL", OpWaitFor: "TEXT|ID", OpSet: "KEY JSON", OpSelect: "LABEL|ID VALUE"}[op]
	if len(pos) != len(strings.Fields(want)) || pos[0] == "" {
		return req, fmt.Errorf("wants %s", want)
	}
	switch op {
	case OpType, OpSelect:
		req.Query, req.Text = pos[0], pos[1]
	case OpKey:
		if _, err := uitree.ParseCombo(pos[0]); err != nil {
			return req, err
		}
		req.Text = pos[0]
	case OpSet:
		if !json.Valid([]byte(pos[1])) {
			return req, fmt.Errorf("%q is not JSON (a string is written with its quotes: '\"text\"')", pos[1])
		}
		req.Key, req.Value = pos[0], pos[1]
	default:
		req.Query = pos[0]
	}
	return req, nil
}

// PrintStatus writes a status for a person.
func PrintStatus(w io.Writer, s *Status) {
	fmt.Fprintf(w, "generation %d, %s (PID %d)", s.Generation, s.Phase, s.PID)
	if s.Busy {
		fmt.Fprint(w, ", reload under way")
	}
	if s.ApprovalRequired {
		fmt.Fprint(w, ", agent reloads need approval")
	}
	fmt.Fprintln(w)
	if s.Restarting != "" {
		fmt.Fprintf(w, "restart: %s\n", s.Restarting)
	}
	t := s.Timings
	switch s.Result {
	case "none":
		fmt.Fprintln(w, "no reload yet")
	case "ok":
		fmt.Fprintf(w, "last result: ok (build %d ms, load %d ms, swap %.2f ms)\n", t.BuildMs, t.LoadMs, float64(t.SwapUs)/1000)
	default:
		fmt.Fprintf(w, "last result: FAILED (%s)\n", s.Reason)
	}
	fmt.Fprintf(w, "%d reloads: %d ok, %d failed; %d rollbacks\n", s.Reloads, s.Successes, s.Failures, s.Rollbacks)
	for _, d := range s.Diagnostics {
		fmt.Fprintln(w, d.String())
	}
	for _, p := range s.Panics {
		fmt.Fprintf(w, "%s (generation %d) panicked: %s\n", p.View, p.Generation, p.Value)
		for _, f := range p.Stack {
			fmt.Fprintf(w, "\t%s\n\t\t%s:%d\n", f.Func, f.File, f.Line)
		}
	}
	if s.Result == "failed" && len(s.Diagnostics) == 0 && len(s.Panics) == 0 && s.Error != "" {
		fmt.Fprintln(w, s.Error)
	}
}

// parseInterspersed parses fs's flags wherever they stand among the
// arguments (`mma approve q3 --args X`) and returns the others, in order;
// "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	if h == "" {
		return "-"
	}
	return h
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
