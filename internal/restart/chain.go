package restart

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/handover"
)

// Keep is how many generations a handover carries.
const Keep = 4

// Chain is where a process's views generations continue from: the number
// and kind of its generation 0, and the generations before it.
type Chain struct {
	Base   int                   // generation 0's number as the user sees it
	Gen0   handover.Generation   // generation 0: linked in (no Plugin) or a kept plugin
	Before []handover.Generation // the generations before it, oldest first
}

// Pick chooses the views generation a process started from h runs: the one
// that was running for a restart; after a crash, the one before it (the
// running one is presumed guilty), or the linked-in views in safe mode. It
// loads the chosen generation's plugin with load; a plugin built for
// another binary than binary cannot load and gives way to the linked-in
// views. It returns the chain, the symbols loaded (nil: the linked-in
// views) and a sentence for the user ("" when h carries no generations).
func Pick(h *handover.Handover, crash *handover.Crash, binary string, load hot.Loader) (Chain, map[string]hot.Symbols, string) {
	chain := append([]handover.Generation(nil), h.Generations...)
	if len(chain) == 0 {
		return Chain{}, nil, ""
	}
	running := chain[len(chain)-1]
	switch {
	case crash != nil && crash.SafeMode:
		return Chain{}, nil, fmt.Sprintf("Too many crashes in a row (%d within a minute): started with the views built into slopgui (generation 0) instead of generation %d.", crash.Recent, running.N)
	case crash != nil:
		chain = chain[:len(chain)-1]
		if len(chain) == 0 {
			return Chain{}, nil, fmt.Sprintf("Generation %d was running; started with the views built into slopgui (generation 0).", running.N)
		}
	}
	pick := chain[len(chain)-1]
	say := fmt.Sprintf("Running generation %d", pick.N)
	if crash != nil {
		say = fmt.Sprintf("Generation %d was running when it crashed: rolled back to generation %d, the last one before it", running.N, pick.N)
	}
	c := Chain{Base: pick.N, Gen0: pick, Before: chain[:len(chain)-1]}
	if pick.Plugin == "" {
		return c, nil, say + "."
	}
	if pick.Binary != binary {
		return Chain{}, nil, say + " was not possible: its plugin was built for another slopgui binary. Started with the views built into this one (generation 0)."
	}
	syms, err := load.Load(pick.Plugin)
	if err != nil {
		return Chain{}, nil, fmt.Sprintf("%s failed: loading its plugin: %v. Started with the views built into slopgui (generation 0).", say, err)
	}
	return c, syms, say + " (its plugin was kept)."
}

// Generations is the chain up to cur (the running generation; nil: none),
// oldest first, at most Keep: this process's generations after the ones
// before it, each loaded plugin kept in keepDir by its build number.
func (c Chain) Generations(cur *hot.Generation, keepDir, binary string) []handover.Generation {
	var mine []handover.Generation
	for gen := cur; gen != nil; gen = gen.Prev {
		e := c.Gen0
		if gen.Build != 0 {
			e = handover.Generation{N: gen.N + c.Base, Build: gen.Build, Plugin: KeptPlugin(keepDir, gen.Build), Binary: binary}
		}
		mine = append([]handover.Generation{e}, mine...)
	}
	all := append(append([]handover.Generation(nil), c.Before...), mine...)
	if len(all) > Keep {
		all = all[len(all)-Keep:]
	}
	return all
}

// KeptPlugin is where KeepingLoader keeps build's plugin.
func KeptPlugin(keepDir string, build int) string {
	return filepath.Join(keepDir, fmt.Sprintf("b%d.so", build))
}

// PruneKept deletes the plugins kept in keepDir of builds up to cur that
// no generation in gens needs (newer builds may be loading right now).
func PruneKept(keepDir string, gens []handover.Generation, cur int) {
	want := map[string]bool{}
	for _, gen := range gens {
		want[gen.Plugin] = true
	}
	ents, _ := os.ReadDir(keepDir)
	for _, e := range ents {
		var n int
		if _, err := fmt.Sscanf(e.Name(), "b%d.so", &n); err != nil || n > cur {
			continue
		}
		if p := filepath.Join(keepDir, e.Name()); !want[p] {
			os.Remove(p)
		}
	}
}

// KeepingLoader loads plugins with Inner and keeps a hard link (or copy)
// of each in Dir, so that a later process of the same binary can load the
// generation again: after a memory-cap restart, or to roll back after a
// crash.
type KeepingLoader struct {
	Dir   string
	Inner hot.Loader
}

var _ hot.Loader = KeepingLoader{}

// Load implements hot.Loader.
func (l KeepingLoader) Load(path string) (map[string]hot.Symbols, error) {
	kept := filepath.Join(l.Dir, filepath.Base(path))
	if err := os.Link(path, kept); err != nil {
		// Another file system: copy. If even that fails, nothing is lost
		// now; a later process that wants this generation reports that
		// its plugin is missing and starts with the views built in.
		if err := copyFile(path, kept); err != nil {
			fmt.Fprintf(os.Stderr, "slopgui: keeping %s for a restart: %v\n", path, err)
		}
	}
	return l.Inner.Load(path)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return errors.Join(err, out.Close())
}
