#!/bin/sh
# extld.sh: external-linker wrapper for Go binaries and plugins that link giu.
#
# cimgui-go ships prebuilt, non-PIC static archives (cimgui.a, libglfw3.a).
# Two links fail with them as the Go toolchain drives gcc:
#   1. A host that imports "plugin": the Go linker adds -Wl,-z,nocopyreloc,
#      but the non-PIE archive needs a copy relocation (for stdout), so ld
#      refuses. We drop that one flag; nothing else changes.
#   2. A plugin (-shared) cannot contain non-PIC objects. We drop the
#      cimgui-go archives from the link: the plugin is left with undefined
#      C symbols that bind at plugin.Open to the host's copies (the host is
#      linked with -rdynamic), so there is one ImGui context and one GLFW.
# Used as: go build -ldflags=-extld=/path/to/extld.sh ...
# The real linker driver is $SLOPGUI_EXTLD_CC, else g++ (cimgui-go is C++,
# which is why Go itself would have linked with g++).
shared=0
for a in "$@"; do
  case "$a" in
    -shared) shared=1 ;;
    @*) echo "extld.sh: linker response files are not supported ($a)" >&2; exit 2 ;;
  esac
done
n=$#
for a in "$@"; do
  case "$a" in
    -Wl,-z,nocopyreloc) ;;
    */cimgui-go@*/lib/linux/x64/*.a)
      [ "$shared" = 1 ] || set -- "$@" "$a" ;;
    *) set -- "$@" "$a" ;;
  esac
done
shift "$n"
exec "${SLOPGUI_EXTLD_CC:-g++}" "$@"
