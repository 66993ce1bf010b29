package hot_test

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/slopgui/slopgui/hot"
)

type Inner struct {
	Tags   []string
	Scores map[string]int
}

type Base struct {
	Promoted []int
}

type hidden struct {
	Visible map[string]string
}

type guarded struct {
	N  int
	Mu sync.Mutex
}

type holder struct {
	Base   // exported embedded struct: Promoted
	hidden // unexported embedded struct: Visible is still exported

	Count  int
	Name   string
	Items  []string
	Lookup map[string]int
	Ptr    *int
	Nested Inner
	Groups map[string][]int
	Ref    *Inner
	Arr    [2][]int
	Any    any
	NilMap map[string]int

	Skipped []string // not a key

	Events  chan int
	OnClick func()
	Lock    struct{ G guarded }
	Deep    *map[string][]guarded
	Raw     unsafe.Pointer
	Atomic  struct{ V sync.Once }
	secret  int
	Private []int
}

var holderKeys = []string{"Promoted", "Visible", "Count", "Name", "Items", "Lookup", "Ptr",
	"Nested", "Groups", "Ref", "Arr", "Any", "NilMap"}

func newHolder() *holder {
	n := 42
	return &holder{
		Base:    Base{Promoted: []int{1, 2, 3}},
		hidden:  hidden{Visible: map[string]string{"k": "v"}},
		Count:   5,
		Name:    "name",
		Items:   []string{"a", "b", "c"},
		Lookup:  map[string]int{"one": 1, "two": 2},
		Ptr:     &n,
		Nested:  Inner{Tags: []string{"t1"}, Scores: map[string]int{"s": 9}},
		Groups:  map[string][]int{"g1": {1, 2}, "g2": {3}},
		Ref:     &Inner{Tags: []string{"r1", "r2"}, Scores: map[string]int{"r": 1}},
		Arr:     [2][]int{{1}, {2, 3}},
		Any:     []int{8, 9},
		Skipped: []string{"keep"},
	}
}

// mutateDeeply writes into every captured field, in place where possible.
func mutateDeeply(h *holder) {
	h.Promoted[0] = -1
	h.Promoted = append(h.Promoted, 4)
	h.Visible["k"] = "changed"
	h.Count++
	h.Name = "other"
	h.Items[0] = "z"
	h.Items = append(h.Items, "d")
	h.Lookup["one"] = 100
	h.Lookup["three"] = 3
	*h.Ptr = -42
	h.Nested.Tags[0] = "changed"
	h.Nested.Scores["s"] = -9
	h.Groups["g1"][0] = -1
	h.Groups["g3"] = []int{7}
	h.Ref.Tags[1] = "changed"
	h.Ref.Scores["new"] = 2
	h.Arr[1][0] = -2
	h.Any.([]int)[0] = -8
	h.NilMap = map[string]int{"now": 1}
}

// captured returns the captured fields of h by key, for comparison.
func captured(h *holder) map[string]any {
	return map[string]any{"Promoted": h.Promoted, "Visible": h.Visible, "Count": h.Count,
		"Name": h.Name, "Items": h.Items, "Lookup": h.Lookup, "Ptr": h.Ptr, "Nested": h.Nested,
		"Groups": h.Groups, "Ref": h.Ref, "Arr": h.Arr, "Any": h.Any, "NilMap": h.NilMap}
}

