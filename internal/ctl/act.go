package ctl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/gui/uitree"
)

// The ops that act on the UI (`slopgui ctl click …`, MCP tools of the same
// names). Click, type, key and set change state and ask the user first
// when approval is on; select_tab and wait_for do not.
const (
	OpClick     = "click"      // Query: a label or ID to press
	OpType      = "type"       // Query: an input's ID or label; Text: typed into it
	OpKey       = "key"        // Text: a key combination, e.g. ctrl+s
	OpSelectTab = "select_tab" // Query: a tab's label
	OpWaitFor   = "wait_for"   // Query: text, label or ID to wait for
	OpSet       = "set"        // Key: a state key; Value: its new value as JSON
	OpSelect    = "select"     // Query: a combo or slider; Text: the item's text or the number
)

// IsActOp reports whether op is one of the UI action ops.
func IsActOp(op string) bool {
	switch op {
	case OpClick, OpType, OpKey, OpSelectTab, OpWaitFor, OpSet, OpSelect:
		return true
	}
	return false
}

// ReadOnlyKeys are the state keys set refuses: what the app or the engine
// owns (the model's request, logs, MMA tracks) and the user's own
// safeguards (an agent never turns approval off).
var ReadOnlyKeys = []string{"Comms", "ToolLog", "Chat", "Tracks", "ApproveAgentReloads", "Prices"}

// Keyboard types into the render thread's input queue (gui/giubackend).
type Keyboard interface {
	Press(uitree.KeyCombo)
	Type(text string)
	Queued() int
	Active() uint32
	// Release ends the editing of the active item (its own copy of
	// the text would otherwise win over a state set).
	Release()
}

// ActApp is what ServeAct needs of the app.
type ActApp struct {
	Rec *uitree.Recorder
	// Mu serialises the requests that wait for a recorded frame.
	Mu *sync.Mutex
	// Wake makes the render loop draw a frame soon.
	Wake func()
	// OnRenderThread runs f on the render thread at the next frame.
	OnRenderThread func(ctx context.Context, f func()) error
	// Approve asks the user, when approval is on, to allow what; ok
	// false means answer with resp.
	Approve  func(ctx context.Context, peer Peer, what string) (resp Response, ok bool)
	Keyboard Keyboard
	// State is the struct holding the state keys (set), Keys them.
	State any
	Keys  []string
	// Set applies key = v on the render thread.
	Set func(key string, v any) error
	// Log records an action done (or refused) for the Hot Reload panel.
	Log func(peer Peer, what, result string)
}

// AskAction asks q, when on, whether peer may do what (an action on the
// UI); ok false means answer with resp.
func AskAction(ctx context.Context, q *approval.Queue, on bool, peer Peer, what string) (resp Response, ok bool) {
	if !on {
		return Response{}, true
	}
	ans, err := q.Ask(ctx, approval.Request{Kind: approval.KindAction, Title: what, Asker: approval.Asker{Name: peer.String(), PID: peer.PID}})
	switch {
	case err != nil:
		return Response{Code: ExitUsage, Error: "no answer from the user: " + err.Error()}, false
	case !ans.Approved:
		return Response{Code: ExitDenied, Error: "denied by the user: " + what}, false
	}
	return Response{}, true
}

// clickable are the kinds a click presses.
var clickable = []uitree.Kind{uitree.Button, uitree.Checkbox, uitree.Selectable, uitree.MenuItem, uitree.Tab, uitree.Menu}

// ServeAct serves the UI action ops.
func ServeAct(ctx context.Context, app ActApp, peer Peer, req Request) Response {
	if app.Rec == nil {
		return Response{Code: ExitUsage, Error: "this slopgui draws no window, so there is nothing to act on"}
	}
	if req.Op != OpWaitFor { // one action at a time; waiting blocks none
		actMu.Lock()
		defer actMu.Unlock()
	}
	s := &actor{app: app}
	resp, what := s.serve(ctx, peer, req)
	if app.Log != nil && req.Op != OpWaitFor && what != "" {
		res := "ok"
		if resp.Code != ExitOK {
			res = firstLine(resp.Error)
		}
		app.Log(peer, what, res)
	}
	return resp
}

// ActionLog keeps the last actions agents took, for the Hot Reload
// panel's history; safe for concurrent use.
type ActionLog struct {
	mu   sync.Mutex
	recs []contract.ActionRecord
}

