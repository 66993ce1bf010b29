package hot

import (
	"go/format"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mergeRoot compiles a module root with the plugin main when nothing else
// imports it and it declares none of the main's names; the copies keep
// every line, with the package clause made main, and the main names the
// root's Targets as its own.
func TestMergeRoot(t *testing.T) {
	const mod = "example.com/m"
	root := `// Package views doc.
package views // the clause's line keeps its comment

import "example.com/m/hotgen/b2/views/a"

var Targets = map[string]func(){"A": a.A}

const APIVersion = 3
`
	for _, tc := range []struct {
		name     string
		root     string // the root's source
		imported bool   // another unit of the build imports the root
		merge    bool
	}{
		{"merged", root, false, true},
		{"imported by a package of the build", root, true, false},
		{"declares HotTargets", root + "\nvar HotTargets = 1\n", false, false},
		{"declares main", root + "\nfunc main() {}\n", false, false},
		{"declares an import name of the main", root + "\nvar m0 = 1\n", false, false},
		{"a method main is no clash", root + "\ntype T int\n\nfunc (T) main() {}\n", false, true},
		{"imports a package as HotTargets", strings.Replace(root, `import "example.com/m/hotgen/b2/views/a"`, "import (\n\t\"example.com/m/hotgen/b2/views/a\"\n\tHotTargets \"strings\"\n)\n\nvar _ = HotTargets.ToLower", 1), false, false},
		{"does not parse", root + "\nfunc broken( {\n", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			work := filepath.Join(dir, "work")
			os.MkdirAll(work, 0o755)
			src := filepath.Join(dir, "views.go")
			os.WriteFile(src, []byte(tc.root), 0o644)
			mainFile := filepath.Join(work, "hotmain.go")
			os.WriteFile(mainFile, []byte("package main\n"), 0o644)
			req := BuildRequest{ID: 2, Root: dir, ModulePath: mod, WorkDir: work,
				Modules: []Module{{Name: "views", SourceDirs: []string{"views", "views/a"}}}}
			req.All = req.Modules
			rootPath := req.importPath("views")
			virtRoot := filepath.Join(dir, "hotgen/b2/views/views.go")
			virtMain := filepath.Join(dir, "hotgen/b2/hotmain/main.go")
			virt := map[string]string{virtRoot: src, virtMain: mainFile}
			units := []unit{
				{importPath: req.importPath("views/a")},
				{importPath: rootPath, dir: filepath.Join(dir, "views"), files: []string{virtRoot}},
				{importPath: mod + "/hotgen/b2/hotmain", files: []string{virtMain}},
			}
			deps := [][]int{nil, {0}, {1}}
			if tc.imported {
				deps[0] = []int{1}
			}
			got, merged, err := mergeRoot(req, units, deps, virt)
			if err != nil {
				t.Fatal(err)
			}
			if !tc.merge {
				if merged != "" || got != nil {
					t.Fatalf("merged %q", merged)
				}
				if virt[virtRoot] != src {
					t.Errorf("the root's file was replaced: %s", virt[virtRoot])
				}
				return
			}
			if merged != rootPath || len(got) != 2 || got[0].importPath != units[0].importPath {
				t.Fatalf("merged %q into %+v", merged, got)
			}
			m := got[1]
			if m.importPath != units[2].importPath || m.name != rootPath || len(m.files) != 2 {
				t.Fatalf("the merged unit: %+v", m)
			}
			b, err := os.ReadFile(virt[virtRoot])
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Replace(tc.root, "package views", "package main", 1)
			if string(b) != want {
				t.Errorf("the root's copy:\n%s\nwant:\n%s", b, want)
			}
			main, _ := os.ReadFile(mainFile)
			if strings.Contains(string(main), rootPath) || !strings.Contains(string(main), `"views": anyTargets(Targets)`) ||
				!strings.Contains(string(main), `"views": APIVersion`) {
				t.Errorf("the main:\n%s", main)
			}
		})
	}
}

// With two modules, the main merged with one root imports the other.
func TestPluginMainOf(t *testing.T) {
	req := BuildRequest{ID: 4, ModulePath: "example.com/m", Modules: []Module{
		{Name: "views", SourceDirs: []string{"views"}}, {Name: "rules", SourceDirs: []string{"rules"}}}}
	got := string(pluginMainOf(req, 1))
	for self := -1; self < 2; self++ {
		src := pluginMainOf(req, self)
		if _, err := format.Source(src); err != nil {
			t.Errorf("pluginMainOf(req, %d) is not Go (%v):\n%s", self, err, src)
		}
	}
	for _, want := range []string{`m0 "example.com/m/hotgen/b4/views"`, `"views": anyTargets(m0.Targets)`, `"rules": anyTargets(Targets)`, `"rules": APIVersion`} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in\n%s", want, got)
		}
	}
	if strings.Contains(got, "rules\"\n") || strings.Contains(got, "m1") {
		t.Errorf("the main imports its own root:\n%s", got)
	}
	if string(pluginMain(req)) != string(pluginMainOf(req, -1)) || !strings.Contains(string(pluginMain(req)), `m1 "example.com/m/hotgen/b4/rules"`) {
		t.Errorf("pluginMain:\n%s", pluginMain(req))
	}
}
