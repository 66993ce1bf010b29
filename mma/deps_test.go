package mma_test

import (
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
	testutil.OnlyImports(t, ".", "the engine", allowed...)
}
