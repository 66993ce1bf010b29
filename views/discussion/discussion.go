package discussion

import (
	"fmt"
	"slices"
	"strings"
	"unsafe"

	g "github.com/slopgui/slopgui/gui"
	"github.com/slopgui/slopgui/gui/imgui"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ui"
)

// DiscussionHub manages discussions (select, new, rename, delete) and shows
// the active one's entries, each editable in place, above a composer that
// adds new ones. The split between the two is kept in UI.DiscussionSplit.
func DiscussionHub(f *contract.Frame) {
	u := f.UI
	approvalDialog(f) // even with the hub closed: the model waits for it
	linkDialog(f)
	open, done := ui.Window(f, state.WindowDiscussion)
	defer done()
	if !*open {
		return
	}
	d := u.ActiveDisc()
	var action func() // changes to the lists run after the window is drawn

	startRename := false // Rename was clicked this frame: focus the name
	names := u.DiscussionNames()
	active := int32(u.ActiveDiscussion)
	selector := g.Custom(func() {
		newW, renW, delW := ui.ButtonWidth("New"), ui.ButtonWidth("Rename"), ui.ButtonWidth("Delete")
		g.Combo("##discussion", names[active], names, &active).Size(160).
			OnChange(func() {
				u.ActiveDiscussion = int(active)
				u.Forms.Renaming = false
			}).Build()
		imgui.SameLine()
		create := func() { CreateDiscussion(f) }
		g.InputText(&u.Forms.NewDiscussionName).ID("##new-discussion").Hint("new discussion name").
			Size(-(newW + renW + delW)).Flags(g.InputTextFlagsEnterReturnsTrue).OnChange(create).Build()
		imgui.SameLine()
		ui.Button("New", "disc-new", create).Build()
		imgui.SameLine()
		ui.Button("Rename", "disc-rename", func() {
			startRename = true
			u.Forms.Renaming = true
			u.Forms.RenameTo = d.Name
		}).Build()
		imgui.SameLine()
		ui.Button("Delete", "disc-delete", func() {
			i := u.ActiveDiscussion
			action = func() { _ = u.DeleteDiscussion(i) }
		}).Build()
		ui.Tooltip("Delete this discussion (the last one is emptied instead)").Build()
	})

	rename := g.Custom(func() {
		if !u.Forms.Renaming {
			return
		}
		// Check the name as RenameDiscussion would, on a copy, so the
		// reason shows while typing and OK is only offered when it works.
		trial := state.UI{Discussions: slices.Clone(u.Discussions)}
		renameErr := trial.RenameDiscussion(u.ActiveDiscussion, u.Forms.RenameTo)
		okW, cancelW := ui.ButtonWidth("OK"), ui.ButtonWidth("Cancel")
		imgui.AlignTextToFramePadding()
		imgui.TextUnformatted("Rename to")
		imgui.SameLine()
		apply := func() {
			if err := u.RenameDiscussion(u.ActiveDiscussion, u.Forms.RenameTo); err == nil {
				u.Forms.Renaming = false
			}
		}
		g.InputText(&u.Forms.RenameTo).ID("##rename-to").Size(-(okW + cancelW)).Focus(startRename).
			Flags(g.InputTextFlagsEnterReturnsTrue).OnChange(apply).Build()
		imgui.SameLine()
		ui.Button("OK", "rename-ok", apply).Disabled(renameErr != nil).Build()
		imgui.SameLine()
		ui.Button("Cancel", "rename-cancel", func() { u.Forms.Renaming = false }).Build()
		if renameErr != nil {
			ui.ColorText(ui.ErrorColor(), renameErr.Error()).Build()
		}
	})

	var history g.Widget = g.Custom(func() {
		drawEntries(f, d, &action)
		if u.Chat.Follow && u.Chat.Discussion == u.ActiveDiscussion {
			// Follow the answer as it arrives, until the end (as drawn
			// this frame: new entries' heights are only known once drawn)
			// is in view.
			end := imgui.CursorPosY() - imgui.CurrentStyle().ItemSpacing().Y
			if end <= imgui.ScrollY()+imgui.WindowHeight() && !u.Chat.Busy {
				u.Chat.Follow = false
			} else {
				imgui.SetScrollHereYV(1)
			}
		}
	})
	if len(d.Entries) == 0 {
		history = ui.ColorText(ui.DimColor(), "No entries yet: write one in the composer below and press Add.")
	}

	roles := u.Project.RoleNames()
	role := roles[0]
	if int(u.ComposerRole) < len(roles) && u.ComposerRole >= 0 {
		role = roles[u.ComposerRole]
	}

	g.Window(state.WindowDiscussion).IsOpen(open).Pos(10, f.Top+5).Size(620, 790-f.Top-5).Layout(
		selector,
		rename,
		stampRow(f, d),
		takesBar(f, d, &action),
		ui.Row(append([]g.Widget{
			g.Labelf("%d entries", len(d.Entries)),
			ui.Button("Collapse all", "collapse-all", func() { d.SetAllCollapsed(true) }),
			ui.Button("Expand all", "expand-all", func() { d.SetAllCollapsed(false) }),
		}, takeButtons(u, d, &action)...)...),
		g.SplitLayout(g.DirectionHorizontal, &u.DiscussionSplit,
			g.Layout{history},
			g.Layout{
				ui.Row(
					g.Label("Composer"),
					g.Combo("##composer-role", role, roles, &u.ComposerRole).Size(110),
					rolesButton(u),
					ui.Button("Add", "composer-add", func() { u.SubmitComposer(f.Now) }).
						Disabled(strings.TrimSpace(u.ComposerText) == ""),
					ui.Tooltip("Add the text as an entry with the chosen role"),
					sendButton(f),
				),
				rolesRow(u),
				sendStatus(f),
				unwrappedNote(u.ComposerText),
				g.InputTextMultiline(&u.ComposerText).ID("##composer").Size(-1, -1).
					Flags(g.InputTextFlagsWordWrap | g.InputTextFlagsAllowTabInput),
			},
		).ID("##discussion-split"),
	)
	if action != nil {
		action()
	}
}

