package hot

import (
	"fmt"
	"strings"
)

// Reason classifies why a reload failed, in the spirit of cr.h's failure
// enum. It is used in errors, stats and the reload history.
type Reason string

// Failure reasons.
const (
	ReasonNone            Reason = ""
	ReasonToolchain       Reason = "toolchain"         // no go command, or another Go version
	ReasonStableChanged   Reason = "stable-changed"    // a non-reloadable package was edited
	ReasonSources         Reason = "sources"           // hot sources missing or unreadable
	ReasonBuild           Reason = "build"             // the compiler refused the code
	ReasonTimeout         Reason = "timeout"           // the build ran past its time limit
	ReasonLoad            Reason = "load"              // plugin.Open or symbol lookup failed
	ReasonInitPanic       Reason = "init-panic"        // a package init in the plugin panicked
	ReasonAPIVersion      Reason = "api-version"       // module written for another contract
	ReasonMissingTarget   Reason = "missing-target"    // a delegation target is absent
	ReasonSignature       Reason = "signature"         // a delegation target has the wrong type
	ReasonFirstFramePanic Reason = "first-frame-panic" // new code panicked drawing its first frame
	ReasonViewPanic       Reason = "view-panic"        // a view panicked in a later frame
	ReasonInternal        Reason = "internal"          // the reloader itself failed (a bug)
)

// Error is a failed reload: what happened, and what the user can do.
type Error struct {
	Reason Reason
	What   string // what happened, one line
	Detail string // e.g. the compiler's output
	Hint   string // what to do
	// Facts are named values the host can put in its own words (see
	// Config.Explain): "want" and "found" Go versions, the "package" or
	// "changed" packages that need a restart, the "module", …
	Facts map[string]string
	Err   error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.What)
	if e.Err != nil && e.Detail == "" {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	if d := strings.TrimSpace(e.Detail); d != "" {
		b.WriteString("\n")
		b.WriteString(d)
	}
	if e.Hint != "" {
		b.WriteString("\n→ ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }
