package ctl_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/ctl"
)

const mod = "github.com/slopgui/slopgui"

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// ctl keeps its own copy of hot.GenDir (it does not import hot, and so
// plugin, for slopgui-mcp's sake): they must not drift apart.
func TestGenDirIsHots(t *testing.T) {
	if ctl.GenDir != hot.GenDir {
		t.Fatalf("ctl maps %q/bN/ back to sources, but hot builds into %q/bN/", ctl.GenDir, hot.GenDir)
	}
}

func TestParseCompilerOutput(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		want       []ctl.Diagnostic
	}{
		{"direct builder", "compile_errors.txt", []ctl.Diagnostic{
			{File: "views/zz_broken.go", Line: 3, Col: 14, Message: "syntax error: unexpected {, expected )"},
			{File: "views/discussion/discussion.go", Line: 42, Col: 2, Message: "undefined: ui.Nope"},
			{File: "views/ui/widgets.go", Line: 10, Message: "cannot use x (variable of type github.com/slopgui/slopgui/views/ui.Thing) as int value in argument to f\nhave (int)\nwant (string)"},
		}},
		{"go command, overlay paths", "compile_gocmd.txt", []ctl.Diagnostic{
			{File: "views/menu/menu.go", Line: 7, Col: 5, Message: "missing return"},
		}},
		{"not compiler output", "first_frame_panic.txt", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ctl.ParseCompilerOutput(mod, fixture(t, tc.file))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %#v\nwant %#v", got, tc.want)
			}
		})
	}
}

func TestParsePanics(t *testing.T) {
	got := ctl.ParsePanics(mod, fixture(t, "first_frame_panic.txt"))
	want := []ctl.ViewPanic{
		{View: "DiscussionHub", Value: "runtime error: index out of range [3] with length 1", Stack: []ctl.StackFrame{
			{Func: "github.com/slopgui/slopgui/views/discussion.history", File: "views/discussion/history.go", Line: 31},
			{Func: "github.com/slopgui/slopgui/views/discussion.DiscussionHub", File: "views/discussion/discussion.go", Line: 58},
			{Func: "github.com/slopgui/slopgui/app.(*App).call", File: "app/delegate.go", Line: 180},
		}},
		{View: "MMADashboard", Value: "boom: github.com/slopgui/slopgui/views/mma.Ticket is broken", Stack: []ctl.StackFrame{
			{Func: "github.com/slopgui/slopgui/views/mma.MMADashboard", File: "views/mma/mma.go", Line: 12},
		}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
}

func TestParsePanicOfKnownView(t *testing.T) {
	text := "panic: nil map\ngoroutine 1 [running]:\npanic({0x1, 0x2})\n\truntime/panic.go:792 +0x132\n" +
		"github.com/slopgui/slopgui/hotgen/b12/views/ai.AISettings(0xc000010000)\n\tgithub.com/slopgui/slopgui/hotgen/b12/views/ai/ai.go:20 +0x1d\n"
	got := ctl.ParsePanic(mod, "AISettings", text)
	want := ctl.ViewPanic{View: "AISettings", Value: "nil map", Stack: []ctl.StackFrame{
		{Func: "github.com/slopgui/slopgui/views/ai.AISettings", File: "views/ai/ai.go", Line: 20}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
}
