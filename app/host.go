package app

import (
	"fmt"
	"sync"
	"time"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/gitstamp"
	"github.com/slopgui/slopgui/internal/mdcache"
	"github.com/slopgui/slopgui/internal/openurl"
	"github.com/slopgui/slopgui/mdoc"
	"github.com/slopgui/slopgui/state"
)

// The App is the contract.Host every view is given (contract.Frame.Host).
var _ contract.Host = (*App)(nil)

// GitStamp reads the commit the project's root is at: gitstamp reads .git
// (or a gitdir file), HEAD and one loose ref or packed-refs, on a click.
func (a *App) GitStamp() state.Stamp {
	c, b, err := gitstamp.Head(a.Project.Root)
	return state.NewStamp(c, b, err, a.now())
}

// lookups caches file counts and path checks for the views, so a frame
// never walks the disk: counts are made on a goroutine.
type lookups struct {
	mu      sync.Mutex
	matches map[[2]string]*matchEntry // (root, pattern)
	exists  map[[2]string]existsEntry
}

type matchEntry struct {
	n       int
	err     error
	at      time.Time
	running bool
}

type existsEntry struct {
	ok bool
	at time.Time
}

const lookupTTL = 2 * time.Second

// FileMatches counts the files a project file entry matches under the
// project root. The first call for a pattern returns contract.ErrCounting and
// starts the count; results are refreshed every couple of seconds.
func (a *App) FileMatches(pattern string) (int, error) {
	root := a.Project.Root
	key := [2]string{root, pattern}
	l := &a.lookups
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.matches == nil {
		l.matches = map[[2]string]*matchEntry{}
	}
	e, ok := l.matches[key]
	if !ok {
		e = &matchEntry{err: contract.ErrCounting}
		l.matches[key] = e
	}
	if !e.running && a.now().Sub(e.at) > lookupTTL {
		e.running = true
		go func() {
			m := state.ExpandFiles(root, []string{pattern})[0]
			l.mu.Lock()
			same := e.n == len(m.Files) && fmt.Sprint(e.err) == fmt.Sprint(m.Err)
			e.n, e.err, e.at, e.running = len(m.Files), m.Err, a.now(), false
			l.mu.Unlock()
			if !same && a.wnd != nil { // a new count, in a real window: draw it
				g.Update()
			}
		}()
	}
	return e.n, e.err
}

// PathExists reports whether path (relative to the project root unless
// absolute) exists; answers are cached briefly.
func (a *App) PathExists(path string) bool {
	root := a.Project.Root
	key := [2]string{root, path}
	l := &a.lookups
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.exists == nil {
		l.exists = map[[2]string]existsEntry{}
	}
	if e, ok := l.exists[key]; ok && a.now().Sub(e.at) < lookupTTL {
		return e.ok
	}
	ok := state.PathExists(root, path)
	l.exists[key] = existsEntry{ok: ok, at: a.now()}
	return ok
}

// Doc is text parsed as markdown, once per text (render thread only);
// long and growing texts are parsed in the background (mdcache.Get).
func (a *App) Doc(text string) *mdoc.Doc {
	if a.docs == nil {
		a.docs = mdcache.New(2048, 64<<20, func() {
			if a.wnd != nil { // only a real window needs waking
				g.Update()
			}
		})
	}
	return a.docs.Get(text)
}

// OpenURL opens a link with xdg-open in the background.
func (a *App) OpenURL(url string) error { return openurl.Open(url) }
