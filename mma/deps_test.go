package mma_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/internal/testutil"
)

// The engine is UI-free: it may import the standard library and these
// packages of the module, never app, gui, hot, views, giu or cimgui-go.
var allowed = []string{
	"github.com/slopgui/slopgui/agent",
	"github.com/slopgui/slopgui/approval",
	"github.com/slopgui/slopgui/llm",
	"github.com/slopgui/slopgui/llm/tools",
	"github.com/slopgui/slopgui/ruleapi",
	"github.com/slopgui/slopgui/rules",
	"github.com/slopgui/slopgui/skeleton",
	"github.com/slopgui/slopgui/state",
}

func TestImports(t *testing.T) {
	for _, imp := range testutil.Imports(t, ".") {
		if !strings.Contains(imp.Path, ".") { // the standard library
			continue
		}
		if !slices.Contains(allowed, imp.Path) {
			t.Errorf("%s imports %s: the engine may import only the standard library and %v", imp.File, imp.Path, allowed)
		}
	}
}
