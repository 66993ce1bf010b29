package app

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/slopgui/slopgui/internal/giulink"
)

var (
	linkerOnce sync.Once
	linkerPath string
)

// giuLinker is the linker wrapper (internal/giulink) plugin links use,
// installed once in the user's cache directory, where its probe cache
// lives on between runs. "" (the toolchain's linker, slower) when it
// cannot be written; the reason goes to stderr.
func giuLinker() string {
	linkerOnce.Do(func() {
		dir, err := os.UserCacheDir()
		if err != nil {
			dir = os.TempDir()
		}
		p, err := giulink.Install(filepath.Join(dir, "slopgui"))
		if err != nil {
			fmt.Fprintf(os.Stderr, "slopgui: plugin links use the default linker: %v\n", err)
			return
		}
		linkerPath = p
	})
	return linkerPath
}
