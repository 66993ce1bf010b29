package views_test

import (
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// TestViewsImportOnlyStablePackages states what code in views/ may import:
// the standard library, the stable packages below (budget: the contract
// carries its Breakdown) and other view packages.
// Never giu or cimgui-go (gui and gui/imgui stand for them, so a plugin
// links only views), and never app/, hot/ or internal/ (the host).
func TestViewsImportOnlyStablePackages(t *testing.T) {
	const mod = "github.com/slopgui/slopgui/"
	allowed := map[string]bool{
		mod + "contract": true, mod + "state": true, mod + "theme": true, mod + "assets": true,
		mod + "gui": true, mod + "gui/imgui": true, mod + "budget": true, // budget: plain data and arithmetic the contract carries
	}
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 8 {
		t.Fatalf("go list found %d view packages, want at least 8:\n%s", len(lines), out)
	}
	for _, line := range lines {
		f := strings.Fields(line)
		for _, imp := range f[1:] {
			std := !strings.Contains(strings.SplitN(imp, "/", 2)[0], ".")
			if std || allowed[imp] || strings.HasPrefix(imp, mod+"views") {
				continue
			}
			t.Errorf("%s imports %s: views may import only the standard library, %s and other view packages",
				f[0], imp, strings.Join(keys(allowed), ", "))
		}
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, strings.TrimPrefix(k, "github.com/slopgui/slopgui/"))
	}
	sort.Strings(out)
	return out
}

// TestPluginLinksNoCrypto: a views plugin links every package the views
// import, all the way down, and each one lengthens every cold reload's
// link. crypto/rand (31 packages with crypto's tree and math/big) made it
// ~19 ms longer for random IDs that need not be secret; nothing the views
// import may bring it back.
func TestPluginLinksNoCrypto(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}}`, "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 {
		t.Fatalf("go list -deps found %d packages, want the views' many:\n%s", len(deps), out)
	}
	for _, p := range deps {
		if strings.HasPrefix(p, "crypto/") || p == "crypto" || p == "math/big" {
			t.Errorf("a views plugin would link %s; find what imports it: go list -deps -f '{{.ImportPath}}: {{.Imports}}' ./views/...", p)
		}
	}
}
