package hot

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// CheckToolchain reports whether goCmd is the Go that built this process.
// A plugin built by any other Go cannot be loaded.
func CheckToolchain(ctx context.Context, goCmd string) error {
	if goCmd == "" {
		goCmd = "go"
	}
	p, err := exec.LookPath(goCmd)
	if err != nil {
		return &Error{
			Reason: ReasonToolchain,
			What:   fmt.Sprintf("no Go toolchain: %q was not found", goCmd),
			Hint:   fmt.Sprintf("building a plugin needs %s, the Go that built this program; install it and put its bin directory on PATH. The running code stays as it is.", runtime.Version()),
			Facts:  map[string]string{"want": runtime.Version(), "go": goCmd},
			Err:    err,
		}
	}
	key := toolchainKey(p)
	if key != "" && toolchainOK.is(key) {
		return nil
	}
	toolchainOK.remember("")
	// Whether the answer can be remembered (a read of the binary, ~10 ms
	// for go's 15 MB) is found while go answers.
	goBinary := make(chan bool, 1)
	go func() { goBinary <- key != "" && isGoBinary(p) }()
	toolchainAsked.Add(1)
	out, err := exec.CommandContext(ctx, p, "env", "GOVERSION").Output()
	if err != nil {
		return &Error{Reason: ReasonToolchain, What: fmt.Sprintf("running %s env GOVERSION failed", p), Err: err,
			Hint: "check that the Go installation works: run 'go version' in a terminal"}
	}
	if v := strings.TrimSpace(string(out)); v != runtime.Version() {
		return &Error{
			Reason: ReasonToolchain,
			What:   fmt.Sprintf("Go version mismatch: this program was built with %s, but %s is %s", runtime.Version(), p, v),
			Hint:   fmt.Sprintf("a plugin must be built by the same Go as its host; nothing was built. Put %s first on PATH, or rebuild the program with %s.", runtime.Version(), v),
			Facts:  map[string]string{"want": runtime.Version(), "found": v, "path": p},
		}
	}
	if <-goBinary {
		// Only a Go binary answers from what the key covers: a script or
		// a version manager's shim (asdf, mise) picks a Go by files of
		// its own.
		toolchainOK.remember(key)
	}
	return nil
}

// toolchainOK is what the last check that found this process's Go
// depended on (toolchainKey), so that an unchanged go is not asked again:
// `go env GOVERSION` took 30-55 ms of a cold reload's path in the app,
// which checks before every build. Only a go that is a Go binary is
// remembered.
var toolchainOK toolchainMemo

type toolchainMemo struct {
	sync.Mutex
	key string
}

func (m *toolchainMemo) is(key string) bool {
	m.Lock()
	defer m.Unlock()
	return m.key == key
}

func (m *toolchainMemo) remember(key string) {
	m.Lock()
	m.key = key
	m.Unlock()
}

// isGoBinary reports whether the file at p holds a Go build-info blob (its
// magic string), as every binary the Go toolchain links does, and neither
// a script nor a shim of a version manager written in another language.
// debug/buildinfo would say it too, but links 100 KB of object-file
// readers into the host.
func isGoBinary(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	magic := []byte("\xff Go buildinf:")
	buf := make([]byte, 1<<20)
	keep := 0 // bytes carried over from the last chunk, where the magic may start
	for {
		n, err := io.ReadFull(f, buf[keep:])
		if bytes.Contains(buf[:keep+n], magic) {
			return true
		}
		if err != nil {
			return false
		}
		keep = copy(buf, buf[keep+n-len(magic)+1:keep+n])
	}
}

// toolchainAsked counts the go commands CheckToolchain ran (tests).
var toolchainAsked atomic.Int64

// toolchainKey is what `go env GOVERSION` of the go at p answers from: the
// binary and its installation's go.env, the user's go env file, the go.mod
// and go.work files a go command started here may read (a toolchain line
// switches Go), and the variables that name or switch them; "" when one
// of those files cannot be read or changed too recently to trust (see
// racyMargin): then go is asked.
func toolchainKey(p string) string {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return ""
	}
	files := []string{real, filepath.Join(filepath.Dir(filepath.Dir(real)), "go.env")}
	if env := os.Getenv("GOENV"); env != "" && env != "off" {
		files = append(files, env)
	} else if d, err := os.UserConfigDir(); err == nil && env == "" {
		files = append(files, filepath.Join(d, "go", "env"))
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		files = append(files, filepath.Join(d, "go.mod"), filepath.Join(d, "go.work"))
		if filepath.Dir(d) == d {
			break
		}
	}
	var b strings.Builder
	for _, k := range []string{"GOTOOLCHAIN", "GOROOT", "GOENV", "GOWORK", "GOFLAGS"} {
		fmt.Fprintf(&b, "%s=%s\x00", k, os.Getenv(k))
	}
	now := fingerprintNow()
	for _, f := range files {
		fi, err := os.Stat(f)
		if errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(&b, "%s -\x00", f)
			continue
		}
		if err != nil {
			return ""
		}
		id, trusted := identityOf(fi, now)
		if !trusted {
			return ""
		}
		fmt.Fprintf(&b, "%s %s\x00", f, id)
	}
	return b.String()
}

