package discussion

import (
	"fmt"
	"image/color"
	"strings"

	g "github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/imgui"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ui"
)

// sendButton is Send, or Stop while an answer arrives.
func sendButton(f *contract.Frame) g.Widget {
	u := f.UI
	if u.Chat.Busy {
		return g.Layout{
			ui.Button("Stop", "composer-stop", f.Host.StopSend),
			ui.Tooltip("Stop the answer; the text that arrived is kept"),
		}
	}
	return g.Layout{
		ui.Button("Send", "composer-send", func() { send(f) }).Disabled(strings.TrimSpace(u.ComposerText) == "" || u.Forms.TrimPreview),
		ui.Tooltip("Send the system prompt, the context files, this discussion and the text as a new User entry to the model"),
	}
}

// sendStatus tells what Send would carry, what is happening, and what
// went wrong with what to do about it.
func sendStatus(f *contract.Frame) g.Widget {
	return g.Custom(func() {
		u := f.UI
		c := f.Host.AIContext()
		if c.Counting {
			ui.ColorText(ui.DimColor(), "Context: counting…").Build()
		} else {
			line := fmt.Sprintf("Context: %d files, %s", c.Files, size(c.Bytes))
			if c.Screenshots > 0 {
				line += fmt.Sprintf(", %d images", c.Screenshots)
			}
			ui.WrappedColorText(ui.DimColor(), line).Build()
			if w := budgetBar(c); w != nil {
				w.Build()
			}
			if w := trimPreview(f); w != nil {
				w.Build()
			}
			if len(c.Unreadable) > 0 {
				ui.WrappedColorText(ui.WarnColor(), "Not sent (unreadable): "+strings.Join(c.Unreadable, "; ")).Build()
			}
			if c.KeyProblem != "" {
				ui.WrappedColorText(ui.ErrorColor(), c.KeyProblem).Build()
			}
		}
		ch := u.Chat
		switch {
		case ch.Busy:
			msg := fmt.Sprintf("%s %s: %s", u.AI.Provider, u.AI.Model, ch.Phase)
			if ch.TokensIn+ch.TokensOut > 0 {
				msg += fmt.Sprintf(" (%d tokens in, %d out)", ch.TokensIn, ch.TokensOut)
			}
			ui.ColorText(ui.OkColor(), msg).Build()
		case ch.Error != "":
			ui.WrappedColorText(ui.ErrorColor(), ch.Error).Build()
			if ch.CanRetry {
				wait := ch.RetryAt.Sub(f.Now)
				label := "Retry"
				if wait > 0 {
					label = fmt.Sprintf("Retry in %d s", int(wait.Seconds()+0.999))
				}
				ui.Button(label, "composer-retry", f.Host.RetrySend).Disabled(wait > 0).Build()
				ui.Tooltip("Send this discussion again as it is").Build()
			}
		}
	})
}

// statusTag labels an entry that is not a plain finished one.
func statusTag(status string) (string, color.RGBA) {
	switch status {
	case state.EntryStreaming:
		return "[streaming…]", ui.OkColor()
	case state.EntryStopped:
		return "[stopped: partial]", ui.WarnColor()
	case state.EntryFailed:
		return "[failed: partial]", ui.ErrorColor()
	case state.EntryInterrupted:
		return "[interrupted: partial]", ui.WarnColor()
	}
	return "", color.RGBA{}
}

// approvalDialog shows the tool call the model wants to make, exactly,
// with Approve and Deny.
func approvalDialog(f *contract.Frame) {
	ap := f.UI.Chat.Approval
	if !ap.Open {
		return
	}
	args := ap.Args
	open := true
	g.Window("Tool call: your decision").IsOpen(&open).
		Flags(g.WindowFlagsNoCollapse|g.WindowFlagsNoSavedSettings).
		Pos(340, 220).Size(600, 320).Layout(
		g.Label("The model wants to run a tool. Nothing runs until you approve."),
		ui.Row(g.Label("Tool:"), ui.ColorText(ui.WarnColor(), ap.Tool)),
		g.Label("Arguments (exactly as the model sent them):"),
		g.Custom(func() {
			g.InputTextMultiline(&args).ID("##approval-args").Size(-1, imgui.TextLineHeight()*8).
				Flags(g.InputTextFlagsReadOnly | g.InputTextFlagsWordWrap).Build()
		}),
		ui.Row(
			ui.Button("Approve", "tool-approve", func() { f.Host.ApproveTool(true) }),
			ui.Button("Deny", "tool-deny", func() { f.Host.ApproveTool(false) }),
		),
	)
	if !open { // closing the window denies
		f.Host.ApproveTool(false)
	}
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