// Add records an action.
func (l *ActionLog) Add(when time.Time, peer Peer, what, result string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.recs = append(l.recs, contract.ActionRecord{When: when, Client: peer.String(), PID: peer.PID, Action: what, Result: result})
	if n := len(l.recs); n > 100 {
		l.recs = slices.Clone(l.recs[n-100:])
	}
}

// Records returns the actions, oldest first.
func (l *ActionLog) Records() []contract.ActionRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.recs)
}

// actMu serialises the actions (one app per process).
var actMu sync.Mutex

type actor struct{ app ActApp }

// frame is the tree of the next frame drawn.
func (s *actor) frame(ctx context.Context) (uitree.Tree, error) {
	rec := s.app.Rec
	s.app.Mu.Lock()
	defer s.app.Mu.Unlock()
	select {
	case <-rec.Done(): // a tree an earlier request gave up on
	default:
	}
	rec.Want()
	s.app.Wake()
	select {
	case t := <-rec.Done():
		return t, nil
	case <-ctx.Done():
		return uitree.Tree{}, fmt.Errorf("no frame was drawn: %w", ctx.Err())
	}
}

// find resolves q in a tree of the next frame; a miss names what there is.
func (s *actor) find(ctx context.Context, q string, kinds ...uitree.Kind) (uitree.Tree, uitree.Item, error) {
	t, err := s.frame(ctx)
	if err != nil {
		return t, uitree.Item{}, err
	}
	it, err := t.Find(q, kinds...)
	var amb *uitree.AmbiguousError
	if err != nil && !errors.As(err, &amb) {
		var names []string
		for _, it := range t.Items() {
			if (len(kinds) == 0 || slices.Contains(kinds, it.Kind)) && it.Label != "" && len(names) < 40 {
				names = append(names, fmt.Sprintf("%q (%s)", it.Label, it.ID))
			}
		}
		err = fmt.Errorf("%w; there is: %s", err, strings.Join(names, ", "))
	}
	return t, it, err
}

// refind is find by the ID of an item found before an approval.
func (s *actor) refind(ctx context.Context, it uitree.Item) (uitree.Tree, uitree.Item, error) {
	return s.find(ctx, it.ID)
}

// ApprovalWindow is the title of the modal in which the user approves or
// denies what clients ask for. Its buttons are in the widget tree, but a
// client cannot press them: it would answer its own request.
const ApprovalWindow = "Agent request"

func describe(it uitree.Item) string {
	name := it.Label
	if name == "" {
		name = it.Key
	}
	return fmt.Sprintf("%s %q (%s) in %q", it.Kind, name, it.ID, visibleTitle(it.Window))
}

func visibleTitle(t string) string {
	if i := strings.Index(t, "##"); i >= 0 {
		return t[:i]
	}
	return t
}

func fail(code int, err error) Response { return Response{Code: code, Error: err.Error()} }

