package framepace_test

import (
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/framepace"
)

func TestFPS(t *testing.T) {
	tests := []struct {
		name       string
		since      time.Duration
		busy, item bool
		want       uint
	}{
		{"mouse just moved", time.Second, false, false, 60},
		{"mouse just moved, text box focused", time.Second, false, true, 60},
		{"a reload building", 5 * time.Second, true, false, 20},
		{"a reload building, text box focused", 5 * time.Second, true, true, 20},
		{"text box focused, left alone: the caret blinks", 5 * time.Second, false, true, 5},
		{"nothing", 5 * time.Second, false, false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := framepace.FPS(tt.since, tt.busy, tt.item); got != tt.want {
				t.Errorf("%d fps, want %d", got, tt.want)
			}
		})
	}
}
