package views_test

import (
	"fmt"
	"testing"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/discussion"
	"github.com/slopgui/slopgui/views/mma"
)

// ticketColumns returns the widths of the MMA Dashboard's ticket table
// columns as last drawn.
func ticketColumns(tb testing.TB) []float32 {
	tb.Helper()
	w := imgui.InternalFindWindowByName(state.WindowMMA)
	if w == nil {
		tb.Fatal("no MMA Dashboard window")
	}
	cid := imgui.InternalImHashStrV("##tickets", 0, w.ID())
	child := imgui.InternalFindWindowByName(fmt.Sprintf("%s/##tickets_%08X", state.WindowMMA, cid))
	if child == nil {
		tb.Fatal("no tickets pane")
	}
	tbl := imgui.InternalTableFindByID(imgui.InternalImHashStrV("##ticket-table", 0, child.ID()))
	if tbl == nil {
		tb.Fatal("no ticket table")
	}
	var out []float32
	for c := range tbl.ColumnsCount() {
		r := imgui.InternalTableGetCellBgRect(tbl, c)
		out = append(out, r.Max.X-r.Min.X)
	}
	return out
}

// Issue 12 case 7: at 5,000 entries and 2,000 tickets the MMA table keeps
// its columns: Title gets the largest share of the text, never collapses
// to a character, and takes most of what a wider window adds; the fixed
// columns hold what they show. (Frame rates are measured by make bench, not asserted here.)
func TestLargeProjectTableLayout(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	f := frameWith(testutil.LargeUI(5000, 2000, 0))
	f.UI.Tracks[0].Tickets[7].Title = "a title far longer than any column could ever show in one line " +
		"because somebody pasted the whole description into it and kept going and going"
	f.UI.Tracks[0].Tickets[8].DependsOn = []string{"T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8"}
	var title630 float32
	for _, width := range []float32{630, 900, 1200} {
		if err := hc.Frames(2, func() {
			if imgui.InternalFindWindowByName(state.WindowMMA) != nil {
				imgui.SetWindowSizeStr(state.WindowMMA, imgui.Vec2{X: width, Y: 400})
			}
			mma.MMADashboard(f)
			discussion.DiscussionHub(f)
		}); err != nil {
			t.Fatal(err)
		}
		cols := ticketColumns(t)
		if width == 630 {
			title630 = cols[1]
		}
		if len(cols) != 5 {
			t.Fatalf("%d columns", len(cols))
		}
		id, title, status, needs, actions := cols[0], cols[1], cols[2], cols[3], cols[4]
		t.Logf("width %.0f: ID %.0f, Title %.0f, Status %.0f, Needs %.0f, actions %.0f", width, id, title, status, needs, actions)
		statusW := imgui.CalcTextSizeV("in progress", false, -1).X
		idW := imgui.CalcTextSizeV("T2000", false, -1).X
		tests := []struct {
			what string
			ok   bool
		}{
			{"Title is wider than every other text column", title > id && title > status && title > needs},
			{"Title holds at least 12 characters", title >= imgui.CalcTextSizeV("make the thin", false, -1).X},
			{"Title gets most of the stretch (4:1 with Needs)", title >= 3*needs && title <= 4.5*needs},
			{"Title takes what the window gains", width == 630 || title >= title630+0.7*(width-630)},
			{"Status fits \"in progress\"", status >= statusW},
			{"ID fits the longest ID", id >= idW},
			{"the buttons fit", actions >= imgui.CalcTextSizeV("RetrySkipDeps", false, -1).X},
		}
		for _, tc := range tests {
			if !tc.ok {
				t.Errorf("window %.0f px wide: %s (ID %.0f, Title %.0f, Status %.0f, Needs %.0f, actions %.0f)",
					width, tc.what, id, title, status, needs, actions)
			}
		}
	}
}
