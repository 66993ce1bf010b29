package persist_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/persist"
	"github.com/slopgui/slopgui/state"
)

var t0 = time.Date(2026, 11, 20, 9, 30, 15, 0, time.UTC)

func sampleUI() state.UI {
	u := state.Sample(t0)
	u.Project.Screenshots = []string{"shots/a.png"}
	u.Project.OutputDir = "out"
	u.StepMode = true
	u.ActiveTrack = 0
	u.Discussions[0].Entries[1].Collapsed = true
	u.Comms = []state.CommsEntry{{Time: t0, Direction: "sent", Kind: "request", Text: "hi"}}
	u.ToolLog = []state.ToolCall{{Time: t0, Tool: "run", Args: "go test", Result: "ok"}}
	return u
}

// saveAndLoad writes p to path and reads it back.
func saveAndLoad(t *testing.T, path string, p persist.Project) persist.Project {
	t.Helper()
	if err := persist.Save(path, p); err != nil {
		t.Fatal(err)
	}
	got, err := persist.LoadProject(path)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestProjectRoundTrip(t *testing.T) {
	u := sampleUI()
	want := persist.ProjectOf(&u)
	got := saveAndLoad(t, filepath.Join(t.TempDir(), "sub", "p.toml"), want)
	if d := fieldDiff(got, want); d != "" {
		t.Fatalf("the round trip changed the project:\n%s", d)
	}
	// Applied to an empty UI, the file gives back every saved field.
	var back state.UI
	got.Apply(&back)
	if d := fieldDiff(persist.ProjectOf(&back), want); d != "" {
		t.Fatalf("Apply lost data:\n%s", d)
	}
}

// fieldDiff lists the top-level fields of two structs of one type that
// differ (reflect.DeepEqual), with both values; "" when none do.
func fieldDiff(got, want any) string {
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	var b strings.Builder
	for i := range g.NumField() {
		if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			fmt.Fprintf(&b, "%s:\n  got  %+v\n  want %+v\n", g.Type().Field(i).Name, g.Field(i).Interface(), w.Field(i).Interface())
		}
	}
	return b.String()
}

// SameSaved tells edits to what is saved (project file or preferences)
// from edits to what is not, and SameUnsaved sees exactly the others:
// every UI field is in one list or the other.
func TestSameSaved(t *testing.T) {
	saved := map[string]func(u *state.UI){
		"Project":             func(u *state.UI) { u.Project.Files = append(u.Project.Files, "new.go") },
		"AI":                  func(u *state.UI) { u.AI.Temperature += 0.1 },
		"Discussions":         func(u *state.UI) { u.Discussions[0].Entries[0].Text += "!" },
		"ActiveDiscussion":    func(u *state.UI) { u.ActiveDiscussion++ },
		"Tracks":              func(u *state.UI) { u.Tracks[0].Tickets[0].Title += "!" },
		"ActiveTrack":         func(u *state.UI) { u.ActiveTrack++ },
		"StepMode":            func(u *state.UI) { u.StepMode = !u.StepMode },
		"Comms":               func(u *state.UI) { u.Comms = append(u.Comms, state.CommsEntry{Text: "x"}) },
		"ToolLog":             func(u *state.UI) { u.ToolLog[0].Result = "failed" },
		"ShowWindows":         func(u *state.UI) { u.ShowWindows[state.WindowOps] = !u.ShowWindows[state.WindowOps] },
		"Theme":               func(u *state.UI) { u.Theme = "NERV" },
		"DiscussionSplit":     func(u *state.UI) { u.DiscussionSplit++ },
		"ApproveAgentReloads": func(u *state.UI) { u.ApproveAgentReloads = !u.ApproveAgentReloads },
		"ReloadErrorDetails":  func(u *state.UI) { u.ReloadErrorDetails = !u.ReloadErrorDetails },
		"Prices":              func(u *state.UI) { u.Prices = map[string]state.Price{"m": {In: 1, Out: 2}} },
	}
	notSaved := map[string]func(u *state.UI){
		"ComposerRole": func(u *state.UI) { u.ComposerRole++ },
		"ComposerText": func(u *state.UI) { u.ComposerText = "half typed" },
		"Forms":        func(u *state.UI) { u.Forms.NewFilePattern = "*.md" },
		"Dialogs":      func(u *state.UI) { u.Dialogs.Open = true },
		"Chat":         func(u *state.UI) { u.Chat.Models = append(u.Chat.Models, "m") },
		// An entry's Read / Edit toggle is how it is shown, not saved.
		"Discussions' Entry.Editing": func(u *state.UI) { u.Discussions[0].Entries[0].Editing = true },
	}
	for i := range reflect.TypeFor[state.UI]().NumField() {
		name := reflect.TypeFor[state.UI]().Field(i).Name
		if saved[name] == nil && notSaved[name] == nil {
			t.Errorf("state.UI.%s is new: say whether SameSaved must see edits to it", name)
		}
	}
	base := sampleUI()
	for _, tc := range []struct {
		edits map[string]func(*state.UI)
		same  bool
	}{{saved, false}, {notSaved, true}} {
		for name, edit := range tc.edits {
			var u state.UI
			base.CopyTo(&u)
			if !persist.SameSaved(&u, &base) {
				t.Fatalf("%s: a copy is not the same", name)
			}
			edit(&u)
			if got := persist.SameSaved(&u, &base); got != tc.same {
				t.Errorf("edit to %s: SameSaved = %v, want %v", name, got, tc.same)
			}
			if got := persist.SameUnsaved(&u, &base); got == tc.same {
				t.Errorf("edit to %s: SameUnsaved = %v, want %v", name, got, !tc.same)
			}
		}
	}
}

