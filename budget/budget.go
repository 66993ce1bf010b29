// Package budget measures a request's context against the model's window
// before it is sent: how many tokens each part takes (system prompt,
// files, screenshots, history, tools), how full the window is, and which
// oldest history entries would be left out to fit. Counting is the
// caller's (a provider's count endpoint or a local estimate, computed off
// the render thread); this package only adds up and chooses.
package budget

// Part is one kind of context, each drawn in its own colour.
type Part int

// Parts of a request, in the order they are drawn.
const (
	System Part = iota
	Files
	Screenshots
	History
	Tools
	parts
)

// String names the part as the budget bar's legend does.
func (p Part) String() string {
	return [...]string{"system prompt", "files", "screenshots", "history", "tools"}[p]
}

// Level is how full the window is: green below 50%, yellow to 80%, red
// above.
type Level int

// Levels of the total.
const (
	Green Level = iota
	Yellow
	Red
)

// Breakdown is a request's token count by part, with the history counted
// entry by entry (oldest first) so a trim can be chosen.
type Breakdown struct {
	Parts    [parts]int
	Entries  []int // tokens of each history entry, oldest first; sum is Parts[History]
	Window   int   // the model's context window in tokens
	Estimate bool  // some count is a local estimate, not the provider's
}

// Total is the tokens of the whole request.
func (b Breakdown) Total() int {
	n := 0
	for _, v := range b.Parts {
		n += v
	}
	return n
}

// Fraction is Total over the window (0 when the window is unknown).
func (b Breakdown) Fraction() float64 {
	if b.Window <= 0 {
		return 0
	}
	return float64(b.Total()) / float64(b.Window)
}

// Level is the colour of the total.
func (b Breakdown) Level() Level {
	switch f := b.Fraction(); {
	case f > 0.8:
		return Red
	case f >= 0.5:
		return Yellow
	}
	return Green
}

// Over reports whether the request does not fit the window.
func (b Breakdown) Over() bool { return b.Window > 0 && b.Total() > b.Window }

// Trim is the smallest number of oldest history entries to leave out so
// the request fits the window, keeping at least keep newest entries (the
// question being asked). ok is false when even that does not fit: the
// system prompt, files or tools alone are too big, and trimming history
// cannot help.
func (b Breakdown) Trim(keep int) (drop int, ok bool) {
	if !b.Over() {
		return 0, true
	}
	excess := b.Total() - b.Window
	limit := len(b.Entries) - keep
	for drop < limit && excess > 0 {
		excess -= b.Entries[drop]
		drop++
	}
	return drop, excess <= 0
}
