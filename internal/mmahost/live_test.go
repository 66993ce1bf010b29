package mmahost

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// A worker's live text stays within about LiveCap however long it
// streams: the newest text is kept whole, the oldest is replaced by the
// marker, and no character is cut in two.
func TestLiveTextIsCapped(t *testing.T) {
	for _, tc := range []struct {
		name  string
		token string
		total int // bytes streamed
	}{
		{"short answer", "word ", 4 << 10},
		{"ascii tokens", "a streamed token, forty bytes or so... ", 3 * LiveCap},
		{"multibyte tokens", "héllo→世界, a token that crosses bytes ", 3 * LiveCap},
		{"one big chunk", strings.Repeat("x", 200<<10), 400 << 10},
		// 1+3n bytes, LiveCap ≡ 1 (mod 3): the last LiveCap bytes start
		// inside a character.
		{"cut inside a character", "a" + strings.Repeat("世", (LiveCap+LiveCap/4)/3+1), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var all strings.Builder
			s := ""
			for all.Len() < tc.total {
				s = appendLive(s, tc.token)
				all.WriteString(tc.token)
				if len(s) > LiveCap+LiveCap/4+len(TrimMarker) {
					t.Fatalf("live text is %d bytes after %d streamed; cap %d", len(s), all.Len(), LiveCap)
				}
			}
			got := s
			if !utf8.ValidString(got) {
				t.Fatal("the live text is not valid UTF-8: a character was cut")
			}
			if all.Len() <= LiveCap {
				if got != all.String() {
					t.Fatalf("a short answer was changed: %d bytes of %d", len(got), all.Len())
				}
				return
			}
			rest, ok := strings.CutPrefix(got, TrimMarker)
			if !ok {
				t.Fatalf("a trimmed text does not start with the marker: %q", got[:min(len(got), 80)])
			}
			if !strings.HasSuffix(all.String(), rest) || len(rest) < LiveCap-utf8.UTFMax {
				t.Fatalf("the kept text (%d bytes) is not the newest %d bytes of the answer", len(rest), LiveCap)
			}
		})
	}
}
