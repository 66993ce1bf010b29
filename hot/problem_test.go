package hot_test

import (
	"testing"

	"github.com/slopgui/slopgui/hot"
)

func TestFirstProblem(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"build failed\n# views\nviews/a.go:3:9: undefined: x\nviews/b.go:1:1: y", "views/a.go:3:9: undefined: x"},
		{"go: cannot find main module\nmore", "go: cannot find main module"},
		{"", ""},
	} {
		if got := hot.FirstProblem(tc.in); got != tc.want {
			t.Errorf("FirstProblem(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
