// Package e2e_test runs the real slopgui binary in a real X server (Xvfb),
// drives it with xdotool like a person would, and checks what is on the
// screen with screenshots (ImageMagick), pixels and OCR (tesseract).
package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/internal/testutil"
)

// tools are the programs the suite drives; a missing one fails the suite
// (make test installs them).
var tools = []string{"Xvfb", "xdotool", "import", "convert", "tesseract", "xclip"}

func requireTools(tb testing.TB) {
	tb.Helper()
	if testing.Short() {
		tb.Skip("end-to-end tests need Xvfb and take a while")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			tb.Fatalf("%s is not installed: run make test (it installs xvfb xdotool imagemagick tesseract-ocr xclip), or apt-get install them", tool)
		}
	}
}

// startXvfb starts an X server on a free display and returns ":N".
func startXvfb(tb testing.TB) string { tb.Helper(); return testutil.StartXvfb(tb) }

// makeBuildFlags are the build flags of make build (the Makefile's
// GOFLAGS, without DWARF=1) for the checkout at root.
func makeBuildFlags(root string) []string {
	return []string{"-trimpath", "-gcflags=all=-dwarf=false",
		"-ldflags=-extld=" + filepath.Join(root, "internal", "giulink", "extld.sh") + " -w"}
}

// buildBinary gives the session its own copy of slopgui (and slopgui-mcp
// beside it) built from the source tree at root, the way make build does. Every session starts from
// the same sources (the repository, copied), and -trimpath makes the
// binary independent of where they sit, so the suite links it once and
// copies it: a link is seconds of processor time on a 2-core machine.
func buildBinary(tb testing.TB, root string) string {
	tb.Helper()
	built.Do(func() {
		dir, err := os.MkdirTemp("", "slopgui-e2e-bin-")
		if err != nil {
			built.err = err
			return
		}
		built.path = filepath.Join(dir, "slopgui")
		cmd := exec.Command("go", append(append([]string{"build"}, makeBuildFlags(root)...), "-o", dir+"/", "./cmd/slopgui", "./cmd/slopgui-mcp")...)
		cmd.Dir = root
		if b, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("building slopgui: %v\n%s", err, b)
		}
	})
	if built.err != nil {
		tb.Fatal(built.err)
	}
	dir := tb.TempDir()
	for _, name := range []string{"slopgui", "slopgui-mcp"} { // slopgui mcp execs slopgui-mcp from beside it
		if err := copyExecutable(filepath.Join(filepath.Dir(built.path), name), filepath.Join(dir, name)); err != nil {
			tb.Fatalf("copying %s: %v", name, err)
		}
	}
	return filepath.Join(dir, "slopgui")
}

// built is the suite's one build of slopgui (removed by TestMain).
var built struct {
	sync.Once
	path string
	err  error
}

// copyExecutable hard-links the built binary (a copy where a link cannot
// be made). A copy written here could not be started while another
// test's fork still held the write descriptor ("text file busy"): a link
// is never open for writing. The app never writes its own binary (a
// stable edit builds a new one beside it).
func copyExecutable(from, to string) error {
	if os.Link(from, to) == nil {
		return nil
	}
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	tmp := to + ".tmp"
	if err := os.WriteFile(tmp, b, 0o755); err != nil {
		return err
	}
	return os.Rename(tmp, to)
}

// TestMain removes the suite's build of slopgui when the tests end.
func TestMain(m *testing.M) {
	code := m.Run()
	if built.path != "" {
		os.RemoveAll(filepath.Dir(built.path))
	}
	os.Exit(code)
}

// ocrEnv keeps ImageMagick and tesseract to one thread each: their
// OpenMP threads otherwise spin against the parallel tests' windows on a
// 2-core machine (measured: tesseract 5.6 s wall and 2.5 s of processor
// time per pass, 1.4 s and 1.2 s on one thread).
var ocrEnv = append(os.Environ(), "OMP_THREAD_LIMIT=1", "MAGICK_THREAD_LIMIT=1")

// ocrCmd is a convert or tesseract command run with ocrEnv.
func ocrCmd(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Env = ocrEnv
	return cmd
}

