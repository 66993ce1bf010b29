package main

import (
	"strings"
	"testing"

	"github.com/slopgui/slopgui/internal/testutil"
)

// The host, which every stable edit's hot restart links, does not carry
// the MCP server: `slopgui mcp` execs slopgui-mcp (its SDK made the host
// 3 MB larger and its link 0.1–0.2 s longer).
func TestHostLeavesOutTheMCPServer(t *testing.T) {
	for _, p := range testutil.Deps(t, ".") {
		if p == "github.com/slopgui/slopgui/internal/mcpserver" || strings.HasPrefix(p, "github.com/modelcontextprotocol/") {
			t.Errorf("slopgui links %s: the MCP server belongs in slopgui-mcp (cmd/slopgui-mcp)", p)
		}
	}
}