// unwrappedNote says why a text longer than gui.WrapLimit is drawn with
// its lines unwrapped, or is nil.
func unwrappedNote(text string) g.Widget {
	if len(text) <= g.WrapLimit {
		return nil
	}
	return ui.ColorText(ui.DimColor(), fmt.Sprintf("%.1f MB: lines are not wrapped above %d KB (wrapping costs every frame)",
		float64(len(text))/(1<<20), g.WrapLimit>>10))
}

// entryView draws entry i of d: a header (number, role, time, collapse,
// move up / down, delete) and, when expanded, its text, editable in place.
// Changes to the list are left in *action.
func entryView(f *contract.Frame, d *state.Discussion, i int, action *func()) g.Widget {
	e := d.Entries[i]
	roles, role := entryRole(f.UI, e)
	preview := string(e.Role)
	when := "-"
	if !e.Time.IsZero() {
		when = e.Time.Format("2006-01-02 15:04")
	}
	toggle := g.DirectionDown
	if e.Collapsed {
		toggle = g.DirectionRight
	}
	id := func(what string) g.ID { return g.ID(fmt.Sprintf("##%s-%d", what, i)) }

	return g.Custom(func() {
		imgui.PushIDInt(int32(i))
		defer imgui.PopID()
		rightEdge := imgui.CursorPosX() + imgui.ContentRegionAvail().X
		g.ArrowButton(toggle).ID(id("toggle")).OnClick(func() {
			d.Entries[i].Collapsed = !d.Entries[i].Collapsed
		}).Build()
		ui.Tooltip("Collapse / expand").Build()
		imgui.SameLine()
		ui.ColorText(ui.DimColor(), fmt.Sprintf("#%d", i+1)).Build()
		imgui.SameLine()
		g.Combo("", preview, roles, &role).ID(id("role")).Size(90).OnChange(func() {
			d.Entries[i].Role = state.Role(roles[role])
		}).Build()
		imgui.SameLine()
		ui.ColorText(ui.DimColor(), when).Build()
		if tag, c := statusTag(e.Status); tag != "" {
			imgui.SameLine()
			ui.ColorText(c, tag).Build()
		}
		if e.Collapsed {
			imgui.SameLine()
			ui.ColorText(ui.DimColor(), oneLine(e.Text, 40)).Build()
		}
		upW := imgui.FrameHeight() + imgui.CurrentStyle().ItemSpacing().X
		right := upW*2 + ui.ButtonWidth("Delete") + ui.ButtonWidth("...")
		readEdit := readEditButton(d, i)
		if readEdit != nil {
			right += ui.ButtonWidth(readEditLabel(&e))
		}
		imgui.SameLine()
		if x := rightEdge - right; x > imgui.CursorPosX() {
			imgui.SetCursorPosX(x)
		}
		entryMenu(f, d, i).Build()
		ui.Tooltip("Insert an entry above or below, or branch a take from here").Build()
		imgui.SameLine()
		if readEdit != nil {
			readEdit.Build()
			imgui.SameLine()
		}
		g.ArrowButton(g.DirectionUp).ID(id("up")).OnClick(func() {
			*action = func() { d.MoveEntry(i, -1) }
		}).Build()
		ui.Tooltip("Move up").Build()
		imgui.SameLine()
		g.ArrowButton(g.DirectionDown).ID(id("down")).OnClick(func() {
			*action = func() { d.MoveEntry(i, 1) }
		}).Build()
		ui.Tooltip("Move down").Build()
		imgui.SameLine()
		ui.Button("Delete", fmt.Sprintf("del-%d", i), func() {
			*action = func() { d.DeleteEntry(i) }
		}).Build()
		if w := entryActions(f, d, i, action); w != nil {
			w.Build()
		}
		if e.Collapsed {
			return
		}
		if rendered(&e) && answerView(f, &d.Entries[i], i) {
			return
		}
		// As tall as the text, wrapped, up to 20 lines; it scrolls after.
		st := imgui.CurrentStyle()
		width := imgui.ContentRegionAvail().X
		textH := heights.text(heightKeyOf(&d.Entries[i]), func() float32 {
			return imgui.CalcTextSizeV(d.Entries[i].Text, false, width-st.FramePadding().X*2-st.ScrollbarSize()).Y
		})
		h := min(max(textH, imgui.TextLineHeight()), imgui.TextLineHeight()*20) + st.FramePadding().Y*2 + 2
		g.InputTextMultiline(&d.Entries[i].Text).ID(id("text")).Size(-1, h).
			Flags(g.InputTextFlagsWordWrap | g.InputTextFlagsAllowTabInput).Build()
	})
}

