// Command pluginwarm is built, never run: `make build` compiles it with
// -buildmode=plugin so that the build cache already holds every dependency
// (giu, cimgui-go's C++) compiled the way view plugins need it. Without it,
// the first Ctrl+Alt+R on a fresh machine compiles cimgui-go for plugins,
// which takes minutes on two cores.
package main

import _ "github.com/slopgui/slopgui/views"

func main() {}