// serve does req and says what it did, for the log.
func (s *actor) serve(ctx context.Context, peer Peer, req Request) (Response, string) {
	switch req.Op {
	case OpWaitFor:
		return s.waitFor(ctx, req.Query), ""
	case OpSet:
		return s.set(ctx, peer, req.Key, req.Value)
	case OpKey:
		combo, err := uitree.ParseCombo(req.Text)
		if err != nil {
			return fail(ExitUsage, err), ""
		}
		what := "press " + combo.Text
		if resp, ok := s.app.Approve(ctx, peer, what); !ok {
			return resp, what
		}
		before, err := s.frame(ctx)
		if err != nil {
			return fail(ExitFailed, err), what
		}
		return s.keys(ctx, before, func() { s.app.Keyboard.Press(combo) }, "pressed "+combo.Text), what
	}
	kinds := map[string][]uitree.Kind{OpClick: clickable, OpType: {uitree.Input}, OpSelectTab: {uitree.Tab}, OpSelect: {uitree.Combo, uitree.Slider}}[req.Op]
	_, it, err := s.find(ctx, req.Query, kinds...)
	if err != nil {
		return fail(ExitFailed, fmt.Errorf("%s: %w", strings.ReplaceAll(req.Op, "_", "-"), err)), ""
	}
	if !it.Enabled {
		return fail(ExitFailed, fmt.Errorf("%s is disabled", describe(it))), ""
	}
	if visibleTitle(it.Window) == ApprovalWindow {
		return fail(ExitDenied, fmt.Errorf("%s answers an approval: that is the user's to click, not a client's (ask the user with slopgui ctl ask, or turn approval off)", describe(it))), ""
	}
	if req.Op == OpSelect {
		if err := selectable(it, req.Text); err != nil {
			return fail(ExitFailed, err), ""
		}
	}
	var what string
	switch {
	case req.Op == OpSelect:
		what = fmt.Sprintf("select %q in %s", req.Text, describe(it))
	case req.Op == OpType:
		what = fmt.Sprintf("type %q into %s", req.Text, describe(it))
	case req.Op == OpSelectTab || it.Kind == uitree.Tab:
		what = "select " + describe(it)
	default:
		what = "click " + describe(it)
	}
	if req.Op != OpSelectTab {
		if resp, ok := s.app.Approve(ctx, peer, what); !ok {
			return resp, what
		}
	}
	before, it2, err := s.refind(ctx, it)
	if err != nil {
		return fail(ExitFailed, fmt.Errorf("after approval: %w", err)), what
	}
	if it2.Kind == uitree.Tab {
		s.app.Rec.SelectTab(it2.Label)
		after, err := s.frame(ctx)
		for err == nil && !s.app.Rec.TabSelected() {
			after, err = s.frame(ctx)
		}
		if err != nil {
			return fail(ExitFailed, err), what
		}
		return changed(before, after, "selected "+describe(it2)), what
	}
	kind := uitree.Press
	if req.Op == OpType {
		kind = uitree.Focus
	} else if req.Op == OpSelect {
		kind = uitree.Select
	} else if err := s.app.OnRenderThread(ctx, s.app.Keyboard.Release); err != nil {
		// As a real click would, the click ends the editing of a text box.
		return fail(ExitFailed, err), what
	}
	done := s.app.Rec.ActValue(kind, it2.ID, req.Text)
	s.app.Wake()
	select {
	case hit := <-done:
		if !hit {
			return fail(ExitFailed, fmt.Errorf("%s was not drawn in the next frame", describe(it2))), what
		}
	case <-ctx.Done():
		return fail(ExitFailed, fmt.Errorf("no frame was drawn: %w", ctx.Err())), what
	}
	if req.Op != OpType {
		after, err := s.frame(ctx)
		if err != nil {
			return fail(ExitFailed, err), what
		}
		if req.Op == OpSelect {
			return changed(before, after, fmt.Sprintf("selected %q in %s", req.Text, describe(it2))), what
		}
		return changed(before, after, "clicked "+describe(it2)), what
	}
	// The input takes the focus in a frame or two; then the keys go in.
	id := it2.ID
	for i := 0; ; i++ {
		var active uint32
		if err := s.app.OnRenderThread(ctx, func() { active = s.app.Keyboard.Active() }); err != nil {
			return fail(ExitFailed, err), what
		}
		if uitree.HexID(active) == id {
			break
		}
		if i == 30 {
			return fail(ExitFailed, fmt.Errorf("%s did not take the keyboard focus", describe(it2))), what
		}
	}
	return s.keys(ctx, before, func() {
		s.app.Keyboard.Press(uitree.EndOfText)
		s.app.Keyboard.Type(req.Text)
	}, fmt.Sprintf("typed %d characters into %s", len([]rune(req.Text)), describe(it2))), what
}

// keys queues input on the render thread, waits until ImGui has taken it
// all, and answers with what changed.
func (s *actor) keys(ctx context.Context, before uitree.Tree, input func(), msg string) Response {
	if err := s.app.OnRenderThread(ctx, input); err != nil {
		return fail(ExitFailed, err)
	}
	for {
		n := 0
		if err := s.app.OnRenderThread(ctx, func() { n = s.app.Keyboard.Queued() }); err != nil {
			return fail(ExitFailed, err)
		}
		if n == 0 {
			break
		}
	}
	after, err := s.frame(ctx)
	if err != nil {
		return fail(ExitFailed, err)
	}
	return changed(before, after, msg)
}

func changed(before, after uitree.Tree, msg string) Response {
	c := uitree.Changed(before, after)
	if c == nil {
		c = []uitree.Item{}
	}
	return Response{Message: fmt.Sprintf("%s; %d items changed", msg, len(c)), Changed: c}
}