// drawEntries draws only the entries that are in view (a discussion can
// hold thousands): the others are skipped over by their height, known
// from when they were last drawn or estimated from their text, so the
// scroll bar stays right. Heights are kept in entryHeights.
func drawEntries(f *contract.Frame, d *state.Discussion, action *func()) {
	width := imgui.ContentRegionAvail().X
	heights.reset(width, len(d.Entries))
	m := &estimate{width: width}
	top, bottom := imgui.ScrollY(), imgui.ScrollY()+imgui.WindowHeight()
	y := imgui.CursorPosY()
	i := 0
	for ; i < len(d.Entries); i++ { // above the view
		h := heights.of(&d.Entries[i], i, m)
		if y+h >= top {
			break
		}
		y += h
	}
	imgui.SetCursorPosY(y)
	for ; i < len(d.Entries) && y < bottom; i++ { // in view: drawn, measured
		e := &d.Entries[i]
		key := heightKeyOf(e)
		entryView(f, d, i, action).Build()
		next := imgui.CursorPosY()
		heights.set(key, i, next-y)
		y = next
	}
	rest := float32(0)
	for ; i < len(d.Entries); i++ { // below the view
		rest += heights.of(&d.Entries[i], i, m)
	}
	if rest > 0 {
		imgui.SetCursorPosY(y + rest)
		imgui.Dummy(imgui.Vec2{})
	}
}

// heightKey identifies an entry's text (by its memory: strings never
// change in place, and the host's copies of the state share them) and
// whether it is collapsed.
type heightKey struct {
	text      uintptr
	n         int
	collapsed bool
}

func heightKeyOf(e *state.Entry) heightKey {
	return heightKey{uintptr(unsafe.Pointer(unsafe.StringData(e.Text))), len(e.Text), e.Collapsed}
}

