// Command slopgui is a desktop GUI for AI-assisted coding by hand, whose
// views reload into the running process (Ctrl+Alt+R). See README.md.
//
// Started plainly it runs as a small supervisor that runs the app as its
// child and restarts it, with its state, after a crash or for a hot
// restart; -no-supervisor runs the app alone.
//
// Two subcommands drive a running slopgui over its control socket:
// `slopgui ctl` (for people and scripts) and `slopgui mcp` (an MCP server
// on stdio for coding agents: it execs slopgui-mcp, cmd/slopgui-mcp,
// from beside this binary). `slopgui key NAME` stores an API key read
// from standard input in the credentials file (mode 0600).
package main

import (
	"fmt"
	"os"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/internal/ctl"
	"github.com/slopgui/slopgui/internal/globalkey"
	_ "github.com/slopgui/slopgui/internal/malloctune" // llvmpipe's frame buffers stay mapped
	"github.com/slopgui/slopgui/internal/supervisor"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/persist"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "ctl":
			os.Exit(ctl.Main(os.Args[2:], os.Stdout, os.Stderr))
		case "mcp":
			os.Exit(execMCP(os.Args[2:], os.Stderr))
		case "key":
			dir, err := persist.Dir()
			if err != nil {
				fmt.Fprintln(os.Stderr, "slopgui key:", err)
				os.Exit(1)
			}
			os.Exit(llm.KeyMain(os.Args[2:], dir, os.Stdin, os.Stdout, os.Stderr))
		}
	}
	if supervisor.ShouldSupervise(os.Args[1:]) {
		self, err := os.Executable()
		if err != nil {
			self = os.Args[0]
		}
		os.Exit(supervisor.Run(supervisor.Options{Binary: self, Args: os.Args[1:]}))
	}
	os.Exit(app.Main(os.Args[1:], app.Options{GlobalHotkey: globalkey.CtrlAltR}))
}
