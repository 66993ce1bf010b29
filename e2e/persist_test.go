package e2e_test

import (
	"image"
	"testing"
	"time"

	"github.com/slopgui/slopgui/persist"
)

// orangeFraction is the share of sampled pixels in NERV's orange text.
func orangeFraction(img image.Image) float64 {
	b := img.Bounds()
	hit, all := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			r, g, bl := cr>>8, cg>>8, cb>>8
			if r > 220 && g > 130 && g < 205 && bl < 110 {
				hit++
			}
			all++
		}
	}
	return float64(hit) / float64(all)
}

// waitOrange waits until the screen shows (or no longer shows) NERV orange.
func (s *session) waitOrange(want bool) {
	s.tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, img := s.screenshot("theme")
		if f := orangeFraction(img); (f > 0.002) == want {
			return
		} else if time.Now().After(deadline) {
			s.tb.Fatalf("NERV orange on screen: %.4f, want present=%v", f, want)
		}
	}
}

// A user opens a project, switches theme, edits an entry, reloads the
// views, quits, starts again: everything is as they left it.
func TestProjectPersistsAcrossRestart(t *testing.T) {
	t.Parallel()
	proj := copyProject(t)
	s := startSessionArgs(t, nil, []string{"-project", proj})
	s.waitScreen("opened", 30*time.Second, "Sample Project", "alpha entry")
	s.waitOrange(false)

	s.clickText("Theme")
	s.clickText("NERV")
	s.waitOrange(true)

	at := s.findText("alpha", 30*time.Second)
	s.click(at.X, at.Y)
	s.xdotool("key", "End")
	s.xdotool("type", "--delay", "30", " edited")
	s.waitScreen("edited", 30*time.Second, "alpha entry edited")

	s.xdotool("key", "ctrl+alt+r")
	if r := s.waitReload(1); r.IsError || r.Generation != 1 {
		t.Fatalf("reload: generation %d, error %q", r.Generation, r.Error)
	}
	s.waitScreen("reloaded", 30*time.Second, "alpha entry edited", "Sample Project")

	s.quitFromMenu()
	p, err := persist.LoadProject(proj)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Discussions[0].Entries[1].Text; got != "alpha entry edited" {
		t.Fatalf("saved entry %q", got)
	}

	s.launch() // no -project: the last project reopens
	s.waitScreen("restarted", 30*time.Second, "Sample Project", "alpha entry edited")
	s.waitOrange(true)
}
