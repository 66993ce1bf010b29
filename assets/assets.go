// Package assets embeds the files slopgui ships inside its binary.
package assets

import _ "embed"

// Font is DejaVu Sans, slopgui's default UI font. Its licence (free, the
// Bitstream Vera and Arev licences) is DejaVuSans-LICENSE.txt beside it.
//
//go:embed DejaVuSans.ttf
var Font []byte

// FontLicense is the font's licence text, shown in Help > About.
//
//go:embed DejaVuSans-LICENSE.txt
var FontLicense string

// MonoFont, BoldFont and ItalicFont are DejaVu Sans Mono, Bold and
// Oblique (the same licence): rendered answers' code, strong text and
// headings, and emphasis.
//
//go:embed DejaVuSansMono.ttf
var MonoFont []byte

// BoldFont is DejaVu Sans Bold.
//
//go:embed DejaVuSans-Bold.ttf
var BoldFont []byte

// ItalicFont is DejaVu Sans Oblique.
//
//go:embed DejaVuSans-Oblique.ttf
var ItalicFont []byte
