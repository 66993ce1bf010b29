package views_test

import (
	"testing"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/gui/giubackend"
	vi "github.com/slopgui/slopgui/gui/imgui"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/discussion"
)

// styleCounter counts the views' reads of the style (each a call into C
// through the host's backend).
type styleCounter struct {
	vi.Backend
	n int
}

func (c *styleCounter) CurrentStyle() *vi.Style { c.n++; return c.Backend.CurrentStyle() }

// A discussion of thousands of entries estimates the height of every
// entry it does not draw whenever its width changes (the window's first
// frames, a resize, a scroll bar appearing). The style those estimates
// need is read once a frame, not once an entry: read per entry, the
// 5,000 reads froze the window's first frames with a 53 MB project for
// 0.1–0.9 s.
func TestDiscussionEstimatesReadStyleOnce(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	calls := giubackend.InstallRecording().C // the host's own calls, without the recorder
	count := &styleCounter{Backend: calls}
	vi.SetBackend(count)
	t.Cleanup(giubackend.Install) // the backends the other tests draw with
	f := frameWith(testutil.LargeUI(5000, 0, 0))
	for _, width := range []float32{600, 900, 700} {
		count.n = 0
		if err := hc.Frames(1, func() {
			if imgui.InternalFindWindowByName(state.WindowDiscussion) != nil {
				imgui.SetWindowSizeStr(state.WindowDiscussion, imgui.Vec2{X: width, Y: 500})
			}
			discussion.DiscussionHub(f)
		}); err != nil {
			t.Fatal(err)
		}
		if count.n == 0 || count.n > 100 {
			t.Errorf("width %.0f: the style was read %d times in a frame of 5,000 entries, want a few (not one per entry)", width, count.n)
		}
	}
}
