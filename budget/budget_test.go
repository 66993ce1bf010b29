package budget_test

import (
	"testing"

	"github.com/slopgui/slopgui/budget"
)

func breakdown(window int, fixed int, entries ...int) budget.Breakdown {
	b := budget.Breakdown{Window: window, Entries: entries}
	b.Parts[budget.System] = fixed
	for _, e := range entries {
		b.Parts[budget.History] += e
	}
	return b
}

func TestLevelAndTrim(t *testing.T) {
	for _, tc := range []struct {
		name  string
		b     budget.Breakdown
		level budget.Level
		keep  int
		drop  int
		fits  bool
	}{
		{"small", breakdown(1000, 100, 100, 100), budget.Green, 1, 0, true},
		{"half is yellow", breakdown(1000, 300, 100, 100), budget.Yellow, 1, 0, true},
		{"80% is still yellow", breakdown(1000, 600, 100, 100), budget.Yellow, 1, 0, true},
		{"above 80% is red", breakdown(1000, 601, 100, 100), budget.Red, 1, 0, true},
		{"over: drop the oldest", breakdown(1000, 500, 300, 200, 100, 50), budget.Red, 1, 1, true},
		{"over: drop two", breakdown(1000, 500, 100, 300, 200, 50), budget.Red, 1, 2, true},
		{"keep the question", breakdown(1000, 900, 50, 200), budget.Red, 1, 1, false},
		{"fixed parts alone too big", breakdown(1000, 1200, 10, 10), budget.Red, 1, 1, false},
		{"unknown window", breakdown(0, 5000, 10), budget.Green, 1, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.b.Level(); got != tc.level {
				t.Errorf("level %v, want %v (%.2f)", got, tc.level, tc.b.Fraction())
			}
			drop, fits := tc.b.Trim(tc.keep)
			if drop != tc.drop || fits != tc.fits {
				t.Errorf("Trim(%d) = %d, %v; want %d, %v", tc.keep, drop, fits, tc.drop, tc.fits)
			}
		})
	}
}

func TestPartNames(t *testing.T) {
	if budget.History.String() != "history" || budget.Tools.String() != "tools" {
		t.Fatal(budget.History.String(), budget.Tools.String())
	}
}
