package persist

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// FreeUntitled returns a path for a new project in dir that names no
// file: untitled.toml, untitled-2.toml, …
func FreeUntitled(dir string) string {
	path := filepath.Join(dir, "untitled.toml")
	for i := 2; exists(path); i++ {
		path = filepath.Join(dir, fmt.Sprintf("untitled-%d.toml", i))
	}
	return path
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// Recent lists current first, then the other project files (.toml) in
// dir, newest first.
func Recent(dir, current string) []string {
	ents, _ := os.ReadDir(dir)
	type pf struct {
		path string
		mod  time.Time
	}
	var list []pf
	for _, e := range ents {
		if filepath.Ext(e.Name()) == ".toml" {
			if info, err := e.Info(); err == nil {
				list = append(list, pf{filepath.Join(dir, e.Name()), info.ModTime()})
			}
		}
	}
	slices.SortFunc(list, func(x, y pf) int { return y.mod.Compare(x.mod) })
	out := []string{current}
	for _, p := range list {
		if p.path != current {
			out = append(out, p.path)
		}
	}
	return out
}

// UnreadableMessage tells the user that the project file at the error's
// path could not be read, that it is left alone, and where their work
// goes instead (untitled).
func UnreadableMessage(err error, untitled string) string {
	return fmt.Sprintf("The project file could not be opened: %v\n"+
		"It was left exactly as it is and will not be written, moved or replaced. "+
		"A new, untitled project is open instead; it is saved to %s once you change something. "+
		"Fix the file, then open it with File > Open…", err, untitled)
}

// SwitchRefused says that the current project could not be saved, so it
// stays open; err names the file and the reason.
func SwitchRefused(err error) string {
	return fmt.Sprintf("the current project could not be saved, so it stays open and nothing "+
		"you typed is lost: %v\nFix the problem, or save it elsewhere with File > Save As…, then try again.", err)
}

// CommentsMessage tells the user that the project file at path has
// comments the writer cannot keep, and where the original is kept.
func CommentsMessage(path string) string {
	return fmt.Sprintf("%s has comments. slopgui's saves cannot keep "+
		"comments (the keys it does not know are kept), so before the first save the original is copied "+
		"to %s.bak (or the next free .bak name).", path, path)
}