// BenchmarkSameSaved is what noticing edits costs the host each frame at
// 5,000 discussion entries and 2,000 tickets (against the frame's copy,
// which shares its strings), next to the frame's copy it saves when
// nothing changed (CopyTo), and to what the autosave check did before (a
// copy of the saved part and two comparisons, five times a second).
func BenchmarkSameSaved(b *testing.B) {
	u := testutil.LargeUI(5000, 2000, 0)
	var frame state.UI
	u.CopyTo(&frame)
	b.Run("SameSaved", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if !persist.SameSaved(&u, &frame) {
				b.Fatal("differs")
			}
		}
	})
	b.Run("CopyTo", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			u.CopyTo(&frame)
		}
	})
	b.Run("snapshot+2 compares", func(b *testing.B) {
		b.ReportAllocs()
		seen, saved := persist.ProjectOf(&u).Clone(), persist.ProjectOf(&u).Clone()
		for b.Loop() {
			p := persist.ProjectOf(&u).Clone()
			c := persist.ConfigOf(&u, "").Clone()
			if !p.Equal(seen) || !seen.Equal(saved) || !c.Equal(c) {
				b.Fatal("differs")
			}
		}
	})
}

func TestConfigRoundTrip(t *testing.T) {
	u := sampleUI()
	u.Theme = "NERV"
	u.ShowWindows[state.WindowOps] = false
	u.DiscussionSplit = 123
	u.ApproveAgentReloads = true
	u.ReloadErrorDetails = true
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := persist.Save(path, persist.ConfigOf(&u, "/p/x.toml")); err != nil {
		t.Fatal(err)
	}
	var c persist.Config
	if err := persist.Load(path, &c); err != nil {
		t.Fatal(err)
	}
	fresh := state.Fresh("x")
	c.Apply(&fresh)
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), "ApproveAgentReloads = true") {
		t.Errorf("config.toml does not keep the approval setting:\n%s", b)
	}
	if c.LastProject != "/p/x.toml" || fresh.Theme != "NERV" || fresh.ShowWindows[state.WindowOps] || !fresh.ShowWindows[state.WindowMMA] || fresh.DiscussionSplit != 123 || !fresh.ApproveAgentReloads ||
		!fresh.ReloadErrorDetails {
		t.Fatalf("config %+v applied as %+v", c, fresh)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	bad, err := os.ReadFile("testdata/corrupt.toml")
	if err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(dir, "newer.toml")
	os.WriteFile(newer, []byte("Format = 99\n"), 0o644)
	corrupt := filepath.Join(dir, "corrupt.toml")
	os.WriteFile(corrupt, bad, 0o644)
	tests := []struct {
		path        string
		wantCorrupt bool
		wantMissing bool
	}{
		{corrupt, true, false},
		{newer, true, false},
		{filepath.Join(dir, "absent.toml"), false, true},
	}
	for _, tc := range tests {
		_, err := persist.LoadProject(tc.path)
		var ce *persist.CorruptError
		if errors.As(err, &ce) != tc.wantCorrupt || errors.Is(err, fs.ErrNotExist) != tc.wantMissing {
			t.Errorf("%s: err = %v", filepath.Base(tc.path), err)
		}
	}
}

