package opengl3

// #cgo CPPFLAGS: -DCIMGUI_USE_OPENGL3
import "C"
