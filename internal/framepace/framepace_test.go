package framepace_test

import (
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/framepace"
)

func TestFPS(t *testing.T) {
	tests := []struct {
		name                 string
		drawn                int
		since                time.Duration
		building, busy, item bool
		want                 uint
	}{
		{"mouse just moved", 100, time.Second, false, false, false, 60},
		{"mouse just moved, text box focused", 100, time.Second, false, false, true, 60},
		{"an autosave waiting", 100, 5 * time.Second, false, true, false, 20},
		{"an autosave waiting, text box focused", 100, 5 * time.Second, false, true, true, 20},
		{"a build waited for, just after the key", 100, 100 * time.Millisecond, true, false, false, 5},
		{"a build waited for, autosave waiting too", 100, 5 * time.Second, true, true, true, 5},
		{"text box focused, left alone: the caret blinks", 100, 5 * time.Second, false, false, true, 5},
		{"the first frames of a new window, left alone", 0, 5 * time.Second, false, false, false, 60},
		{"the last of them, a build waited for", framepace.Starting - 1, 5 * time.Second, true, false, false, 60},
		{"after them", framepace.Starting, 5 * time.Second, false, false, false, 2},
		{"nothing", 100, 5 * time.Second, false, false, false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := framepace.FPS(tt.drawn, tt.since, tt.building, tt.busy, tt.item); got != tt.want {
				t.Errorf("%d fps, want %d", got, tt.want)
			}
		})
	}
}
