package state

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// fill sets every leaf of v (strings, numbers, bools, times) to a value
// derived from n and gives every slice two elements and every map two keys,
// so a copy that forgets a field or shares a slice shows.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(*n) + 0.5)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Unix(int64(*n), 0).UTC()))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i), n)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for i := 0; i < 2; i++ {
			k := reflect.New(v.Type().Key()).Elem()
			fill(k, n)
			e := reflect.New(v.Type().Elem()).Elem()
			fill(e, n)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	default:
		panic("fill: unhandled kind " + v.Kind().String() + " at " + v.Type().String())
	}
}

// leaves calls f with the path of every settable leaf and slice/map of v.
func leaves(v reflect.Value, path string, f func(path string, v reflect.Value)) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			f(path, v)
			return
		}
		for i := 0; i < v.NumField(); i++ {
			leaves(v.Field(i), path+"."+v.Type().Field(i).Name, f)
		}
	case reflect.Slice:
		f(path, v)
		for i := 0; i < v.Len(); i++ {
			leaves(v.Index(i), fmt.Sprintf("%s[%d]", path, i), f)
		}
	case reflect.Map:
		f(path, v)
	default:
		f(path, v)
	}
}

// Every field of UI, at every depth, is copied into new memory by Clone and
// compared by Equal: a field added to UI (or to a type inside it) that the
// hand-written copy forgets makes this fail.
func TestCloneCoversUI(t *testing.T) {
	var u UI
	n := 0
	fill(reflect.ValueOf(&u).Elem(), &n)
	c := u.Clone()
	if !reflect.DeepEqual(u, c) {
		t.Fatalf("Clone differs from the original:\n got %+v\nwant %+v", c, u)
	}
	if !u.Equal(&c) {
		t.Fatal("Equal says a clone differs")
	}
	// No slice or map of the clone may share memory with the original.
	orig := map[string]uintptr{}
	leaves(reflect.ValueOf(u), "UI", func(p string, v reflect.Value) {
		if (v.Kind() == reflect.Slice || v.Kind() == reflect.Map) && !v.IsNil() {
			orig[p] = v.Pointer()
		}
	})
	leaves(reflect.ValueOf(c), "UI", func(p string, v reflect.Value) {
		if (v.Kind() == reflect.Slice || v.Kind() == reflect.Map) && !v.IsNil() && orig[p] == v.Pointer() {
			t.Errorf("%s shares memory with the original", p)
		}
	})
	// Changing any leaf of a clone must make Equal false, and leave the
	// original alone.
	m := 1000
	count := 0
	leaves(reflect.ValueOf(&c).Elem(), "UI", func(p string, v reflect.Value) {
		if v.Kind() == reflect.Slice || v.Kind() == reflect.Map {
			return
		}
		count++
		d := u.Clone()
		dv := reflect.ValueOf(&d).Elem()
		target := lookup(dv, p)
		fill(target, &m)
		if u.Equal(&d) {
			t.Errorf("Equal misses a change of %s", p)
		}
	})
	if count < 40 {
		t.Fatalf("only %d leaves visited", count)
	}
	// Copying into a used buffer reuses it and still gives an equal copy.
	var buf UI
	u.CopyTo(&buf)
	buf.Discussions[0].Entries[0].Text = "scribbled"
	u.CopyTo(&buf)
	if !reflect.DeepEqual(u, buf) {
		t.Fatal("CopyTo into a used buffer differs")
	}
}

// lookup follows a path made by leaves.
func lookup(v reflect.Value, path string) reflect.Value {
	var name string
	rest := path[len("UI"):]
	for rest != "" {
		switch rest[0] {
		case '.':
			end := 1
			for end < len(rest) && rest[end] != '.' && rest[end] != '[' {
				end++
			}
			name, rest = rest[1:end], rest[end:]
			v = v.FieldByName(name)
		case '[':
			var i int
			end := 1
			for rest[end] != ']' {
				end++
			}
			fmt.Sscanf(rest[1:end], "%d", &i)
			rest = rest[end+1:]
			v = v.Index(i)
		}
	}
	return v
}

// Nil slices stay nil and empty ones stay empty: the saved file and the
// autosave comparison can tell them apart.
func TestCloneKeepsNil(t *testing.T) {
	u := UI{Discussions: []Discussion{{Name: "a", Entries: []Entry{}}}, Tracks: []Track{{Name: "t"}}}
	c := u.Clone()
	if c.Discussions[0].Entries == nil || c.Tracks[0].Tickets != nil || c.Comms != nil || c.ShowWindows != nil {
		t.Fatalf("nil-ness changed: %+v", c)
	}
}

// DiscussionsSameContent ignores only how entries are shown (Editing), in
// the shown take and the others; DiscussionsEqual sees everything.
func TestDiscussionsSameContent(t *testing.T) {
	base := []Discussion{{Name: "d", Entries: []Entry{{ID: "a", Text: "x"}},
		Takes: []Take{{Name: "t", Entries: []Entry{{ID: "b", Text: "y"}}}}}}
	for _, tc := range []struct {
		name        string
		edit        func(d *Discussion)
		equal, same bool
	}{
		{"nothing", func(*Discussion) {}, true, true},
		{"Read / Edit", func(d *Discussion) { d.Entries[0].Editing = true }, false, true},
		{"Read / Edit in another take", func(d *Discussion) { d.Takes[0].Entries[0].Editing = true }, false, true},
		{"text", func(d *Discussion) { d.Entries[0].Text = "z" }, false, false},
		{"text and Read / Edit", func(d *Discussion) { d.Entries[0].Text, d.Entries[0].Editing = "z", true }, false, false},
		{"another take's text", func(d *Discussion) { d.Takes[0].Entries[0].Text = "z" }, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := CloneDiscussions(base)
			tc.edit(&ds[0])
			if got := DiscussionsEqual(ds, base); got != tc.equal {
				t.Errorf("DiscussionsEqual = %v, want %v", got, tc.equal)
			}
			if got := DiscussionsSameContent(ds, base); got != tc.same {
				t.Errorf("DiscussionsSameContent = %v, want %v", got, tc.same)
			}
		})
	}
}
