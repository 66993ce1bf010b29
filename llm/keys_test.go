package llm_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/llm"
)

func TestCredentialsFile(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "")
	t.Setenv("GEMINI_API_KEY", "from-env-gemini")
	path := filepath.Join(t.TempDir(), "cfg", llm.CredentialsFile)
	if err := llm.SaveCredential(path, "ANTHROPIC_API_KEY", "sk-ant-file"); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("credentials file mode %v, %v; want 0600", fi.Mode(), err)
	}
	key, src, err := llm.LookupKey(llm.Anthropic, path)
	if err != nil || key != "sk-ant-file" || !strings.Contains(src, path) {
		t.Fatalf("key %q from %q, %v", key, src, err)
	}
	// The environment wins.
	if key, src, _ := llm.LookupKey(llm.Gemini, path); key != "from-env-gemini" || !strings.Contains(src, "GEMINI_API_KEY") {
		t.Fatalf("env key %q from %q", key, src)
	}
	// A file others can read is refused, and the error says how to fix it
	// without showing the key.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = llm.LookupKey(llm.Anthropic, path)
	var unsafe *llm.UnsafeCredentialsError
	if !errors.As(err, &unsafe) || !strings.Contains(err.Error(), "chmod 600") || strings.Contains(err.Error(), "sk-ant-file") {
		t.Fatalf("want a refusal naming chmod 600, got %v", err)
	}
	// No file, no key: no error.
	if key, _, err := llm.LookupKey(llm.OpenAI, filepath.Join(t.TempDir(), "none")); key != "" || err != nil {
		t.Fatalf("%q %v", key, err)
	}
}
