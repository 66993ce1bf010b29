package uitree

import (
	"fmt"
	"sort"
	"strings"
)

// KeyCombo is a key combination to press: Keys are ImGui key codes (ImGuiKey
// and ImGuiMod_ values), modifiers first; pressing holds each down in
// order and releases them in reverse.
type KeyCombo struct {
	Text string // as the user wrote it, normalised: "ctrl+s"
	Keys []int32
}

// ImGui's key codes (imgui.h, ImGuiKey), checked against cimgui-go by
// gui/giubackend's tests.
const (
	keyTab   = 512
	key0     = 536
	keyA     = 546
	keyF1    = 572
	modCtrl  = 4096
	modShift = 8192
	modAlt   = 16384
	modSuper = 32768
)

var keyNames = map[string]int32{
	"tab": keyTab, "left": 513, "right": 514, "up": 515, "down": 516, "pageup": 517, "pagedown": 518,
	"home": 519, "end": 520, "insert": 521, "delete": 522, "backspace": 523, "space": 524, "enter": 525,
	"escape": 526, "esc": 526, "return": 525, "del": 522,
}

var modNames = map[string]int32{"ctrl": modCtrl, "control": modCtrl, "shift": modShift, "alt": modAlt, "super": modSuper, "cmd": modSuper}

// ParseCombo reads a combination such as "ctrl+s", "enter", "ctrl+shift+z"
// or "f5": modifiers (ctrl, shift, alt, super) joined by "+" to one key
// (a letter, a digit, f1…f12, or a named key).
func ParseCombo(s string) (KeyCombo, error) {
	parts := strings.Split(strings.ToLower(strings.TrimSpace(s)), "+")
	var c KeyCombo
	for i, p := range parts {
		p = strings.TrimSpace(p)
		last := i == len(parts)-1
		if m, ok := modNames[p]; ok && !last {
			c.Keys = append(c.Keys, m)
			continue
		}
		if !last {
			return KeyCombo{}, fmt.Errorf("key combination %q: %q is not a modifier (ctrl, shift, alt, super)", s, p)
		}
		k, ok := keyCode(p)
		if !ok {
			names := make([]string, 0, len(keyNames))
			for n := range keyNames {
				names = append(names, n)
			}
			sort.Strings(names)
			return KeyCombo{}, fmt.Errorf("key combination %q: no key %q (a letter, a digit, f1…f12, or one of %s)", s, p, strings.Join(names, ", "))
		}
		c.Keys = append(c.Keys, k)
		parts[i] = p
	}
	c.Text = strings.Join(parts, "+")
	return c, nil
}

func keyCode(p string) (int32, bool) {
	if k, ok := keyNames[p]; ok {
		return k, true
	}
	if len(p) == 1 && p[0] >= 'a' && p[0] <= 'z' {
		return keyA + int32(p[0]-'a'), true
	}
	if len(p) == 1 && p[0] >= '0' && p[0] <= '9' {
		return key0 + int32(p[0]-'0'), true
	}
	var n int
	if _, err := fmt.Sscanf(p, "f%d", &n); err == nil && n >= 1 && n <= 12 && p == fmt.Sprintf("f%d", n) {
		return keyF1 + int32(n-1), true
	}
	return 0, false
}

// EndOfText is the combination that puts the cursor after the last
// character of a text box (typing appends there).
var EndOfText = KeyCombo{Text: "ctrl+end", Keys: []int32{modCtrl, 520}}
