// Package linkfix makes binaries that link cimgui-go link: it names
// cimgui-go's prebuilt archives, and makes them link on glibc older than
// 2.38 (Debian 12 has 2.36).
//
// The archives are third_party/cimgui-go's (internal/trimcimgui). Its
// packages' cgo flags do not name them, as upstream's do with ${SRCDIR}: a
// package whose flags name its directory compiles to different bytes in
// each copy of the tree, so every copy (the e2e suite makes many) would
// compile cimgui-go again. This tiny package is the only one that does.
//
// cimgui-go ships lib/linux/x64/cimgui.a built against glibc >= 2.38, whose
// headers redirect sscanf to __isoc23_sscanf. Older glibc has no such symbol,
// so the link fails with "undefined reference to __isoc23_sscanf". This
// package defines it, forwarding to vsscanf, and only when the C library is
// older than 2.38; on newer systems it compiles to nothing.
//
// Import it for its side effect from every package that links giu:
//
//	import _ "github.com/slopgui/slopgui/internal/linkfix"
package linkfix

/*
#cgo LDFLAGS: ${SRCDIR}/../../third_party/cimgui-go/lib/linux/x64/cimgui.a
#cgo LDFLAGS: ${SRCDIR}/../../third_party/cimgui-go/lib/linux/x64/libglfw3.a -ldl -lGL -lX11
#include <features.h>
#if defined(__GLIBC__) && !__GLIBC_PREREQ(2, 38)
#include <stdarg.h>
#include <stdio.h>
int __isoc23_sscanf(const char *s, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	int n = vsscanf(s, fmt, ap);
	va_end(ap);
	return n;
}
#endif
*/
import "C"
