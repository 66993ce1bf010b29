// Command slopgui-mcp is `slopgui mcp`: an MCP server on stdio for a
// coding agent, served by a running slopgui's control socket (see
// internal/mcpserver). `slopgui mcp ARGS` execs it with ARGS, from the
// directory slopgui is in (make build puts both in bin/), so that the
// slopgui binary, which every hot restart links, does not carry the MCP
// SDK.
package main

import (
	"os"

	"github.com/slopgui/slopgui/internal/mcpserver"
)

func main() { os.Exit(mcpserver.Main(os.Args[1:], mcpserver.Version(), os.Stderr)) }
