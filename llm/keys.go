package llm

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/slopgui/slopgui/persist"
)

// CredentialsFile is the name of the credentials file in the config dir.
const CredentialsFile = "credentials"

// KeyVar names the environment variable that holds provider's API key.
func KeyVar(provider string) string {
	switch provider {
	case Anthropic:
		return "ANTHROPIC_API_KEY"
	case Gemini:
		return "GEMINI_API_KEY"
	}
	return "OPENAI_API_KEY"
}

// BaseURLVar is the environment variable that fills an OpenAI-compatible
// base URL when the project names none (as the OpenAI SDK does).
const BaseURLVar = "OPENAI_BASE_URL"

// UnsafeCredentialsError is a credentials file that users other than its
// owner may read: it is not read at all.
type UnsafeCredentialsError struct {
	Path string
	Mode fs.FileMode
}

func (e *UnsafeCredentialsError) Error() string {
	return fmt.Sprintf("%s can be read by other users (mode %04o), so it was not read: run chmod 600 %s",
		e.Path, e.Mode.Perm(), e.Path)
}

// LookupKey finds provider's key: the environment variable first, then
// the credentials file at credPath (lines NAME=value; # comments). source
// says where it came from, for AI Settings; an empty key with a nil error
// means none is set. The key itself never appears in an error.
func LookupKey(provider, credPath string) (key, source string, err error) {
	name := KeyVar(provider)
	if v := strings.TrimSpace(os.Getenv(name)); v != "" {
		return v, "environment variable " + name, nil
	}
	if credPath == "" {
		return "", "", nil
	}
	vals, err := ReadCredentials(credPath)
	if errors.Is(err, fs.ErrNotExist) {
		return "", "", nil
	}
	if err != nil {
		return "", "", err
	}
	if v := vals[name]; v != "" {
		return v, name + " in " + credPath, nil
	}
	return "", "", nil
}

// ReadCredentials reads a credentials file, refusing one that group or
// others can read (*UnsafeCredentialsError).
func ReadCredentials(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, &UnsafeCredentialsError{Path: path, Mode: fi.Mode()}
	}
	vals := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want NAME=value", path, n)
		}
		vals[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"'`)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return vals, nil
}

// SaveCredential sets name=value in the credentials file at path,
// creating it (and its directory) private to the user: mode 0600.
func SaveCredential(path, name, value string) error {
	vals, err := ReadCredentials(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if vals == nil {
		vals = map[string]string{}
	}
	vals[name] = value
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("saving the key: %w", err)
	}
	var b strings.Builder
	b.WriteString("# slopgui API keys (NAME=value). Keep this file mode 0600.\n")
	for _, k := range []string{"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY"} {
		if v, ok := vals[k]; ok {
			fmt.Fprintf(&b, "%s=%s\n", k, v)
			delete(vals, k)
		}
	}
	for k, v := range vals {
		fmt.Fprintf(&b, "%s=%s\n", k, v)
	}
	// An existing file was read above, so it is private: its mode, kept
	// by WriteFileAtomic, is 0600 like a new one's.
	if err := persist.WriteFileAtomic(path, []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("saving the key: %w", err)
	}
	return nil
}
