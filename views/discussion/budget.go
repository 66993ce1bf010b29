package discussion

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/slopgui/slopgui/budget"
	"github.com/slopgui/slopgui/contract"
	g "github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/views/ui"
)

// partColors are the budget bar's colours, one per budget.Part.
var partColors = [...]color.RGBA{
	budget.System:      {0x9b, 0x6b, 0xd6, 0xff}, // violet
	budget.Files:       {0x3d, 0x8b, 0xe0, 0xff}, // blue
	budget.Screenshots: {0x2f, 0xb5, 0xa8, 0xff}, // teal
	budget.History:     {0xe0, 0x8a, 0x3d, 0xff}, // orange
	budget.Tools:       {0x8a, 0x8a, 0x8a, 0xff}, // grey
}

// levelColor is the total's colour: green below 50%, yellow to 80%, red
// above.
func levelColor(l budget.Level) color.RGBA {
	switch l {
	case budget.Red:
		return color.RGBA{0xe8, 0x48, 0x48, 0xff}
	case budget.Yellow:
		return color.RGBA{0xe6, 0xc2, 0x3a, 0xff}
	}
	return color.RGBA{0x4c, 0xc0, 0x5a, 0xff}
}

// budgetBar is the request's tokens against the model's window: a bar
// with each part in its colour, the total coloured by how full the window
// is, and a legend. An estimate says so.
func budgetBar(c contract.AIContext) g.Widget {
	b := c.Budget
	if c.Counting || b.Window <= 0 {
		return nil
	}
	whole := float32(max(b.Window, b.Total()))
	segs := make([]g.BarSegment, 0, len(b.Parts))
	legend := make([]g.Widget, 0, len(b.Parts)+1)
	for p, n := range b.Parts {
		segs = append(segs, g.BarSegment{Fraction: float32(n) / whole, Color: partColors[p]})
		if n > 0 {
			legend = append(legend, ui.ColorText(partColors[p], fmt.Sprintf("%s %s", budget.Part(p), thousands(n))))
		}
	}
	total := fmt.Sprintf("%s / %s tokens (%.0f%%)", thousands(b.Total()), thousands(b.Window), 100*b.Fraction())
	if b.Estimate {
		total += " estimate"
	}
	out := g.Layout{
		g.Bar(segs...).ID("budget-bar").Text(total).Mark(float32(b.Window) / whole), // the window's end, when over it
		ui.Row(append([]g.Widget{ui.ColorText(levelColor(b.Level()), total)}, legend...)...),
	}
	if c.CountError != "" {
		out = append(out, ui.WrappedColorText(ui.DimColor(), "The provider's count failed, so this is an estimate: "+c.CountError))
	}
	return out
}

// send is Send, or over budget, the trimming preview.
func send(f *contract.Frame) {
	if f.Host.AIContext().Budget.Over() {
		f.UI.Forms.TrimPreview = true
		return
	}
	f.Host.Send()
}

// trimPreview, shown when Send was pressed over budget, lists the oldest
// entries a trimmed request would leave out (nothing is deleted from the
// discussion) and offers Send trimmed or Cancel: nothing is sent over
// budget without the user's word.
func trimPreview(f *contract.Frame) g.Widget {
	u := f.UI
	if !u.Forms.TrimPreview {
		return nil
	}
	b := f.Host.AIContext().Budget
	cancel := ui.Button("Cancel", "trim-cancel", func() { u.Forms.TrimPreview = false })
	if !b.Over() || u.Chat.Busy {
		u.Forms.TrimPreview = false
		return nil
	}
	drop, ok := b.Trim(1) // the question being asked stays
	out := g.Layout{ui.WrappedColorText(ui.WarnColor(), fmt.Sprintf("Over budget: %s tokens for a window of %s.",
		thousands(b.Total()), thousands(b.Window)))}
	if !ok {
		return append(out, ui.WrappedColorText(ui.ErrorColor(),
			"Even without the history it does not fit: remove context files or screenshots, or shorten the system prompt."), cancel)
	}
	entries := u.ActiveDisc().Entries
	lines := []string{fmt.Sprintf("Send trimmed leaves out the %d oldest entries (they stay in the discussion):", drop)}
	for i := 0; i < drop && i < len(entries); i++ {
		e := entries[i]
		lines = append(lines, fmt.Sprintf("  #%d %s: %s (%s tokens)", i+1, e.Role, oneLine(e.Text, 60), thousands(b.Entries[i])))
	}
	return append(out, g.Label(strings.Join(lines, "\n")), ui.Row(
		ui.Button("Send trimmed", "trim-send", func() { u.Forms.TrimPreview = false; f.Host.SendTrimmed(drop) }),
		cancel,
	))
}
