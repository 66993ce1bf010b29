package hostdialog_test

import (
	"testing"

	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/internal/hostdialog"
)

// Draw reports nothing until a choice is made; a Press is taken by the
// dialog it names only, once, and types its path.
func TestDrawReportsTheChoice(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	var path string
	d := hostdialog.Dialog{Title: "T", ID: "t", Text: "text", Buttons: []string{"A", "B"},
		Path: &path, PathLabel: "Save as", PathButton: "Save"}
	draw := func() (got int) {
		if err := hc.Frame(func() { got = hostdialog.Draw(d) }); err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, tc := range []struct {
		id     string
		choice int
		path   string
		want   int
	}{
		{"", 0, "", -1},        // nothing pressed
		{"other", 1, "", -1},   // another dialog's press
		{"t", 1, "", 1},        // a button
		{"t", 2, "/x.toml", 2}, // the path row
		{"", 0, "", -1},        // taken once
	} {
		if tc.id != "" {
			hostdialog.Press(tc.id, tc.choice, tc.path)
		}
		if got := draw(); got != tc.want {
			t.Fatalf("press %q %d: Draw = %d, want %d", tc.id, tc.choice, got, tc.want)
		}
		if tc.path != "" && path != tc.path {
			t.Fatalf("path typed %q, want %q", path, tc.path)
		}
	}
	if !hostdialog.Pressed("other") {
		t.Fatal("another dialog's press was taken")
	}
}
