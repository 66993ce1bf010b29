package startup

import (
	"strconv"
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

func TestExitedAt(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want time.Time
	}{
		{"", time.Time{}}, {"junk", time.Time{}}, {"-5", time.Time{}},
		{"1700000000123456789", time.Unix(0, 1700000000123456789)},
	} {
		if got := exitedAt(tc.v); !got.Equal(tc.want) {
			t.Errorf("exitedAt(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

// With Exited between origin and Exec, the time before exec is split at it.
func TestPhasesExited(t *testing.T) {
	reset()
	defer func(e time.Time) { Exited = e }(Exited)
	Exited = Exec.Add(-20 * time.Millisecond)
	ps := Phases(Exec.Add(-50 * time.Millisecond))
	if len(ps) != 3 || ps[0].Name != "previous process ending" || ps[0].D != 30*time.Millisecond ||
		ps[1].Name != "supervisor starting this one" || ps[1].D != 20*time.Millisecond || ps[2].Name != "load and init" {
		t.Fatalf("phases %+v", ps)
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
		{"origin before exec: until exec, load and init (no Exited)", Exec.Add(-40 * time.Millisecond), []string{"a"}, []string{"until exec", "load and init", "a"}},
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

// A woken spare's start is measured from its wake-up: the marks made
// while it got ready are dropped, and the time before the wake-up is split
// at the previous process's exit read from the wake-up's environment.
func TestPhasesWoken(t *testing.T) {
	defer reset()
	defer func(e time.Time) { Exited = e }(Exited)
	for _, tc := range []struct {
		name   string
		exited time.Duration // before the wake-up; 0: not set
		origin time.Duration // before the wake-up
		want   []string
	}{
		{"exit seen", 20 * time.Millisecond, 50 * time.Millisecond, []string{"previous process ending", "waking the spare", "ready"}},
		{"no exit time", 0, 50 * time.Millisecond, []string{"until woken", "ready"}},
		{"no origin", 0, 0, []string{"ready"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reset()
			Mark("window made ahead")
			now := time.Now()
			t.Setenv("SLOPGUI_EXITED_AT", "")
			if tc.exited > 0 {
				t.Setenv("SLOPGUI_EXITED_AT", strconv.FormatInt(now.Add(-tc.exited).UnixNano(), 10))
			}
			Woke()
			time.Sleep(time.Millisecond) // the mark must be after the wake-up
			Mark("ready")
			var origin time.Time
			if tc.origin > 0 {
				origin = now.Add(-tc.origin)
			}
			var names []string
			for _, p := range Phases(origin) {
				names = append(names, p.Name)
				if p.D <= 0 {
					t.Errorf("phase %s: %v, want > 0", p.Name, p.D)
				}
			}
			if strings.Join(names, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("phases %v, want %v", names, tc.want)
			}
		})
	}
}