// session is one running slopgui in its own X server, on its own copy of
// the source tree, with its own config directory (XDG_CONFIG_HOME).
type session struct {
	tb      testing.TB
	root    string // the copy of the repository slopgui rebuilds from
	display string
	config  string // XDG_CONFIG_HOME
	bin     string
	env     []string
	status  string
	cmd     *exec.Cmd
	log     *os.File
	shots   string
	n       int
}

// startSession starts slopgui on a copy of the repo in a new X server. env
// is added to its environment.
func startSession(tb testing.TB, env ...string) *session {
	tb.Helper()
	return startSessionArgs(tb, env, nil)
}

// startSessionArgs is startSession with command-line arguments.
func startSessionArgs(tb testing.TB, env, args []string) *session {
	tb.Helper()
	requireTools(tb)
	s := &session{tb: tb, root: testutil.MustCopyModule(tb), display: startXvfb(tb), config: tb.TempDir()}
	// Tests run in parallel: each session keeps its screenshots to itself
	// (sockets are named by PID in the shared socket directory).
	s.shots = tb.TempDir()
	if dir := os.Getenv("SLOPGUI_E2E_SHOTS"); dir != "" {
		s.shots = filepath.Join(dir, strings.NewReplacer("/", "-", " ", "_").Replace(tb.Name()))
		if err := os.MkdirAll(s.shots, 0o755); err != nil {
			tb.Fatal(err)
		}
	}
	s.bin = buildBinary(tb, s.root)
	// Its own TMPDIR: what a killed session leaves there (the supervisor's
	// session directory with its host binaries, the reloader's build
	// directory) goes with the test, not into /tmp (22 GB in a day of
	// runs). Short, for the control socket's path when XDG_RUNTIME_DIR is
	// unset; removed after stop (cleanups run last first).
	tmp, err := os.MkdirTemp("", "e2e-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { os.RemoveAll(tmp) })
	s.env = append([]string{"DISPLAY=" + s.display, "XDG_CONFIG_HOME=" + s.config, "TMPDIR=" + tmp}, env...)
	if s.log, err = os.Create(filepath.Join(tb.TempDir(), "slopgui.log")); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		s.stop()
		if tb.Failed() {
			b, _ := os.ReadFile(s.log.Name())
			tb.Logf("slopgui log:\n%s", b)
		}
	})
	s.launch(args...)
	return s
}

// launch starts the binary and waits for its first frames.
func (s *session) launch(args ...string) {
	s.tb.Helper()
	s.status = filepath.Join(s.tb.TempDir(), "status.json")
	s.cmd = exec.Command(s.bin, append([]string{"-status-file", s.status}, args...)...)
	s.cmd.Dir = s.root
	s.cmd.Env = append(os.Environ(), s.env...)
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // stop kills the group
	if err := s.cmd.Start(); err != nil {
		s.tb.Fatal(err)
	}
	s.waitStatus("the first frames", time.Minute, func(r app.StatusReport) bool { return r.Frames > 2 })
}

// appPID is the app's process id from its status file: with the
// supervisor (the default), s.cmd is the supervisor and the app its child.
// tmpDir is the session's TMPDIR (the supervisor's session directory is
// made in it).
func (s *session) tmpDir() string {
	tmp := ""
	for _, e := range s.env {
		if v, ok := strings.CutPrefix(e, "TMPDIR="); ok {
			tmp = v
		}
	}
	return tmp
}

func (s *session) appPID() int {
	s.tb.Helper()
	r, ok := s.Status()
	if !ok || r.PID == 0 {
		s.tb.Fatal("no app PID in the status file")
	}
	return r.PID
}

// stop kills the process if it still runs.
// The supervisor runs in a process group of its own with the app and
// the app's builds: the whole group is killed, so nothing of the session
// still writes into the test's temporary directories when they are
// removed (an app orphaned by its supervisor's end used to).
func (s *session) stop() {
	if s.config != "" {
		defer killSessionProcs("XDG_CONFIG_HOME=" + s.config)
	}
	if s.cmd == nil || s.cmd.Process == nil || s.cmd.ProcessState != nil {
		return
	}
	app := 0
	if r, ok := s.Status(); ok {
		app = r.PID
	}
	syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
	s.cmd.Process.Kill()
	s.cmd.Wait()
	if app > 0 && app != s.cmd.Process.Pid {
		syscall.Kill(app, syscall.SIGKILL) // a restarted app is in the group too; this is the belt
		for deadline := time.Now().Add(10 * time.Second); processAlive(app) && time.Now().Before(deadline); {
			time.Sleep(20 * time.Millisecond) // polling the dying process, with a deadline
		}
	}
}

