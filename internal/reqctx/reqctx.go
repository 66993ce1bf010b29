// Package reqctx builds what a Send carries to the model, with no GUI
// code: the project's context (its files, globs expanded against the
// root, and screenshots; what cannot be read is named, not dropped) and
// the discussion turned into the request's messages.
package reqctx

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/state"
)

// MaxFileBytes is the largest context file sent; a larger one is named
// in Unreadable instead.
const MaxFileBytes = 1 << 20

// Context is the project context read for a request.
type Context struct {
	Text       string      // the files, each under its name; "" without any
	Images     []llm.Image // the screenshots
	Files      int         // files read
	Bytes      int64       // their size
	Shots      int         // screenshots read
	Unreadable []string    // "path: why" for what could not be read
}

var imageTypes = map[string]string{".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp"}

// Read reads the project's files (globs expanded against the root)
// and screenshots. What cannot be read is named, not dropped silently.
func Read(p state.Project) Context { return Scan(p, true) }

// Scan is Read, with data; without, files are only opened and measured
// (counting for the composer).
func Scan(p state.Project, data bool) Context {
	var c Context
	var b strings.Builder
	seen := map[string]bool{}
	for _, m := range state.ExpandFiles(p.Root, p.Files) {
		if m.Err != nil {
			c.Unreadable = append(c.Unreadable, m.Err.Error())
			continue
		}
		if len(m.Files) == 0 {
			c.Unreadable = append(c.Unreadable, m.Pattern+": matches no file")
		}
		for _, f := range m.Files {
			if seen[f] {
				continue
			}
			seen[f] = true
			full := filepath.Join(p.Root, filepath.FromSlash(f))
			fi, err := os.Stat(full)
			if err == nil && fi.Size() > MaxFileBytes {
				c.Unreadable = append(c.Unreadable, fmt.Sprintf("%s: %d bytes, over the 1 MiB limit", f, fi.Size()))
				continue
			}
			content, err := readOrOpen(full, data)
			if err != nil {
				c.Unreadable = append(c.Unreadable, fmt.Sprintf("%s: %v", f, errors.Unwrap(err)))
				continue
			}
			c.Files++
			if data {
				c.Bytes += int64(len(content))
				fmt.Fprintf(&b, "=== %s ===\n%s\n", f, content)
			} else if fi != nil {
				c.Bytes += fi.Size()
			}
		}
	}
	for _, s := range p.Screenshots {
		full := state.InRoot(p.Root, s)
		mime, ok := imageTypes[strings.ToLower(filepath.Ext(s))]
		if !ok {
			c.Unreadable = append(c.Unreadable, s+": not a PNG, JPEG, GIF or WebP image")
			continue
		}
		img, err := readOrOpen(full, data)
		if err != nil {
			c.Unreadable = append(c.Unreadable, fmt.Sprintf("%s: %v", s, errors.Unwrap(err)))
			continue
		}
		c.Shots++
		if data {
			c.Images = append(c.Images, llm.Image{Name: s, MIME: mime, Data: img})
		}
	}
	if c.Files > 0 {
		c.Text = fmt.Sprintf("Project context: %d files.\n\n%s", c.Files, b.String())
	}
	return c
}

// readOrOpen reads the file at path, or, without data, only checks that it
// opens.
func readOrOpen(path string, data bool) ([]byte, error) {
	if data {
		return os.ReadFile(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return nil, f.Close()
}

// Messages turns the discussion into the request: System entries
// join the system prompt, AI entries are the assistant's, every other
// role speaks as the user (the project's own roles named, as
// "[reviewer] …"); the context comes first. Failed answers are left out;
// consecutive turns of one side are joined, except the context's message:
// it ends the stable prefix (llm.Message.Cache).
func Messages(system string, history []state.Entry, cx Context) (string, []llm.Message) {
	var msgs []llm.Message
	// The texts of each message, joined at the end (joining as they came
	// copied a run of thousands of answers quadratically: 0.5 s a Send).
	var texts [][]string
	add := func(role llm.Role, text string) {
		if n := len(msgs); n > 0 && msgs[n-1].Role == role && len(msgs[n-1].ToolCalls) == 0 && !msgs[n-1].Cache {
			texts[n-1] = append(texts[n-1], text)
			return
		}
		msgs, texts = append(msgs, llm.Message{Role: role}), append(texts, []string{text})
	}
	if cx.Text != "" || len(cx.Images) > 0 {
		msgs, texts = append(msgs, llm.Message{Role: llm.User, Text: cx.Text, Images: cx.Images, Cache: true}), append(texts, nil)
	}
	sys := []string{}
	if strings.TrimSpace(system) != "" {
		sys = append(sys, system)
	}
	for _, e := range history {
		if e.Status == state.EntryFailed || e.Status == state.EntryStreaming || strings.TrimSpace(e.Text) == "" {
			continue
		}
		switch e.Role {
		case state.RoleSystem:
			if e.Text != system {
				sys = append(sys, e.Text)
			}
		case state.RoleAI:
			add(llm.Assistant, e.Text)
		case state.RoleTool:
			add(llm.User, "[tool] "+e.Text)
		case state.RoleContext:
			add(llm.User, "[context] "+e.Text)
		case state.RoleUser, "":
			add(llm.User, e.Text)
		default: // the project's own roles speak as the user, named
			add(llm.User, "["+strings.ToLower(string(e.Role))+"] "+e.Text)
		}
	}
	for i, t := range texts {
		if t != nil {
			msgs[i].Text = strings.Join(t, "\n\n")
		}
	}
	return strings.Join(sys, "\n\n"), msgs
}
