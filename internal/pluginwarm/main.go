// Command pluginwarm is built, never run: `make build` compiles it with
// -buildmode=plugin so that the build cache already holds every dependency
// compiled the way plugins need it: the views' (the standard library and
// the stable packages) and the minimal example's (giu, cimgui-go: minutes
// on two cores on a cold cache, once).
package main

import (
	_ "github.com/slopgui/slopgui/examples/minimal/view"
	_ "github.com/slopgui/slopgui/internal/linkfix" // so that go build ./... links it too
	_ "github.com/slopgui/slopgui/views"
)

func main() {}
