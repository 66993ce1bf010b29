// Package hot reloads Go code into a running process: "data in stable
// memory, code in reloadable modules".
//
// A HotModule names a reloadable Go package (its source directories), the
// delegation targets it exports, and the fields of the host's state struct
// that must survive a reload. The host links every module statically as
// generation 0. On a trigger (Reload or ReloadAll) a Reloader, off the
// caller's thread:
//
//  1. checks that the Go toolchain on PATH is the one that built the host
//     and that no stable package changed since the host started;
//  2. copies the modules' sources, through a go build -overlay file, into a
//     directory that exists only in the overlay (hotgen/bN/...), rewriting
//     imports between hot packages, so every build has fresh import paths;
//  3. generates a plugin main exporting each module's Targets and
//     APIVersion, and runs go build -buildmode=plugin with the host's own
//     build settings (read from its build info) and a linker wrapper;
//  4. opens the plugin, looks the symbols up and checks the API version and
//     every target's type.
//
// The host calls BeginFrame and EndFrame on its render thread around each
// frame. BeginFrame swaps a finished generation in, all targets at once,
// after capturing a deep copy of the registered state; if the first frame
// drawn with it panics, EndFrame restores that copy and the previous
// generation. Failures leave the last good generation running and set the
// error state (Status().Error) until the next success.
//
// Why the linker wrapper: cimgui-go ships non-PIC prebuilt archives. A host
// that imports "plugin" is linked with -z nocopyreloc, which those archives
// cannot satisfy, and a plugin cannot contain them at all. extld.sh drops
// the flag from the host link and the archives from the plugin link; the
// plugin's C symbols then bind to the host's copies when it is opened, so
// host and plugins share one ImGui context. See README.md.
//
// Limits: Linux only; reloading needs the Go toolchain that built the host;
// a loaded plugin can never be unloaded, so each generation's memory stays.
package hot