// entryHeights caches how tall each entry is drawn at the current width.
// It is a cache, not state: a reload starts it empty and it refills.
type entryHeights struct {
	width float32
	h     map[heightKey]float32
	// texts are the wrapped heights of entries' texts: measuring one
	// walks all of it, which for a 1 MB answer is milliseconds a frame.
	texts map[heightKey]float32
	// at is by entry index: the key last seen there and its height, so
	// the thousands of entries skipped each frame cost no map lookups.
	at []indexedHeight
}

type indexedHeight struct {
	k  heightKey
	h  float32
	ok bool // set (the zero key is an empty text's)
}

var heights entryHeights

// reset empties the cache when the width changes or it has grown well
// past the number of entries (edited texts leave old keys behind).
func (c *entryHeights) reset(width float32, n int) {
	if c.h == nil || c.width != width || len(c.h) > 2*n+64 || len(c.texts) > 2*n+64 {
		c.width, c.h, c.texts, c.at = width, make(map[heightKey]float32, n), map[heightKey]float32{}, nil
	}
	if len(c.at) != n {
		c.at = make([]indexedHeight, n)
	}
}

// text returns the wrapped height of the text k names, measured once.
func (c *entryHeights) text(k heightKey, measure func() float32) float32 {
	h, ok := c.texts[k]
	if !ok {
		h = measure()
		c.texts[k] = h
	}
	return h
}

func (c *entryHeights) set(k heightKey, i int, h float32) {
	c.h[k] = h
	c.at[i] = indexedHeight{k, h, true}
}

// estimate holds what an entry's estimated height needs from the style,
// read at the first estimate of a frame and kept for the rest of it: each
// read is a call into C, and the first frame at a new width (the window's
// first frames, a resize, a scroll bar appearing) estimates every entry
// of the discussion, thousands of them.
type estimate struct {
	width   float32
	read    bool    // the fields below are read
	head    float32 // a collapsed entry: its header and the spacing after it
	perLine int     // characters on a line of the text box, about
	line    float32 // a line of text
	box     float32 // the text box's padding and border, and the spacing after it
}

func (m *estimate) readStyle() {
	if m.read {
		return
	}
	st := imgui.CurrentStyle()
	m.read = true
	m.head = imgui.FrameHeight() + st.ItemSpacing().Y
	m.perLine = max(int((m.width-st.FramePadding().X*2-st.ScrollbarSize())/(imgui.FontSize()*0.5)), 1)
	m.line = imgui.TextLineHeight()
	m.box = st.FramePadding().Y*2 + 2 + st.ItemSpacing().Y
}

// of returns e's height: as last drawn, or, for an entry not drawn at
// this width yet, an estimate from its newlines and length (measuring the
// wrapped text of thousands of entries would stall the frame; the entry
// is measured exactly once it scrolls into view).
func (c *entryHeights) of(e *state.Entry, i int, m *estimate) float32 {
	k := heightKeyOf(e)
	if c.at[i].ok && c.at[i].k == k {
		return c.at[i].h
	}
	if h, ok := c.h[k]; ok {
		c.at[i] = indexedHeight{k, h, true}
		return h
	}
	m.readStyle()
	h := m.head
	if !e.Collapsed {
		lines := 20 // the text box's most; a text this long fills it anyway
		if len(e.Text) < 20*m.perLine {
			lines = min(1+strings.Count(e.Text, "\n")+len(e.Text)/m.perLine, 20)
		}
		h += float32(lines)*m.line + m.box
	}
	c.h[k] = h // until the entry is drawn and measured
	c.at[i] = indexedHeight{k, h, true}
	return h
}

// oneLine is the start of s on one line, at most n runes. Only the start
// of a long s is looked at (it is drawn every frame).
func oneLine(s string, n int) string {
	if most := 64 * n; len(s) > most {
		s = s[:most]
	}
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// CreateDiscussion adds the discussion named in the form (the New button,
// Enter in its field), stamped with the commit the project's root is at:
// a discussion is stamped when the user creates it, never by being drawn
// (opening a project must not change it).
func CreateDiscussion(f *contract.Frame) {
	u := f.UI
	u.NewDiscussion(u.Forms.NewDiscussionName)
	u.Discussions[len(u.Discussions)-1].Created = f.Host.GitStamp()
	u.Forms.NewDiscussionName = ""
	u.Forms.Renaming = false
}
