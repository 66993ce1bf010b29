// Package ctlhost serves the app's control socket: `slopgui ctl` and
// `slopgui mcp` talk to the app over a private Unix socket (internal/ctl).
// Requests are served on the connection's goroutine; whatever touches the
// state, the views or ImGui is handed to the render thread (App.Post, the
// app's mailbox, drained at the start of each frame) and the goroutine
// waits for the answer, so a slow or dead client never holds a frame up.
// Approvals wait in the app's approval queue, with the model's tool calls.
//
// The app reaches it through Host's methods, on the render thread; it
// reaches the app through App. It is a package of its own under app/: an
// edit compiles it alone (hostbuild.Direct's Private).
package ctlhost

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/AllenDang/cimgui-go/imgui"
	"github.com/AllenDang/cimgui-go/impl/opengl3"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/gui/giubackend"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/ask"
	"github.com/slopgui/slopgui/internal/askui"
	"github.com/slopgui/slopgui/internal/ctl"
	"github.com/slopgui/slopgui/internal/events"
	"github.com/slopgui/slopgui/internal/glshot"
)

// App is what the host asks of the app. Status, Tracks and State are
// called only in a function given to Post (on the render thread); the
// rest on any goroutine.
type App interface {
	// Post runs f on the render thread at the next frame.
	Post(f func())
	Reloader() *hot.Reloader
	Approvals() *approval.Queue
	// Recorder records a frame's widget tree; nil when no window is drawn.
	Recorder() *uitree.Recorder
	// UIMutex lets one request at a time wait for a recorded frame.
	UIMutex() *sync.Mutex
	// MMA is the project's MMA engine (nil, or a typed nil, when none runs).
	MMA() ctl.MMA
	Now() time.Time
	// ReloadAll reloads as Ctrl+Alt+R does (a hot restart after an edit
	// outside views/).
	ReloadAll()
	// RestartState says whether a hot restart is being built, why the app
	// is about to restart, and the build's error.
	RestartState() (building bool, ready, failed string)
	// DiskSources are the views' sources on disk (nil without a tree).
	DiskSources() map[string][]byte
	// LocalGeneration maps a generation as the user sees it to the
	// reloader's, and returns it if it is loaded.
	LocalGeneration(n int) (int, *hot.Generation, error)
	// GenBase is the number the user sees for this process's generation 0.
	GenBase() int

	// Status is the reloader's status with the earlier processes' history.
	Status() hot.Status
	// Tracks copies the MMA tracks for the protocol.
	Tracks() []ctl.MMATrack
	// State is the struct holding the state keys (hot.CaptureState).
	State() any
}

// Config is what Start needs besides the App.
type Config struct {
	Log        *slog.Logger
	StateKeys  []string // the keys ctl state reads and ctl act sets
	ModulePath string   // to shorten the compiler's paths
	Restarted  string   // why this process was started by a hot restart ("" if not)
	Crashed    bool     // it was started after a crash
}

// Host serves the control socket.
type Host struct {
	app  App
	cfg  Config
	srv  *ctl.Server
	path string
	log  *slog.Logger

	shots chan *shotReq

	mu      sync.Mutex
	pub     *published    // published at the end of each frame
	changed chan struct{} // closed at each publication

	// shown is the question the approval modal shows, diff its lines
	// (render thread).
	shown string
	diff  []string

	// The last error's diagnostics (render thread).
	parsedFor string
	diags     []ctl.Diagnostic
	panics    []ctl.ViewPanic

	acts ctl.ActionLog // agents' actions on the UI, for the Hot Reload panel

	asks  ask.Queue   // agents' questions for the user (ctl ask, MCP ask_user)
	askUI askui.State // their modal's (render thread)
}

// published is what the render thread publishes for request goroutines.
type published struct {
	frame   int
	status  ctl.Status
	approve bool // UI.ApproveAgentReloads
}

// shotReq is a screenshot wanted after the next frame is drawn.
type shotReq struct {
	done chan shotResult // buffered
}

