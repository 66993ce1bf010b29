// Package hot reloads Go code into a running process: "data in stable
// memory, code in reloadable modules".
//
// A Module names a reloadable Go module (its packages' source
// directories), the delegation targets it exports, and the fields of the
// host's state struct that must survive a reload. A host may register
// several modules (e.g. its views and its rules), each checked against its
// own API version (Module.APIVersion); a reload builds them into one
// plugin, and what they export may use only stable packages' types. The
// host links every module statically as generation 0. One worker goroutine of a Reloader
// builds and loads, off the caller's thread:
//
//  1. it checks that the Go toolchain on PATH is the one that built the
//     host and that no stable package changed since the host started;
//  2. it maps the hot sources, through a go build -overlay file, into
//     directories that exist only in the overlay (hotgen/bN/...), rewriting
//     imports between hot packages (see "Import paths" below);
//  3. it generates a plugin main exporting each module's Targets and
//     APIVersion, and runs go build -buildmode=plugin with the host's own
//     build settings (read from its build info) and a linker wrapper;
//  4. it opens the plugin, looks the symbols up and checks the API version
//     and every target's type.
//
// When: Watch builds saved sources ahead, once they have been quiet for
// Config.SettleDelay, and loads the build ahead once they have been quiet
// for Config.LoadAheadAfter (at most Config.MaxAheadLoads plugins loaded
// ahead and never swapped between two swaps: a plugin is never unloaded).
// A failed ahead build only shows in Status().Ahead. A trigger (ReloadAll,
// Reload) asks for exactly the sources on disk, compared by content hash:
// a ready build of them is swapped at the next BeginFrame without building,
// a build of them under way is waited for, and a build of anything else is
// never swapped in (saving again cancels it). Only a trigger swaps code.
//
// Import paths. Go loads a package path once per process and, at
// plugin.Open, shares an already loaded package whose path and export-data
// hash match — silently, even if a function body differs. So a changed hot
// package must get a new path, and an unchanged one may keep its old path
// and be compiled from the build cache. The rule: a hot package keeps the
// path of the build that last compiled it while its sources (file names
// and contents) and every hot package it imports keep theirs; otherwise it
// is compiled under this build's hotgen/bN. A package whose files equal the
// module's Linked sources (what the host was built from) keeps its own
// import path: the host's copy. Editing one view package thus recompiles
// that package, the module root that imports it, and the plugin main (the
// DirectBuilder compiles the root and the main as one package, the
// plugin's main: one compile fewer on the way; see mergeRoot). After
// a plugin fails to load, every package moves to a new path (a failed
// plugin's packages may be half initialised).
//
// The host calls BeginFrame and EndFrame on its render thread around each
// frame. BeginFrame swaps a finished generation in, all targets at once,
// after capturing a deep copy of the registered state; if the first frame
// drawn with it panics, EndFrame restores that copy and the previous
// generation. Failures leave the last good generation running and set the
// error state (Status().Error) until the next success.
//
// The external linker of plugin links is the caller's choice (Config.ExtLD,
// GoBuilder.ExtLD): a host whose C libraries come as non-PIC archives,
// which a plugin cannot contain, passes a wrapper that leaves them out, so
// the plugin's C symbols bind to the host's copies when it is opened.
// hot/ itself builds plugins for any Go code and names no program: its
// errors carry a Reason and Facts, and Config.Explain lets the host put
// them in its own words.
//
// Files, one job each: types.go (the public types), reloader.go (the
// Reloader: creation, registration, generation 0, triggers), pipeline.go
// (the worker goroutine: build, cancel, load ahead), swap.go (the render
// thread: BeginFrame, EndFrame, probation), status.go (Status, Wait),
// watch.go (building ahead on save; Prepare, and WarmCommand for a host
// about to restart), snapshot.go (source hashes and import
// paths), build.go and direct.go (the two builders; EmbedConfig, which the
// host's direct build uses too, as it does inorder.go's InOrder, which
// schedules their compiles), load.go (plugin.Open
// and verification), state.go (capture and restore), guard.go (toolchain
// and stable-package checks), errors.go (Reason, Error).
//
// Limits: Linux only; reloading needs the Go toolchain that built the host;
// a loaded plugin can never be unloaded, so each generation's memory stays.
package hot
