package persist

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/slopgui/slopgui/state"
)

// SessionVersion is the version of the session file's encoding.
const SessionVersion = 1

// Session is what lives only in the session, not in the project file: the
// composer, half-typed forms and open dialogs. When slopgui ends on a
// signal (nobody could be asked), it is written to session.json in
// slopgui's config directory and restored, once, by the next start of the
// same project. It holds what the user typed: the file is private (0600).
type Session struct {
	Version      int
	Project      string // the project file it belongs to
	ComposerRole int32
	ComposerText string
	Forms        state.Forms
	Dialogs      state.Dialogs
}

// SessionPath is session.json in dir.
func SessionPath(dir string) string { return filepath.Join(dir, "session.json") }

// SaveSession writes s (its version set) to session.json in dir.
func SaveSession(dir string, s Session) error {
	s.Version = SessionVersion
	b, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encoding the session: %w", err)
	}
	if err := WriteFileAtomic(SessionPath(dir), b, 0o600); err != nil {
		return fmt.Errorf("saving the session: %w", err)
	}
	return nil
}

// TakeSession returns the session in dir when it belongs to project, and
// removes it (it is consumed); ok is false when there is none or it is
// another project's (kept for when that one opens). One that cannot be
// read is left where it is and reported.
func TakeSession(dir, project string) (s Session, ok bool, err error) {
	path := SessionPath(dir)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Session{}, false, nil
	}
	if err == nil {
		err = json.Unmarshal(b, &s)
	}
	if err == nil && s.Version != SessionVersion {
		err = fmt.Errorf("version %d, this slopgui reads %d", s.Version, SessionVersion)
	}
	if err != nil {
		return Session{}, false, fmt.Errorf("the last session (%s) could not be restored and was left as it is: %w", path, err)
	}
	if s.Project != project {
		return Session{}, false, nil
	}
	return s, true, os.Remove(path)
}
