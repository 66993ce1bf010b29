// Command barewindow is the floor make bench measures slopgui against: a
// giu window with one label and nothing of slopgui's, started the way
// slopgui starts its own (GLFW, OpenGL, Dear ImGui's default font). It
// prints, one per line, when its window was made, when its first frame
// ended and the mean time of the frames after it (drawn as fast as the
// machine allows), then exits:
//
//	window 312.4
//	first-frame 128.9
//	frame 21.7
//
// The first two are milliseconds since the process's main began (the
// process's own start before main is on top; the bench measures from
// exec), the last is milliseconds per frame.
package main

import (
	"fmt"
	"os"
	"time"

	g "github.com/AllenDang/giu"

	_ "github.com/slopgui/slopgui/internal/linkfix" // the C symbols Debian 12's libc lacks
)

// frames is how many frames after the first are timed.
const frames = 30

func main() {
	t0 := time.Now()
	wnd := g.NewMasterWindow("barewindow", 1280, 800, 0)
	wnd.SetTargetFPS(1000) // no pacing: a frame's own cost
	fmt.Printf("window %.1f\n", ms(time.Since(t0)))
	n := 0
	var first time.Time
	wnd.Run(func() {
		g.SingleWindow().Layout(g.Label(fmt.Sprintf("frame %d", n)))
		n++
		switch {
		case n == 1:
			g.Update()
		case n == 2:
			// The frame callback runs before the frame is rendered: frame 1
			// ended when frame 2 began.
			first = time.Now()
			fmt.Printf("first-frame %.1f\n", ms(first.Sub(t0)))
			g.Update()
		case n < frames+2:
			g.Update()
		default:
			fmt.Printf("frame %.2f\n", ms(time.Since(first))/frames)
			os.Exit(0)
		}
	})
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
