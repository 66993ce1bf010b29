// Package glwindow shows a GLFW window made hidden (giu's
// MasterWindowFlagsHidden), which giu and cimgui-go cannot, and draws a
// frame before giu's loop runs: a hot restart's spare process makes its
// window hidden ahead of time, draws a first frame into it, and shows it
// when it is woken.
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

// cimgui-go's glfw_render (C++): one frame, whose widgets glwindowDraw draws.
typedef void (*glwindow_render_fn)(void *, void (*)(void));
typedef void (*glwindow_current_fn)(void *);
extern void glwindowDraw(void);

static int glwindow_render(uintptr_t window) {
	glwindow_render_fn render = (glwindow_render_fn)dlsym(RTLD_DEFAULT, "_Z11glfw_renderP10GLFWwindowPFvvE");
	glwindow_current_fn current = (glwindow_current_fn)dlsym(RTLD_DEFAULT, "glfwMakeContextCurrent");
	if (!render || !current || !window) {
		return 0;
	}
	current((void *)window);
	render((void *)window, glwindowDraw);
	return 1;
}

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

import (
	"github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"
)

// ShowMain shows the main window of the current Dear ImGui context (its
// main viewport's platform handle is the GLFWwindow; render thread), and
// reports whether there was one to show and GLFW's function was found.
func ShowMain() bool {
	return C.glwindow_show(C.uintptr_t(imgui.MainViewport().PlatformHandle())) != 0
}

// WarmUp draws one frame into the current context's main window before
// giu's loop runs (render thread; the window may be hidden): a window and
// a line of text. What a first frame does once then takes no time in the
// next first one: the OpenGL device objects made, llvmpipe's shaders
// compiled, the font atlas built with the fonts given to giu so far (its
// before-render hook, which hands them to Dear ImGui, runs first) and its
// texture uploaded. A hot restart's spare does it while it waits. Dear
// ImGui is then told its settings are not loaded yet, so the first real
// frame still reads the .ini set after it. It reports whether GLFW's and
// cimgui-go's functions were found.
func WarmUp() bool {
	if b, ok := g.Context.Backend().(interface{ BeforeRenderHook() func() }); ok && b.BeforeRenderHook() != nil {
		b.BeforeRenderHook()() // giu's: the fonts given to it so far into the atlas
	}
	ok := C.glwindow_render(C.uintptr_t(imgui.MainViewport().PlatformHandle())) != 0
	imgui.CurrentContext().SetSettingsLoaded(false)
	return ok
}
