package llm_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/llm"
)

// TestKeyMain: `slopgui key NAME` stores the key read from stdin in a new
// credentials file of mode 0600, never prints it, and refuses bad usage.
func TestKeyMain(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "slopgui")
	var out, errw bytes.Buffer
	if rc := llm.KeyMain([]string{"OPENAI_API_KEY"}, dir, strings.NewReader("sk-secret-1\n"), &out, &errw); rc != 0 {
		t.Fatalf("rc %d, stderr %q", rc, errw.String())
	}
	path := filepath.Join(dir, llm.CredentialsFile)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	vals, err := llm.ReadCredentials(path)
	if err != nil || vals["OPENAI_API_KEY"] != "sk-secret-1" {
		t.Errorf("credentials %v, %v", vals, err)
	}
	if strings.Contains(out.String()+errw.String(), "sk-secret-1") {
		t.Errorf("the key was printed: %q %q", out.String(), errw.String())
	}
	for _, tc := range []struct {
		name string
		args []string
		in   string
	}{
		{"no name", nil, "k\n"},
		{"unknown name", []string{"PATH"}, "k\n"},
		{"no key", []string{"GEMINI_API_KEY"}, "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var o, e bytes.Buffer
			if rc := llm.KeyMain(tc.args, dir, strings.NewReader(tc.in), &o, &e); rc != 2 || e.Len() == 0 {
				t.Errorf("rc %d, stderr %q; want 2 and a usage message", rc, e.String())
			}
		})
	}
}
