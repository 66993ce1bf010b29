package app_test

import (
	"testing"
	"unsafe"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/assets"
	"github.com/slopgui/slopgui/internal/fontmap"
	"github.com/slopgui/slopgui/internal/headless"
)

// Issue 12 case 8: with the system's CJK and (monochrome) emoji fonts
// installed (make test installs fonts-noto-cjk, fonts-noto-color-emoji
// and fonts-symbola), they are found and merged after DejaVu Sans the way
// Main merges them (mapped into memory, not owned by the atlas), so Chinese, Japanese, Korean and emoji have glyphs
// instead of the replacement character.
func TestFallbackFontsCoverCJKAndEmoji(t *testing.T) {
	paths := app.FallbackFonts()
	if len(paths) < 2 {
		t.Fatalf("fallback fonts found: %q; want a CJK and an emoji font (make test installs them)", paths)
	}
	headless.New(t, 800, 600)
	fonts := imgui.CurrentIO().Fonts()
	fonts.Clear()
	cfg := imgui.NewFontConfig()
	cfg.SetFontDataOwnedByAtlas(false)
	base := fonts.AddFontFromMemoryTTFV(uintptr(unsafe.Pointer(&assets.Font[0])), int32(len(assets.Font)), 0, cfg, nil)
	runes := []struct {
		what string
		r    rune
	}{{"Chinese", '中'}, {"Japanese", 'あ'}, {"Korean", '한'}, {"emoji", '🚀'}, {"emoji", '🎉'}, {"emoji", '👍'}}
	for _, c := range runes {
		if base.IsGlyphInFont(imgui.Wchar(c.r)) {
			t.Fatalf("DejaVu Sans alone has %s %q: the test proves nothing", c.what, c.r)
		}
	}
	for _, p := range paths {
		b, err := fontmap.Map(p)
		if err != nil {
			t.Fatal(err)
		}
		m := imgui.NewFontConfig()
		m.SetMergeMode(true)
		m.SetFontDataOwnedByAtlas(false) // as giu adds fonts from bytes
		fonts.AddFontFromMemoryTTFV(uintptr(unsafe.Pointer(&b[0])), int32(len(b)), 0, m, nil)
	}
	for _, c := range runes {
		if !base.IsGlyphInFont(imgui.Wchar(c.r)) {
			t.Errorf("no glyph for %s %q after merging %q", c.what, c.r, paths)
		}
	}
}
