package softgl

import "testing"

func TestIsSoftware(t *testing.T) {
	tests := []struct {
		renderer string
		want     bool
	}{
		{"llvmpipe (LLVM 15.0.6, 256 bits)", true},
		{"softpipe", true},
		{"Software Rasterizer", true},
		{"Mesa X11 swrast", true},
		{"Gallium 0.4 on SWR", false}, // "SWR" alone, at the end: only "swr " counts
		{"Gallium 0.4 on SWR (LLVM 6.0, 256 bits)", true},
		{"Mesa Intel(R) UHD Graphics 620 (KBL GT2)", false},
		{"NVIDIA GeForce RTX 3060/PCIe/SSE2", false},
		{"AMD Radeon RX 6800 (radeonsi, navi21, LLVM 15.0.6)", false},
		{"virgl (NVIDIA GeForce RTX 3060)", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := IsSoftware(tc.renderer); got != tc.want {
			t.Errorf("IsSoftware(%q) = %v, want %v", tc.renderer, got, tc.want)
		}
	}
}

// A Tuner with no GL context to read has nothing to say and does nothing.
func TestTunerNil(t *testing.T) {
	var tu *Tuner
	if tu.Filter() != "" || tu.Renderer() != "" {
		t.Errorf("nil Tuner: filter %q, renderer %q", tu.Filter(), tu.Renderer())
	}
}