// hasEnv reports whether a /proc environ (NUL-separated) holds entry.
func hasEnv(environ, entry []byte) bool {
	for _, e := range bytes.Split(environ, []byte{0}) {
		if bytes.Equal(e, entry) {
			return true
		}
	}
	return false
}

// killSessionProcs kills what is left of a session: the builds an app
// starts run in process groups of their own (reniced and cancelled as a
// whole), so they outlive its killed group and would write into the
// test's temp dirs while those are removed (TestCtlChrome's cleanup
// failed so). They inherit the session's environment: each process whose
// environment holds marker is killed, until a scan of /proc finds none
// (at most 10 s).
func killSessionProcs(marker string) {
	want := []byte(marker)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		ents, _ := os.ReadDir("/proc")
		found := false
		for _, e := range ents {
			pid, err := strconv.Atoi(e.Name())
			if err != nil || pid == os.Getpid() || !processAlive(pid) {
				continue
			}
			env, err := os.ReadFile("/proc/" + e.Name() + "/environ")
			if err != nil || !hasEnv(env, want) {
				continue
			}
			found = true
			syscall.Kill(pid, syscall.SIGKILL)
		}
		if !found {
			return
		}
		time.Sleep(20 * time.Millisecond) // polling the dying processes, with a deadline
	}
}

// quitFromMenu quits with File > Quit, as a user does, and fails unless
// slopgui exits with 0 within 30 s.
func (s *session) quitFromMenu() {
	s.tb.Helper()
	s.clickText("File")
	s.clickText("Quit")
	if code := s.waitExit(30 * time.Second); code != 0 {
		s.tb.Fatalf("slopgui exited with %d", code)
	}
}

// waitExit waits for slopgui to exit by itself and returns its exit code.
func (s *session) waitExit(timeout time.Duration) int {
	s.tb.Helper()
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case <-done:
		return s.cmd.ProcessState.ExitCode()
	case <-time.After(timeout):
		s.tb.Fatalf("slopgui did not exit within %v", timeout)
	}
	return -1
}

// findText locates a word on screen with OCR and returns its centre, in
// screen pixels; where the word appears more than once, the topmost one
// (menus and the toolbar are at the top). It fails the test if the word is
// not found in time.
func (s *session) findText(word string, timeout time.Duration) image.Point {
	s.tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		taken := time.Now()
		shot, _ := s.screenshot("find-" + strings.ReplaceAll(word, " ", "_"))
		best, found := image.Point{}, false
		for i, prep := range [][]string{{"-negate"}, {"-negate", "-threshold", "50%"}} {
			big := fmt.Sprintf("%s-x2-%d.png", strings.TrimSuffix(shot, ".png"), i)
			args := append(append([]string{shot, "-resize", "200%", "-colorspace", "Gray"}, prep...), big)
			if b, err := ocrCmd("convert", args...).CombinedOutput(); err != nil {
				s.tb.Fatalf("convert: %v\n%s", err, b)
			}
			out, err := ocrCmd("tesseract", big, "-", "--psm", "11", "tsv").Output()
			if err != nil {
				s.tb.Fatalf("tesseract: %v", err)
			}
			for _, line := range strings.Split(string(out), "\n") {
				f := strings.Split(line, "\t")
				if len(f) < 12 || strings.TrimSpace(f[11]) != word {
					continue
				}
				left, _ := strconv.Atoi(f[6])
				top, _ := strconv.Atoi(f[7])
				w, _ := strconv.Atoi(f[8])
				h, _ := strconv.Atoi(f[9])
				p := image.Pt((left+w/2)/2, (top+h/2)/2)
				if !found || p.Y < best.Y-3 || (p.Y <= best.Y+3 && p.X < best.X) {
					best, found = p, true
				}
			}
		}
		if found {
			return best
		}
		if taken.After(deadline) {
			s.tb.Fatalf("%q not found on screen within %v", word, timeout)
		}
	}
}

