package hot

import (
	"errors"
	"fmt"
	"reflect"

	clone "github.com/huandu/go-clone"
)

// Snapshot is a deep copy of some of a state struct's fields, by field name.
// It shares no memory with the struct it was taken from (strings aside,
// which Go never mutates), so later writes to the struct cannot change it.
type Snapshot map[string]any

// CaptureState deep-copies the fields of *holder named by keys. holder must
// be a non-nil pointer to a struct; keys may name promoted fields.
func CaptureState(holder any, keys []string) (Snapshot, error) {
	v, err := structValue(holder)
	if err != nil {
		return nil, err
	}
	snap := make(Snapshot, len(keys))
	for _, k := range keys {
		f, err := field(v, k)
		if err != nil {
			return nil, err
		}
		snap[k] = clone.Clone(f.Interface())
	}
	return snap, nil
}

// RestoreState writes a deep copy of each value in snap back to the field
// of *holder it was captured from. snap itself stays untouched and can be
// restored again.
func RestoreState(holder any, snap Snapshot) error {
	v, err := structValue(holder)
	if err != nil {
		return err
	}
	var errs []error
	for k, val := range snap {
		f, err := field(v, k)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c := reflect.ValueOf(clone.Clone(val))
		if !c.IsValid() {
			f.SetZero()
			continue
		}
		if !c.Type().AssignableTo(f.Type()) {
			errs = append(errs, fmt.Errorf("state key %q: snapshot holds %v, field is %v", k, c.Type(), f.Type()))
			continue
		}
		f.Set(c)
	}
	return errors.Join(errs...)
}

// CheckStateKeys reports every key that does not name an exported field of
// *holder whose value can be deep-copied: no channels, functions, unsafe
// pointers or sync primitives anywhere inside it.
func CheckStateKeys(holder any, keys []string) error {
	v, err := structValue(holder)
	if err != nil {
		return err
	}
	var errs []error
	for _, k := range keys {
		f, err := field(v, k)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if why := uncopyable(f.Type(), map[reflect.Type]bool{}); why != "" {
			errs = append(errs, fmt.Errorf("state key %q (%v) cannot be captured: it holds %s; keep it out of the state keys or rebuild it after a reload", k, f.Type(), why))
		}
	}
	return errors.Join(errs...)
}

func structValue(holder any) (reflect.Value, error) {
	v := reflect.ValueOf(holder)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return reflect.Value{}, fmt.Errorf("state holder must be a non-nil pointer to a struct, got %T", holder)
	}
	return v.Elem(), nil
}

func field(v reflect.Value, key string) (reflect.Value, error) {
	sf, ok := v.Type().FieldByName(key)
	if !ok {
		return reflect.Value{}, fmt.Errorf("state key %q: %v has no such field", key, v.Type())
	}
	if !sf.IsExported() {
		return reflect.Value{}, fmt.Errorf("state key %q: field of %v is not exported", key, v.Type())
	}
	f, err := v.FieldByIndexErr(sf.Index)
	if err != nil {
		return reflect.Value{}, fmt.Errorf("state key %q: %w", key, err)
	}
	return f, nil
}

// uncopyable says what in t cannot be deep-copied meaningfully, or "".
func uncopyable(t reflect.Type, seen map[reflect.Type]bool) string {
	if seen[t] {
		return ""
	}
	seen[t] = true
	if p := t.PkgPath(); p == "sync" || p == "sync/atomic" {
		return "a " + t.String()
	}
	switch t.Kind() {
	case reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return "a " + t.Kind().String()
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return uncopyable(t.Elem(), seen)
	case reflect.Map:
		if w := uncopyable(t.Key(), seen); w != "" {
			return w
		}
		return uncopyable(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			if w := uncopyable(t.Field(i).Type, seen); w != "" {
				return w
			}
		}
	}
	return ""
}
