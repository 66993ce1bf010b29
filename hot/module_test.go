package hot_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/hot"
)

func TestTargetOf(t *testing.T) {
	tg := hot.TargetOf[func(*int)]("Draw")
	if tg.Name != "Draw" {
		t.Errorf("Name = %q, want Draw", tg.Name)
	}
	if tg.Type != reflect.TypeOf(staticDraw) {
		t.Errorf("Type = %v, want func(*int)", tg.Type)
	}
}

func TestRegistryRegisterValid(t *testing.T) {
	var reg hot.Registry
	m := viewsModule()
	if err := reg.Register(m); err != nil {
		t.Fatalf("Register: %v", err)
	}
	got, ok := reg.Module("views")
	if !ok {
		t.Fatal(`Module("views") not found`)
	}
	if !reflect.DeepEqual(got, m) {
		t.Errorf("Module = %+v, want %+v", got, m)
	}
	// Register keeps its own copies of the module's slices.
	m.SourceDirs[0] = "changed"
	m.StateKeys[0] = "changed"
	m.DelegationTargets[0].Name = "changed"
	got, _ = reg.Module("views")
	if !reflect.DeepEqual(got, viewsModule()) {
		t.Errorf("registry changed with the caller's slices: %+v", got)
	}
}

func TestRegistryRegisterErrors(t *testing.T) {
	mod := func(edit func(*hot.Module)) hot.Module {
		m := hot.Module{
			Name:              "views",
			SourceDirs:        []string{"views"},
			DelegationTargets: []hot.Target{hot.TargetOf[func(*int)]("Draw")},
		}
		edit(&m)
		return m
	}
	other := hot.Module{
		Name:              "other",
		SourceDirs:        []string{"other", "shared"},
		DelegationTargets: []hot.Target{hot.TargetOf[func()]("Run")},
	}
	tests := []struct {
		name string
		m    hot.Module
		want []string // substrings of the error
	}{
		{"empty name", mod(func(m *hot.Module) { m.Name = "" }), []string{"module has no name"}},
		{"duplicate name", mod(func(m *hot.Module) { m.Name = "other"; m.SourceDirs = []string{"x"} }), []string{`"other" is already registered`}},
		{"no source dirs", mod(func(m *hot.Module) { m.SourceDirs = nil }), []string{"no source directories"}},
		{"empty dir", mod(func(m *hot.Module) { m.SourceDirs = []string{""} }), []string{`source directory ""`, "clean path"}},
		{"dot dir", mod(func(m *hot.Module) { m.SourceDirs = []string{"."} }), []string{`source directory "."`}},
		{"unclean dir ./", mod(func(m *hot.Module) { m.SourceDirs = []string{"./views"} }), []string{`"./views"`, "clean path"}},
		{"trailing slash", mod(func(m *hot.Module) { m.SourceDirs = []string{"views/"} }), []string{`"views/"`}},
		{"inner ..", mod(func(m *hot.Module) { m.SourceDirs = []string{"a/../views"} }), []string{`"a/../views"`}},
		{"absolute", mod(func(m *hot.Module) { m.SourceDirs = []string{"/abs/views"} }), []string{`"/abs/views"`}},
		{"parent", mod(func(m *hot.Module) { m.SourceDirs = []string{"../views"} }), []string{`"../views"`}},
		{"dir owned by another module", mod(func(m *hot.Module) { m.SourceDirs = []string{"views", "shared"} }),
			[]string{`source directory "shared" already belongs to module "other"`}},
		{"no targets", mod(func(m *hot.Module) { m.DelegationTargets = nil }), []string{"no delegation targets"}},
		{"unnamed target", mod(func(m *hot.Module) {
			m.DelegationTargets = append(m.DelegationTargets, hot.TargetOf[func()](""))
		}), []string{"a delegation target has no name"}},
		{"duplicate target", mod(func(m *hot.Module) {
			m.DelegationTargets = append(m.DelegationTargets, hot.TargetOf[func(string)]("Draw"))
		}), []string{`delegation target "Draw" listed twice`}},
		{"non-func target", mod(func(m *hot.Module) {
			m.DelegationTargets = []hot.Target{hot.TargetOf[int]("Count")}
		}), []string{`delegation target "Count": type int is not a function type`}},
		{"nil target type", mod(func(m *hot.Module) {
			m.DelegationTargets = []hot.Target{{Name: "Draw"}}
		}), []string{`delegation target "Draw"`, "not a function type"}},
		{"several problems at once", hot.Module{Name: "bad", SourceDirs: []string{"/x"}},
			[]string{`hot module "bad"`, `"/x"`, "no delegation targets"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var reg hot.Registry
			if err := reg.Register(other); err != nil {
				t.Fatalf("Register(other): %v", err)
			}
			err := reg.Register(tc.m)
			if err == nil {
				t.Fatalf("Register(%+v) succeeded, want an error", tc.m)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if n := len(reg.Modules()); n != 1 {
				t.Errorf("after a failed Register, %d modules are registered, want 1", n)
			}
		})
	}
}

func TestRegistryQueries(t *testing.T) {
	var reg hot.Registry
	if got := reg.Modules(); len(got) != 0 {
		t.Errorf("zero Registry Modules = %v, want none", got)
	}
	if got := reg.StateKeys(); len(got) != 0 {
		t.Errorf("zero Registry StateKeys = %v, want none", got)
	}
	mods := []hot.Module{
		{Name: "b", SourceDirs: []string{"b"}, StateKeys: []string{"Z", "A"},
			DelegationTargets: []hot.Target{hot.TargetOf[func()]("F")}},
		{Name: "a", SourceDirs: []string{"a"}, StateKeys: []string{"A", "M", "Z", "N"},
			DelegationTargets: []hot.Target{hot.TargetOf[func()]("F")}},
		{Name: "c", SourceDirs: []string{"c"},
			DelegationTargets: []hot.Target{hot.TargetOf[func()]("F")}},
	}
	for _, m := range mods {
		if err := reg.Register(m); err != nil {
			t.Fatalf("Register(%s): %v", m.Name, err)
		}
	}
	var names []string
	for _, m := range reg.Modules() {
		names = append(names, m.Name)
	}
	if want := []string{"b", "a", "c"}; !reflect.DeepEqual(names, want) {
		t.Errorf("Modules order = %v, want %v", names, want)
	}
	if want := []string{"Z", "A", "M", "N"}; !reflect.DeepEqual(reg.StateKeys(), want) {
		t.Errorf("StateKeys = %v, want %v", reg.StateKeys(), want)
	}
	if m, ok := reg.Module("a"); !ok || m.Name != "a" || !reflect.DeepEqual(m.StateKeys, mods[1].StateKeys) {
		t.Errorf(`Module("a") = %+v, %v`, m, ok)
	}
	if m, ok := reg.Module("nope"); ok || m.Name != "" {
		t.Errorf(`Module("nope") = %+v, %v; want zero, false`, m, ok)
	}
	// Modules returns a new slice: editing it does not edit the registry.
	got := reg.Modules()
	got[0] = hot.Module{Name: "edited"}
	if m := reg.Modules()[0]; m.Name != "b" {
		t.Errorf("editing Modules()'s result changed the registry: first module is %q", m.Name)
	}
}
