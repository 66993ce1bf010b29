package rules

import "embed"

// Sources are the rules' own source files as compiled into this binary.
// The host compares them with the working tree at start: unchanged, the
// package keeps its import path in a reload (the copy already linked in
// is shared) and is not compiled again.
//
//go:embed *.go
var Sources embed.FS
