// Command minimal is the smallest program using hot/: a giu window whose
// one view (package view) reloads in place on Ctrl+R, keeping the one
// state key (Clicks). Run it from the module root:
//
//	go run ./examples/minimal
package main

import (
	"fmt"
	"os"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/examples/minimal/model"
	"github.com/slopgui/slopgui/examples/minimal/view"
	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/giulink"
)

// Host is the stable side: the state and the reloader.
type Host struct {
	State  model.State
	Reload *hot.Reloader
}

// start registers the view as a hot module over the module at root, with
// the code linked into this binary as generation 0.
func start(root, linkerDir string) (*Host, error) {
	h := &Host{}
	extld, err := giulink.Install(linkerDir) // cimgui-go's archives need it
	if err != nil {
		return nil, err
	}
	r, err := hot.New(hot.Config{Root: root, State: &h.State, APIVersion: 1, ExtLD: extld, Notify: g.Update})
	if err != nil {
		return nil, err
	}
	h.Reload = r
	m := hot.Module{Name: "view", SourceDirs: []string{"examples/minimal/view"}, StateKeys: []string{"Clicks"},
		DelegationTargets: []hot.Target{hot.TargetOf[func(*model.State)]("Draw")}}
	if err := r.Register(m); err != nil {
		return nil, err
	}
	return h, r.SetStatic(map[string]hot.Symbols{"view": {APIVersion: view.APIVersion, Targets: hot.AnyTargets(view.Targets)}})
}

// Frame draws one frame through the current generation's Draw, swapping a
// finished reload in first and rolling it back if its first frame panics.
func (h *Host) Frame() {
	h.Reload.BeginFrame()
	var panics []error
	func() {
		defer func() {
			if p := recover(); p != nil {
				panics = append(panics, fmt.Errorf("%v", p))
			}
		}()
		if draw, err := hot.TargetFunc[func(*model.State)](h.Reload.Current(), "view", "Draw"); err == nil {
			draw(&h.State)
		}
	}()
	h.Reload.EndFrame(panics)
	if st := h.Reload.Status(); st.IsError {
		g.Window("reload failed").Pos(10, 120).Size(600, 200).Layout(g.Label(st.Error).Wrapped(true))
	}
}

func main() {
	h, err := start(".", os.TempDir())
	if err != nil {
		fmt.Fprintln(os.Stderr, "minimal:", err)
		os.Exit(1)
	}
	defer h.Reload.Close()
	wnd := g.NewMasterWindow("minimal hot reload", 640, 360, 0)
	wnd.RegisterKeyboardShortcuts(g.WindowShortcut{Key: g.KeyR, Modifier: g.ModControl, Callback: h.Reload.ReloadAll})
	wnd.Run(h.Frame)
}
