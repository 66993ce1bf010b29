package persist_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/persist"
	"github.com/slopgui/slopgui/state"
)

// The user's price table goes to config.toml and comes back whole, names
// with dots and slashes included; a config without one gives none.
func TestConfigPricesRoundTrip(t *testing.T) {
	u := sampleUI()
	u.Prices = map[string]state.Price{
		"gpt-4.1":           {In: 2, Out: 8},
		"models/my-model":   {In: 0.125, Out: 0.5},
		"local/llama3:8b":   {In: 0, Out: 0}, // free: priced at zero
		"claude-sonnet-4-5": {In: 3, Out: 15},
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := persist.Save(path, persist.ConfigOf(&u, "/p/x.toml")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), `[Prices."gpt-4.1"]`) {
		t.Errorf("config.toml does not hold the price table as [Prices.\"model\"] tables:\n%s", b)
	}
	var c persist.Config
	if err := persist.Load(path, &c); err != nil {
		t.Fatal(err)
	}
	fresh := state.Fresh("x")
	c.Apply(&fresh)
	if len(fresh.Prices) != len(u.Prices) {
		t.Fatalf("prices %v, want %v", fresh.Prices, u.Prices)
	}
	for k, want := range u.Prices {
		if got, ok := fresh.Prices[k]; !ok || got != want {
			t.Errorf("%s: %v (%v), want %v", k, got, ok, want)
		}
	}
	if !persist.ConfigOf(&fresh, "/p/x.toml").Equal(c) {
		t.Error("the loaded config is not equal to the one the state gives back")
	}

	u.Prices = nil
	persist.Save(path, persist.ConfigOf(&u, ""))
	if b, _ := os.ReadFile(path); strings.Contains(string(b), "Prices") {
		t.Errorf("a config without prices writes a table:\n%s", b)
	}
}

// An odd entry makes config.toml a CorruptError naming it, and the file is
// left as it was (the app then writes no preferences this session).
func TestConfigPricesRefused(t *testing.T) {
	for _, tc := range []struct {
		name, toml, want string
	}{
		{"misspelt key", "[Prices.\"gpt-4o\"]\nInput = 2.5\nOut = 10\n", `[Prices."gpt-4o"] has a key "Input"`},
		{"only In", "[Prices.\"gpt-4o\"]\nIn = 2.5\n", `[Prices."gpt-4o"] needs both In and Out`},
		{"negative", "[Prices.m]\nIn = -1\nOut = 1\n", `[Prices."m"] has In = -1`},
		{"infinite", "[Prices.m]\nIn = 1\nOut = inf\n", `[Prices."m"] has In = 1, Out = +Inf`},
		{"nan", "[Prices.m]\nIn = nan\nOut = 1\n", `[Prices."m"] has In = NaN`},
		{"a string", "[Prices.m]\nIn = \"cheap\"\nOut = 1\n", `Prices.m.In`},
		{"not a table", "[Prices]\nm = 3\n", `Prices.m`},
		{"blank name", "[Prices.\" \"]\nIn = 1\nOut = 1\n", "blank model name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.toml")
			text := "Theme = \"NERV\"\n\n" + tc.toml
			os.WriteFile(path, []byte(text), 0o600)
			var c persist.Config
			err := persist.Load(path, &c)
			var ce *persist.CorruptError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Fatalf("err = %v, want a CorruptError of %s saying %q", err, path, tc.want)
			}
			if b, _ := os.ReadFile(path); string(b) != text {
				t.Errorf("the file changed:\n%s", b)
			}
		})
	}
	// Lower-case keys are the same keys (the decoder matches them so).
	path := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(path, []byte("[Prices.m]\nin = 1\nout = 2\n"), 0o600)
	var c persist.Config
	if err := persist.Load(path, &c); err != nil || c.Prices["m"] != (state.Price{In: 1, Out: 2}) {
		t.Errorf("lower-case keys: %v, %v", c.Prices, err)
	}
}

// PriceOf: the user's entry over the default; names as given, then without
// "models/" and a date or -latest; unknown models are not priced.
func TestPriceOf(t *testing.T) {
	user := map[string]state.Price{"gpt-4o": {In: 1, Out: 2}, "My-Local": {In: 0, Out: 0}}
	for _, tc := range []struct {
		model string
		want  state.Price
		ok    bool
	}{
		{"gpt-4o", state.Price{In: 1, Out: 2}, true},                // the user's over the default
		{"gpt-4o-2024-08-06", state.Price{In: 1, Out: 2}, true},     // a dated snapshot
		{"gpt-4o-mini", persist.DefaultPrices["gpt-4o-mini"], true}, // not gpt-4o's
		{"claude-sonnet-4-20250514", persist.DefaultPrices["claude-sonnet-4"], true},
		{"models/gemini-2.5-flash", persist.DefaultPrices["gemini-2.5-flash"], true},
		{"gemini-2.5-pro-latest", persist.DefaultPrices["gemini-2.5-pro"], true},
		{" my-local ", state.Price{}, true}, // case and spaces aside; free is priced
		{"llama3", state.Price{}, false},
		{"", state.Price{}, false},
	} {
		got, ok := persist.PriceOf(user, tc.model)
		if got != tc.want || ok != tc.ok {
			t.Errorf("PriceOf(%q) = %v, %v; want %v, %v", tc.model, got, ok, tc.want, tc.ok)
		}
	}
	in, out, ok := persist.Pricer(user)("gpt-4o")
	if in != 1 || out != 2 || !ok {
		t.Errorf("Pricer: %v %v %v", in, out, ok)
	}
	for name, p := range persist.DefaultPrices {
		if p.In <= 0 || p.Out < p.In || name != strings.ToLower(name) {
			t.Errorf("default %s: %v", name, p)
		}
	}
}
