package e2e_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// soakLabelSrc adds a small window whose label the good cycles change. It
// draws through gui/, as views do, so the plugin links no giu of its own.
const soakLabelSrc = `package views

import (
	g "github.com/slopgui/slopgui/gui"

	"github.com/slopgui/slopgui/contract"
)

func init() {
	mma := Targets["MMADashboard"]
	Targets["MMADashboard"] = func(f *contract.Frame) {
		mma(f)
		g.Window("zz soak").Pos(880, 730).Size(380, 50).Layout(g.Label("SOAK LABEL %d"))
	}
}
`

// TestSoak reloads the real window hundreds of times, alternating good
// code (the syntax error removed, a label changed) and bad code (a syntax
// error added), and checks after every reload that the status is right,
// and every 25 cycles that the typed text and the latest label are on
// screen. It prints the resident memory after each reload and fails when
// good reloads grow it by more than maxGrowthPerGoodMB each on average
// (a reload costs about 3.5 MB: each loaded plugin stays mapped). The app
// runs with the memory cap off (-restart-above-mb 0), so the one process
// is measured throughout; a restart fails the test. Run by make soak
// (SLOPGUI_SOAK=1), not by make test.
func TestSoak(t *testing.T) {
	if os.Getenv("SLOPGUI_SOAK") != "1" {
		t.Skip("set SLOPGUI_SOAK=1 (make soak) to run the soak test")
	}
	cycles := 200
	if n, err := strconv.Atoi(os.Getenv("SLOPGUI_SOAK_CYCLES")); err == nil && n > 0 {
		cycles = n // a shorter run, to try the test itself
	}
	start := time.Now()
	s := startSessionArgs(t, nil, []string{"-restart-above-mb", "0"})
	pid := s.appPID()
	const typed = "soak text typed once"
	s.click(composerPoint.X, composerPoint.Y)
	s.xdotool("type", "--delay", "30", typed)
	s.click(idlePoint.X, idlePoint.Y)
	s.waitScreen("soak-typed", 30*time.Second, typed)

	bad := filepath.Join(s.root, "views", "zz_soak_fault.go")
	label := filepath.Join(s.root, "views", "zz_soak_label.go")
	type row struct {
		good bool
		gen  int
		rss  int // kB
	}
	rows := make([]row, 0, cycles)
	rss0 := rssKB(t, pid)
	gen, labels, ocrDue := 0, 0, false
	for i := 1; i <= cycles; i++ {
		good := i%2 == 1
		if good {
			os.Remove(bad) // absent in the first cycle
			labels++
			if err := os.WriteFile(label, []byte(fmt.Sprintf(soakLabelSrc, labels)), 0o644); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(bad, []byte(e2eSyntaxErrorSrc), 0o644); err != nil {
			t.Fatal(err)
		}
		s.xdotool("key", "ctrl+alt+r")
		r := waitReloadAlive(t, s, i)
		if r.Reloads != i {
			t.Fatalf("cycle %d: %d reloads recorded, want %d", i, r.Reloads, i)
		}
		if good {
			gen++
			if r.IsError || r.Generation != gen {
				t.Fatalf("cycle %d (good): generation %d (want %d), error %q", i, r.Generation, gen, r.Error)
			}
		} else if !r.IsError || r.Reason != "build" || r.Generation != gen {
			t.Fatalf("cycle %d (bad): generation %d (want %d), reason %q, error %q", i, r.Generation, gen, r.Reason, r.Error)
		}
		if p := s.appPID(); p != pid {
			t.Fatalf("cycle %d: slopgui was restarted (pid %d, was %d) although the memory cap is off", i, p, pid)
		}
		rows = append(rows, row{good, r.Generation, rssKB(t, pid)})
		// The error panel covers the composer while a reload has failed:
		// look after the next good reload.
		ocrDue = ocrDue || i%25 == 0
		if ocrDue && good {
			s.waitScreen(fmt.Sprintf("soak-%03d", i), 30*time.Second, typed, fmt.Sprintf("SOAK LABEL %d", labels))
			ocrDue = false
		}
	}
	if ocrDue {
		os.Remove(bad)
		s.xdotool("key", "ctrl+alt+r")
		if r := waitReloadAlive(t, s, cycles+1); r.IsError || r.Generation != gen+1 {
			t.Fatalf("final good reload: generation %d, error %q", r.Generation, r.Error)
		}
		s.waitScreen("soak-final", 30*time.Second, typed, fmt.Sprintf("SOAK LABEL %d", labels))
	}

	mb := func(kb int) float64 { return float64(kb) / 1024 }
	fmt.Printf("\nSoak: %d reload cycles alternating good and bad code (%v)\n", cycles, time.Since(start).Round(time.Second))
	fmt.Printf("%-7s %-5s %-4s %9s %9s %11s\n", "reload", "code", "gen", "RSS MB", "+MB", "+MB last 10")
	fmt.Printf("%-7s %-5s %-4s %9.1f\n", "start", "", "0", mb(rss0))
	minRSS, maxRSS, prev, prev10 := rss0, rss0, rss0, rss0
	growth := map[bool]int{} // by good
	count := map[bool]int{}
	for i, rw := range rows {
		minRSS, maxRSS = min(minRSS, rw.rss), max(maxRSS, rw.rss)
		growth[rw.good] += rw.rss - prev
		count[rw.good]++
		code := "bad"
		if rw.good {
			code = "good"
		}
		if n := i + 1; n%10 == 0 || n <= 2 || n == len(rows) {
			fmt.Printf("%-7d %-5s %-4d %9.1f %9.1f %11.1f\n", n, code, rw.gen, mb(rw.rss), mb(rw.rss-prev), mb(rw.rss-prev10))
			if n%10 == 0 {
				prev10 = rw.rss
			}
		}
		prev = rw.rss
	}
	last := rows[len(rows)-1].rss
	fmt.Printf("first %.1f MB (before any reload), last %.1f MB, min %.1f MB, max %.1f MB\n", mb(rss0), mb(last), mb(minRSS), mb(maxRSS))
	perGood := mb(growth[true]) / float64(max(count[true], 1))
	perBad := mb(growth[false]) / float64(max(count[false], 1))
	fmt.Printf("mean growth: %.2f MB per reload; %.2f MB per good reload (%d), %.2f MB per failed one (%d)\n",
		mb(last-rss0)/float64(len(rows)), perGood, count[true], perBad, count[false])

	// The bound: from the first good reload (which also maps what every
	// plugin shares, once) to the last one, per good reload in between.
	var goods []int
	for _, rw := range rows {
		if rw.good {
			goods = append(goods, rw.rss)
		}
	}
	if len(goods) < 3 {
		t.Logf("only %d good reloads: too few to bound the growth", len(goods))
		return
	}
	steady := mb(goods[len(goods)-1]-goods[0]) / float64(len(goods)-1)
	fmt.Printf("steady growth: %.2f MB per good reload after the first (bound %.0f MB)\n", steady, maxGrowthPerGoodMB)
	if steady > maxGrowthPerGoodMB {
		t.Errorf("resident memory grew %.2f MB per good reload (from %.1f MB after the first to %.1f MB after the last), above the bound of %.0f MB: reloads leak",
			steady, mb(goods[0]), mb(goods[len(goods)-1]), maxGrowthPerGoodMB)
	}
}

// maxGrowthPerGoodMB bounds the soak's mean growth of resident memory per
// good reload.
const maxGrowthPerGoodMB = 8.0
