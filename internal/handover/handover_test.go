package handover

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

type holder struct {
	Text  string
	Forms struct{ A, B string }
	Open  map[string]bool
	N     int
}

func TestRoundTrip(t *testing.T) {
	src := holder{Text: "half typed", Open: map[string]bool{"Discussion Hub": true}, N: 7}
	src.Forms.A = "pattern"
	state, err := EncodeState(map[string]any{"Text": src.Text, "Forms": src.Forms, "Open": src.Open, "N": src.N})
	if err != nil {
		t.Fatal(err)
	}
	h := &Handover{Written: time.Unix(100, 0).UTC(), PID: 42, Kind: KindRestart, Reason: "stable code changed (theme)",
		State: state, ImGuiIni: "[Window][Discussion Hub]\nPos=10,20\n", Window: &Window{X: 1, Y: 2, W: 1280, H: 800},
		History:     []Record{{Generation: 1, OK: true, BuildMs: 2000}},
		Generations: []Generation{{N: 0}, {N: 1, Build: 3, Plugin: "/x/b3.so", Binary: "/bin/slopgui"}}, MaxBuildID: 3}
	path := filepath.Join(t.TempDir(), "handover.json")
	if err := WriteFile(path, h); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != Version {
		t.Errorf("version %d, want %d", got.Version, Version)
	}
	h.Version = Version
	if !reflect.DeepEqual(got, h) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, h)
	}
	var dst holder
	keys, err := DecodeState(&dst, got.State)
	if err != nil || len(keys) != 4 {
		t.Fatalf("DecodeState: %v %v", keys, err)
	}
	if !reflect.DeepEqual(dst, src) {
		t.Errorf("state: got %+v, want %+v", dst, src)
	}
	if run, ok := got.Running(); !ok || run.N != 1 {
		t.Errorf("Running: %+v %v", run, ok)
	}
}

func TestDecodeRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		isVersion      bool
	}{
		{"garbage", "\x00\x01 not json", "not a slopgui handover", false},
		{"truncated", `{"version":1,"state":{"Text":"abc`, "not a slopgui handover", false},
		{"no version", `{"state":{}}`, "no version", false},
		{"newer", `{"version":99,"state":{}}`, "format 99", true},
		{"empty", ``, "not a slopgui handover", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Decode(%q) = %v, want an error with %q", tc.in, err, tc.want)
			}
			if errors.Is(err, ErrVersion) != tc.isVersion {
				t.Errorf("errors.Is(ErrVersion) = %v", !tc.isVersion)
			}
		})
	}
}

// A newer build's handover with fields and keys this one does not know
// still restores what it can.
func TestDecodeTolerant(t *testing.T) {
	in := `{"version":1,"futureField":{"x":1},"state":{"Text":"kept","Gone":"x","N":"not a number"}}`
	h, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	dst := holder{N: 5}
	keys, err := DecodeState(&dst, h.State)
	if !reflect.DeepEqual(keys, []string{"Text"}) || dst.Text != "kept" || dst.N != 5 {
		t.Fatalf("restored %v into %+v", keys, dst)
	}
	if err == nil || !strings.Contains(err.Error(), `"Gone"`) || !strings.Contains(err.Error(), `"N"`) {
		t.Fatalf("error should name both bad keys: %v", err)
	}
}

func TestWriteFileKeepsOldOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "h.json")
	if err := WriteFile(path, &Handover{PID: 1}); err != nil {
		t.Fatal(err)
	}
	bad := &Handover{PID: 2, State: map[string]json.RawMessage{"X": json.RawMessage("{not json")}}
	if err := WriteFile(path, bad); err == nil {
		t.Fatal("an unencodable handover was written")
	}
	h, err := ReadFile(path)
	if err != nil || h.PID != 1 {
		t.Fatalf("the previous file is gone: %v %+v", err, h)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("temporary files left: %v", ents)
	}
}

// Values not encoded yet (a snapshot's, taken on the render thread) are
// encoded into State by Encode, once, beside what State holds already;
// a value that cannot be encoded fails the encoding, naming its key.
func TestEncodeValues(t *testing.T) {
	h := &Handover{Kind: KindSnapshot, State: map[string]json.RawMessage{"Old": json.RawMessage(`1`)},
		Values: map[string]any{"ComposerText": "typed", "Count": 3}}
	b, err := Encode(h)
	if err != nil {
		t.Fatal(err)
	}
	if h.Values != nil || string(h.State["ComposerText"]) != `"typed"` {
		t.Fatalf("after Encode: values %v, state %v", h.Values, h.State)
	}
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Old": `1`, "ComposerText": `"typed"`, "Count": `3`}
	if len(got.State) != len(want) {
		t.Fatalf("state %v, want %v", got.State, want)
	}
	for k, v := range want {
		if string(got.State[k]) != v {
			t.Errorf("state %s = %s, want %s", k, got.State[k], v)
		}
	}
	if _, err := Encode(&Handover{Values: map[string]any{"Bad": func() {}}}); err == nil || !strings.Contains(err.Error(), `"Bad"`) {
		t.Fatalf("a value that cannot be encoded: %v", err)
	}
}
