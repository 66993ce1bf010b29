// Package headless runs Dear ImGui frames with no window and no GPU, so
// tests can draw views (and real plugins' views) in a plain go test.
//
// It sets up what giu's MasterWindow would: an ImGui context, a giu
// context with an input handler, and the per-frame reset of giu's widget
// state bookkeeping. Only one Context may exist at a time (ImGui and giu
// keep the current context in globals).
package headless

import (
	"fmt"
	"sync"
	"testing"

	"github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/gui/giubackend"
)

// Context is a windowless ImGui + giu context.
type Context struct {
	ctx *imgui.Context
	io  *imgui.IO
}

var mu sync.Mutex

// New creates the context; it is destroyed when tb ends.
func New(tb testing.TB, width, height float32) *Context {
	tb.Helper()
	mu.Lock()
	c := &Context{ctx: imgui.CreateContext()}
	imgui.SetCurrentContext(c.ctx)
	c.io = imgui.CurrentIO()
	c.io.SetIniFilename("")
	c.io.SetBackendFlags(imgui.BackendFlagsRendererHasTextures | imgui.BackendFlagsRendererHasVtxOffset)
	c.io.SetDisplaySize(imgui.Vec2{X: width, Y: height})
	c.io.SetDeltaTime(1.0 / 60)
	c.io.SetConfigErrorRecovery(true)
	c.io.SetConfigErrorRecoveryEnableAssert(false)
	g.Context = g.CreateContext(nil)
	giubackend.Install()
	g.Context.InputHandler = nopInput{}
	tb.Cleanup(func() {
		imgui.DestroyContext()
		g.Context = nil
		mu.Unlock()
	})
	return c
}

// IO returns the context's IO, to feed mouse and keyboard events.
func (c *Context) IO() *imgui.IO { return c.io }

// Frame draws one frame: new frame, draw, render. A panic in draw is
// returned as an error, after ImGui's stacks are restored.
func (c *Context) Frame(draw func()) (err error) {
	imgui.NewFrame()
	// What MasterWindow.render does first: drop giu widget state that was
	// not used last frame and restart auto IDs.
	g.Context.SetDirty()
	g.Context.GetState("headless-frame")
	st := imgui.InternalNewErrorRecoveryState()
	imgui.InternalErrorRecoveryStoreState(st)
	defer func() {
		if p := recover(); p != nil {
			imgui.InternalErrorRecoveryTryToRecoverState(st)
			err = fmt.Errorf("panic while drawing: %v", p)
		}
		imgui.Render()
		st.InternalDestroy()
	}()
	draw()
	return nil
}

// Frames draws n frames with the same draw function.
func (c *Context) Frames(n int, draw func()) error {
	for range n {
		if err := c.Frame(draw); err != nil {
			return err
		}
	}
	return nil
}

// Click moves the mouse to (x, y) and clicks the left button over the next
// two frames, drawing with draw.
func (c *Context) Click(x, y float32, draw func()) error {
	c.io.AddMousePosEvent(x, y)
	if err := c.Frame(draw); err != nil {
		return err
	}
	c.io.AddMouseButtonEvent(0, true)
	if err := c.Frame(draw); err != nil {
		return err
	}
	c.io.AddMouseButtonEvent(0, false)
	return c.Frames(2, draw)
}

// DrawnVertices is how many vertices the last rendered frame holds: a
// frame that drew nothing has none.
func (c *Context) DrawnVertices() int {
	return int(imgui.CurrentDrawData().TotalVtxCount())
}

type nopInput struct{}

func (nopInput) RegisterKeyboardShortcuts(...g.Shortcut) {}
func (nopInput) UnregisterWindowShortcuts()              {}
func (nopInput) Handle(g.Key, g.Modifier, g.Action)      {}
