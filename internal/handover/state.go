package handover

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
)

// EncodeState turns state values (by state key, e.g. a deep copy taken by
// hot.CaptureState) into JSON, one raw message per key.
func EncodeState(values map[string]any) (map[string]json.RawMessage, error) {
	out := make(map[string]json.RawMessage, len(values))
	var errs []error
	for k, v := range values {
		b, err := json.Marshal(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("state key %q: %w", k, err))
			continue
		}
		out[k] = b
	}
	return out, errors.Join(errs...)
}

// DecodeState writes each value of state into the exported field of
// *holder named by its key, decoding into a fresh value first so a key
// that does not decode leaves its field as it was. It returns the keys it
// restored; the error names every key it could not (unknown to this build,
// or of another shape), which the others do not depend on.
func DecodeState(holder any, state map[string]json.RawMessage) ([]string, error) {
	v := reflect.ValueOf(holder)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("state holder must be a non-nil pointer to a struct, got %T", holder)
	}
	v = v.Elem()
	keys := make([]string, 0, len(state))
	for k := range state {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var done []string
	var errs []error
	for _, k := range keys {
		sf, ok := v.Type().FieldByName(k)
		if !ok || !sf.IsExported() {
			errs = append(errs, fmt.Errorf("state key %q: not a field of this build's %v", k, v.Type()))
			continue
		}
		f, err := v.FieldByIndexErr(sf.Index)
		if err != nil {
			errs = append(errs, fmt.Errorf("state key %q: %w", k, err))
			continue
		}
		nv := reflect.New(f.Type())
		if err := json.Unmarshal(state[k], nv.Interface()); err != nil {
			errs = append(errs, fmt.Errorf("state key %q: %w", k, err))
			continue
		}
		f.Set(nv.Elem())
		done = append(done, k)
	}
	return done, errors.Join(errs...)
}
