// Package udiff writes unified diffs of two texts, line based, with no
// dependencies: the control socket's reload diffs and the MMA engine's
// edit approvals use it.
package udiff

import (
	"fmt"
	"strings"
)

// context is the unchanged lines shown around each change.
const contextLines = 3

// Unified returns a unified diff of a and b (line based, 3 lines of
// context), or "" when they are equal.
func Unified(aName, bName string, a, b []byte) string {
	x, y := splitLines(a), splitLines(b)
	ops := lineOps(x, y)
	// Group the edit script into hunks.
	var out strings.Builder
	i := 0
	for i < len(ops) {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(i-contextLines, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*contextLines {
				end = min(end+contextLines, len(ops))
				break
			}
			end = run
		}
		if out.Len() == 0 {
			fmt.Fprintf(&out, "--- %s\n+++ %s\n", aName, bName)
		}
		h := ops[start:end]
		aStart, bStart := h[0].ai, h[0].bi
		aN, bN := 0, 0
		for _, o := range h {
			if o.kind != '+' {
				aN++
			}
			if o.kind != '-' {
				bN++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(aStart, aN), hunkRange(bStart, bN))
		for _, o := range h {
			out.WriteByte(o.kind)
			out.WriteString(o.text)
			out.WriteByte('\n')
		}
		i = end
	}
	return out.String()
}

func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

type op struct {
	kind   byte // ' ', '-', '+'
	text   string
	ai, bi int // index of the line in a and b where the op stands
}

// lineOps is a shortest edit script from x to y (longest common
// subsequence; the sources are small).
func lineOps(x, y []string) []op {
	n, m := len(x), len(y)
	// Common prefix and suffix need no table.
	p := 0
	for p < n && p < m && x[p] == y[p] {
		p++
	}
	s := 0
	for s < n-p && s < m-p && x[n-1-s] == y[m-1-s] {
		s++
	}
	xs, ys := x[p:n-s], y[p:m-s]
	lcs := make([][]int32, len(xs)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(ys)+1)
	}
	for i := len(xs) - 1; i >= 0; i-- {
		for j := len(ys) - 1; j >= 0; j-- {
			if xs[i] == ys[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []op
	for k := 0; k < p; k++ {
		ops = append(ops, op{' ', x[k], k, k})
	}
	i, j := 0, 0
	for i < len(xs) || j < len(ys) {
		switch {
		case i < len(xs) && j < len(ys) && xs[i] == ys[j]:
			ops = append(ops, op{' ', xs[i], p + i, p + j})
			i, j = i+1, j+1
		case i < len(xs) && (j == len(ys) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, op{'-', xs[i], p + i, p + j})
			i++
		default:
			ops = append(ops, op{'+', ys[j], p + i, p + j})
			j++
		}
	}
	for k := 0; k < s; k++ {
		ops = append(ops, op{' ', x[n-s+k], n - s + k, m - s + k})
	}
	return ops
}

func splitLines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	s := strings.TrimSuffix(string(b), "\n")
	return strings.Split(s, "\n")
}
