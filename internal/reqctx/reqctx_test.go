package reqctx_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/reqctx"
	"github.com/slopgui/slopgui/state"
)

func TestScan(t *testing.T) {
	root := t.TempDir()
	write := func(name string, size int) {
		if err := os.WriteFile(filepath.Join(root, name), []byte(strings.Repeat("x", size)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a.go", 10)
	write("b.go", 5)
	write("big.txt", reqctx.MaxFileBytes+1)
	write("shot.png", 3)
	write("notes.doc", 3)
	p := state.Project{Root: root, Files: []string{"*.go", "a.go", "big.txt", "none/*.x"}, Screenshots: []string{"shot.png", "notes.doc", "gone.png"}}
	for _, data := range []bool{true, false} {
		c := reqctx.Scan(p, data)
		if c.Files != 2 || c.Bytes != 15 || c.Shots != 1 {
			t.Errorf("data %v: files %d, bytes %d, shots %d; want 2 (a.go once), 15, 1", data, c.Files, c.Bytes, c.Shots)
		}
		for _, want := range []string{"big.txt: 1048577 bytes, over the 1 MiB limit", "none/*.x: matches no file",
			"notes.doc: not a PNG, JPEG, GIF or WebP image", "gone.png: no such file or directory"} {
			if !slices.Contains(c.Unreadable, want) {
				t.Errorf("data %v: unreadable %q lacks %q", data, c.Unreadable, want)
			}
		}
		if data != strings.Contains(c.Text, "=== a.go ===") || data != (len(c.Images) == 1) {
			t.Errorf("data %v: text %q, %d images", data, c.Text, len(c.Images))
		}
	}
	if c := reqctx.Read(p); !strings.HasPrefix(c.Text, "Project context: 2 files.") || !strings.Contains(c.Text, "=== a.go ===\nxxxxxxxxxx\n") ||
		c.Images[0].MIME != "image/png" {
		t.Errorf("Read: text %q, image %+v", c.Text, c.Images)
	}
}

func TestMessages(t *testing.T) {
	e := func(role state.Role, text, st string) state.Entry {
		return state.Entry{Role: role, Text: text, Status: st}
	}
	for _, tc := range []struct {
		name    string
		system  string
		history []state.Entry
		cx      reqctx.Context
		sys     string
		want    []string // role: text
	}{
		{"turns of one side joined; failed, streaming and empty left out", "Be brief.",
			[]state.Entry{e(state.RoleUser, "hi", ""), e(state.RoleContext, "ctx", ""), e(state.RoleAI, "half", state.EntryFailed),
				e(state.RoleAI, "hello", ""), e(state.RoleAI, "  ", ""), e(state.RoleAI, "more", ""), e(state.RoleUser, "next", state.EntryStreaming)},
			reqctx.Context{}, "Be brief.", []string{"user: hi\n\n[context] ctx", "assistant: hello\n\nmore"}},
		{"system entries join the prompt, unless the same; context first", "Be brief.",
			[]state.Entry{e(state.RoleSystem, "Be brief.", ""), e(state.RoleSystem, "Use Go.", ""), e(state.RoleTool, "ok", "")},
			reqctx.Context{Text: "Project context: 1 files."}, "Be brief.\n\nUse Go.", []string{"user: Project context: 1 files.", "user: [tool] ok"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sys, msgs := reqctx.Messages(tc.system, tc.history, tc.cx)
			var got []string
			for _, m := range msgs {
				got = append(got, string(m.Role)+": "+m.Text)
			}
			if sys != tc.sys || !slices.Equal(got, tc.want) {
				t.Errorf("system %q, messages %q; want %q, %q", sys, got, tc.sys, tc.want)
			}
		})
	}
}

// A Send carries the shown take's entries (Discussion.Entries): after a
// branch from the first answer, the request holds the branch's history
// and not what main went on with; the project's own roles speak as the
// user, named.
func TestMessagesOfTheShownTake(t *testing.T) {
	var d state.Discussion
	d.Add(state.RoleUser, "question", time.Time{})
	d.Add(state.RoleAI, "first answer", time.Time{})
	d.Add(state.RoleUser, "main goes on", time.Time{})
	if _, err := d.Branch(1); err != nil {
		t.Fatal(err)
	}
	d.Add("Reviewer", "branch goes on", time.Time{})
	_, msgs := reqctx.Messages("", d.Entries, reqctx.Context{})
	var got []string
	for _, m := range msgs {
		got = append(got, string(m.Role)+": "+m.Text)
	}
	want := []string{"user: question", "assistant: first answer", "user: [reviewer] branch goes on"}
	if !slices.Equal(got, want) {
		t.Errorf("branch sends %q, want %q", got, want)
	}
	if err := d.SelectTake(0); err != nil {
		t.Fatal(err)
	}
	_, msgs = reqctx.Messages("", d.Entries, reqctx.Context{})
	if last := msgs[len(msgs)-1]; last.Text != "main goes on" {
		t.Errorf("main sends %q last, want its own entry", last.Text)
	}
}
