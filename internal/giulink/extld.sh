#!/bin/sh
# extld.sh: external-linker wrapper for Go binaries and plugins that link giu.
#
# cimgui-go ships prebuilt, non-PIC static archives (cimgui.a, libglfw3.a).
# Two links fail with them as the Go toolchain drives gcc:
#   1. A host that imports "plugin": the Go linker adds -Wl,-z,nocopyreloc,
#      but the non-PIE archive needs a copy relocation (for stdout), so ld
#      refuses. We drop that one flag; nothing else changes.
#   2. A plugin (-shared) cannot contain non-PIC objects. We drop the
#      cimgui-go archives (the module's, or third_party/cimgui-go's, the
#      trimmed copy slopgui builds with) from the link: the plugin is left
#      with undefined C symbols that bind at plugin.Open to the host's copies
#      (the host is linked with -rdynamic), so there is one ImGui context and
#      one GLFW.
# Two things make links faster:
#   - mold links when it is installed (SLOPGUI_EXTLD_LD=bfd, or any other
#     -fuse-ld value, overrides; "default" keeps the compiler's choice).
#   - Before every link the Go linker probes the compiler with a trivial
#     program (does it take --build-id, -Qunused-arguments, ...?): three
#     compiles and links. Their answers are kept beside this script, per
#     compiler, linker and flags, so later links skip them.
# Used as: go build -ldflags=-extld=/path/to/extld.sh ...
# The real linker driver is $SLOPGUI_EXTLD_CC, else g++ (cimgui-go is C++,
# which is why Go itself would have linked with g++).
cc=${SLOPGUI_EXTLD_CC:-g++}
ld=${SLOPGUI_EXTLD_LD:-}
if [ -z "$ld" ] && command -v ld.mold >/dev/null 2>&1; then
  ld=mold
fi
case "$ld" in
  ""|default) fuse= ;;
  *) fuse=-fuse-ld=$ld ;;
esac

shared=0
probe=
for a in "$@"; do
  case "$a" in
    -shared) shared=1 ;;
    @*) echo "extld.sh: linker response files are not supported ($a)" >&2; exit 2 ;;
    */go-link-*/trivial.c) probe=1 ;;
  esac
done

if [ -n "$probe" ]; then
  # Answered from the cache with shell builtins only: a link runs three
  # probes, and every process started costs milliseconds. The probe's
  # arguments name a fresh temporary directory: key the answer by the rest.
  key="$cc $fuse"
  for a in "$@"; do
    case "$a" in
      */go-link-*/*) a="TMP/${a##*/}" ;;
    esac
    key="$key $a"
  done
  case "$0" in
    */*) dir=${0%/*} ;;
    *) dir=. ;;
  esac
  cache="${SLOPGUI_EXTLD_CACHE:-$dir/.extld-probes}"
  # One line per answer: the verdict, a space, the key.
  if [ -f "$cache/answers" ]; then
    while IFS= read -r line; do
      if [ "${line#* }" = "$key" ]; then
        exit "${line%% *}"
      fi
    done < "$cache/answers"
  fi
  # The Go linker reads a probe as "supported" when it exits 0 and says
  # neither "unrecognized" nor "unknown": keep that verdict.
  out=$("$cc" $fuse "$@" 2>&1)
  rc=$?
  verdict=$rc
  case "$out" in *unrecognized*|*unknown*) verdict=1 ;; esac
  [ "$rc" = 0 ] || verdict=1
  # One short append: concurrent links may both add a line, never a torn one.
  mkdir -p "$cache" 2>/dev/null && printf '%s %s\n' "$verdict" "$key" >> "$cache/answers"
  [ -n "$out" ] && printf '%s\n' "$out" >&2
  exit "$rc"
fi

n=$#
for a in "$@"; do
  case "$a" in
    -Wl,-z,nocopyreloc) ;;
    */cimgui-go@*/lib/linux/x64/*.a|*/third_party/cimgui-go/lib/linux/x64/*.a)
      [ "$shared" = 1 ] || set -- "$@" "$a" ;;
    *) set -- "$@" "$a" ;;
  esac
done
shift "$n"
exec "$cc" $fuse "$@"
