package app

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/contract"
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
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		d.heapMB = float64(ms.HeapInuse) / (1 << 20)
		d.rssMB = rssMB()
		d.goroutines = runtime.NumGoroutine()
	}
}

func (d *diagnostics) info() contract.Diagnostics {
	return contract.Diagnostics{FPS: imgui.CurrentIO().Framerate(), FrameMs: append([]float64(nil), d.frames...),
		HeapMB: d.heapMB, RSSMB: d.rssMB, Goroutines: d.goroutines}
}

// rssMB reads the resident set size from /proc (Linux).
func rssMB() float64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseFloat(f[1], 64)
	return pages * float64(os.Getpagesize()) / (1 << 20)
}
