package hot_test

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/hot"
)

// stale lists the packages of root the go command would compile again for
// a plugin (go list's Stale: not in the build cache as the sources are).
func stale(t *testing.T, root string, pkgs ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-buildmode=plugin", "-f", "{{if .Stale}}{{.ImportPath}}{{end}}"}, pkgs...)...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	return strings.Fields(string(out))
}

// The warm command compiles, from the sources on disk, the hot packages
// and what they import the way plugins need them: after a stable package
// changed, the next build compiles none of them. A Reloader gives its
// builder's command for its tree, and none without a builder that has one.
func TestWarmCommand(t *testing.T) {
	root := mustModule(t)
	pkgs := []string{testModPath + "/views", testModPath + "/state", testModPath + "/deep"}
	r, err := hot.New(hot.Config{Root: root, State: &struct{}{}, Builder: &hot.DirectBuilder{}, Loader: &fakeLoader{}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := r.Register(hot.Module{Name: "views", SourceDirs: []string{"views"}, DelegationTargets: []hot.Target{hot.TargetOf[func(*int)]("Draw")}}); err != nil {
		t.Fatal(err)
	}
	for i := range 2 { // values never built before: the build cache outlives the test
		writeFile(t, root, "deep/deep.go", fmt.Sprintf("package deep\n\nvar N = %d\n", time.Now().UnixNano()+int64(i)))
		if got := stale(t, root, pkgs...); len(got) != 3 {
			t.Fatalf("after editing deep: stale %v, want all three", got)
		}
		cmd := r.WarmCommand()
		if cmd == nil {
			t.Fatal("no warm command from a Reloader with a DirectBuilder")
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("the warm command: %v\n%s", err, out)
		}
		if got := stale(t, root, pkgs...); len(got) != 0 {
			t.Errorf("after the warm command: stale %v, want none", got)
		}
	}
	r2, err := hot.New(hot.Config{Root: root, State: &struct{}{}, Builder: &fakeBuilder{}, Loader: &fakeLoader{}})
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	if cmd := r2.WarmCommand(); cmd != nil {
		t.Errorf("a builder without a warm command gave %v", cmd.Args)
	}
}
