package hot

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"reflect"
	"strings"
)

// Target is a delegation target: a function a hot module exports under Name,
// which the host calls through a wrapper. Type is the function type the host
// expects.
type Target struct {
	Name string
	Type reflect.Type
}

// TargetOf returns the Target called name with function type F.
func TargetOf[F any](name string) Target {
	return Target{Name: name, Type: reflect.TypeFor[F]()}
}

// Module describes one reloadable module.
//
// The package in SourceDirs[0] is the module's root; it must export
//
//	const APIVersion = N              // the host contract version it targets
//	var Targets = map[string]any{...} // delegation target name -> function
//
// Further SourceDirs are packages the root imports that reload with it.
//
// A host may register several modules (e.g. its views and its rules);
// each reload builds them into one plugin. The functions a module
// exports must use only types of stable packages: a reloaded package is
// compiled under a new import path, so a type it defines is a new type in
// each generation, and a target using it would never match its Target.
type Module struct {
	// Name identifies the module, e.g. "views".
	Name string
	// APIVersion is the version the module's code must declare; the
	// reloader's Config.APIVersion when zero. A module with a contract of
	// its own (not the host's) names its version here.
	APIVersion int
	// SourceDirs are directories relative to the Go module root, slash
	// separated, e.g. "views".
	SourceDirs []string
	// StateKeys are the fields of the host's state struct (Config.State)
	// captured before a swap and restored when it fails.
	StateKeys []string
	// DelegationTargets are the functions the host calls.
	DelegationTargets []Target
	// Linked, if set, holds the module's sources as compiled into the
	// host (e.g. an embed.FS in the module's root package), rooted at
	// SourceDirs[0]. A package whose files on disk equal these keeps its
	// own import path in a reload: it is not compiled again, and the
	// runtime shares the host's copy. Without it every package is
	// compiled under a new path in the first reload (the host's copy
	// cannot be told apart from an edited one: Go compares packages by
	// their export data only, so an edit inside a function body would be
	// silently dropped).
	Linked fs.FS
}

// validate reports what is wrong with m on its own.
func (m Module) validate() error {
	var errs []error
	if m.Name == "" {
		errs = append(errs, errors.New("module has no name"))
	}
	if len(m.SourceDirs) == 0 {
		errs = append(errs, errors.New("no source directories"))
	}
	for _, d := range m.SourceDirs {
		if d == "" || path.IsAbs(d) || filepath.IsAbs(d) || path.Clean(d) != d || strings.HasPrefix(d, "..") || d == "." {
			errs = append(errs, fmt.Errorf("source directory %q must be a clean path inside the Go module", d))
		}
	}
	if len(m.DelegationTargets) == 0 {
		errs = append(errs, errors.New("no delegation targets"))
	}
	seen := map[string]bool{}
	for _, t := range m.DelegationTargets {
		switch {
		case t.Name == "":
			errs = append(errs, errors.New("a delegation target has no name"))
		case seen[t.Name]:
			errs = append(errs, fmt.Errorf("delegation target %q listed twice", t.Name))
		case t.Type == nil || t.Type.Kind() != reflect.Func:
			errs = append(errs, fmt.Errorf("delegation target %q: type %v is not a function type", t.Name, t.Type))
		}
		seen[t.Name] = true
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("hot module %q: %w", m.Name, err)
	}
	return nil
}

// Registry holds the registered hot modules, in registration order.
// Its zero value is empty and ready to use; it is not safe for concurrent
// registration.
type Registry struct {
	mods []Module
}

// Register adds m. It fails if m is malformed, its name is taken, or one
// of its source directories already belongs to another module.
func (r *Registry) Register(m Module) error {
	if err := m.validate(); err != nil {
		return err
	}
	for _, o := range r.mods {
		if o.Name == m.Name {
			return fmt.Errorf("hot module %q is already registered", m.Name)
		}
		for _, d := range o.SourceDirs {
			for _, e := range m.SourceDirs {
				if d == e {
					return fmt.Errorf("hot module %q: source directory %q already belongs to module %q", m.Name, e, o.Name)
				}
			}
		}
	}
	m.SourceDirs = append([]string(nil), m.SourceDirs...)
	m.StateKeys = append([]string(nil), m.StateKeys...)
	m.DelegationTargets = append([]Target(nil), m.DelegationTargets...)
	r.mods = append(r.mods, m)
	return nil
}

// Modules returns the registered modules in registration order.
func (r *Registry) Modules() []Module { return append([]Module(nil), r.mods...) }

// Module returns the module called name.
func (r *Registry) Module(name string) (Module, bool) {
	for _, m := range r.mods {
		if m.Name == name {
			return m, true
		}
	}
	return Module{}, false
}

// StateKeys returns every registered module's state keys, without repeats.
func (r *Registry) StateKeys() []string {
	var keys []string
	seen := map[string]bool{}
	for _, m := range r.mods {
		for _, k := range m.StateKeys {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	return keys
}