// assertNoSharedMemory fails if any reference inside h's captured fields
// is also inside snap.
func assertNoSharedMemory(t *testing.T, h *holder, snap hot.Snapshot) {
	t.Helper()
	type ref struct {
		what      string
		got, snap reflect.Value
	}
	sv := func(k string) reflect.Value { return reflect.ValueOf(snap[k]) }
	refs := []ref{
		{"Promoted", reflect.ValueOf(h.Promoted), sv("Promoted")},
		{"Visible", reflect.ValueOf(h.Visible), sv("Visible")},
		{"Items", reflect.ValueOf(h.Items), sv("Items")},
		{"Lookup", reflect.ValueOf(h.Lookup), sv("Lookup")},
		{"Ptr", reflect.ValueOf(h.Ptr), sv("Ptr")},
		{"Nested.Tags", reflect.ValueOf(h.Nested.Tags), reflect.ValueOf(snap["Nested"].(Inner).Tags)},
		{"Nested.Scores", reflect.ValueOf(h.Nested.Scores), reflect.ValueOf(snap["Nested"].(Inner).Scores)},
		{"Groups", reflect.ValueOf(h.Groups), sv("Groups")},
		{"Groups[g1]", reflect.ValueOf(h.Groups["g1"]), reflect.ValueOf(snap["Groups"].(map[string][]int)["g1"])},
		{"Ref", reflect.ValueOf(h.Ref), sv("Ref")},
		{"Ref.Tags", reflect.ValueOf(h.Ref.Tags), reflect.ValueOf(snap["Ref"].(*Inner).Tags)},
		{"Ref.Scores", reflect.ValueOf(h.Ref.Scores), reflect.ValueOf(snap["Ref"].(*Inner).Scores)},
		{"Arr[1]", reflect.ValueOf(h.Arr[1]), reflect.ValueOf(snap["Arr"].([2][]int)[1])},
		{"Any", reflect.ValueOf(h.Any), sv("Any")},
	}
	for _, r := range refs {
		if !r.got.IsValid() || !r.snap.IsValid() {
			t.Errorf("%s: missing value (holder %v, snapshot %v)", r.what, r.got, r.snap)
			continue
		}
		if r.got.UnsafePointer() == nil {
			t.Errorf("%s: nil in the holder, cannot compare", r.what)
			continue
		}
		if r.got.UnsafePointer() == r.snap.UnsafePointer() {
			t.Errorf("%s: holder and snapshot share memory at %p", r.what, r.got.UnsafePointer())
		}
	}
}

func TestCaptureRestoreState(t *testing.T) {
	h := newHolder()
	want := captured(newHolder())

	snap, err := hot.CaptureState(h, holderKeys)
	if err != nil {
		t.Fatalf("CaptureState: %v", err)
	}
	if len(snap) != len(holderKeys) {
		t.Errorf("snapshot has %d keys, want %d", len(snap), len(holderKeys))
	}
	if len(want) != len(holderKeys) {
		t.Fatalf("captured() covers %d fields, holderKeys %d", len(want), len(holderKeys))
	}
	if !reflect.DeepEqual(map[string]any(snap), want) {
		t.Errorf("snapshot differs from the holder:\n got %#v\nwant %#v", snap, want)
	}
	assertNoSharedMemory(t, h, snap) // captured, not referenced

	mutateDeeply(h)
	h.Skipped = []string{"new"}
	if reflect.DeepEqual(captured(h), want) {
		t.Fatal("mutateDeeply changed nothing; the test is broken")
	}
	// The snapshot did not follow the writes.
	if !reflect.DeepEqual(map[string]any(snap), want) || *snap["Ptr"].(*int) != 42 {
		t.Errorf("snapshot changed with the holder: %#v", snap)
	}

	for round := 1; round <= 2; round++ {
		if err := hot.RestoreState(h, snap); err != nil {
			t.Fatalf("round %d: RestoreState: %v", round, err)
		}
		if got := captured(h); !reflect.DeepEqual(got, want) {
			t.Errorf("round %d: restored state\n got %#v\nwant %#v", round, got, want)
		}
		if !reflect.DeepEqual(h.Skipped, []string{"new"}) {
			t.Errorf("round %d: Skipped = %v; a field outside the keys was restored", round, h.Skipped)
		}
		assertNoSharedMemory(t, h, snap)
		// Writing to the restored holder must not reach the snapshot, so the
		// next round restores the original values again.
		mutateDeeply(h)
	}
}