type shotResult struct {
	png []byte
	err error
}

var _ ctl.Handler = (*Host)(nil)

// Start listens on the control socket and serves it. The socket belongs
// to this process (the app, not its supervisor). Its events bus (what ctl
// watch streams) is Events.
func Start(app App, cfg Config) (*Host, error) {
	ln, path, err := ctl.Listen(ctl.Dir())
	if err != nil {
		return nil, err
	}
	h := &Host{app: app, cfg: cfg, path: path, log: cfg.Log, shots: make(chan *shotReq, 8), changed: make(chan struct{})}
	h.srv = ctl.NewServer(h, cfg.Log)
	h.srv.Watch = &ctl.Watch{Bus: events.New(), Restarted: cfg.Restarted, Crashed: cfg.Crashed}
	h.asks.Changed = g.Update
	go func() {
		if err := h.srv.Serve(ln); err != nil {
			cfg.Log.Warn("control socket stopped", "err", err)
		}
	}()
	cfg.Log.Info("control socket", "path", path)
	return h, nil
}

// Events is the bus of what ctl watch streams: reloads, panics, restarts,
// approvals, tickets, actions.
func (h *Host) Events() *events.Bus { return h.srv.Watch.Bus }

// Close closes the socket (removing it) and ends open requests.
func (h *Host) Close() { h.srv.Close() }

// Actions are the agents' actions on the UI, oldest first.
func (h *Host) Actions() []contract.ActionRecord { return h.acts.Records() }

// Publish publishes the frame's status for request goroutines (render
// thread, end of a frame); approve is whether agents' reloads need the
// user's approval.
func (h *Host) Publish(frame int, status ctl.Status, approve bool) {
	p := &published{frame: frame, status: status, approve: approve}
	h.srv.Watch.Observe(p.status) // before the publication: a waiter sees the events queued
	h.mu.Lock()
	h.pub = p
	close(h.changed)
	h.changed = make(chan struct{})
	h.mu.Unlock()
}

// Diagnose parses a failed reload's error into the protocol's
// diagnostics and panics, once per error (render thread).
func (h *Host) Diagnose(errText string) ([]ctl.Diagnostic, []ctl.ViewPanic) {
	if h.parsedFor != errText {
		h.parsedFor = errText
		h.diags, h.panics = ctl.ParseCompilerOutput(h.cfg.ModulePath, errText), ctl.ParsePanics(h.cfg.ModulePath, errText)
	}
	return h.diags, append([]ctl.ViewPanic(nil), h.panics...)
}

// AfterRender reads the window's pixels for a pending screenshot: after
// the frame was drawn and presented, the draw data is drawn once more
// into the back buffer and read from there (render thread, GL context
// current), so it works under Xvfb and with the window covered.
func (h *Host) AfterRender() {
	for {
		select {
		case req := <-h.shots:
			req.done <- takeShot()
		default:
			return
		}
	}
}

func takeShot() shotResult {
	dd := imgui.CurrentDrawData()
	if dd == nil || !dd.Valid() {
		return shotResult{err: errors.New("no frame drawn yet")}
	}
	_, _, w, h := glshot.Viewport()
	glshot.ClearColorBuffer()
	opengl3.RenderDrawData(dd)
	img, err := glshot.ReadBack(w, h)
	if err != nil {
		return shotResult{err: err}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return shotResult{err: err}
	}
	return shotResult{png: buf.Bytes()}
}

// DrawAsks draws the agents' questions' modal (render thread).
func (h *Host) DrawAsks(rec *uitree.Recorder) { askui.Draw(&h.asks, &h.askUI, rec) }

// published returns the latest publication and a channel closed at the
// next one.
func (h *Host) published() (*published, <-chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.pub, h.changed
}

