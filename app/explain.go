package app

import (
	"fmt"
	"strconv"

	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/rulesmod"
)

// explain puts a reload error in slopgui's words: hot/ names no program,
// keys or settings, and says what happened in Reason and Facts; the
// hints a slopgui user needs (the key, make run, SLOPGUI_GO) are added
// here. It is hot.Config.Explain.
func explain(e *hot.Error) {
	f := e.Facts
	switch e.Reason {
	case hot.ReasonToolchain:
		switch {
		case f["found"] != "":
			e.What = fmt.Sprintf("Go version mismatch: slopgui was built with %s, but %s is %s", f["want"], f["path"], f["found"])
			e.Hint = fmt.Sprintf("a plugin must be built by the same Go as its host; nothing was built. Put %s first on PATH (or set SLOPGUI_GO), or rebuild and restart slopgui with %s (make run).", f["want"], f["found"])
		case f["go"] != "":
			e.Hint = fmt.Sprintf("reloading compiles the views and needs %s, the Go that built slopgui; install it and put its bin directory on PATH (or set SLOPGUI_GO). The running views stay as they are.", f["want"])
		}
	case hot.ReasonStableChanged:
		switch {
		case f["package"] != "":
			e.What = "restart needed: package " + f["package"] + " is not the one slopgui was built with"
			e.Hint = "stable packages (and go.mod) cannot be reloaded: restart slopgui (make run) to pick up the change"
		case f["changed"] != "":
			e.What = fmt.Sprintf("restart needed: [%s] changed since slopgui started", f["changed"])
			e.Hint = "only the hot modules reload; stable packages (and go.mod, go.sum) are linked into the running host. Restart slopgui (make run), or undo the change to keep reloading. Nothing was built."
		}
	case hot.ReasonLoad:
		if f["open"] == "failed" {
			e.Hint = "the plugin does not fit this slopgui; rebuild and restart slopgui (make run)"
		}
	case hot.ReasonAPIVersion:
		e.What = fmt.Sprintf("API version mismatch: module %q is written for API %s, this slopgui speaks API %s", f["module"], f["code"], f["host"])
		code, _ := strconv.Atoi(f["code"])
		host, _ := strconv.Atoi(f["host"])
		if code > host {
			e.Hint = fmt.Sprintf("the host is older than the code: rebuild and restart slopgui (make run) so it speaks API %s", f["code"])
		}
	case hot.ReasonBuild:
		e.What = "the views do not compile"
		e.Hint = "fix the error above and press Ctrl+Alt+R again; the previous views keep running"
		rulesmod.Explain(e) // an error in the rules only, in their words
	}
}
