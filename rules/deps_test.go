package rules_test

import (
	"testing"

	"github.com/slopgui/slopgui/internal/testutil"
)

// imports reports whether any non-test file of the package imports pkg.
func imports(t *testing.T, pkg string) bool {
	t.Helper()
	for _, imp := range testutil.Imports(t, ".") {
		if imp.Path == pkg {
			return true
		}
	}
	return false
}