// nextFrame waits for a publication from a frame after the current one;
// wake asks for that frame at once. A wait for a build must not: a frame
// asked for at each publication drew ~70 a second, which took the
// processors from the build it waited for (its frames come at the
// building rate, and at once when the result is in: internal/framepace).
func (h *Host) nextFrame(ctx context.Context, wake bool) (*published, error) {
	_, ch := h.published()
	if wake {
		g.Update()
	}
	select {
	case <-ch:
		p, _ := h.published()
		return p, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// onRenderThread runs f on the render thread at the next frame and waits.
func (h *Host) onRenderThread(ctx context.Context, f func()) error {
	done := make(chan struct{})
	h.app.Post(func() { f(); close(done) })
	g.Update()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// DrawApproval shows the oldest pending agent request among asked in a
// modal: who asks, the files and the diff, Approve / Deny (render thread;
// rec records its buttons apart, for ctl ui).
func (h *Host) DrawApproval(asked []approval.Pending, rec *uitree.Recorder) {
	i := slices.IndexFunc(asked, func(p approval.Pending) bool { return p.Kind == approval.KindReload || p.Kind == approval.KindAction })
	if i < 0 {
		return
	}
	r := &asked[i]
	const id = "Agent request##approval"
	if h.shown != r.ID {
		imgui.OpenPopupStr(id)
		h.shown, h.diff = r.ID, strings.Split(r.Detail, "\n")
	}
	vp := imgui.MainViewport()
	size := vp.Size()
	imgui.SetNextWindowSizeV(imgui.Vec2{X: min(size.X-80, 900), Y: min(size.Y-80, 620)}, imgui.CondAlways)
	imgui.SetNextWindowPosV(vp.Center(), imgui.CondAlways, imgui.Vec2{X: 0.5, Y: 0.5})
	if !imgui.BeginPopupModalV(id, nil, imgui.WindowFlagsNoCollapse|imgui.WindowFlagsNoSavedSettings) {
		h.shown = "" // closed by ImGui (e.g. Escape): ask again
		return
	}
	answer := func(yes bool) {
		h.app.Approvals().Answer(r.ID, yes, "") // an error: withdrawn meanwhile
		imgui.CloseCurrentPopup()
	}
	imgui.TextWrapped(fmt.Sprintf("%s asks to %s.", r.Asker.Name, r.Title))
	if r.Kind == approval.KindAction {
		imgui.TextUnformatted("It acts on the window as you would (the action is logged in the Hot Reload panel).")
	} else if len(r.Items) == 0 {
		imgui.TextUnformatted("No file in views/ differs from the running generation.")
	} else {
		imgui.TextUnformatted(fmt.Sprintf("Changed in views/ (%d files):", len(r.Items)))
		for _, f := range r.Items {
			imgui.BulletText(f)
		}
	}
	avail := imgui.ContentRegionAvail()
	if imgui.BeginChildStrV("##approval-diff", imgui.Vec2{X: 0, Y: avail.Y - imgui.FrameHeightWithSpacing() - 8},
		imgui.ChildFlagsBorders, imgui.WindowFlagsHorizontalScrollbar) {
		green := imgui.Vec4{X: 0.45, Y: 0.85, Z: 0.45, W: 1}
		red := imgui.Vec4{X: 0.95, Y: 0.45, Z: 0.4, W: 1}
		dim := imgui.Vec4{X: 0.6, Y: 0.7, Z: 0.9, W: 1}
		for _, l := range h.diff {
			switch {
			case strings.HasPrefix(l, "+++") || strings.HasPrefix(l, "---") || strings.HasPrefix(l, "@@"):
				imgui.TextColored(dim, l)
			case strings.HasPrefix(l, "+"):
				imgui.TextColored(green, l)
			case strings.HasPrefix(l, "-"):
				imgui.TextColored(red, l)
			default:
				imgui.TextUnformatted(l)
			}
		}
	}
	imgui.EndChild()
	rec.Within(ctl.ApprovalWindow, func() { // in ctl ui (a client may not click them)
		if giubackend.Button(rec, "Approve", 140, 0) {
			answer(true)
		} else if imgui.SameLine(); giubackend.Button(rec, "Deny", 140, 0) {
			answer(false)
		}
	})
	imgui.EndPopup()
}
