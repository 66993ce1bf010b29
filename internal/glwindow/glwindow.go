// Package glwindow shows a GLFW window made hidden (giu's
// MasterWindowFlagsHidden), which giu and cimgui-go cannot: a hot
// restart's spare process makes its window hidden ahead of time and shows
// it when it is woken.
//
// GLFW's functions are looked up in the running program (the host is
// linked with -rdynamic, see internal/eventwait), so this package links
// without GLFW.
package glwindow

/*
#cgo LDFLAGS: -ldl
#include <dlfcn.h>

#include <stdint.h>

typedef void (*glwindow_show_fn)(void *);

static int glwindow_show(uintptr_t window) {
	glwindow_show_fn show = (glwindow_show_fn)dlsym(RTLD_DEFAULT, "glfwShowWindow");
	if (!show || !window) {
		return 0;
	}
	show((void *)window);
	return 1;
}
*/
import "C"

import "github.com/AllenDang/cimgui-go/imgui"

// ShowMain shows the main window of the current Dear ImGui context (its
// main viewport's platform handle is the GLFWwindow; render thread), and
// reports whether there was one to show and GLFW's function was found.
func ShowMain() bool {
	return C.glwindow_show(C.uintptr_t(imgui.MainViewport().PlatformHandle())) != 0
}
