package imgui

// #include "util.h"
import "C"

import (
	"unsafe"
)

type GlyphRange uintptr

func (gr GlyphRange) Handle() *C.ImVector_ImWchar {
	return (*C.ImVector_ImWchar)(unsafe.Pointer(gr))
}

func (gr GlyphRange) Destroy() {
	C.wrap_DestroyGlyphRange(gr.Handle())
}

func (fa FontAtlas) FontCount() int {
	selfArg, selfFin := fa.Handle()
	defer selfFin()

	return int(C.wrap_ImFontAtlas_GetFontCount(selfArg))
}
