package views

import "embed"

// Sources are the views' own source files as compiled into this binary.
// The host compares them with the working tree at start: a package whose
// files are unchanged keeps its import path in the first reload (and is
// shared with the copy already linked in), so only edited packages
// compile.
//
//go:embed *.go */*.go
var Sources embed.FS
