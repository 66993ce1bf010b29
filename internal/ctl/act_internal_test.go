package ctl

import (
	"strings"
	"testing"

	"github.com/slopgui/slopgui/gui/uitree"
)

type holder struct {
	ComposerText string
	Tracks       []string
	Forms        struct{ OpsTab int32 }
	Theme        string
}

var holderKeys = []string{"ComposerText", "Tracks", "Forms", "Theme"}

func TestDecodeState(t *testing.T) {
	for _, tc := range []struct {
		key, value string
		want       any
		err        string
	}{
		{"ComposerText", `"hi"`, "hi", ""},
		{"composertext", `"case"`, "case", ""},
		{"Forms", `{"OpsTab": 2}`, struct{ OpsTab int32 }{2}, ""},
		{"Tracks", `["a"]`, nil, "read-only"},
		{"Nope", `1`, nil, `no state key "Nope"; the keys are: ComposerText, Tracks, Forms, Theme`},
		{"ComposerText", `5`, nil, "wants string"},
		{"Forms", `{"Other": 1}`, nil, `unknown field "Other"`},
		{"Theme", `"a" "b"`, nil, "more than one JSON value"},
	} {
		v, _, err := DecodeState(&holder{}, holderKeys, tc.key, []byte(tc.value))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("set %s %s: %v, want an error with %q", tc.key, tc.value, err, tc.err)
			}
			continue
		}
		if err != nil || v != tc.want {
			t.Errorf("set %s %s = %#v, %v; want %#v", tc.key, tc.value, v, err, tc.want)
		}
	}
}

func TestActRequest(t *testing.T) {
	for _, tc := range []struct {
		op   string
		args []string
		want Request
		err  string
	}{
		{OpClick, []string{"Add"}, Request{Op: OpClick, Query: "Add"}, ""},
		{OpClick, nil, Request{}, "wants LABEL|ID"},
		{OpType, []string{"##composer", "hello"}, Request{Op: OpType, Query: "##composer", Text: "hello"}, ""},
		{OpType, []string{"##composer"}, Request{}, "wants ID TEXT"},
		{OpKey, []string{"ctrl+s"}, Request{Op: OpKey, Text: "ctrl+s"}, ""},
		{OpKey, []string{"hyper+s"}, Request{}, "not a modifier"},
		{OpSelectTab, []string{"Diagnostics"}, Request{Op: OpSelectTab, Query: "Diagnostics"}, ""},
		{OpWaitFor, []string{"done"}, Request{Op: OpWaitFor, Query: "done"}, ""},
		{OpSet, []string{"Theme", `"NERV"`}, Request{Op: OpSet, Key: "Theme", Value: `"NERV"`}, ""},
		{OpSet, []string{"Theme", `NERV`}, Request{}, "is not JSON"},
		{OpSelect, []string{"Provider", "gemini"}, Request{Op: OpSelect, Query: "Provider", Text: "gemini"}, ""},
		{OpSelect, []string{"Provider"}, Request{}, "wants LABEL|ID VALUE"},
	} {
		got, err := actRequest(tc.op, tc.args)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s %q: %v, want %q", tc.op, tc.args, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s %q = %+v, %v; want %+v", tc.op, tc.args, got, err, tc.want)
		}
	}
	if actCommands["select-tab"] != OpSelectTab || actCommands["wait-for"] != OpWaitFor {
		t.Error("select-tab and wait-for are not mapped to their ops")
	}
}

func TestSelectable(t *testing.T) {
	combo := uitree.Item{Kind: uitree.Combo, Label: "Provider", ID: "0x1", Options: []string{"anthropic", "gemini"}}
	slider := uitree.Item{Kind: uitree.Slider, Key: "##temp", ID: "0x2"}
	for _, tc := range []struct {
		it    uitree.Item
		value string
		err   string
	}{
		{combo, "gemini", ""},
		{combo, "Gemini", `offers no "Gemini"; it offers: ["anthropic" "gemini"]`},
		{slider, "0.7", ""},
		{slider, "warm", `takes a number, not "warm"`},
	} {
		err := selectable(tc.it, tc.value)
		if (tc.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("select %q in %s: %v, want %q", tc.value, tc.it.Kind, err, tc.err)
		}
	}
}
