package hot

import (
	"runtime/debug"
	"sort"
	"strings"
)

// BuildSettings are the go build flags and environment a plugin must be
// built with to load into the host: every package the two share has to be
// compiled identically.
type BuildSettings struct {
	Flags []string // e.g. -trimpath, -tags=x, -gcflags=...
	// LDFlags are the host's linker flags, -extld removed (the builder adds
	// its own wrapper).
	LDFlags []string
	Env     []string // KEY=VALUE, e.g. CGO_CFLAGS=..., GOAMD64=v1
	// FromBuildInfo is false when the host carries no build settings (a
	// test binary): the plugin build then relies on the inherited
	// environment (GOFLAGS and friends) matching the host's.
	FromBuildInfo bool
}

// envSettings are build-info settings that are environment variables.
var envSettings = map[string]bool{
	"CGO_ENABLED": true, "CGO_CFLAGS": true, "CGO_CPPFLAGS": true,
	"CGO_CXXFLAGS": true, "CGO_LDFLAGS": true, "CGO_FFLAGS": true,
	"GOARCH": true, "GOOS": true, "GOEXPERIMENT": true, "GOFIPS140": true,
	"GOAMD64": true, "GO386": true, "GOARM": true, "GOARM64": true,
	"GOMIPS": true, "GOMIPS64": true, "GOPPC64": true, "GORISCV64": true, "GOWASM": true,
}

// HostBuildSettings reads the running binary's build settings.
func HostBuildSettings() BuildSettings {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return BuildSettings{}
	}
	return settingsFrom(bi.Settings)
}

// settingsFrom turns build-info settings into go build flags and env.
func settingsFrom(settings []debug.BuildSetting) BuildSettings {
	var s BuildSettings
	for _, kv := range settings {
		k, v := kv.Key, kv.Value
		switch {
		case envSettings[k]:
			s.Env = append(s.Env, k+"="+v)
			s.FromBuildInfo = true
		case k == "-trimpath" || k == "-race" || k == "-msan" || k == "-asan":
			if v == "true" {
				s.Flags = append(s.Flags, k)
			}
			s.FromBuildInfo = true
		case k == "-tags" || k == "-gcflags" || k == "-asmflags" || k == "-pgo":
			s.Flags = append(s.Flags, k+"="+v)
			s.FromBuildInfo = true
		case k == "-ldflags":
			s.LDFlags = withoutExtld(strings.Fields(v))
			s.FromBuildInfo = true
		case k == "-buildmode" || k == "-compiler":
			s.FromBuildInfo = true
		}
	}
	sort.Strings(s.Env)
	return s
}

func withoutExtld(fields []string) []string {
	var out []string
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		switch {
		case f == "-extld" || f == "--extld":
			i++ // skip its value
		case strings.HasPrefix(f, "-extld=") || strings.HasPrefix(f, "--extld="):
		default:
			out = append(out, f)
		}
	}
	return out
}
