package app

import (
	"path/filepath"
	"sync"
	"time"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/agent"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/internal/chathost"
	"github.com/slopgui/slopgui/internal/mmahost"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/persist"
)

// Talking to the model (issue 10) is internal/chathost's: a Send is one run
// of the agent loop on a goroutine it owns, never a view's. Its events, the
// MMA engine's (internal/mmahost) and what other goroutines change come
// back through the App's one mailbox, drained at the start of each frame
// (drainMailbox) on the render thread.

// mailbox is the one way other goroutines reach the state.
type mailbox struct {
	mu   sync.Mutex
	mail []any // agent.Event, chathost.Change, mmahost.Event, or func(*App)
}

// post puts m in the mailbox and wakes the render thread.
func (a *App) post(m any) {
	a.box.mu.Lock()
	a.box.mail = append(a.box.mail, m)
	a.box.mu.Unlock()
	a.redraw()
}

// redraw wakes the render thread for a frame (any goroutine).
func (a *App) redraw() {
	if a.wnd != nil {
		g.Update()
	}
}

// newChat makes the host of the discussion's Sends.
func (a *App) newChat() *chathost.Host {
	return chathost.New(chathost.Config{Post: a.post, Queue: a.approvals, CredPath: a.credentialsPath,
		Now: func() time.Time { return a.now() }, Redraw: a.redraw})
}

// drainMailbox applies what was posted, and the approval queue's changes.
// Render thread, frame start.
func (a *App) drainMailbox() {
	a.box.mu.Lock()
	mail := a.box.mail
	a.box.mail = nil
	a.box.mu.Unlock()
	for _, m := range mail {
		switch m := m.(type) {
		case agent.Event:
			a.chat.Apply(&a.UI, m)
		case chathost.Change:
			m(&a.UI)
		case func(*App):
			m(a)
		case mmahost.Event:
			if a.mma != nil {
				a.Tracks, _ = a.mma.Apply(a.Tracks, m)
			}
		}
	}
	if a.mma != nil && a.mma.Stale(&a.UI) {
		a.stopMMA() // the settings changed: a new engine with them
	}
	if a.mma == nil {
		ai, cred := a.AI, a.credentialsPath()
		a.mma = mmahost.New(mmahost.Config{Post: a.post, Queue: a.approvals, Events: a.events, Price: persist.Pricer(a.Prices), Provider: func(name string) (llm.Provider, error) {
			if name != "" {
				ai.Provider = name
			}
			p, _, err := chathost.Provider(ai, cred)
			return p, err
		}, Rules: a.rules.Source()}, &a.UI)
	}
	a.mma.StepNewTracks(a.StepMode)
	a.chat.Sync(&a.UI)
}

// stopMMA closes the project's engine (a new one starts at the next frame).
func (a *App) stopMMA() {
	if a.mma != nil {
		a.mma.Close()
		a.mma = nil
	}
}

// credentialsPath is the credentials file in the config dir ("" when
// nothing is persisted).
func (a *App) credentialsPath() string {
	if a.files == nil {
		return ""
	}
	return filepath.Join(a.files.paths.Dir, llm.CredentialsFile)
}

// Send adds the composer's text as a User entry and streams the answer.
func (a *App) Send() { a.chat.Send(&a.UI, true, 0) }

// SendTrimmed is Send with the drop oldest entries left out of the request.
func (a *App) SendTrimmed(drop int) { a.chat.Send(&a.UI, true, drop) }

// RetrySend sends the discussion again as it is.
func (a *App) RetrySend() { a.chat.Send(&a.UI, false, 0) }

// StopSend cancels the answer under way.
func (a *App) StopSend() { a.chat.Stop(&a.UI) }

// ApproveTool answers the tool call in Chat.Approval, with its arguments
// as the user edited them.
func (a *App) ApproveTool(approve bool) { a.chat.Approve(&a.UI, approve) }

// FetchModels asks the provider for its models.
func (a *App) FetchModels() { a.chat.CheckConnection(&a.UI, false) }

// TestConnection checks provider, key and base URL with a model list call.
func (a *App) TestConnection() { a.chat.CheckConnection(&a.UI, true) }

// AIContext describes what Send would send (counted off the render thread).
func (a *App) AIContext() contract.AIContext { return a.chat.Context(&a.UI) }
