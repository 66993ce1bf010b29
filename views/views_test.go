package views_test

import (
	"testing"
	"time"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views"
)

type host struct {
	contract.Host
	reloads int
}

func (h *host) ReloadAll() { h.reloads++ }

func newFrame() *contract.Frame {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	ui := state.Sample(now)
	return &contract.Frame{UI: &ui, Host: &host{}, Now: now}
}

func TestAPIVersionMatchesContract(t *testing.T) {
	if views.APIVersion != contract.APIVersion {
		t.Fatalf("views.APIVersion = %d, contract.APIVersion = %d", views.APIVersion, contract.APIVersion)
	}
}

// Every target renders frames in an ImGui context with no window, and
// draws something.
func TestEveryTargetRendersHeadless(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	for name, target := range views.Targets {
		t.Run(name, func(t *testing.T) {
			view, ok := target.(contract.View)
			if !ok {
				t.Fatalf("target %s is a %T, not a contract.View", name, target)
			}
			f := newFrame()
			if err := hc.Frames(3, func() { view(f) }); err != nil {
				t.Fatal(err)
			}
			if hc.DrawnVertices() == 0 {
				t.Fatalf("%s drew nothing", name)
			}
		})
	}
}

// A closed window draws nothing and stays closed.
func TestClosedWindowsDrawNothing(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	tests := []struct {
		window string
		view   contract.View
	}{
		{state.WindowDiscussion, views.DiscussionHub},
		{state.WindowProject, views.ProjectSettings},
		{state.WindowMMA, views.MMADashboard},
	}
	for _, tc := range tests {
		t.Run(tc.window, func(t *testing.T) {
			f := newFrame()
			f.UI.ShowWindows[tc.window] = false
			if err := hc.Frames(2, func() { tc.view(f) }); err != nil {
				t.Fatal(err)
			}
			if n := hc.DrawnVertices(); n != 0 {
				t.Fatalf("closed %s drew %d vertices", tc.window, n)
			}
			if f.UI.ShowWindows[tc.window] {
				t.Fatal("window reopened itself")
			}
		})
	}
}
