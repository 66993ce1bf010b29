package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
)

// TestSoftwareGLSampling: under Xvfb, OpenGL is Mesa's llvmpipe, so the
// font atlas is sampled at the nearest texel (internal/softgl), as GL
// itself reports, and the window's text still reads; SLOPGUI_SOFTGL=off
// keeps Dear ImGui's bilinear sampling.
func TestSoftwareGLSampling(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, env, filter string
	}{
		{"software GL", "", "nearest"},
		{"turned off", "SLOPGUI_SOFTGL=off", "linear"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var env []string
			if tc.env != "" {
				env = append(env, tc.env)
			}
			s := startSessionArgs(t, env, nil)
			r := s.waitStatus("the atlas sampling reported", time.Minute, func(r app.StatusReport) bool {
				return r.TextureFilter != "" && r.TextureFilter == tc.filter
			})
			if !strings.Contains(r.GLRenderer, "llvmpipe") {
				t.Errorf("GL renderer %q, want llvmpipe under Xvfb", r.GLRenderer)
			}
			s.waitScreen("text-"+tc.filter, 30*time.Second, "Discussion Hub", "Composer", "Project Settings", "Generation")
		})
	}
}
