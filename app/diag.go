package app

import (
	"runtime"
	"time"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/internal/memstat"
)

const frameSamples = 240

// diagnostics records frame times and samples memory twice a second.
type diagnostics struct {
	frames        []float64
	last          time.Time
	sampledAt     time.Time
	heapMB, rssMB float64
	goroutines    int
}

func (d *diagnostics) frame(now time.Time) {
	if !d.last.IsZero() {
		d.frames = append(d.frames, float64(now.Sub(d.last).Microseconds())/1000)
		if len(d.frames) > frameSamples {
			d.frames = d.frames[len(d.frames)-frameSamples:]
		}
	}
	d.last = now
	if now.Sub(d.sampledAt) >= 500*time.Millisecond {
		d.sampledAt = now
		d.heapMB, d.rssMB = memstat.HeapInUseMB(), memstat.RSSMB() // no stop-the-world on the render thread
		d.goroutines = runtime.NumGoroutine()
	}
}

func (d *diagnostics) info() contract.Diagnostics {
	return contract.Diagnostics{FPS: imgui.CurrentIO().Framerate(), FrameMs: append([]float64(nil), d.frames...),
		HeapMB: d.heapMB, RSSMB: d.rssMB, Goroutines: d.goroutines}
}
