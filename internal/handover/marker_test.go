package handover_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/handover"
)

func TestApplyMarker(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	snapGens := []handover.Generation{{N: 0}, {N: 1, Build: 1}}
	markGens := []handover.Generation{{N: 0}, {N: 1, Build: 1}, {N: 2, Build: 5}}
	tests := []struct {
		name   string
		marker *handover.Marker // nil: none
		raw    string           // written instead of a marker when set
		want   []handover.Generation
		wantID int
	}{
		{"no marker", nil, "", snapGens, 1},
		{"a swap after the snapshot", &handover.Marker{Written: t0.Add(time.Second), Generations: markGens, MaxBuildID: 5}, "", markGens, 5},
		{"a snapshot after the swap", &handover.Marker{Written: t0.Add(-time.Second), Generations: markGens, MaxBuildID: 5}, "", snapGens, 1},
		{"an unreadable marker", nil, "{not json", snapGens, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), handover.MarkerFile)
			if tt.marker != nil {
				if err := handover.WriteMarker(path, *tt.marker); err != nil {
					t.Fatal(err)
				}
			} else if tt.raw != "" {
				if err := os.WriteFile(path, []byte(tt.raw), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			h := &handover.Handover{Kind: handover.KindSnapshot, Written: t0, Generations: snapGens, MaxBuildID: 1}
			handover.ApplyMarker(h, path)
			if !slices.Equal(h.Generations, tt.want) || h.MaxBuildID != tt.wantID {
				t.Errorf("generations %+v, max build %d; want %+v, %d", h.Generations, h.MaxBuildID, tt.want, tt.wantID)
			}
		})
	}
}
