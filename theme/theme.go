// Package theme defines slopgui's colour themes. Every theme names its error
// tint: the translucent colour drawn over the whole window while the last
// hot reload has failed.
package theme

import (
	"image/color"

	"github.com/AllenDang/giu"
)

// Theme is a named look.
type Theme struct {
	Name string
	// ErrorTint covers the window while a reload has failed. Its alpha keeps
	// what is under it readable.
	ErrorTint color.RGBA
	// Style returns the giu style to push around every frame.
	Style func() *giu.StyleSetter
}

// The themes, by name.
var (
	Default = Theme{
		Name:      "Default",
		ErrorTint: color.RGBA{R: 255, G: 0, B: 0, A: 72},
		Style:     giu.DefaultTheme,
	}
	// NERV is dark with orange and red accents, after the control-room
	// screens; its error tint is NERV red, rgba(255, 72, 64).
	NERV = Theme{
		Name:      "NERV",
		ErrorTint: color.RGBA{R: 255, G: 72, B: 64, A: 80},
		Style:     nervStyle,
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

func nervStyle() *giu.StyleSetter {
	orange := color.RGBA{R: 255, G: 140, B: 0, A: 255}
	red := color.RGBA{R: 200, G: 30, B: 20, A: 255}
	black := color.RGBA{R: 8, G: 6, B: 6, A: 245}
	return giu.DefaultTheme().
		SetColor(giu.StyleColorText, color.RGBA{R: 255, G: 176, B: 64, A: 255}).
		SetColor(giu.StyleColorWindowBg, black).
		SetColor(giu.StyleColorChildBg, black).
		SetColor(giu.StyleColorTitleBg, color.RGBA{R: 60, G: 10, B: 8, A: 255}).
		SetColor(giu.StyleColorTitleBgActive, red).
		SetColor(giu.StyleColorButton, color.RGBA{R: 120, G: 40, B: 0, A: 255}).
		SetColor(giu.StyleColorButtonHovered, orange).
		SetColor(giu.StyleColorHeader, color.RGBA{R: 140, G: 50, B: 10, A: 255}).
		SetColor(giu.StyleColorFrameBg, color.RGBA{R: 40, G: 16, B: 8, A: 255}).
		SetColor(giu.StyleColorBorder, orange)
}
