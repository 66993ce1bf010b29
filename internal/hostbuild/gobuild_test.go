package hostbuild

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func writeModule(t *testing.T, main string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range map[string]string{"go.mod": "module example.com/h\n\ngo 1.21\n", "main.go": main} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// A real go build: a good main package gives a binary that runs; a compile
// error gives the compiler's file:line and no binary.
func TestGoBuild(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	tests := []struct {
		name, main string
		wantErr    string
	}{
		{"builds", "package main\n\nfunc main() { println(\"hello\") }\n", ""},
		{"compile error", "package main\n\nfunc main() { undefinedThing() }\n", "main.go:3:15: undefined: undefinedThing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := writeModule(t, tc.main)
			out := t.TempDir()
			bin, err := GoBuild{Root: root, Package: ".", OutDir: out, Name: "h", Env: append(os.Environ(), "GOFLAGS=")}.Build(context.Background())
			if tc.wantErr != "" {
				var be *BuildError
				if !errors.As(err, &be) || !strings.Contains(be.Output, tc.wantErr) || bin != "" {
					t.Fatalf("Build = %q, %v; want a BuildError with %q", bin, err, tc.wantErr)
				}
				if ents, _ := os.ReadDir(out); len(ents) != 0 {
					t.Fatalf("a failed build left %v", ents)
				}
				return
			}
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			if b, err := exec.Command(bin).CombinedOutput(); err != nil || !strings.Contains(string(b), "hello") {
				t.Fatalf("the binary built: %q, %v", b, err)
			}
		})
	}
}

// The build runs Nice steps nicer than its caller: a fake go command
// reports the niceness it runs at (once Build has lowered it).
func TestGoBuildNice(t *testing.T) {
	cur, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0)
	if err != nil {
		t.Fatal(err)
	}
	base := 20 - cur
	if base+3 > 19 {
		t.Skip("already at the lowest priority")
	}
	dir := t.TempDir()
	report := filepath.Join(dir, "nice")
	script := filepath.Join(dir, "go")
	// Wait (bounded) until Build has reniced this process, then report.
	text := "#!/bin/sh\nfor i in $(seq 500); do n=$(nice); [ \"$n\" -gt " + strconv.Itoa(base) + " ] && break; sleep 0.01; done\necho $n > " + report + "\n: > \"$3\"\n"
	if err := os.WriteFile(script, []byte(text), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := (GoBuild{GoCmd: script, Root: dir, Package: ".", OutDir: dir, Name: "h", Nice: 3}).Build(context.Background()); err != nil {
		t.Fatalf("Build: %v", err)
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(b)); got != strconv.Itoa(base+3) {
		t.Fatalf("the build ran at niceness %s, want %d", got, base+3)
	}
}
