package persist

import (
	"reflect"
	"strings"
	"time"
)

var timeType = reflect.TypeOf(time.Time{})

// unknownKeys returns the part of raw (a decoded TOML table) that no field
// of struct type t takes, keeping the tree: tables inside known tables,
// and lists of tables by position. Field names match keys as the TOML
// decoder matches them (case-insensitively).
func unknownKeys(raw map[string]any, t reflect.Type) map[string]any {
	out := map[string]any{}
	for k, v := range raw {
		f, ok := fieldFor(t, k)
		if !ok {
			out[k] = v
			continue
		}
		ft := f.Type
		switch {
		case ft.Kind() == reflect.Struct && ft != timeType:
			if m, ok := v.(map[string]any); ok {
				if u := unknownKeys(m, ft); len(u) > 0 {
					out[k] = u
				}
			}
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && ft.Elem() != timeType:
			tables := asTables(v)
			var list []map[string]any
			found := false
			for _, m := range tables {
				u := unknownKeys(m, ft.Elem())
				found = found || len(u) > 0
				list = append(list, u)
			}
			if found {
				out[k] = list
			}
		}
	}
	return out
}

// fieldFor finds the exported field of t that takes key.
func fieldFor(t reflect.Type, key string) (reflect.StructField, bool) {
	if t.Kind() != reflect.Struct {
		return reflect.StructField{}, false
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.IsExported() && strings.EqualFold(f.Name, key) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// asTables returns v as a list of tables, or nil.
func asTables(v any) []map[string]any {
	switch l := v.(type) {
	case []map[string]any:
		return l
	case []any:
		out := make([]map[string]any, 0, len(l))
		for _, e := range l {
			m, ok := e.(map[string]any)
			if !ok {
				return nil
			}
			out = append(out, m)
		}
		return out
	}
	return nil
}

// mergeUnknown adds the unknown keys of src into dst, a decoded copy of
// what slopgui writes. A key slopgui now writes itself wins; list items
// are matched by position (an item that no longer exists takes its unknown
// keys with it).
func mergeUnknown(dst, src map[string]any) {
	for k, v := range src {
		have, exists := lookupFold(dst, k)
		if !exists {
			dst[k] = v
			continue
		}
		switch sv := v.(type) {
		case map[string]any:
			if dm, ok := dst[have].(map[string]any); ok {
				mergeUnknown(dm, sv)
			}
		case []map[string]any:
			dl := asTables(dst[have])
			for i := 0; i < len(dl) && i < len(sv); i++ {
				mergeUnknown(dl[i], sv[i])
			}
			if dl != nil {
				dst[have] = dl
			}
		}
	}
}

// lookupFold finds key in m, case-insensitively, and returns the spelling m uses.
func lookupFold(m map[string]any, key string) (string, bool) {
	if _, ok := m[key]; ok {
		return key, true
	}
	for k := range m {
		if strings.EqualFold(k, key) {
			return k, true
		}
	}
	return "", false
}

// HasComments reports whether TOML text s holds a comment: a # outside
// every kind of string.
func HasComments(s string) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '#':
			return true
		case strings.HasPrefix(s[i:], `"""`):
			i = skipString(s, i+3, `"""`, true)
		case strings.HasPrefix(s[i:], `'''`):
			i = skipString(s, i+3, `'''`, false)
		case s[i] == '"':
			i = skipString(s, i+1, `"`, true)
		case s[i] == '\'':
			i = skipString(s, i+1, `'`, false)
		}
	}
	return false
}

// skipString returns the index of the last byte of the string that
// starts at i and ends with end (escapes skipped where the kind has them).
func skipString(s string, i int, end string, escapes bool) int {
	for ; i < len(s); i++ {
		if escapes && s[i] == '\\' {
			i++
			continue
		}
		if strings.HasPrefix(s[i:], end) {
			return i + len(end) - 1
		}
		if len(end) == 1 && s[i] == '\n' { // an unterminated one-line string
			return i
		}
	}
	return len(s)
}
