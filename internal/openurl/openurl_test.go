package openurl_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/openurl"
)

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		url  string
		ok   bool
		says string
	}{
		{"https://go.dev/doc", true, ""},
		{"http://example.com", true, ""},
		{"mailto:me@example.com", true, ""},
		{"file:///etc/passwd", false, "not an http, https or mailto address"},
		{"javascript:alert(1)", false, "not an http, https or mailto address"},
		{"relative/path", false, "not an http, https or mailto address"},
		{"https://", false, "has no host"},
	} {
		err := openurl.Check(c.url)
		if (err == nil) != c.ok || (err != nil && !strings.Contains(err.Error(), c.says)) {
			t.Errorf("Check(%q) = %v, want ok=%v saying %q", c.url, err, c.ok, c.says)
		}
	}
}

// Open runs the opener with the address; a missing opener is a clear
// message, and a refused address runs nothing.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "opened")
	script := filepath.Join(dir, "fake-open")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho \"$1\" > "+out+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	defer func(o string) { openurl.Opener = o }(openurl.Opener)

	openurl.Opener = script
	if err := openurl.Open("file:///etc/passwd"); err == nil {
		t.Fatal("a file address was opened")
	}
	if err := openurl.Open("https://example.com/x?y=1"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, _ := os.ReadFile(out)
		if string(b) == "https://example.com/x?y=1\n" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the opener got %q", b)
		}
		time.Sleep(10 * time.Millisecond)
	}

	openurl.Opener = filepath.Join(dir, "no-such-xdg-open")
	err := openurl.Open("https://example.com")
	if !errors.Is(err, openurl.ErrNoOpener) || !strings.Contains(err.Error(), "xdg-open is not installed") {
		t.Errorf("missing opener: %v", err)
	}
}