// While one goroutine saves new versions over and over, readers only ever
// see a complete file: the old version or the new one.
func TestSaveIsAtomic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.toml")
	u := sampleUI()
	big := strings.Repeat("typed text ", 2000)
	if err := persist.Save(path, persist.ProjectOf(&u)); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for i := range 200 {
			u.ComposerText = ""
			u.Discussions[0].Entries[0].Text = fmt.Sprintf("%d %s", i, big)
			if err := persist.Save(path, persist.ProjectOf(&u)); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	reads := 0
	for {
		select {
		case <-done:
			wg.Wait()
			if reads == 0 {
				t.Fatal("no reads overlapped the writes")
			}
			ents, _ := os.ReadDir(filepath.Dir(path))
			if len(ents) != 1 {
				t.Fatalf("temporary files left behind: %d entries", len(ents))
			}
			return
		default:
		}
		p, err := persist.LoadProject(path)
		if err != nil {
			t.Fatalf("read a partial file: %v", err)
		}
		if !strings.HasSuffix(p.Discussions[0].Entries[0].Text, "You are a careful Go reviewer.") && !strings.HasSuffix(p.Discussions[0].Entries[0].Text, big) {
			t.Fatal("read a truncated entry")
		}
		reads++
	}
}

// The MMA engine's ticket and track fields (transcript, applied edits,
// reasons, step mode) survive a save and a load.
func TestProjectRoundTripMMA(t *testing.T) {
	u := sampleUI()
	u.Tracks = append(u.Tracks, state.Track{
		Name: "engine", ID: "k1", Goal: "a goal", Brief: "a brief", Files: []string{"a.go", "b/c.go"},
		Running: true, Paused: true, StepMode: true,
		Tickets: []state.Ticket{{
			ID: "T1", Title: "t", Status: state.StatusBlocked, DependsOn: []string{},
			Description: "do it", Targets: []string{"a.go"}, Reason: "depends on T0", Summary: "did it",
			Model: "m2", Escalation: 1, StepMode: true, Interrupted: true, Applied: []string{"T1/c1"},
			Transcript: []state.TicketMsg{
				{Role: "user", Text: "context"},
				{Role: "assistant", Text: "ok", Calls: []state.TicketCall{{ID: "c1", Name: "edit_file", Args: `{"path":"a.go"}`}}},
				{Role: "user", Results: []state.TicketResult{{CallID: "c1", Name: "edit_file", Content: "applied", IsError: true}}},
			},
		}},
	})
	want := persist.ProjectOf(&u)
	got := saveAndLoad(t, filepath.Join(t.TempDir(), "p.toml"), want)
	// An empty slice comes back nil (omitempty); compare by state's rules.
	if !state.TracksEqual(got.Tracks, want.Tracks) {
		t.Fatalf("tracks changed in the round trip:\n got %+v\nwant %+v", got.Tracks[1], want.Tracks[1])
	}
}
