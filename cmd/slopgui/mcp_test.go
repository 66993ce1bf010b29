package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestMain lets a test run this binary as `slopgui mcp ARGS`.
func TestMain(m *testing.M) {
	if os.Getenv("SLOPGUI_TEST_EXEC_MCP") == "1" {
		os.Exit(execMCP(os.Args[1:], os.Stderr))
	}
	os.Exit(m.Run())
}

func writeFile(t *testing.T, path, text string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
}

func TestMCPBinary(t *testing.T) {
	for _, tc := range []struct {
		name    string
		beside  os.FileMode // slopgui-mcp beside slopgui with this mode; 0: none
		onPath  bool        // slopgui-mcp in a directory on PATH
		want    string      // "beside", "path"
		wantErr string
	}{
		{name: "beside", beside: 0o755, want: "beside"},
		{name: "beside wins over PATH", beside: 0o755, onPath: true, want: "beside"},
		{name: "on PATH", onPath: true, want: "path"},
		{name: "beside but not executable", beside: 0o644, onPath: true, want: "path"},
		{name: "nowhere", wantErr: "neither beside"},
		{name: "beside but not executable, nowhere else", beside: 0o644, wantErr: "not executable beside"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			binDir, pathDir := t.TempDir(), t.TempDir()
			self := filepath.Join(binDir, "slopgui")
			if tc.beside != 0 {
				writeFile(t, filepath.Join(binDir, mcpName), "#!/bin/sh\n", tc.beside)
			}
			if tc.onPath {
				writeFile(t, filepath.Join(pathDir, mcpName), "#!/bin/sh\n", 0o755)
			}
			t.Setenv("PATH", pathDir)
			got, err := mcpBinary(self)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "make build") {
					t.Fatalf("got %q, %v; want an error saying %q and how to build it", got, err, tc.wantErr)
				}
				return
			}
			want := map[string]string{"beside": filepath.Join(binDir, mcpName), "path": filepath.Join(pathDir, mcpName)}[tc.want]
			if err != nil || got != want {
				t.Fatalf("got %q, %v; want %q", got, err, want)
			}
		})
	}
}

// `slopgui mcp ARGS` becomes slopgui-mcp ARGS in the same process (the
// agent's stdio and PID), and says what to do when it is missing.
func TestExecMCP(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "slopgui")
	if err := os.Link(self, bin); err != nil { // os.Executable resolves a symlink
		b, err := os.ReadFile(self)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, bin, string(b), 0o755)
	}
	run := func(stdin string) (*exec.Cmd, string, error) {
		cmd := exec.Command(bin, "--pid", "7")
		cmd.Env = append(os.Environ(), "SLOPGUI_TEST_EXEC_MCP=1", "PATH=/nonexistent")
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		return cmd, string(out), err
	}

	cmd, out, err := run("")
	if err == nil || !strings.Contains(out, "slopgui mcp: the MCP server, slopgui-mcp, is neither beside") {
		t.Fatalf("without slopgui-mcp: %v, %q; want exit 1 and the error", err, out)
	}

	writeFile(t, filepath.Join(dir, mcpName), "#!/bin/sh\necho \"pid $$ args $*\"\nread line\necho \"$line\"\nexit 3\n", 0o755)
	cmd, out, err = run("hello agent\n")
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
		t.Fatalf("exit: %v, want slopgui-mcp's 3 (output %q)", err, out)
	}
	want := "pid " + strconv.Itoa(cmd.Process.Pid) + " args --pid 7\nhello agent\n"
	if out != want {
		t.Fatalf("output %q, want %q: slopgui-mcp in slopgui's process, with its arguments and stdin", out, want)
	}
}
