package giulink

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fakeCC is a compiler driver that logs its arguments, one call a line,
// says $FAKE_SAY and exits with $FAKE_RC.
const fakeCC = `#!/bin/sh
echo "$*" >> "$FAKE_LOG"
[ -n "$FAKE_SAY" ] && echo "$FAKE_SAY" >&2
exit "${FAKE_RC:-0}"
`

type wrapper struct {
	t      *testing.T
	script string
	log    string
	env    []string
}

func newWrapper(t *testing.T) *wrapper {
	dir := t.TempDir()
	script, err := Install(dir)
	if err != nil {
		t.Fatal(err)
	}
	cc := filepath.Join(dir, "fakecc")
	if err := os.WriteFile(cc, []byte(fakeCC), 0o755); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(dir, "calls")
	return &wrapper{t: t, script: script, log: log,
		env: append(os.Environ(), "SLOPGUI_EXTLD_CC="+cc, "SLOPGUI_EXTLD_LD=default", "FAKE_LOG="+log)}
}

// run runs the wrapper and returns its exit status and stderr.
func (w *wrapper) run(env []string, args ...string) (int, string) {
	w.t.Helper()
	cmd := exec.Command(w.script, args...)
	cmd.Env = append(append([]string{}, w.env...), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), stderr.String()
	} else if err != nil {
		w.t.Fatal(err)
	}
	return 0, stderr.String()
}

// calls returns the fake compiler's calls so far.
func (w *wrapper) calls() []string {
	b, err := os.ReadFile(w.log)
	if os.IsNotExist(err) {
		return nil
	} else if err != nil {
		w.t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// probe is the Go linker's question "does the compiler take flag?", in
// a temporary directory of its own, as the linker asks it.
func probe(tmp, flag string) []string {
	return []string{"-m64", "-o", "/tmp/go-link-" + tmp + "/a.out", flag, "/tmp/go-link-" + tmp + "/trivial.c"}
}

func TestProbesAnsweredOnce(t *testing.T) {
	tests := []struct {
		name      string
		say       string
		rc        string
		wantFirst int // exit status of the probe the compiler answers
		wantLater int // and of the same probe answered from the cache
	}{
		{"supported", "", "0", 0, 0},
		{"refused", "error: unrecognized command-line option", "1", 1, 1},
		// The Go linker counts a probe whose output says "unknown" as
		// unsupported, whatever its status: the cache keeps that verdict.
		{"warned", "clang: warning: unknown argument", "0", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWrapper(t)
			env := []string{"FAKE_SAY=" + tt.say, "FAKE_RC=" + tt.rc}
			rc, stderr := w.run(env, probe("111", "-Wl,--flag")...)
			if rc != tt.wantFirst || !strings.Contains(stderr, tt.say) {
				t.Fatalf("first probe: exit %d, stderr %q; want %d and %q", rc, stderr, tt.wantFirst, tt.say)
			}
			// A later link asks again from another temporary directory; the
			// compiler would now answer otherwise, but is not asked.
			rc, _ = w.run([]string{"FAKE_RC=7"}, probe("222", "-Wl,--flag")...)
			if rc != tt.wantLater {
				t.Errorf("cached probe: exit %d, want %d", rc, tt.wantLater)
			}
			if c := w.calls(); len(c) != 1 {
				t.Errorf("compiler called %d times, want once: %q", len(c), c)
			}
			// Another flag is another question.
			if rc, _ := w.run([]string{"FAKE_RC=0"}, probe("333", "-Qunused-arguments")...); rc != 0 {
				t.Errorf("other flag: exit %d, want 0", rc)
			}
			if c := w.calls(); len(c) != 2 || !strings.Contains(c[1], "-Qunused-arguments") {
				t.Errorf("calls %q, want a second one for the other flag", c)
			}
		})
	}
}

func TestLinkArguments(t *testing.T) {
	archive := "/root/go/pkg/mod/github.com/!allen!dang/cimgui-go@v1.3.2/lib/linux/x64/cimgui.a"
	copied := "/src/slopgui/third_party/cimgui-go/lib/linux/x64/cimgui.a"
	copiedGLFW := "/src/slopgui/third_party/cimgui-go/lib/linux/x64/libglfw3.a"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"host: nocopyreloc dropped, archives kept",
			[]string{"-m64", "-Wl,-z,nocopyreloc", "-o", "slopgui", "go.o", archive},
			"-m64 -o slopgui go.o " + archive},
		{"plugin: archives dropped",
			[]string{"-m64", "-shared", "-Wl,-z,nocopyreloc", "-o", "b1.so", "go.o", archive},
			"-m64 -shared -o b1.so go.o"},
		{"plugin: the trimmed copy's archives dropped",
			[]string{"-m64", "-shared", "-o", "b1.so", "go.o", copied, copiedGLFW, "/usr/lib/libother.a"},
			"-m64 -shared -o b1.so go.o /usr/lib/libother.a"},
		{"host: the trimmed copy's archives kept",
			[]string{"-m64", "-o", "slopgui", "go.o", copied, copiedGLFW},
			"-m64 -o slopgui go.o " + copied + " " + copiedGLFW},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWrapper(t)
			if rc, stderr := w.run(nil, tt.args...); rc != 0 {
				t.Fatalf("exit %d: %s", rc, stderr)
			}
			if c := w.calls(); len(c) != 1 || c[0] != tt.want {
				t.Errorf("compiler called with %q, want %q", c, tt.want)
			}
		})
	}
}
