package hot

import (
	"context"
	"fmt"
	"maps"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watch starts watching the hot modules' source directories with fsnotify.
// A change to a .go file sets Status().SourcesChanged; once the files have
// been quiet for Config.SettleDelay, the sources are built ahead (a build
// of older sources still running is cancelled) and, after
// Config.LoadAheadAfter, loaded ahead, so that a trigger only swaps. A
// failed ahead build only shows in Status().Ahead. Nothing is swapped
// without a trigger, unless SetAutoReload is on: then the settled sources
// are also reloaded (or Config.AutoTrigger called). With
// Config.StableSaved set, writes to the stable packages' Go files call it
// instead. Watch stops when the Reloader is closed.
func (r *Reloader) Watch() error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("hot: watching sources: %w", err)
	}
	hotDir := map[string]bool{}
	for _, d := range r.hotDirs() {
		dir := filepath.Join(r.cfg.Root, filepath.FromSlash(d))
		hotDir[dir] = true
		if err := w.Add(dir); err != nil {
			w.Close()
			return fmt.Errorf("hot: watching %s: %w", d, err)
		}
	}
	if r.cfg.StableSaved != nil {
		// The stable packages: the directories the fingerprint covers.
		dirs := map[string]string{".": ""} // go.mod, go.sum
		fp, err := r.base, error(nil)      // the packages at start (SetStatic)
		if fp == nil {
			fp, err = TakeFingerprint(r.cfg.Root, r.hotDirs())
		}
		if err != nil {
			w.Close()
			return fmt.Errorf("hot: watching the stable packages: %w", err)
		}
		maps.Copy(dirs, fp)
		for d := range dirs {
			if dir := filepath.Join(r.cfg.Root, filepath.FromSlash(d)); !hotDir[dir] && !strings.HasPrefix(d, "go.") {
				if err := w.Add(dir); err != nil {
					w.Close()
					return fmt.Errorf("hot: watching %s: %w", d, err)
				}
			}
		}
	}
	if p, ok := r.cfg.Builder.(interface {
		Prepare(context.Context, BuildRequest) error
	}); ok && r.modPath != "" {
		// Whatever the builder can do before the first save, off the
		// caller's thread; a failure here shows in the first build.
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			p.Prepare(r.ctx, r.treeRequest(r.modPath))
		}()
	}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		defer w.Close()
		var quiet <-chan time.Time
		for {
			select {
			case <-r.ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if ev.Op == fsnotify.Chmod {
					continue
				}
				if !hotDir[filepath.Dir(ev.Name)] {
					if base := filepath.Base(ev.Name); strings.HasSuffix(base, ".go") || base == "go.mod" || base == "go.sum" {
						r.cfg.StableSaved() // only watched when set
					}
					continue
				}
				if !strings.HasSuffix(ev.Name, ".go") {
					continue
				}
				r.mu.Lock()
				r.srcChanged = true
				r.lastChange = r.cfg.Now()
				r.mu.Unlock()
				r.notify()
				quiet = time.After(r.cfg.SettleDelay)
			case <-quiet:
				quiet = nil
				r.sourcesSettled()
				if r.auto.Load() && r.cfg.AutoTrigger != nil {
					r.cfg.AutoTrigger()
				} else if r.auto.Load() {
					r.ReloadAll()
				}
			case <-w.Errors:
				// Overflow and the like: the next event or trigger still works.
			}
		}
	}()
	return nil
}

// SetAutoReload turns reloading on save on or off (it is off by default:
// the seed design wants manual triggers; this is an opt-in).
func (r *Reloader) SetAutoReload(on bool) { r.auto.Store(on) }

// AutoReload reports whether reloading on save is on.
func (r *Reloader) AutoReload() bool { return r.auto.Load() }

// treeRequest is a build request for every module, from the sources on
// disk, with no build of its own (Prepare, WarmCommand).
func (r *Reloader) treeRequest(modPath string) BuildRequest {
	return BuildRequest{Root: r.cfg.Root, ModulePath: modPath,
		Modules: r.reg.Modules(), All: r.reg.Modules(), WorkDir: r.buildDir(0)}
}

// WarmCommand is the builder's command that compiles into the go build
// cache, from the sources on disk, what the next process's first views
// build needs (GoBuilder.WarmCommand), or nil when the builder has none or
// there is no source tree. A caller runs it ahead: after a stable package
// changed, before the process a restart starts builds from it.
func (r *Reloader) WarmCommand() *exec.Cmd {
	w, ok := r.cfg.Builder.(interface{ WarmCommand(BuildRequest) *exec.Cmd })
	if !ok {
		return nil
	}
	mp := r.modPath // set when New made the builder or loader
	if mp == "" {
		var err error
		if mp, err = ModulePath(r.cfg.Root); err != nil {
			return nil
		}
	}
	return w.WarmCommand(r.treeRequest(mp))
}
