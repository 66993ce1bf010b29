// Command slopgui is a desktop GUI for AI-assisted coding by hand, whose
// views reload into the running process (Ctrl+Alt+R). See README.md.
package main

import (
	"os"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/internal/globalkey"
)

func main() {
	os.Exit(app.Main(os.Args[1:], app.Options{GlobalHotkey: globalkey.CtrlAltR}))
}
