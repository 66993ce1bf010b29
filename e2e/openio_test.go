package e2e_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/state"
)

// Issue 17 item 5: opening a 50 MB project through File > Open… reads and
// decodes it off the render thread. While the Open dialog says "Opening
// large.toml…", the window keeps drawing frames (each ctl ui answer is a
// frame drawn; several distinct ones must show the open under way), and
// afterwards the state is the opened project and the dialog is closed.
func TestOpenLargeProjectKeepsDrawing(t *testing.T) {
	t.Parallel()
	path, size := largeProject(t, 5000, 2000, 50<<20)
	s, _ := startCtlSession(t)
	labelled := func(kind uitree.Kind, label string) func(uitree.Item) bool {
		return func(it uitree.Item) bool { return it.Kind == kind && it.Label == label }
	}
	keyed := func(key string) func(uitree.Item) bool {
		return func(it uitree.Item) bool { return strings.Contains(it.Key, key) }
	}
	s.clickItem(s.waitItem("the File menu", 30*time.Second, labelled(uitree.Menu, "File")))
	s.clickItem(s.waitItem("File > Open…", 30*time.Second, labelled(uitree.MenuItem, "Open…")))
	s.clickItem(s.waitItem("the Open dialog's path", 30*time.Second, keyed("open-path")))
	s.xdotool("type", "--delay", "0", path)
	s.waitItem("the typed path", 30*time.Second, func(it uitree.Item) bool { return it.Kind == uitree.Input && it.Value == path })
	s.clickItem(s.waitItem("the Open button", 30*time.Second, keyed("open-ok")))

	under := map[uint64]bool{} // frames drawn while the dialog said the open was under way
	for deadline := time.Now().Add(3 * time.Minute); ; {
		r := s.ctl("--json", "ui", "--window", "Open project")
		var tree uitree.Tree
		if r.code != 0 || json.Unmarshal(r.resp.UI, &tree) != nil {
			break // the dialog is gone: the opened project replaced the state
		}
		for _, it := range tree.Items() {
			if strings.Contains(it.Text, "Opening large.toml") {
				under[tree.Frame] = true
			}
			if strings.Contains(it.Text, "Could not open") {
				t.Fatalf("the open failed: %s", it.Text)
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("the open did not finish within 3 minutes")
		}
	}
	if len(under) < 2 {
		t.Fatalf("%d frames were drawn showing the %d MB open under way, want at least 2", len(under), size>>20)
	}
	r := s.ctl("--json", "state", "Project")
	var p state.Project
	if err := json.Unmarshal(r.resp.State, &p); err != nil || p.Name != "large" {
		t.Fatalf("after the open, Project = %+v (%v; %s)", p, err, r.stderr)
	}
	r0, _ := s.Status() // the status file is written every 30 frames: one written after the switch
	st := s.waitStatus("frames after the open", time.Minute, func(r app.StatusReport) bool { return r.Frames > r0.Frames+30 })
	t.Logf("%d frames drawn while the %d MB project was opened; longest frame since Open %.0f ms (the switch itself, on the render thread)",
		len(under), size>>20, float64(st.LongestFrameUs)/1000)
}
