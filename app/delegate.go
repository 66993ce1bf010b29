package app

import (
	"fmt"
	"image/color"
	"runtime/debug"
	"strings"

	"github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/hot"
)

// The delegation wrappers: one per render target. Each calls the target of
// the generation currently loaded; App never calls views directly.

// DiscussionHub draws the Discussion Hub window.
func (a *App) DiscussionHub(f *contract.Frame) { a.delegate("DiscussionHub", f) }

// ProjectSettings draws the Project Settings window.
func (a *App) ProjectSettings(f *contract.Frame) { a.delegate("ProjectSettings", f) }

// MMADashboard draws the MMA Dashboard window.
func (a *App) MMADashboard(f *contract.Frame) { a.delegate("MMADashboard", f) }

// wrappers maps each view target to its wrapper, in drawing order.
func (a *App) wrappers() []func(*contract.Frame) {
	return []func(*contract.Frame){a.DiscussionHub, a.ProjectSettings, a.MMADashboard}
}

// delegate calls the current generation's target, or draws a placeholder
// saying why it cannot. A panic inside the target is recovered: ImGui's
// stack is unwound to where it was, and the panic is reported.
func (a *App) delegate(target string, f *contract.Frame) {
	fn, err := hot.TargetFunc[contract.View](a.hot.Current(), viewsModule, target)
	if err != nil {
		a.placeholder(target, err.Error())
		return
	}
	if err := a.call(target, fn, f); err != nil {
		a.panics = append(a.panics, fmt.Errorf("%s: %w", target, err))
		a.placeholder(target, err.Error())
	}
}

// call runs fn, turning a panic into an error after restoring ImGui's
// window, ID and style stacks to their state before the call.
func (a *App) call(target string, fn contract.View, f *contract.Frame) (err error) {
	st, ok := a.recovery[target]
	if !ok {
		st = imgui.InternalNewErrorRecoveryState()
		a.recovery[target] = st
	}
	imgui.InternalErrorRecoveryStoreState(st)
	defer func() {
		if p := recover(); p != nil {
			imgui.InternalErrorRecoveryTryToRecoverState(st)
			err = fmt.Errorf("panic: %v\n%s", p, firstLines(string(debug.Stack()), 14))
		}
	}()
	fn(f)
	return nil
}

// placeholder draws a visible stand-in for a target that cannot run.
func (a *App) placeholder(target, why string) {
	red := color.RGBA{R: 255, G: 90, B: 80, A: 255}
	g.Window(target+" (unavailable)").Pos(300, 300).Size(520, 180).Layout(
		g.Style().SetColor(g.StyleColorText, red).To(
			g.Labelf("%s cannot be drawn by the loaded code.", target),
		),
		g.Label(why).Wrapped(true),
	)
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
