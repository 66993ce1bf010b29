// Command floorplugin is built, never run: make bench links it with
// -buildmode=plugin to measure the smallest plugin a view could be on this
// machine. A view formats text, so it imports fmt, and fmt brings reflect,
// os, time and the rest of the standard library's core (62 packages here):
// the link of this plugin is the floor under a cold view edit's link,
// whatever slopgui's views import besides.
package main

import "fmt"

// Text is what the plugin exports, so that fmt is kept.
func Text(n int) string { return fmt.Sprint(n) }

func main() {}
