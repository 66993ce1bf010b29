package app

import (
	"strings"
	"testing"

	"github.com/slopgui/slopgui/hot"
)

// TestExplain: each failure hot/ reports in neutral words reaches the
// user in slopgui's, with the key, the command and the setting to use.
func TestExplain(t *testing.T) {
	tests := []struct {
		name string
		in   hot.Error
		want []string
	}{
		{"build", hot.Error{Reason: hot.ReasonBuild, What: "the new code does not compile"},
			[]string{"the views do not compile", "press Ctrl+Alt+R again"}},
		{"no go", hot.Error{Reason: hot.ReasonToolchain, What: `no Go toolchain: "go" was not found`, Facts: map[string]string{"want": "go1.26.8", "go": "go"}},
			[]string{`no Go toolchain: "go" was not found`, "needs go1.26.8", "SLOPGUI_GO"}},
		{"other go", hot.Error{Reason: hot.ReasonToolchain, Facts: map[string]string{"want": "go1.26.8", "found": "go1.0.0", "path": "/x/go"}},
			[]string{"slopgui was built with go1.26.8, but /x/go is go1.0.0", "SLOPGUI_GO", "make run"}},
		{"stable package in plugin", hot.Error{Reason: hot.ReasonStableChanged, Facts: map[string]string{"package": "x/state"}},
			[]string{"package x/state is not the one slopgui was built with", "restart slopgui (make run)"}},
		{"stable edit", hot.Error{Reason: hot.ReasonStableChanged, Facts: map[string]string{"changed": "app theme"}},
			[]string{"[app theme] changed since slopgui started", "Restart slopgui", "Nothing was built"}},
		{"api newer", hot.Error{Reason: hot.ReasonAPIVersion, Hint: "keep", Facts: map[string]string{"module": "views", "code": "10", "host": "9"}},
			[]string{`module "views" is written for API 10, this slopgui speaks API 9`, "restart slopgui (make run) so it speaks API 10"}},
		{"api older", hot.Error{Reason: hot.ReasonAPIVersion, Hint: "update the module", Facts: map[string]string{"module": "views", "code": "1", "host": "2"}},
			[]string{"this slopgui speaks API 2", "update the module"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := tc.in
			explain(&e)
			for _, w := range tc.want {
				if !strings.Contains(e.Error(), w) {
					t.Errorf("explained error %q does not contain %q", e.Error(), w)
				}
			}
		})
	}
}