// waitFor waits until an item whose ID, label or text is q (text: holds
// q) is drawn.
func (s *actor) waitFor(ctx context.Context, q string) Response {
	if q == "" {
		return Response{Code: ExitUsage, Error: "wait-for: what to wait for is empty"}
	}
	for {
		t, err := s.frame(ctx)
		if err != nil {
			return Response{Code: ExitFailed, Error: fmt.Sprintf("wait-for %q: not drawn: %v", q, err)}
		}
		for _, it := range t.Items() {
			v, _ := it.Value.(string)
			if it.ID == q || (it.Key != "" && it.Key == q) || it.Label == q || (it.Text != "" && strings.Contains(it.Text, q)) || (v != "" && strings.Contains(v, q)) {
				return Response{Message: fmt.Sprintf("drawn: %s", describe(it)), Changed: []uitree.Item{it}}
			}
		}
		// Not yet: wait a little for the next frame (an idle app draws
		// 10 a second; no need to make it draw faster).
		select {
		case <-time.After(50 * time.Millisecond):
		case <-ctx.Done():
			return Response{Code: ExitFailed, Error: fmt.Sprintf("wait-for %q: not drawn: %v", q, ctx.Err())}
		}
	}
}

// set decodes value into key's type and applies it between frames.
func (s *actor) set(ctx context.Context, peer Peer, key, value string) (Response, string) {
	v, k, err := DecodeState(s.app.State, s.app.Keys, key, []byte(value))
	if err != nil {
		return fail(ExitUsage, err), ""
	}
	what := fmt.Sprintf("set %s to %s", k, clip(string(value), 200))
	if resp, ok := s.app.Approve(ctx, peer, what); !ok {
		return resp, what
	}
	before, err := s.frame(ctx)
	if err != nil {
		return fail(ExitFailed, err), what
	}
	var serr error
	// Released a frame before: a text box just left applies its own text
	// once more in the frame it is left.
	if err := s.app.OnRenderThread(ctx, s.app.Keyboard.Release); err != nil {
		return fail(ExitFailed, err), what
	}
	if err := s.app.OnRenderThread(ctx, func() { serr = s.app.Set(k, v) }); err != nil {
		return fail(ExitFailed, err), what
	}
	if serr != nil {
		return fail(ExitFailed, fmt.Errorf("set %s: %w", k, serr)), what
	}
	after, err := s.frame(ctx)
	if err != nil {
		return fail(ExitFailed, err), what
	}
	return changed(before, after, "set "+k), what
}

// DecodeState decodes value as the state key key of holder (a pointer to
// a struct; keys are its state keys, matched ignoring case). Unknown and
// read-only keys, and values of the wrong shape, are errors that say so.
func DecodeState(holder any, keys []string, key string, value json.RawMessage) (any, string, error) {
	k := ""
	for _, s := range keys {
		if strings.EqualFold(s, key) {
			k = s
		}
	}
	if k == "" {
		return nil, "", fmt.Errorf("no state key %q; the keys are: %s", key, strings.Join(keys, ", "))
	}
	if slices.Contains(ReadOnlyKeys, k) {
		return nil, "", fmt.Errorf("state key %s is read-only here (read-only: %s)", k, strings.Join(ReadOnlyKeys, ", "))
	}
	t := reflect.TypeOf(holder)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	f, ok := t.FieldByName(k)
	if !ok {
		return nil, "", fmt.Errorf("state key %s: %v has no such field", k, t)
	}
	p := reflect.New(f.Type)
	dec := json.NewDecoder(strings.NewReader(string(value)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(p.Interface()); err != nil {
		return nil, "", fmt.Errorf("state key %s wants %v as JSON: %w", k, f.Type, err)
	}
	if dec.More() {
		return nil, "", fmt.Errorf("state key %s: more than one JSON value", k)
	}
	return p.Elem().Interface(), k, nil
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// selectable checks that value is one of a combo's options, or a number
// for a slider.
func selectable(it uitree.Item, value string) error {
	switch it.Kind {
	case uitree.Combo:
		if !slices.Contains(it.Options, value) {
			return fmt.Errorf("%s offers no %q; it offers: %q", describe(it), value, it.Options)
		}
	case uitree.Slider:
		if _, err := strconv.ParseFloat(value, 32); err != nil {
			return fmt.Errorf("%s takes a number, not %q", describe(it), value)
		}
	}
	return nil
}
