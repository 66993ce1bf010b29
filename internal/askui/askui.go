// Package askui draws the question an agent asks the user (internal/ask)
// as a modal in the window: who asks, the question, one button per choice
// or a text field with OK, and Dismiss (also Escape or the close button).
// Its items are drawn through gui and recorded by rec, so `slopgui ctl ui`
// lists them and `slopgui ctl click` answers. Render thread only.
package askui

import (
	"fmt"

	imgui "github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/gui"
	vi "github.com/slopgui/slopgui/gui/imgui"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/ask"
)

// Title is the modal's title, as `slopgui ctl ui` lists its window.
const Title = "Question from an agent"

const popupID = Title + "##ask"

// State is the modal's state between frames (owned by the host).
type State struct {
	shown string // the question the popup was opened for
	text  string // the answer being typed
	focus bool   // give the text field the keyboard focus
}

// Draw shows q's oldest question, if any, in a modal (call it outside
// any window). While another popup is open (the approval modal, a view's
// dialog, a menu) it waits: opening this one would close that.
func Draw(q *ask.Queue, s *State, rec *uitree.Recorder) {
	p := q.Pending()
	if len(p) == 0 && s.shown == "" {
		return
	}
	if !imgui.IsPopupOpenStr(popupID) && imgui.IsPopupOpenStrV("", imgui.PopupFlagsAnyPopup) {
		s.shown = "" // opened when the other closes
		return
	}
	if len(p) > 0 && s.shown != p[0].ID {
		imgui.OpenPopupStr(popupID)
		s.shown, s.text, s.focus = p[0].ID, "", true
	}
	vp := imgui.MainViewport()
	imgui.SetNextWindowPosV(vp.Center(), imgui.CondAlways, imgui.Vec2{X: 0.5, Y: 0.5})
	open := true
	if !imgui.BeginPopupModalV(popupID, &open, imgui.WindowFlagsNoCollapse|imgui.WindowFlagsNoSavedSettings|imgui.WindowFlagsAlwaysAutoResize) {
		if !open && len(p) > 0 && s.shown == p[0].ID { // its close button
			q.Dismiss(p[0].ID) // an error: gone meanwhile
		}
		s.shown = "" // else closed by another popup: opened again when it can be
		return
	}
	if len(p) == 0 { // withdrawn, or timed out
		imgui.CloseCurrentPopup()
		imgui.EndPopup()
		s.shown = ""
		return
	}
	rec.Within(Title, func() { body(q, s, p) })
	imgui.EndPopup()
}

func body(q *ask.Queue, s *State, p []ask.Question) {
	cur := p[0]
	done := func(err error) {
		_ = err // an error: answered, withdrawn or timed out meanwhile
		imgui.CloseCurrentPopup()
		s.shown = ""
	}
	if len(p) > 1 {
		vi.TextUnformatted(fmt.Sprintf("1 of %d", len(p)))
	}
	vi.TextUnformatted(fmt.Sprintf("%s (pid %d) asks:", cur.Asker, cur.PID))
	vi.PushTextWrapPosV(560)
	vi.TextUnformatted(cur.Text)
	vi.PopTextWrapPos()
	vi.Dummy(vi.Vec2{X: 560, Y: 4})
	if len(cur.Choices) > 0 {
		for i, c := range cur.Choices {
			if i > 0 {
				vi.SameLine()
			}
			vi.PushIDInt(int32(i))
			pressed := vi.Button(c)
			vi.PopID()
			if pressed {
				done(q.Answer(cur.ID, c))
				return
			}
		}
		vi.SameLine()
	} else {
		gui.InputText(&s.text).ID("##ask-answer").Hint("your answer").Size(560).Focus(s.focus).Build()
		s.focus = false
		if vi.Button("OK") || imgui.IsKeyPressedBool(imgui.KeyEnter) || imgui.IsKeyPressedBool(imgui.KeyKeypadEnter) {
			done(q.Answer(cur.ID, s.text))
			return
		}
		vi.SameLine()
	}
	if vi.Button("Dismiss") || imgui.IsKeyPressedBool(imgui.KeyEscape) {
		done(q.Dismiss(cur.ID))
	}
}
