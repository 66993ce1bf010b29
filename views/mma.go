package views

import (
	"image/color"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
)

// statusColor is the colour a ticket's status is drawn in.
func statusColor(s state.TicketStatus) color.RGBA {
	switch s {
	case state.StatusDone:
		return color.RGBA{R: 90, G: 200, B: 90, A: 255}
	case state.StatusInProgress:
		return color.RGBA{R: 90, G: 160, B: 255, A: 255}
	case state.StatusBlocked:
		return color.RGBA{R: 230, G: 180, B: 40, A: 255}
	case state.StatusFailed:
		return color.RGBA{R: 240, G: 70, B: 60, A: 255}
	default:
		return color.RGBA{R: 200, G: 200, B: 200, A: 255}
	}
}

// MMADashboard shows the active track's tickets, each with its status.
func MMADashboard(f *contract.Frame) {
	u := f.UI
	open, done := window(f, state.WindowMMA)
	defer done()
	if !*open {
		return
	}

	rows := []g.Widget{}
	if t := int(u.ActiveTrack); t >= 0 && t < len(u.Tracks) {
		track := u.Tracks[t]
		rows = append(rows, g.Labelf("Track: %s", track.Name), g.Separator())
		for _, tk := range track.Tickets {
			rows = append(rows, g.Row(
				g.Labelf("%s  %s", tk.ID, tk.Title),
				g.Style().SetColor(g.StyleColorText, statusColor(tk.Status)).To(
					g.Labelf("[%s]", tk.Status),
				),
			))
		}
	} else {
		rows = append(rows, g.Label("No track selected."))
	}

	g.Window(state.WindowMMA).IsOpen(open).Pos(640, 360).Size(630, 430).Layout(rows...)
}