// Fingerprint maps each stable package directory of a Go module (every
// directory with Go files that is not a hot source directory) to a hash of
// its non-test Go files; go.mod and go.sum are entries too.
type Fingerprint map[string]string

// TakeFingerprint hashes the module at root, skipping hot source dirs,
// hidden directories and testdata (a directory of tests only has no entry).
// A package whose files are unchanged since an earlier fingerprint (see
// pkgCache) is not read again: a trigger takes a fingerprint on the key's
// path, and reading every stable file took 10-20 ms of it.
func TakeFingerprint(root string, hotDirs []string) (Fingerprint, error) {
	hot := map[string]bool{}
	for _, d := range hotDirs {
		hot[d] = true
	}
	fp := Fingerprint{}
	for _, f := range []string{"go.mod", "go.sum"} {
		b, err := os.ReadFile(filepath.Join(root, f))
		if err != nil && !os.IsNotExist(err) {
			return nil, fmt.Errorf("fingerprinting %s: %w", f, err)
		}
		fp[f] = hashBytes(b)
	}
	if err := fingerprintDir(fp, root, ".", hot); err != nil {
		return nil, fmt.Errorf("fingerprinting stable packages: %w", err)
	}
	return fp, nil
}

// FingerprintAhead is a fingerprint taken on its own goroutine, for a
// process that can do other work meanwhile (a spare making its window):
// reading and hashing every stable package takes tens of milliseconds.
type FingerprintAhead struct {
	root string
	hot  []string
	done chan struct{}
	fp   Fingerprint
	err  error
}

// TakeFingerprintAhead starts TakeFingerprint(root, hotDirs) on its own
// goroutine; root "" starts nothing.
func TakeFingerprintAhead(root string, hotDirs []string) *FingerprintAhead {
	f := &FingerprintAhead{root: root, hot: slices.Clone(hotDirs), done: make(chan struct{})}
	if root == "" {
		close(f.done)
		return f
	}
	go func() {
		defer close(f.done)
		f.fp, f.err = TakeFingerprint(root, f.hot)
	}()
	return f
}

// Get returns the fingerprint of root with hotDirs: the one taken ahead
// (waiting for it) when it was taken of the same, else one taken now. A
// nil f takes one now.
func (f *FingerprintAhead) Get(root string, hotDirs []string) (Fingerprint, error) {
	if f == nil || f.root == "" || f.root != root || !slices.Equal(f.hot, hotDirs) {
		return TakeFingerprint(root, hotDirs)
	}
	<-f.done
	return f.fp, f.err
}

// fingerprintDir adds the package in root/rel (unless it is hot) and
// every package below it to fp, reading each directory once.
func fingerprintDir(fp Fingerprint, root, rel string, hot map[string]bool) error {
	dir := filepath.Join(root, filepath.FromSlash(rel))
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if !hot[rel] {
		h, n, err := hashPackage(dir, ents)
		if err != nil {
			return err
		}
		if n > 0 {
			fp[rel] = h
		}
	}
	for _, e := range ents {
		name := e.Name()
		if !e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
			name == "testdata" || name == GenDir || name == "node_modules" {
			continue
		}
		if err := fingerprintDir(fp, root, path.Join(rel, name), hot); err != nil {
			return err
		}
	}
	return nil
}

// pkgCache remembers each package directory's hash with the identity of
// its source files (name, size, modification and change times, inode), so
// that a fingerprint reads only the packages whose files changed. An entry
// is trusted only when every file's change time was well before the files
// were read (racyMargin), as git does for its index: a write in the same
// clock tick as the read could otherwise leave the identity unchanged.
// The change time cannot be set back by any program, so a file replaced
// with one of the same size and modification time is still seen.
var pkgCache = struct {
	sync.Mutex
	m map[string]pkgEntry
}{m: map[string]pkgEntry{}}

type pkgEntry struct {
	files string // the source files' identities
	hash  string
	n     int
}

