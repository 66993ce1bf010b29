package views_test

import (
	"testing"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/views/discussion"
)

// A new, empty discussion records the commit the project's root is at
// (Host.GitStamp) the first time the hub shows it; one with entries from
// before stamps existed is left "not recorded" until Stamp is pressed.
func TestNewDiscussionIsStamped(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	for _, tc := range []struct {
		name string
		f    *contract.Frame
		want string
	}{{"new", emptyFrame(), "0123456789abcdef0123456789abcdef01234567"}, {"old", newFrame(), ""}} {
		if err := hc.Frames(2, func() { discussion.DiscussionHub(tc.f) }); err != nil {
			t.Fatal(err)
		}
		if got := tc.f.UI.Discussions[0].Created.Commit; got != tc.want {
			t.Errorf("%s discussion: created at %q, want %q", tc.name, got, tc.want)
		}
	}
}
