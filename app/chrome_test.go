package app

import (
	"image/color"
	"testing"

	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/theme"
)

// The status line says what the build of the saved views is doing.
func TestAheadText(t *testing.T) {
	tests := []struct {
		name        string
		st          hot.Status
		restartable bool
		want        string
	}{
		{"nothing saved", hot.Status{}, false, ""},
		{"edited, not built yet", hot.Status{SourcesChanged: true}, false, "views edited: Ctrl+Alt+R"},
		{"building", hot.Status{Ahead: hot.AheadStatus{Building: true}}, false, "building views…"},
		{"ready", hot.Status{Ahead: hot.AheadStatus{Ready: true, Loaded: true}}, false, "views ready — Ctrl+Alt+R"},
		{"compile error: the first compiler message",
			hot.Status{Ahead: hot.AheadStatus{Error: "the views do not compile\n# github.com/x/views\nviews/x.go:12:3: undefined: y\nviews/x.go:13:1: more\n→ fix it"}},
			false, "build error: views/x.go:12:3: undefined: y"},
		{"other error: its first line",
			hot.Status{Ahead: hot.AheadStatus{Error: "restart needed: [app] changed\n→ restart"}},
			false, "build error: restart needed: [app] changed"},
		{"stable change with hot restart",
			hot.Status{Ahead: hot.AheadStatus{Reason: hot.ReasonStableChanged, Error: "restart needed: [app] changed\n→ restart"}},
			true, "stable code changed: Ctrl+Alt+R restarts, keeping your state"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := aheadText(tc.st, tc.restartable); got != tc.want {
				t.Errorf("aheadText = %q, want %q", got, tc.want)
			}
		})
	}
}

// The status line takes its meaning colours from theme/.
func TestStatusColorMeanings(t *testing.T) {
	for _, tc := range []struct {
		name      string
		st        hot.Status
		viewFault bool
		want      color.RGBA
	}{
		{"all well", hot.Status{}, false, theme.OK()},
		{"reload failed", hot.Status{IsError: true}, false, theme.Error()},
		{"a view failed", hot.Status{}, true, theme.Error()},
		{"the saved views do not build", hot.Status{Ahead: hot.AheadStatus{Error: "x.go:1:1: bad"}}, false, theme.Warn()},
	} {
		if got := statusColor(tc.st, false, tc.viewFault); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
