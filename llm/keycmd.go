package llm

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// KeyMain is `slopgui key NAME`: it reads an API key from in (one line;
// the terminal echo is the shell's business: `slopgui key OPENAI_API_KEY <
// file`, or type it and press Enter) and stores it in the credentials file
// in dir, created mode 0600. It never prints the key. Exit 0 done, 1 the
// file could not be written, 2 usage.
func KeyMain(args []string, dir string, in io.Reader, out, errw io.Writer) int {
	names := []string{"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY"}
	if len(args) != 1 || !slices.Contains(names, args[0]) {
		fmt.Fprintf(errw, "usage: slopgui key NAME < key-file\n  NAME is one of %s; the key is read from standard input\n", strings.Join(names, ", "))
		return 2
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	key := strings.TrimSpace(line)
	if key == "" {
		if err != nil && err != io.EOF {
			fmt.Fprintf(errw, "slopgui key: reading standard input: %v\n", err)
		} else {
			fmt.Fprintln(errw, "slopgui key: no key on standard input; nothing was written")
		}
		return 2
	}
	path := filepath.Join(dir, CredentialsFile)
	if err := SaveCredential(path, args[0], key); err != nil {
		fmt.Fprintf(errw, "slopgui key: %v\n", Redact(err.Error(), key))
		return 1
	}
	fmt.Fprintf(out, "%s saved in %s (mode 0600)\n", args[0], path)
	return 0
}
