package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

// mcpName is the MCP server's binary (cmd/slopgui-mcp).
const mcpName = "slopgui-mcp"

// mcpBinary finds slopgui-mcp: beside self (this program), else on PATH.
func mcpBinary(self string) (string, error) {
	beside := filepath.Join(filepath.Dir(self), mcpName)
	there := "neither beside " + self
	if fi, err := os.Stat(beside); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
		return beside, nil
	} else if err == nil {
		there = "not executable beside " + self + " (" + beside + ")"
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s: %w", beside, err)
	}
	if p, err := exec.LookPath(mcpName); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("the MCP server, %s, is %s nor on PATH: build it with `make build` (it puts both in bin/), or `go build -o %s ./cmd/slopgui-mcp`", mcpName, there, beside)
}

// execMCP replaces this process with slopgui-mcp ARGS (the agent that
// started `slopgui mcp` keeps talking to the same process over the same
// stdio), or says why it cannot and returns an exit code.
func execMCP(args []string, stderr io.Writer) int {
	self, err := os.Executable()
	if err != nil {
		self = os.Args[0]
	}
	bin, err := mcpBinary(self)
	if err == nil {
		err = syscall.Exec(bin, append([]string{bin}, args...), os.Environ())
		err = fmt.Errorf("starting %s: %w", bin, err)
	}
	fmt.Fprintln(stderr, "slopgui mcp:", err)
	return 1
}
