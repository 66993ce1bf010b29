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

func TestProjectRoundTrip(t *testing.T) {
	u := sampleUI()
	want := persist.ProjectOf(&u)
	path := filepath.Join(t.TempDir(), "sub", "p.toml")
	if err := persist.Save(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := persist.LoadProject(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip changed the project:\n got %+v\nwant %+v", got, want)
	}
	var back state.UI
	got.Apply(&back)
	if !reflect.DeepEqual(back.Discussions, u.Discussions) || !reflect.DeepEqual(back.Tracks, u.Tracks) || back.AI != u.AI {
		t.Fatal("Apply lost data")
	}
}

func TestConfigRoundTrip(t *testing.T) {
	u := sampleUI()
	u.Theme = "NERV"
	u.ShowWindows[state.WindowOps] = false
	u.DiscussionSplit = 123
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
	if c.LastProject != "/p/x.toml" || fresh.Theme != "NERV" || fresh.ShowWindows[state.WindowOps] || !fresh.ShowWindows[state.WindowMMA] || fresh.DiscussionSplit != 123 {
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