// clickText clicks the centre of a word found on screen.
func (s *session) clickText(word string) {
	s.tb.Helper()
	p := s.findText(word, 30*time.Second)
	s.click(p.X, p.Y)
}

// Status reads the status file the app keeps.
func (s *session) Status() (app.StatusReport, bool) {
	var r app.StatusReport
	b, err := os.ReadFile(s.status)
	if err != nil || json.Unmarshal(b, &r) != nil {
		return r, false
	}
	return r, true
}

func (s *session) waitStatus(what string, timeout time.Duration, cond func(app.StatusReport) bool) app.StatusReport {
	s.tb.Helper()
	var last app.StatusReport
	testutil.Eventually(s.tb, timeout, what, func() bool {
		if s.cmd.ProcessState != nil {
			s.tb.Fatalf("slopgui exited while waiting for %s", what)
		}
		r, ok := s.Status()
		last = r
		return ok && cond(r)
	})
	return last
}

// waitReload waits until reload number n has finished and its result has
// been drawn for a few frames.
func (s *session) waitReload(n int) app.StatusReport {
	s.tb.Helper()
	r := s.waitStatus(fmt.Sprintf("reload %d", n), 15*time.Minute, func(r app.StatusReport) bool {
		return r.Reloads >= n && !r.Busy
	})
	frames := r.Frames
	s.xdotool("mousemove_relative", "--", "1", "0") // input makes giu draw
	return s.waitStatus("frames after the reload", time.Minute, func(r app.StatusReport) bool { return r.Frames >= frames+2 })
}

func (s *session) xdotool(args ...string) {
	s.tb.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+s.display)
	if b, err := cmd.CombinedOutput(); err != nil {
		s.tb.Fatalf("xdotool %v: %v\n%s", args, err, b)
	}
}

// click clicks at window coordinates (the window sits at the origin of
// the bare X server).
func (s *session) click(x, y int) {
	s.tb.Helper()
	s.xdotool("mousemove", strconv.Itoa(x), strconv.Itoa(y))
	s.frameDrawn()
	s.xdotool("click", "1")
	s.frameDrawn()
}

// keyCombo presses mod+key as a person does, over frames: mod held, a
// frame, key, a frame, mod released. xdotool key lets the modifier go
// before the key; when a frame falls between the modifier's press and the
// key's, ImGui takes the key with the modifier already up. slopgui's own
// shortcuts allow for it (gui/giubackend IsKeyChordPressed), a text box's
// Ctrl+A or Ctrl+End is ImGui's and does not (the rename box read
// "take 2Experiment").
func (s *session) keyCombo(mod, key string) {
	s.tb.Helper()
	s.xdotool("keydown", mod)
	s.frameDrawn()
	s.xdotool("key", key)
	s.frameDrawn()
	s.xdotool("keyup", mod)
}

// frameDrawn waits (at most 15 s) until the app has drawn a frame after
// what the test did last: `slopgui ctl status` is answered on the next
// frame. A mouse moved and clicked within one frame loses the click on
// an ImGui tab (it takes a click only when the mouse was over it in the
// frame before), which a loaded machine made happen; a person's mouse
// rests first. If the app cannot answer (no socket, frozen), the caller
// goes on.
func (s *session) frameDrawn() {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.bin, "ctl", "--pid", strconv.Itoa(s.cmd.Process.Pid), "status")
	cmd.Env = append(os.Environ(), s.env...)
	_ = cmd.Run() // only waited on
}

// screenshot captures the screen as a PNG and decodes it.
func (s *session) screenshot(name string) (string, image.Image) {
	s.tb.Helper()
	s.n++
	p := filepath.Join(s.shots, fmt.Sprintf("%02d-%s.png", s.n, name))
	cmd := exec.Command("import", "-window", "root", p)
	cmd.Env = append(os.Environ(), "DISPLAY="+s.display)
	if b, err := cmd.CombinedOutput(); err != nil {
		s.tb.Fatalf("screenshot: %v\n%s", err, b)
	}
	f, err := os.Open(p)
	if err != nil {
		s.tb.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		s.tb.Fatalf("decoding %s: %v", p, err)
	}
	return p, img
}

