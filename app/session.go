package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/slopgui/slopgui/persist"
	"github.com/slopgui/slopgui/state"
)

// sessionVersion is the version of the session file's encoding.
const sessionVersion = 1

// session is what lives only in the session, not in the project file: the
// composer, half-typed forms and open dialogs. When slopgui ends on a
// signal (nobody could be asked), it is written beside the config and
// restored, once, by the next start of the same project.
type session struct {
	Version      int
	Project      string // the project file it belongs to
	ComposerRole int32
	ComposerText string
	Forms        state.Forms
	Dialogs      state.Dialogs
}

func (a *App) sessionPath() string { return filepath.Join(a.files.paths.Dir, "session.json") }

// saveSession writes the session keys for the next start.
func (a *App) saveSession() error {
	if a.files == nil {
		return nil
	}
	b, err := json.Marshal(session{Version: sessionVersion, Project: a.files.path,
		ComposerRole: a.ComposerRole, ComposerText: a.ComposerText, Forms: a.Forms, Dialogs: a.Dialogs})
	if err != nil {
		return fmt.Errorf("encoding the session: %w", err)
	}
	if err := persist.WriteFileAtomic(a.sessionPath(), b, 0o600); err != nil {
		return fmt.Errorf("saving the session: %w", err)
	}
	return nil
}

// restoreSession applies a session file left by a signal exit when it
// belongs to the project just opened, then removes it (it is consumed).
// One that cannot be read is left where it is and reported.
func (a *App) restoreSession() error {
	b, err := os.ReadFile(a.sessionPath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var s session
	if err == nil {
		err = json.Unmarshal(b, &s)
	}
	if err == nil && s.Version != sessionVersion {
		err = fmt.Errorf("version %d, this slopgui reads %d", s.Version, sessionVersion)
	}
	if err != nil {
		return fmt.Errorf("the last session (%s) could not be restored and was left as it is: %w", a.sessionPath(), err)
	}
	if s.Project != a.files.path {
		return nil // another project's: kept for when that one opens
	}
	a.ComposerRole, a.ComposerText, a.Forms, a.Dialogs = s.ComposerRole, s.ComposerText, s.Forms, s.Dialogs
	return os.Remove(a.sessionPath())
}
