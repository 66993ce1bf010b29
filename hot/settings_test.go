package hot_test

import (
	"reflect"
	"runtime/debug"
	"testing"

	"github.com/slopgui/slopgui/hot"
)

func TestSettingsFrom(t *testing.T) {
	type kv = debug.BuildSetting
	tests := []struct {
		name     string
		settings []debug.BuildSetting
		want     hot.BuildSettings
	}{
		{"empty", nil, hot.BuildSettings{}},
		{"trimpath on", []kv{{Key: "-trimpath", Value: "true"}},
			hot.BuildSettings{Flags: []string{"-trimpath"}, FromBuildInfo: true}},
		{"trimpath off", []kv{{Key: "-trimpath", Value: "false"}},
			hot.BuildSettings{FromBuildInfo: true}},
		{"race", []kv{{Key: "-race", Value: "true"}},
			hot.BuildSettings{Flags: []string{"-race"}, FromBuildInfo: true}},
		{"tags and gcflags", []kv{{Key: "-tags", Value: "a,b"}, {Key: "-gcflags", Value: "all=-N -l"}},
			hot.BuildSettings{Flags: []string{"-tags=a,b", "-gcflags=all=-N -l"}, FromBuildInfo: true}},
		{"ldflags, extld= removed", []kv{{Key: "-ldflags", Value: "-extld=/x/y.sh -X main.v=1"}},
			hot.BuildSettings{LDFlags: []string{"-X", "main.v=1"}, FromBuildInfo: true}},
		{"ldflags, two-token extld removed", []kv{{Key: "-ldflags", Value: "-s -extld /x -X main.v=1"}},
			hot.BuildSettings{LDFlags: []string{"-s", "-X", "main.v=1"}, FromBuildInfo: true}},
		{"ldflags, --extld forms removed", []kv{{Key: "-ldflags", Value: "--extld=/a --extld /b -w"}},
			hot.BuildSettings{LDFlags: []string{"-w"}, FromBuildInfo: true}},
		{"ldflags, extldflags kept", []kv{{Key: "-ldflags", Value: "-extldflags=-static"}},
			hot.BuildSettings{LDFlags: []string{"-extldflags=-static"}, FromBuildInfo: true}},
		{"env sorted", []kv{
			{Key: "GOAMD64", Value: "v3"},
			{Key: "CGO_CFLAGS", Value: "-O2 -g"},
			{Key: "CGO_ENABLED", Value: "1"},
		}, hot.BuildSettings{Env: []string{"CGO_CFLAGS=-O2 -g", "CGO_ENABLED=1", "GOAMD64=v3"}, FromBuildInfo: true}},
		{"vcs ignored", []kv{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "abc"},
			{Key: "vcs.modified", Value: "true"},
		}, hot.BuildSettings{}},
		{"buildmode and compiler only mark build info", []kv{
			{Key: "-buildmode", Value: "exe"},
			{Key: "-compiler", Value: "gc"},
		}, hot.BuildSettings{FromBuildInfo: true}},
		{"everything", []kv{
			{Key: "-buildmode", Value: "exe"},
			{Key: "-compiler", Value: "gc"},
			{Key: "-trimpath", Value: "true"},
			{Key: "-tags", Value: "x"},
			{Key: "-ldflags", Value: "-extld=/tmp/extld.sh -X main.v=1"},
			{Key: "CGO_ENABLED", Value: "1"},
			{Key: "GOARCH", Value: "amd64"},
			{Key: "vcs.time", Value: "2024-01-01T00:00:00Z"},
		}, hot.BuildSettings{
			Flags:         []string{"-trimpath", "-tags=x"},
			LDFlags:       []string{"-X", "main.v=1"},
			Env:           []string{"CGO_ENABLED=1", "GOARCH=amd64"},
			FromBuildInfo: true,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := hot.SettingsFrom(tc.settings)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("SettingsFrom(%v)\n got %#v\nwant %#v", tc.settings, got, tc.want)
			}
		})
	}
}
