package hot

import (
	"fmt"
	"plugin"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strconv"
)

// Symbols is what one hot module exports: the API version it was written
// for and its delegation targets by name.
type Symbols struct {
	APIVersion int
	Targets    map[string]any
}

// Loader opens a built plugin and returns each module's symbols.
type Loader interface {
	Load(path string) (map[string]Symbols, error)
}

// PluginLoader loads with plugin.Open.
type PluginLoader struct{}

var differentVersion = regexp.MustCompile(`different version of package (\S+)`)

// Load opens path and looks up HotTargets and HotAPIVersions. A panic in a
// package init of the plugin is recovered and returned as an error.
func (PluginLoader) Load(path string) (syms map[string]Symbols, err error) {
	defer func() {
		if p := recover(); p != nil {
			buf := make([]byte, 8<<10)
			buf = buf[:runtime.Stack(buf, false)]
			err = &Error{Reason: ReasonInitPanic, What: fmt.Sprintf("a package init in the new code panicked: %v", p),
				Detail: string(buf),
				Hint:   "fix the init (or the package-level variable initialiser) and reload; nothing was swapped"}
		}
	}()
	p, err := plugin.Open(path)
	if err != nil {
		if m := differentVersion.FindStringSubmatch(err.Error()); m != nil {
			return nil, &Error{Reason: ReasonStableChanged, What: "restart needed: package " + m[1] + " is not the one this program was built with",
				Hint:  "stable packages (and go.mod) cannot be reloaded: rebuild and restart the program to pick up the change",
				Facts: map[string]string{"package": m[1]}, Err: err}
		}
		return nil, &Error{Reason: ReasonLoad, What: "plugin.Open failed", Err: err,
			Hint: "the plugin does not fit this program; rebuild and restart it", Facts: map[string]string{"open": "failed"}}
	}
	t, err := p.Lookup("HotTargets")
	if err != nil {
		return nil, &Error{Reason: ReasonLoad, What: "plugin has no HotTargets", Err: err}
	}
	v, err := p.Lookup("HotAPIVersions")
	if err != nil {
		return nil, &Error{Reason: ReasonLoad, What: "plugin has no HotAPIVersions", Err: err}
	}
	targets, ok1 := t.(*map[string]map[string]any)
	versions, ok2 := v.(*map[string]int)
	if !ok1 || !ok2 {
		return nil, &Error{Reason: ReasonLoad, What: fmt.Sprintf("plugin symbols have unexpected types %T, %T", t, v)}
	}
	syms = map[string]Symbols{}
	for name, ts := range *targets {
		syms[name] = Symbols{APIVersion: (*versions)[name], Targets: ts}
	}
	return syms, nil
}

// verify checks syms against the modules: each module present and written
// for apiVersion (else a fatal error), each target present with its type
// (else a problem; the bad target is left out of the returned symbols).
func verify(mods []Module, syms map[string]Symbols, apiVersion int) (map[string]Symbols, map[string]*Error, error) {
	good := map[string]Symbols{}
	problems := map[string]*Error{}
	hostVersion := apiVersion
	for _, m := range mods {
		s, ok := syms[m.Name]
		if !ok {
			return nil, nil, &Error{Reason: ReasonLoad, What: fmt.Sprintf("the new code does not contain module %q", m.Name)}
		}
		apiVersion := hostVersion
		if m.APIVersion != 0 {
			apiVersion = m.APIVersion
		}
		if s.APIVersion != apiVersion {
			hint := fmt.Sprintf("the host is older than the code: rebuild and restart it so it speaks API %d", s.APIVersion)
			if s.APIVersion < apiVersion {
				hint = fmt.Sprintf("the code is older than the host: update module %q to API %d (set its APIVersion and follow the contract's changes), then reload", m.Name, apiVersion)
			}
			return nil, nil, &Error{Reason: ReasonAPIVersion,
				What:  fmt.Sprintf("API version mismatch: module %q is written for API %d, this host speaks API %d", m.Name, s.APIVersion, apiVersion),
				Hint:  hint,
				Facts: map[string]string{"module": m.Name, "code": strconv.Itoa(s.APIVersion), "host": strconv.Itoa(apiVersion)}}
		}
		kept := map[string]any{}
		for _, t := range m.DelegationTargets {
			key := m.Name + "." + t.Name
			fn, ok := s.Targets[t.Name]
			if !ok || fn == nil {
				problems[key] = &Error{Reason: ReasonMissingTarget,
					What: fmt.Sprintf("delegation target %s is missing from the new code (removed or renamed?)", key),
					Hint: fmt.Sprintf("restore %s, or add it back to the module's Targets map; the other targets were swapped in", t.Name)}
				continue
			}
			if got := reflect.TypeOf(fn); got != t.Type {
				problems[key] = &Error{Reason: ReasonSignature,
					What: fmt.Sprintf("delegation target %s has the wrong signature: want %v, found %v", key, t.Type, got),
					Hint: fmt.Sprintf("change %s back to %v", t.Name, t.Type)}
				continue
			}
			kept[t.Name] = fn
		}
		good[m.Name] = Symbols{APIVersion: s.APIVersion, Targets: kept}
	}
	return good, problems, nil
}

// problemText joins problems in a stable order.
func problemText(problems map[string]*Error) (string, Reason) {
	keys := make([]string, 0, len(problems))
	for k := range problems {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	text, reason := "", ReasonNone
	for i, k := range keys {
		if i > 0 {
			text += "\n"
		}
		text += problems[k].Error()
		if reason == ReasonNone {
			reason = problems[k].Reason
		}
	}
	return text, reason
}

// AnyTargets converts a module's typed Targets map (e.g.
// map[string]func(*Frame)) into the map[string]any Symbols holds.
func AnyTargets[M ~map[string]V, V any](m M) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