func TestRestoreStateNilValues(t *testing.T) {
	h := &holder{Any: "set", NilMap: map[string]int{"a": 1}, Ref: &Inner{}}
	snap := hot.Snapshot{"Any": nil, "NilMap": map[string]int(nil), "Ref": (*Inner)(nil)}
	if err := hot.RestoreState(h, snap); err != nil {
		t.Fatalf("RestoreState: %v", err)
	}
	if h.Any != nil || h.NilMap != nil || h.Ref != nil {
		t.Errorf("after restoring nils: Any=%v NilMap=%v Ref=%v", h.Any, h.NilMap, h.Ref)
	}
}

func TestStateHolderErrors(t *testing.T) {
	var nilHolder *holder
	notStruct := 3
	tests := []struct {
		name   string
		holder any
	}{
		{"struct value", holder{}},
		{"nil pointer", nilHolder},
		{"nil", nil},
		{"pointer to int", &notStruct},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			const want = "state holder must be a non-nil pointer to a struct"
			if _, err := hot.CaptureState(tc.holder, []string{"Count"}); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("CaptureState error = %v, want %q", err, want)
			}
			if err := hot.RestoreState(tc.holder, hot.Snapshot{"Count": 1}); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("RestoreState error = %v, want %q", err, want)
			}
			if err := hot.CheckStateKeys(tc.holder, []string{"Count"}); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("CheckStateKeys error = %v, want %q", err, want)
			}
		})
	}
}

func TestCaptureStateBadKeys(t *testing.T) {
	tests := []struct {
		key  string
		want string
	}{
		{"Missing", `state key "Missing"`},
		{"secret", "is not exported"},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			snap, err := hot.CaptureState(newHolder(), []string{"Count", tc.key})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("CaptureState error = %v, want it to contain %q", err, tc.want)
			}
			if snap != nil {
				t.Errorf("CaptureState returned a snapshot %v with its error", snap)
			}
		})
	}
}

func TestRestoreStateErrors(t *testing.T) {
	h := newHolder()
	err := hot.RestoreState(h, hot.Snapshot{"Count": "seven", "Missing": 1, "Name": "restored"})
	if err == nil {
		t.Fatal("RestoreState succeeded with a mistyped and a missing key")
	}
	for _, w := range []string{`state key "Count": snapshot holds string, field is int`, `state key "Missing"`} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not contain %q", err, w)
		}
	}
	if h.Count != 5 {
		t.Errorf("Count = %d after a mistyped restore, want 5 (unchanged)", h.Count)
	}
	if h.Name != "restored" {
		t.Errorf("Name = %q: the good key was not restored next to the bad ones", h.Name)
	}
}

func TestCheckStateKeys(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want []string // substrings; none: the keys are accepted
	}{
		{"plain data", holderKeys, nil},
		{"no keys", nil, nil},
		{"missing field", []string{"Nope"}, []string{`state key "Nope"`, "has no such field"}},
		{"unexported field", []string{"secret"}, []string{`state key "secret"`, "not exported"}},
		{"chan", []string{"Events"}, []string{`state key "Events"`, "a chan"}},
		{"func", []string{"OnClick"}, []string{`state key "OnClick"`, "a func"}},
		{"mutex in nested struct", []string{"Lock"}, []string{`state key "Lock"`, "a sync.Mutex"}},
		{"mutex behind pointer, map and slice", []string{"Deep"}, []string{`state key "Deep"`, "a sync.Mutex"}},
		{"unsafe pointer", []string{"Raw"}, []string{`state key "Raw"`, "unsafe.Pointer"}},
		{"sync.Once", []string{"Atomic"}, []string{`state key "Atomic"`, "sync.Once"}},
		{"every bad key reported", []string{"Count", "Events", "Nope", "Items", "OnClick"},
			[]string{`"Events"`, `"Nope"`, `"OnClick"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := hot.CheckStateKeys(newHolder(), tc.keys)
			if len(tc.want) == 0 {
				if err != nil {
					t.Errorf("CheckStateKeys(%v) = %v, want nil", tc.keys, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckStateKeys(%v) = nil, want an error", tc.keys)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if strings.Contains(err.Error(), `"Count"`) || strings.Contains(err.Error(), `"Items"`) {
				t.Errorf("error %q blames a good key", err)
			}
		})
	}
}
