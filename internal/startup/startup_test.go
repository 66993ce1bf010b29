package startup

import (
	"strings"
	"testing"
	"time"
)

// The process started before this package initialised, and not long
// before (a test binary starts within seconds).
func TestExec(t *testing.T) {
	if Exec.IsZero() || !Exec.Before(Init) || Init.Sub(Exec) > 30*time.Second {
		t.Fatalf("Exec %v, Init %v: want a start shortly before init", Exec, Init)
	}
}

func TestPhases(t *testing.T) {
	tests := []struct {
		name   string
		origin time.Time
		marks  []string
		want   []string // phase names
	}{
		{"no origin: from init", time.Time{}, []string{"a", "b"}, []string{"a", "b"}},
		{"origin before exec: until exec, load and init", Exec.Add(-40 * time.Millisecond), []string{"a"}, []string{"until exec", "load and init", "a"}},
		{"origin between exec and init (an exec in place): exec and init", Init.Add(-time.Nanosecond), []string{"a"}, []string{"exec and init", "a"}},
		{"origin after init: none for exec", Init.Add(time.Hour), []string{"a"}, []string{"a"}},
		{"a repeated mark counts once", time.Time{}, []string{"a", "b", "a"}, []string{"a", "b"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reset()
			for _, m := range tc.marks {
				time.Sleep(time.Millisecond) // marks must be apart to test the split
				Mark(m)
			}
			ps := Phases(tc.origin)
			var names []string
			var sum time.Duration
			for _, p := range ps {
				names = append(names, p.Name)
				if p.D <= 0 {
					t.Errorf("phase %s: %v, want > 0", p.Name, p.D)
				}
				sum += p.D
			}
			if strings.Join(names, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("phases %v, want %v", names, tc.want)
			}
			origin := tc.origin
			if origin.IsZero() || origin.After(Init) {
				origin = Init
			}
			if last := ps[len(ps)-1]; sum <= 0 || origin.Add(sum).After(time.Now()) {
				t.Errorf("phases sum to %v, ending %v after now (last %s)", sum, time.Until(origin.Add(sum)), last.Name)
			}
			if f := Format(ps); !strings.HasPrefix(f, tc.want[0]+" ") || !strings.Contains(f, "total ") {
				t.Errorf("Format = %q", f)
			}
		})
	}
}
