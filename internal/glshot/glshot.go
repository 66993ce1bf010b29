// Package glshot reads the pixels of the current OpenGL framebuffer. Call
// it on the render thread, with the window's GL context current.
package glshot

// #cgo LDFLAGS: -lGL
// #include <GL/gl.h>
import "C"

import (
	"errors"
	"image"
	"unsafe"
)

// Viewport returns the current GL viewport (set by the backend to the
// framebuffer's size each frame).
func Viewport() (x, y, w, h int) {
	var v [4]C.GLint
	C.glGetIntegerv(C.GL_VIEWPORT, &v[0])
	return int(v[0]), int(v[1]), int(v[2]), int(v[3])
}

// ClearColorBuffer clears the back buffer with the current clear colour.
func ClearColorBuffer() {
	C.glDrawBuffer(C.GL_BACK)
	C.glClear(C.GL_COLOR_BUFFER_BIT)
}

// ReadBack reads the back buffer's w×h pixels from the bottom-left corner
// into an opaque RGBA image, top row first.
func ReadBack(w, h int) (*image.RGBA, error) {
	if w <= 0 || h <= 0 {
		return nil, errors.New("glshot: empty framebuffer")
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	buf := make([]byte, w*h*4)
	C.glReadBuffer(C.GL_BACK)
	C.glPixelStorei(C.GL_PACK_ALIGNMENT, 1)
	C.glReadPixels(0, 0, C.GLsizei(w), C.GLsizei(h), C.GL_RGBA, C.GL_UNSIGNED_BYTE, unsafe.Pointer(&buf[0]))
	if e := C.glGetError(); e != C.GL_NO_ERROR {
		return nil, errors.New("glshot: glReadPixels failed")
	}
	// GL rows go bottom up; the window's alpha is not what is on screen.
	for y := 0; y < h; y++ {
		src := buf[(h-1-y)*w*4 : (h-y)*w*4]
		dst := img.Pix[y*img.Stride : y*img.Stride+w*4]
		copy(dst, src)
		for x := 3; x < len(dst); x += 4 {
			dst[x] = 0xff
		}
	}
	return img, nil
}
