package main

import (
	"strings"
	"testing"

	"github.com/slopgui/slopgui/internal/testutil"
)

// slopgui-mcp stays a small, plain binary: no window, no plugin loading
// (a program that imports plugin keeps every method it links), nothing of
// the app.
func TestStaysSmall(t *testing.T) {
	banned := []string{
		"plugin",
		"github.com/AllenDang/",
		"github.com/slopgui/slopgui/app",
		"github.com/slopgui/slopgui/hot",
		"github.com/slopgui/slopgui/views",
		"github.com/slopgui/slopgui/llm",
	}
	for _, p := range testutil.Deps(t, ".") {
		for _, b := range banned {
			if p == b || strings.HasPrefix(p, strings.TrimSuffix(b, "/")+"/") {
				t.Errorf("slopgui-mcp links %s (banned: %s)", p, b)
			}
		}
	}
}
