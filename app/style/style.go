// Package style is the giu style of each theme (theme/ names the themes;
// drawing them is the host's business). It is a package of its own under
// app/: a colour edit compiles it alone (app and main kept), as every
// package under app/ is compiled without inlining (hostbuild.Direct's
// Private).
package style

import (
	"image/color"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/theme"
)

// Of is the giu style of a theme.
func Of(t theme.Theme) *g.StyleSetter {
	if t.Name == theme.NERV.Name {
		return nervStyle()
	}
	return g.DefaultTheme()
}

func nervStyle() *g.StyleSetter {
	orange := color.RGBA{R: 255, G: 140, B: 0, A: 255}
	red := color.RGBA{R: 200, G: 30, B: 20, A: 255}
	black := color.RGBA{R: 8, G: 6, B: 6, A: 245}
	return g.DefaultTheme().
		SetColor(g.StyleColorText, color.RGBA{R: 255, G: 176, B: 64, A: 255}).
		SetColor(g.StyleColorWindowBg, black).
		SetColor(g.StyleColorChildBg, black).
		SetColor(g.StyleColorTitleBg, color.RGBA{R: 60, G: 10, B: 8, A: 255}).
		SetColor(g.StyleColorTitleBgActive, red).
		SetColor(g.StyleColorButton, color.RGBA{R: 120, G: 40, B: 0, A: 255}).
		SetColor(g.StyleColorButtonHovered, orange).
		SetColor(g.StyleColorHeader, color.RGBA{R: 140, G: 50, B: 10, A: 255}).
		SetColor(g.StyleColorFrameBg, color.RGBA{R: 40, G: 16, B: 8, A: 255}).
		SetColor(g.StyleColorBorder, orange)
}
