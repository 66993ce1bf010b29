package events

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"
)

// kinds lists the kinds of evs, with a lost marker's count.
func kinds(evs []Event) string {
	var out []string
	for _, e := range evs {
		k := e.Kind
		if k == KindLost {
			b, _ := json.Marshal(e.Fields["count"])
			k += "(" + string(b) + ")"
		}
		out = append(out, k)
	}
	return strings.Join(out, " ")
}

func TestFanOut(t *testing.T) {
	b := New()
	all := b.Subscribe(10, nil)
	reloads := b.Subscribe(10, func(k string) bool { return strings.HasPrefix(k, "reload.") })
	b.Publish("reload.started", nil)
	b.Publish("approval.asked", map[string]any{"id": "q1"})
	b.Publish("reload.swapped", map[string]any{"generation": 2})
	for _, tc := range []struct {
		name string
		sub  *Sub
		want string
	}{
		{"all", all, "reload.started approval.asked reload.swapped"},
		{"filtered", reloads, "reload.started reload.swapped"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			select {
			case <-tc.sub.Ready():
			default:
				t.Fatal("Ready has no value with events queued")
			}
			evs, ended := tc.sub.Take()
			if got := kinds(evs); got != tc.want || ended {
				t.Errorf("Take = %q, ended %v; want %q, not ended", got, ended, tc.want)
			}
			for _, e := range evs {
				if e.Time.IsZero() {
					t.Errorf("%s has no time", e.Kind)
				}
			}
		})
	}
}

// A subscriber that does not read loses what does not fit, marked in
// its place, and never holds Publish up; the others get everything.
func TestSlowSubscriber(t *testing.T) {
	b := New()
	slow := b.Subscribe(2, nil)
	fast := b.Subscribe(100, nil)
	done := make(chan struct{})
	go func() {
		for i := 0; i < 7; i++ {
			b.Publish("e", map[string]any{"i": i})
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Publish blocked on a subscriber that does not read")
	}
	evs, _ := slow.Take()
	if got := kinds(evs); got != "e e lost(5)" {
		t.Errorf("slow subscriber got %q; want the first two and a marker of 5 lost", got)
	}
	b.Publish("after", nil)
	evs, _ = slow.Take()
	if got := kinds(evs); got != "after" {
		t.Errorf("after catching up: %q; want the new event", got)
	}
	if evs, _ := fast.Take(); len(evs) != 8 {
		t.Errorf("fast subscriber got %d events; want all 8", len(evs))
	}
	// Lost again after the marker was taken: a new marker follows the
	// events that fitted.
	for i := 0; i < 4; i++ {
		b.Publish("e", nil)
	}
	evs, _ = slow.Take()
	if got := kinds(evs); got != "e e lost(2)" {
		t.Errorf("second overflow: %q", got)
	}
}

func TestClose(t *testing.T) {
	b := New()
	s := b.Subscribe(4, nil)
	left := b.Subscribe(4, nil)
	left.Close()
	b.Publish("one", nil)
	if evs, ended := left.Take(); len(evs) != 0 || !ended {
		t.Errorf("a closed subscription took %q, ended %v", kinds(evs), ended)
	}
	b.Close()
	b.Publish("two", nil) // dropped, no panic
	<-s.Ready()
	evs, ended := s.Take()
	if got := kinds(evs); got != "one" || !ended {
		t.Errorf("after Close: %q, ended %v; want what was queued, ended", got, ended)
	}
	<-s.Ready() // still ready: it says ended again
	if _, ended := s.Take(); !ended {
		t.Error("a second Take after Close does not say ended")
	}
	late := b.Subscribe(4, nil)
	<-late.Ready()
	if _, ended := late.Take(); !ended {
		t.Error("a subscription to a closed bus is not ended")
	}
	var nb *Bus
	nb.Publish("x", nil) // a nil bus drops
}

func TestConcurrent(t *testing.T) {
	b := New()
	var wg sync.WaitGroup
	subs := make([]*Sub, 4)
	for i := range subs {
		subs[i] = b.Subscribe(1000, nil)
	}
	for p := 0; p < 4; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				b.Publish("e", nil)
			}
		}()
	}
	wg.Wait()
	for i, s := range subs {
		if evs, _ := s.Take(); len(evs) != 400 {
			t.Errorf("subscriber %d got %d; want 400", i, len(evs))
		}
	}
}

func TestJSON(t *testing.T) {
	at := time.Date(2026, 12, 5, 15, 0, 0, 0, time.UTC)
	e := Event{Time: at, Kind: "reload.failed", Fields: map[string]any{"reason": "build", "diagnostics": []map[string]any{{"file": "views/x.go", "line": 3}}, "kind": "ignored"}}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"time":"2026-12-05T15:00:00Z","kind":"reload.failed","diagnostics":[{"file":"views/x.go","line":3}],"reason":"build"}`
	if string(b) != want {
		t.Errorf("JSON\n%s\nwant\n%s", b, want)
	}
	var back Event
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(back)
	if string(b2) != want || !back.Time.Equal(at) || back.Kind != "reload.failed" {
		t.Errorf("round trip: %s", b2)
	}
}
