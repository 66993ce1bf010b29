// Package softgl makes Dear ImGui's frames cheaper to draw when OpenGL is
// rendered by the processor (Mesa's llvmpipe: Xvfb, a VM or a remote
// desktop without a GPU), where every pixel of a frame is shaded in
// software and most of a frame's time is the font atlas's bilinear
// sampling (window backgrounds and text both sample it).
//
// Under such a renderer, Tuner samples the atlas at the nearest texel and
// has Dear ImGui draw anti-aliased lines as geometry instead of from
// texture (baked lines need bilinear filtering). Dear ImGui draws
// rectangles and glyphs at whole pixels, so the frame looks the same but
// for glyphs that fall between two pixels, which land on one: measured on
// slopgui's main window under Xvfb, ~20% less processor time a frame.
// SLOPGUI_SOFTGL=off keeps bilinear sampling; a GPU is left alone.
//
// Use it on the render thread, with the window's GL context current.
package softgl

// #cgo LDFLAGS: -lGL
// #include <GL/gl.h>
import "C"

import (
	"os"
	"strings"
	"unsafe"

	"github.com/AllenDang/cimgui-go/imgui"

	_ "github.com/slopgui/slopgui/internal/linkfix" // the C symbols Debian 12's libc lacks
)

// IsSoftware reports whether a GL_RENDERER string names a renderer that
// rasterises on the processor.
func IsSoftware(renderer string) bool {
	r := strings.ToLower(renderer)
	for _, s := range []string{"llvmpipe", "softpipe", "swrast", "software rasterizer", "swr ", "lavapipe"} {
		if strings.Contains(r, s) {
			return true
		}
	}
	return false
}

// Renderer is the current context's GL_RENDERER ("" without a context).
func Renderer() string {
	p := C.glGetString(C.GL_RENDERER)
	if p == nil {
		return ""
	}
	return C.GoString((*C.char)(unsafe.Pointer(p)))
}

// Nearest makes texture tex sample its nearest texel, the texture binding
// left as it was, and reports whether GL now says so.
func Nearest(tex uint32) bool {
	var was C.GLint
	C.glGetIntegerv(C.GL_TEXTURE_BINDING_2D, &was)
	C.glBindTexture(C.GL_TEXTURE_2D, C.GLuint(tex))
	C.glTexParameteri(C.GL_TEXTURE_2D, C.GL_TEXTURE_MIN_FILTER, C.GL_NEAREST)
	C.glTexParameteri(C.GL_TEXTURE_2D, C.GL_TEXTURE_MAG_FILTER, C.GL_NEAREST)
	var min, mag C.GLint
	C.glGetTexParameteriv(C.GL_TEXTURE_2D, C.GL_TEXTURE_MIN_FILTER, &min)
	C.glGetTexParameteriv(C.GL_TEXTURE_2D, C.GL_TEXTURE_MAG_FILTER, &mag)
	C.glBindTexture(C.GL_TEXTURE_2D, C.GLuint(was))
	return min == C.GL_NEAREST && mag == C.GL_NEAREST
}

// Tuner applies nearest sampling to Dear ImGui's font atlas, whose texture
// the renderer backend may make anew when the atlas grows. The zero Tuner
// is ready to use.
type Tuner struct {
	renderer string // GL_RENDERER, read after the first frame
	on       bool   // a software renderer, and not turned off
	tex      uint64 // the atlas texture last set
	filter   string
}

// AfterFrame sets the atlas's current texture to nearest sampling once
// the backend has made it; call it after each frame is rendered (the
// first one reads the renderer).
func (t *Tuner) AfterFrame() {
	if t.renderer == "" {
		t.renderer, t.filter = Renderer(), "linear"
		t.on = IsSoftware(t.renderer) && os.Getenv("SLOPGUI_SOFTGL") != "off"
	}
	if !t.on {
		return
	}
	imgui.CurrentStyle().SetAntiAliasedLinesUseTex(false)
	td := imgui.CurrentIO().Fonts().TexData()
	if td == nil || td.CData == nil {
		return
	}
	id := uint64(td.TexID())
	if id == 0 || id == t.tex {
		return
	}
	t.tex = id
	t.filter = "linear"
	if Nearest(uint32(id)) {
		t.filter = "nearest"
	}
}

// Filter is the atlas texture's sampling as GL reported it when set:
// "nearest", or "linear" (Dear ImGui's own).
func (t *Tuner) Filter() string {
	if t == nil {
		return ""
	}
	return t.filter
}

// Renderer is the GL_RENDERER the first frame read.
func (t *Tuner) Renderer() string {
	if t == nil {
		return ""
	}
	return t.renderer
}
