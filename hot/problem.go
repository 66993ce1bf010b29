package hot

import (
	"regexp"
	"strings"
)

// compilerLine matches a compiler message: file:line:col: text.
var compilerLine = regexp.MustCompile(`^\S+\.go:\d+:\d+: `)

// FirstProblem is the first compiler message (file:line:col: text) in a
// build error, or its first line: what a one-line summary shows.
func FirstProblem(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if compilerLine.MatchString(line) {
			return line
		}
	}
	first, _, _ := strings.Cut(s, "\n")
	return first
}
