package mma_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/state"
)

// Every write is asked with its diff; what the user decides (approve,
// deny, approve edited arguments) is what happens, and the model reads it.
func TestEditApproval(t *testing.T) {
	edited, _ := json.Marshal(map[string]string{"path": "f.txt", "old_text": "old", "new_text": "mine"})
	for _, tc := range []struct {
		name    string
		approve bool
		args    string
		file    string
		result  string
	}{
		{"approved", true, "", "new\n", "applied to f.txt"},
		{"denied", false, "", "old\n", "did not approve"},
		{"edited", true, string(edited), "mine\n", "applied to f.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, map[string]string{"f.txt": "old\n"}, func(ctx context.Context, req llm.Request) []llm.Event {
				if _, turn := ticketOf(req); turn == 0 {
					return []llm.Event{call("e", "edit_file", map[string]string{"path": "f.txt", "old_text": "old", "new_text": "new"})}
				}
				return []llm.Event{done("T1")}
			})
			e := w.start()
			tr := w.addTrack("T1")
			e.Run(tr)
			p := w.answer(approval.KindEdit, "f.txt", tc.approve, tc.args)
			if !strings.Contains(p.Detail, "-old\n+new\n") {
				t.Errorf("the question's diff:\n%s", p.Detail)
			}
			w.waitStatus(tr, "T1", state.StatusDone)
			if b, _ := os.ReadFile(filepath.Join(w.root, "f.txt")); string(b) != tc.file {
				t.Errorf("f.txt = %q, want %q", b, tc.file)
			}
			if got := lastResults(w.p.requests("A")[1]); !strings.Contains(got, tc.result) {
				t.Errorf("the model read %q, want %q", got, tc.result)
			}
		})
	}
}

// Outside step mode run_command asks unless AutoCommands; reads never do.
func TestCommandApproval(t *testing.T) {
	w := newWorld(t, map[string]string{"a.txt": "x"}, func(ctx context.Context, req llm.Request) []llm.Event {
		switch _, turn := ticketOf(req); turn {
		case 0:
			return []llm.Event{call("r", "read_file", map[string]string{"path": "a.txt"}), call("c", "run_command", map[string]string{"command": "echo hi"})}
		}
		return []llm.Event{done("T1")}
	})
	w.cfg.AutoCommands = false
	e := w.start()
	tr := w.addTrack("T1")
	e.Run(tr)
	p := w.answer(approval.KindTool, "run_command", false, "")
	if p.Run == "" || p.Asker.Name != "mma" {
		t.Errorf("the question does not say whose it is: %+v", p)
	}
	w.waitStatus(tr, "T1", state.StatusDone)
	if got := lastResults(w.p.requests("A")[1]); !strings.HasPrefix(got, "x") || !strings.Contains(got, "denied") {
		t.Errorf("results %q: want the read and the denial", got)
	}
}
