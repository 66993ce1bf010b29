package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/internal/testutil"
)

// TestMinimalReloads runs the example as its main does, in a windowless
// ImGui context: edit the view's window title, reload, and the next frame
// draws the new window with the state (Clicks) kept.
func TestMinimalReloads(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a real plugin")
	}
	root := testutil.MustCopyModule(t)
	h, err := start(root, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer h.Reload.Close()
	hc := headless.New(t, 640, 360)
	drawn := func(title string) bool {
		t.Helper()
		found := false
		if err := hc.Frame(func() {
			h.Frame()
			found = imgui.InternalFindWindowByName(title) != nil
		}); err != nil {
			t.Fatalf("frame: %v", err)
		}
		return found
	}
	if !drawn("minimal") {
		t.Fatal("generation 0 did not draw its window")
	}
	h.State.Clicks = 3
	testutil.MustReplace(t, filepath.Join(root, "examples/minimal/view/view.go"), `g.Window("minimal")`, `g.Window("minimal, reloaded")`)

	h.Reload.ReloadAll()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute) // a cold cache compiles giu for plugins
	defer cancel()
	if err := h.Reload.Wait(ctx); err != nil {
		t.Fatalf("reload: %v", err)
	}
	if !drawn("minimal, reloaded") {
		t.Fatalf("the reloaded view's window is not drawn; status: %+v", h.Reload.Status().Error)
	}
	if st := h.Reload.Status(); st.Generation != 1 || st.IsError {
		t.Errorf("generation %d, error %q; want 1 and none", st.Generation, st.Error)
	}
	if h.State.Clicks != 3 {
		t.Errorf("Clicks = %d after the reload, want 3 (the state key is kept)", h.State.Clicks)
	}
}
