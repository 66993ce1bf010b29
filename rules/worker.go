package rules

import (
	"fmt"
	"strings"

	"github.com/slopgui/slopgui/ruleapi"
	"github.com/slopgui/slopgui/state"
)

// Startable lists the ready tickets the auto-queue may start: Ready less
// the interrupted ones, which wait for the user's Resume.
func Startable(t *state.Track) []string {
	var out []string
	for _, id := range Ready(t) {
		if !t.Ticket(id).Interrupted {
			out = append(out, id)
		}
	}
	return out
}

// Tool names of the two tools that end a worker (ruleapi's).
const (
	DoneTool    = ruleapi.DoneTool
	BlockedTool = ruleapi.BlockedTool
)

// Tier3 returns the system prompt and the first user message of a worker.
func Tier3(in WorkerInput) (system, user string) {
	system = "You are a tier-3 worker of a multi-model coding engine. You do one ticket, alone, with tools: " +
		"read_file, list_files, search_files and run_command to look and check, write_file and edit_file to change files " +
		"(each change is shown to the user as a diff and applied only if approved). Change only what the ticket asks. " +
		"When the ticket is done, call " + DoneTool + " with a short summary. If you cannot go on, call " + BlockedTool +
		" with the reason: you will get a diagnosis and may go on."
	var b strings.Builder
	tk := in.Ticket
	fmt.Fprintf(&b, "Ticket %s: %s\n\n%s\n", tk.ID, tk.Title, strings.TrimSpace(tk.Description))
	if len(tk.Targets) > 0 {
		fmt.Fprintf(&b, "\nTarget files: %s\n", strings.Join(tk.Targets, ", "))
	}
	if s := strings.TrimSpace(in.Brief); s != "" {
		fmt.Fprintf(&b, "\nThe track's brief:\n%s\n", s)
	}
	for _, f := range in.Files {
		fmt.Fprintf(&b, "\n--- %s (full text)\n%s\n", f.Path, f.Text)
	}
	for _, f := range in.Skeletons {
		fmt.Fprintf(&b, "\n--- %s (skeleton: exported declarations only)\n%s\n", f.Path, f.Text)
	}
	return system, b.String()
}

// Tier4 returns the system prompt and user message of a QA call.
func Tier4(in DiagnoseInput) (system, user string) {
	system = "You are the tier-4 QA of a multi-model coding engine. A worker doing a ticket hit a failure. " +
		"Read the failing output and answer with a short diagnosis: the likely cause and what to try next, in a few sentences. No code blocks longer than a few lines."
	user = fmt.Sprintf("Ticket %s: %s\n\n%s\n\nFailing output:\n%s\n", in.Ticket.ID, in.Ticket.Title,
		strings.TrimSpace(in.Ticket.Description), in.Output)
	return system, user
}
