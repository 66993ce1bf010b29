package restart

import (
	"testing"

	"github.com/slopgui/slopgui/internal/hostbuild"
)

// HowBuilt names what a host build compiled, module-relative, for the
// restart's reason.
func TestHowBuilt(t *testing.T) {
	const mod = "github.com/slopgui/slopgui"
	for _, c := range []struct {
		tr   hostbuild.Trace
		want string
	}{
		{hostbuild.Trace{Direct: true, Compiled: []string{mod + "/app/style"}, Kept: []string{mod + "/app", mod + "/cmd/slopgui"}}, "compiled app/style"},
		{hostbuild.Trace{Direct: true, Compiled: []string{mod + "/mma", mod + "/app", mod + "/cmd/slopgui"}}, "compiled mma, app, cmd/slopgui"},
		{hostbuild.Trace{Direct: true, Compiled: []string{mod + "/state", mod + "/persist", mod + "/llm", mod + "/contract", mod + "/app"}},
			"compiled state, persist, llm and 2 more"},
		{hostbuild.Trace{Direct: true}, "linked only"},
		{hostbuild.Trace{Direct: true, Listed: true}, "listed and compiled by the go command, linked"},
		{hostbuild.Trace{Direct: true, Listed: true, Compiled: []string{mod + "/app"}}, "listed and compiled by the go command, then compiled app"},
		{hostbuild.Trace{}, "built by the go command"},
	} {
		if got := HowBuilt(c.tr, mod); got != c.want {
			t.Errorf("HowBuilt(%+v) = %q, want %q", c.tr, got, c.want)
		}
	}
}
