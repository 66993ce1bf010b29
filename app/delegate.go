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

// fault is a view target that panicked outside a first frame.
type fault struct {
	gen int    // generation whose target panicked
	err string // what it said
	// fellBack is the generation drawing the view instead, or -1.
	fellBack int
	// bad holds older generations whose target panicked too.
	bad map[int]bool
}

// delegate calls the current generation's target, or draws a placeholder
// saying why it cannot. A panic inside the target is recovered (ImGui's
// stacks unwound to where they were). Outside a first frame, a target that
// panicked is not called again in its generation: Frame discards the frame
// (the state goes back to the frame's start) and draws it again, with the
// view falling back to the newest older generation whose target works and
// a tinted panel showing the error; the other views are untouched. Once a
// view has panicked, nothing more is drawn in the frame being discarded.
func (a *App) delegate(target string, f *contract.Frame) {
	if a.viewPanicked {
		return
	}
	gen := a.hot.Current()
	if ft, ok := a.faults[target]; ok && ft.gen == gen.N {
		a.fallback(target, f, gen.Prev)
		return
	}
	fn, err := hot.TargetFunc[contract.View](gen, viewsModule, target)
	if err != nil {
		a.placeholder(target, err.Error())
		return
	}
	if err := a.call(target, fn, f); err != nil {
		a.panics = append(a.panics, fmt.Errorf("%s: %w", target, err))
		if a.hot.OnProbation() {
			return // EndFrame rolls the whole generation back
		}
		a.faults[target] = &fault{gen: gen.N, err: err.Error(), fellBack: -1, bad: map[int]bool{}}
		a.viewPanicked = true
	}
}

// fallback draws target with the newest generation from g down whose
// target runs, then the fault panel. An older target that panics too is
// marked bad and the frame is discarded again.
func (a *App) fallback(target string, f *contract.Frame, g *hot.Generation) {
	ft := a.faults[target]
	for ; g != nil; g = g.Prev {
		if ft.bad[g.N] {
			continue
		}
		fn, err := hot.TargetFunc[contract.View](g, viewsModule, target)
		if err != nil {
			continue
		}
		if err := a.call(target, fn, f); err != nil {
			ft.bad[g.N] = true
			a.viewPanicked = true
			return
		}
		ft.fellBack = g.N
		a.faultPanel(target, ft)
		return
	}
	ft.fellBack = -1
	a.faultPanel(target, ft)
}

// viewFault describes the views that failed in the current generation,
// for the status line; "" when none did.
func (a *App) viewFault(gen int) string {
	var names []string
	for _, t := range viewTargets {
		if ft, ok := a.faults[t]; ok && ft.gen == gen {
			names = append(names, t)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return strings.Join(names, ", ") + " panicked"
}

// faultPanel is the tinted panel that tells which view failed and why.
func (a *App) faultPanel(target string, ft *fault) {
	tint := a.ActiveTheme().ErrorTint
	tint.A = 230
	using := "no older generation can draw it"
	if ft.fellBack >= 0 {
		using = fmt.Sprintf("showing generation %d's %s instead", ft.fellBack, target)
	}
	g.Style().SetColor(g.StyleColorWindowBg, tint).SetColor(g.StyleColorTitleBgActive, tint).To(
		g.Custom(func() {
			g.Window(target+" failed").Pos(330, 120).Size(620, 200).Layout(
				g.Labelf("%s (generation %d) panicked; %s.", target, ft.gen, using),
				g.Label("Fix it and reload (Ctrl+Alt+R). The other views keep working.").Wrapped(true),
				g.Label(firstLines(ft.err, 8)).Wrapped(true),
			)
		}),
	).Build()
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

// panicStack drops, from a stack taken in a deferred recover, the frames
// of the recovery itself (debug.Stack, the deferred function, panic), so
// that the stack starts at the call that panicked.
func panicStack(stack []byte) string {
	s := string(stack)
	i := strings.Index(s, "\npanic(")
	if i < 0 {
		return s
	}
	head, _, _ := strings.Cut(s, "\n")
	rest := s[i+1:]
	// Skip the panic frame: its function line and its file line.
	for range 2 {
		_, after, ok := strings.Cut(rest, "\n")
		if !ok {
			return s
		}
		rest = after
	}
	return head + "\n" + rest
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
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
			err = fmt.Errorf("panic: %v\n%s", p, firstLines(panicStack(debug.Stack()), 14))
		}
	}()
	fn(f)
	return nil
}
