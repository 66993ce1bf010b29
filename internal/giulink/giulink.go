// Package giulink is the external-linker wrapper every binary and plugin
// that links giu (cimgui-go) needs: extld.sh, embedded. cimgui-go ships
// non-PIC prebuilt archives; a host that imports "plugin" is linked with
// -z nocopyreloc, which those archives cannot satisfy, and a plugin cannot
// contain them at all. The wrapper drops the flag from the host link and
// the archives from the plugin link (their C symbols bind to the host's
// copies when the plugin is opened: one ImGui context), links with mold
// when installed, and answers the Go linker's compiler probes from a
// cache. See the script and README.md. It is giu's business, not hot's:
// hot builds plugins for any Go code and takes the linker from its caller.
package giulink

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	// A binary that links giu also needs cimgui-go's glibc fix.
	_ "github.com/slopgui/slopgui/internal/linkfix"
	"github.com/slopgui/slopgui/persist"
)

//go:embed extld.sh
var script []byte

// Install writes the linker wrapper into dir, once per content, and
// returns its path, for -ldflags=-extld=PATH (or hot.GoBuilder.ExtLD).
func Install(dir string) (string, error) {
	sum := sha256.Sum256(script)
	p := filepath.Join(dir, "extld-"+hex.EncodeToString(sum[:6])+".sh")
	if b, err := os.ReadFile(p); err == nil && bytes.Equal(b, script) {
		return p, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("installing linker wrapper: %w", err)
	}
	if err := persist.WriteFileAtomic(p, script, 0o755); err != nil {
		return "", fmt.Errorf("installing linker wrapper: %w", err)
	}
	return p, nil
}
