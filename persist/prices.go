package persist

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/slopgui/slopgui/state"
)

// DefaultPrices are the list prices of a few well-known models in US
// dollars per million tokens (prompt, answer; standard tier, no batch or
// cache discounts), AS KNOWN IN MID-2025: prices change, so they are only
// an estimate. A [Prices."model"] entry in config.toml overrides one of
// these or adds a model.
var DefaultPrices = map[string]state.Price{
	"gpt-4o":                {In: 2.50, Out: 10.00},
	"gpt-4o-mini":           {In: 0.15, Out: 0.60},
	"gpt-4.1":               {In: 2.00, Out: 8.00},
	"gpt-4.1-mini":          {In: 0.40, Out: 1.60},
	"gpt-4.1-nano":          {In: 0.10, Out: 0.40},
	"o4-mini":               {In: 1.10, Out: 4.40},
	"claude-opus-4-1":       {In: 15.00, Out: 75.00},
	"claude-sonnet-4":       {In: 3.00, Out: 15.00},
	"claude-3-5-haiku":      {In: 0.80, Out: 4.00},
	"gemini-2.5-pro":        {In: 1.25, Out: 10.00}, // prompts up to 200k tokens
	"gemini-2.5-flash":      {In: 0.30, Out: 2.50},
	"gemini-2.5-flash-lite": {In: 0.10, Out: 0.40},
}

// datedName matches what providers append to a model's name for a
// snapshot or an alias: a date (-2024-08-06, -20250514) or -latest.
var datedName = regexp.MustCompile(`-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$`)

// PriceOf is the price of model: the user's entry (user, the config's
// Prices) else the default, looked up by the name as given (case aside),
// then without a "models/" prefix and a date or -latest suffix
// ("claude-sonnet-4-20250514" is priced as "claude-sonnet-4"). false when
// neither table knows it.
func PriceOf(user map[string]state.Price, model string) (state.Price, bool) {
	name := strings.ToLower(strings.TrimSpace(model))
	if name == "" {
		return state.Price{}, false
	}
	short := datedName.ReplaceAllString(strings.TrimPrefix(name, "models/"), "")
	for _, n := range []string{name, short} {
		for _, table := range []map[string]state.Price{user, DefaultPrices} {
			for k, p := range table {
				if strings.ToLower(strings.TrimSpace(k)) == n {
					return p, true
				}
			}
		}
	}
	return state.Price{}, false
}

// Pricer is PriceOf over a copy of user, as the MMA host takes it:
// prompt and answer prices per million tokens, and whether it knows them.
func Pricer(user map[string]state.Price) func(model string) (in, out float64, ok bool) {
	user = maps.Clone(user)
	return func(model string) (float64, float64, bool) {
		p, ok := PriceOf(user, model)
		return p.In, p.Out, ok
	}
}

// checkPrices refuses an odd entry of a config's price table, naming it:
// a blank model name, In or Out missing, a price that is negative, NaN
// or infinite, or a key other than In and Out (a misspelt one would
// otherwise price the model at zero without a word).
func checkPrices(prices map[string]state.Price, md toml.MetaData) error {
	var errs []error
	set := map[string]map[string]bool{} // model → its keys, in lower case
	for _, k := range md.Keys() {
		if len(k) == 3 && k[0] == "Prices" {
			if set[k[1]] == nil {
				set[k[1]] = map[string]bool{}
			}
			set[k[1]][strings.ToLower(k[2])] = true
		}
	}
	for _, k := range md.Undecoded() {
		if len(k) > 0 && k[0] == "Prices" {
			if len(k) == 2 {
				errs = append(errs, fmt.Errorf("the price of %q is not a table: write [Prices.%q] with In and Out", k[1], k[1]))
			} else if len(k) > 2 {
				errs = append(errs, fmt.Errorf("[Prices.%q] has a key %q: a price has only In and Out, US dollars per million tokens", k[1], strings.Join(k[2:], ".")))
			}
		}
	}
	names := make([]string, 0, len(prices))
	for n := range prices {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		p := prices[n]
		switch {
		case strings.TrimSpace(n) == "":
			errs = append(errs, errors.New("a price has a blank model name"))
		case !set[n]["in"] || !set[n]["out"]:
			errs = append(errs, fmt.Errorf("[Prices.%q] needs both In and Out (US dollars per million tokens)", n))
		case bad(p.In) || bad(p.Out):
			errs = append(errs, fmt.Errorf("[Prices.%q] has In = %v, Out = %v: a price is a number of dollars, 0 or more", n, p.In, p.Out))
		}
	}
	return errors.Join(errs...)
}

func bad(x float64) bool { return x < 0 || math.IsNaN(x) || math.IsInf(x, 0) }
