// Package theme names slopgui's colour themes and the colours that carry
// meaning (errors, warnings, success). It has no drawing code, so views
// can use it; the host turns a theme's name into its giu style (app/). Every theme names its error
// tint: the translucent colour drawn over the whole window while the last
// hot reload has failed.
package theme

import "image/color"

// Theme is a named look.
type Theme struct {
	Name string
	// ErrorTint covers the window while a reload has failed. Its alpha keeps
	// what is under it readable.
	ErrorTint color.RGBA
}

// The themes, by name.
var (
	Default = Theme{
		Name:      "Default",
		ErrorTint: color.RGBA{R: 255, G: 0, B: 0, A: 72},
	}
	// NERV is dark with orange and red accents, after the control-room
	// screens; its error tint is NERV red, rgba(255, 72, 64).
	NERV = Theme{
		Name:      "NERV",
		ErrorTint: color.RGBA{R: 255, G: 72, B: 64, A: 80},
	}
)

// All lists every theme in menu order.
func All() []Theme { return []Theme{Default, NERV} }

// ByName returns the theme called name, or Default and false.
func ByName(name string) (Theme, bool) {
	for _, t := range All() {
		if t.Name == name {
			return t, true
		}
	}
	return Default, false
}

// The colours text takes for its meaning, in every theme. Functions, so
// no view can change them for the others.
func Error() color.RGBA { return color.RGBA{R: 255, G: 100, B: 90, A: 255} }
func Warn() color.RGBA  { return color.RGBA{R: 255, G: 170, B: 60, A: 255} }
func OK() color.RGBA    { return color.RGBA{R: 140, G: 220, B: 140, A: 255} }
func Dim() color.RGBA   { return color.RGBA{R: 150, G: 150, B: 150, A: 255} }
