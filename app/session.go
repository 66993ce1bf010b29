package app

import "github.com/slopgui/slopgui/persist"

func (a *App) sessionPath() string { return persist.SessionPath(a.files.paths.Dir) }

// saveSession writes the session keys (composer, forms, dialogs) for the
// next start of this project (persist.Session).
func (a *App) saveSession() error {
	if a.files == nil {
		return nil
	}
	return persist.SaveSession(a.files.paths.Dir, persist.Session{Project: a.files.path,
		ComposerRole: a.ComposerRole, ComposerText: a.ComposerText, Forms: a.Forms, Dialogs: a.Dialogs})
}

// restoreSession applies a session file left by a signal exit when it
// belongs to the project just opened, and consumes it.
func (a *App) restoreSession() error {
	s, ok, err := persist.TakeSession(a.files.paths.Dir, a.files.path)
	if ok {
		a.ComposerRole, a.ComposerText, a.Forms, a.Dialogs = s.ComposerRole, s.ComposerText, s.Forms, s.Dialogs
	}
	return err
}