// ocrPasses prepare a screenshot for tesseract. The UI is light text on
// dark, so the image is scaled up and inverted; the second, thresholded
// pass reads text inside input boxes.
var ocrPasses = [][]string{
	{"-resize", "200%", "-colorspace", "Gray", "-negate"},
	{"-resize", "300%", "-colorspace", "Gray", "-negate", "-threshold", "60%"},
}

// ocrPass returns what tesseract reads in a screenshot prepared by pass i.
func (s *session) ocrPass(shot string, i int) string {
	s.tb.Helper()
	prepared := fmt.Sprintf("%s-ocr%d.png", strings.TrimSuffix(shot, ".png"), i)
	args := append(append([]string{shot}, ocrPasses[i]...), prepared)
	if b, err := ocrCmd("convert", args...).CombinedOutput(); err != nil {
		s.tb.Fatalf("convert: %v\n%s", err, b)
	}
	out, err := ocrCmd("tesseract", prepared, "-", "--psm", "11").Output()
	if err != nil {
		s.tb.Fatalf("tesseract: %v", err)
	}
	return string(out) + "\n"
}

// ocr returns the text tesseract reads in a screenshot, both passes: what
// a check that something is NOT on screen must read.
func (s *session) ocr(shot string) string {
	s.tb.Helper()
	return s.ocrPass(shot, 0) + s.ocrPass(shot, 1)
}

// waitScreen takes screenshots until OCR finds every wanted string, and
// returns the last screenshot. The thresholded pass runs only when the
// first did not read everything. (The deadline is on when a screenshot is
// taken, not on when OCR finishes: under load one OCR pass can take longer
// than the timeout, and a shot taken too early must not end the wait.)
func (s *session) waitScreen(name string, timeout time.Duration, want ...string) image.Image {
	s.tb.Helper()
	img, _ := s.screenUntil(name, timeout, false, want)
	return img
}

// waitScreenText is waitScreen that also returns the text of both OCR
// passes of the last screenshot, for checks of what must be absent.
func (s *session) waitScreenText(name string, timeout time.Duration, want ...string) (image.Image, string) {
	s.tb.Helper()
	return s.screenUntil(name, timeout, true, want)
}

func (s *session) screenUntil(name string, timeout time.Duration, whole bool, want []string) (image.Image, string) {
	s.tb.Helper()
	deadline := time.Now().Add(timeout)
	missing := func(text string) string {
		for _, w := range want {
			if !strings.Contains(text, w) {
				return w
			}
		}
		return ""
	}
	for {
		taken := time.Now()
		shot, img := s.screenshot(name)
		text := s.ocrPass(shot, 0)
		lacks := missing(text)
		if lacks != "" || whole {
			text += s.ocrPass(shot, 1)
			lacks = missing(text)
		}
		if lacks == "" {
			return img, text
		}
		if taken.After(deadline) {
			s.tb.Fatalf("%s: %q not on screen after %v; OCR read:\n%s", name, lacks, timeout, text)
		}
	}
}

// redFraction is the share of sampled pixels in r whose red channel
// exceeds green and blue by a clear margin.
func redFraction(img image.Image, r image.Rectangle) float64 {
	r = r.Intersect(img.Bounds())
	red, all := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y += 7 {
		for x := r.Min.X; x < r.Max.X; x += 7 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			R, G, B := int(cr>>8), int(cg>>8), int(cb>>8)
			if R > G+35 && R > B+35 {
				red++
			}
			all++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(red) / float64(all)
}

func (s *session) edit(rel, old, new string) {
	s.tb.Helper()
	testutil.MustReplace(s.tb, filepath.Join(s.root, filepath.FromSlash(rel)), old, new)
}

// writeModelProject writes a project file named file (in a new temporary
// directory) whose model is the OpenAI-compatible server at baseURL,
// followed by discussions (its [[Discussions]] tables), and returns its
// path.
func writeModelProject(tb testing.TB, file, name, root, baseURL, discussions string) string {
	tb.Helper()
	proj := filepath.Join(tb.TempDir(), file)
	toml := fmt.Sprintf(`Format = 1
[Project]
  Name = %q
  Root = %q
[AI]
  Provider = "openai-compatible"
  Model = "testmodel"
  MaxTokens = 256
  BaseURL = %q
`, name, root, baseURL) + discussions
	if err := os.WriteFile(proj, []byte(toml), 0o644); err != nil {
		tb.Fatal(err)
	}
	return proj
}
