package app

import (
	"path/filepath"
	"strings"

	"github.com/AllenDang/go-findfont"
)

// fallbackFonts are the fonts merged after the embedded DejaVu Sans, for
// the characters it lacks: one per group, the first of its names found on
// the system (through go-findfont, which searches the fontconfig
// directories). Emoji need a monochrome font: Dear ImGui rasterises with
// stb_truetype here (cimgui-go's prebuilt library has no FreeType), which
// cannot draw colour-bitmap fonts such as Noto Color Emoji.
var fallbackFonts = [][]string{
	{"NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansCJKjp-Regular.otf", "wqy-microhei.ttc", "DroidSansFallbackFull.ttf",
		"SourceHanSans-Regular.ttc", "SourceHanSansSC-Regular.otf", "SourceHanSansCN-Regular.otf"}, // Source Han Sans and wqy-microhei: the CJK fonts giu looked up itself (internal/trimgiu)
	{"Symbola_hint.ttf", "Symbola.ttf", "NotoEmoji-Regular.ttf", "OpenMoji-Black.ttf"},
}

// FallbackFonts returns the paths of the fallback fonts found, in merge
// order. The font directories are listed once.
func FallbackFonts() []string {
	byName := map[string]string{}
	for _, p := range findfont.List() {
		name := strings.ToLower(filepath.Base(p))
		if _, dup := byName[name]; !dup {
			byName[name] = p
		}
	}
	var out []string
	for _, group := range fallbackFonts {
		for _, name := range group {
			if p, ok := byName[strings.ToLower(name)]; ok {
				out = append(out, p)
				break
			}
		}
	}
	return out
}