// racyMargin: how long before the read a file must have last changed for
// its identity to be trusted. Timestamps come from a coarse clock (a few
// ms) and, on network file systems, from another machine's.
const racyMargin = 2 * time.Second

// fingerprintNow is the clock that judges racyMargin (tests move it).
var fingerprintNow = time.Now

// filesHashed counts source files read by hashPackage (for tests).
var filesHashed atomic.Int64

func hashPackage(dir string, ents []fs.DirEntry) (string, int, error) {
	key, names, trusted := FileIdentities(ents, isSource, fingerprintNow())
	pkgCache.Lock()
	c, ok := pkgCache.m[dir]
	pkgCache.Unlock()
	if ok && trusted && c.files == key {
		return c.hash, c.n, nil
	}
	h := sha256.New()
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "", 0, err
		}
		filesHashed.Add(1)
		hashFile(h, name, b)
	}
	e := pkgEntry{files: key, hash: hex.EncodeToString(h.Sum(nil)), n: len(names)}
	pkgCache.Lock()
	if trusted {
		pkgCache.m[dir] = e
	} else {
		delete(pkgCache.m, dir)
	}
	pkgCache.Unlock()
	return e.hash, e.n, nil
}

// FileIdentities is the identity of the regular files among ents (a
// directory read at readAt) that keep accepts, nil keeping all: each
// one's name, size, modification and change times, inode and device, in
// one string; with their names, and whether the identity can be trusted:
// every file's change time is racyMargin (2 s) or more before readAt (see
// pkgCache). Files whose trusted identity is unchanged are unchanged: no
// program can set a change time back.
func FileIdentities(ents []fs.DirEntry, keep func(name string) bool, readAt time.Time) (id string, names []string, trusted bool) {
	var ids strings.Builder
	trusted = true
	for _, e := range ents {
		name := e.Name()
		if !e.Type().IsRegular() || (keep != nil && !keep(name)) {
			continue
		}
		names = append(names, name)
		fi, err := e.Info()
		if err != nil {
			trusted = false // gone or unreadable: reading it says which
			continue
		}
		id, ok := identityOf(fi, readAt)
		trusted = trusted && ok
		ids.WriteString(name + "\x00" + id + "\x00")
	}
	return ids.String(), names, trusted
}

// identityOf is a file's size, modification and change times, inode and
// device, and whether that identity can be trusted: the file has a stat(2)
// record and last changed racyMargin (2 s) or more before readAt.
func identityOf(fi fs.FileInfo, readAt time.Time) (id string, trusted bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return "", false
	}
	changed := time.Unix(st.Ctim.Unix())
	return fmt.Sprintf("%d %d %d %d %d", st.Size, st.Mtim.Nano(), st.Ctim.Nano(), st.Ino, st.Dev), changed.Before(readAt.Add(-racyMargin))
}

func hashBytes(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// ChangedStable returns the stable package directories (and go.mod /
// go.sum) whose sources differ from base: edited, or deleted. Any of them
// means the running host no longer matches its source tree, so a restart
// is needed: a package the views import would not even load, and an edit
// anywhere else (app/, hot/) would silently not be live. Packages created
// after base was taken are not reported (nothing in the host predates them).
// modPath is kept for callers; the comparison covers the whole module.
func ChangedStable(base Fingerprint, root, modPath string, hotDirs []string) ([]string, error) {
	now, err := TakeFingerprint(root, hotDirs)
	if err != nil {
		return nil, err
	}
	return now.Changed(base), nil
}

// Changed returns the entries of base that differ in f (edited, or
// deleted), sorted.
func (f Fingerprint) Changed(base Fingerprint) []string {
	var changed []string
	for k, old := range base {
		if f[k] != old {
			changed = append(changed, k)
		}
	}
	sort.Strings(changed)
	return changed
}

// ModulePath reads the module path from root/go.mod.
func ModulePath(root string) (string, error) {
	b, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", fmt.Errorf("reading go.mod: %w", err)
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(bytes.TrimSpace(line), []byte("module ")); ok {
			return strings.Trim(string(bytes.TrimSpace(rest)), `"`), nil
		}
	}
	return "", fmt.Errorf("%s/go.mod has no module line", root)
}

// Sum is one hash of the whole fingerprint: equal sums, equal stable
// sources.
func (f Fingerprint) Sum() string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	h := sha256.New()
	for _, k := range keys {
		fmt.Fprintf(h, "%s\x00%s\x00", k, f[k])
	}
	return hex.EncodeToString(h.Sum(nil))
}
