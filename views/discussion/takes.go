package discussion

import (
	"fmt"
	"slices"
	"strings"

	g "github.com/slopgui/slopgui/gui"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views/ui"
)

// stampRow shows the commit the discussion was created at and the one
// stamped last, with the Stamp button. A new empty discussion that has
// none yet (a new project's first, one made by New) is stamped here.
func stampRow(f *contract.Frame, d *state.Discussion) g.Widget {
	text := "created at " + d.Created.Short()
	if d.Stamped != (state.Stamp{}) {
		text += "; now at " + d.Stamped.Short()
	}
	return ui.Row(
		ui.ColorText(ui.DimColor(), text),
		ui.Tooltip("The commit the project's root (a git checkout) was at when the discussion was created, and when Stamp was last pressed"),
		ui.Button("Stamp", "disc-stamp", func() { d.Stamped = f.Host.GitStamp() }),
		ui.Tooltip("Record the commit the project's root is at now"),
	)
}

// shownTab is, per tab bar, the take whose tab ImGui showed last frame: a
// cache, not state. A tab shown this frame that differs from it while it
// was the active take is the user's click; otherwise the active take's
// tab is selected (a new bar, a branch, a delete, a refused switch).
var shownTab = map[string]int{}

// takesBar draws the discussion's takes as tabs, with Rename, Delete
// (confirmed) and Promote for the shown one. Changes run in *action.
func takesBar(f *contract.Frame, d *state.Discussion, action *func()) g.Widget {
	u := f.UI
	di := u.ActiveDiscussion
	bar := fmt.Sprintf("##takes-%d-%s", di, d.Name)
	names := d.TakeNames()
	return g.Custom(func() {
		prev, seen := shownTab[bar]
		shown := -1
		items := make([]*g.TabItemWidget, len(names))
		for j, name := range names {
			var flags g.TabItemFlags
			if j == d.TakeAt && (!seen || prev != d.TakeAt) {
				flags = g.TabItemFlagsSetSelected
			}
			// "###": the tab's ID is its place alone, so a renamed tab is
			// the same tab to ImGui (with "##" the name is part of the ID:
			// the renamed one was new, and ImGui showed the first tab).
			items[j] = g.TabItem(name + "###take-" + fmt.Sprint(j)).Flags(flags).Layout(g.Custom(func() { shown = j }))
		}
		g.TabBar().ID(g.ID(bar)).TabItems(items...).Build()
		if shown >= 0 {
			if seen && prev == d.TakeAt && shown != d.TakeAt {
				j := shown
				if why := u.TakesLocked(di); why != "" {
					u.Forms.TakeMessage = why
				} else {
					*action = func() { _ = d.SelectTake(j); u.Forms.TakeRenaming, u.Forms.TakeDeleting = false, false }
				}
			}
			shownTab[bar] = shown
		}
		locked := u.TakesLocked(di)
		name := d.ShownTakeName()
		if u.Forms.TakeRenaming {
			apply := func() {
				if err := d.RenameTake(d.TakeAt, u.Forms.TakeRenameTo); err != nil {
					u.Forms.TakeMessage = err.Error()
					return
				}
				u.Forms.TakeRenaming, u.Forms.TakeMessage = false, ""
			}
			ui.Row(
				g.Label("Rename take to"),
				g.InputText(&u.Forms.TakeRenameTo).ID("##take-rename-to").Size(200).
					Flags(g.InputTextFlagsEnterReturnsTrue).OnChange(apply),
				ui.Button("OK", "take-rename-ok", apply),
				ui.Button("Cancel", "take-rename-cancel", func() { u.Forms.TakeRenaming = false }),
			).Build()
		}
		if u.Forms.TakeDeleting {
			ui.Row(
				ui.ColorText(ui.ErrorColor(), fmt.Sprintf("Delete take %q and its %d entries?", name, len(d.Entries))),
				ui.Button("Yes, delete", "take-delete-yes", func() {
					at := d.TakeAt
					u.Forms.TakeDeleting = false
					*action = func() {
						if err := d.DeleteTake(at); err != nil {
							u.Forms.TakeMessage = err.Error()
						}
					}
				}).Disabled(locked != ""),
				ui.Button("Cancel", "take-delete-cancel", func() { u.Forms.TakeDeleting = false }),
			).Build()
		}
		if u.Forms.TakeMessage != "" {
			ui.Row(ui.ColorText(ui.ErrorColor(), u.Forms.TakeMessage),
				ui.Button("OK", "take-message-ok", func() { u.Forms.TakeMessage = "" })).Build()
		}
	})
}

// takeButtons are Rename, Delete (asks first) and Promote for the shown
// take, for the end of the entries' row.
func takeButtons(u *state.UI, d *state.Discussion, action *func()) []g.Widget {
	locked := u.TakesLocked(u.ActiveDiscussion)
	name := d.ShownTakeName()
	return []g.Widget{
		ui.Button("Rename take", "take-rename", func() {
			u.Forms.TakeRenaming, u.Forms.TakeRenameTo, u.Forms.TakeDeleting = true, name, false
		}),
		ui.Button("Delete take", "take-delete", func() { u.Forms.TakeDeleting, u.Forms.TakeRenaming = true, false }).
			Disabled(d.TakeCount() == 1 || locked != ""),
		ui.Tooltip("Delete the shown take (asks first; the last take stays)"),
		ui.Button("Promote", "take-promote", func() {
			at := d.TakeAt
			*action = func() { _ = d.PromoteTake(at) }
		}).Disabled(d.TakeAt == 0),
		ui.Tooltip("Make the shown take the discussion's main line (the first tab)"),
	}
}

// entryMenu is entry i's "..." button, opening a row of what can be done
// at the entry: insert an entry above or below, branch a take from it.
func entryMenu(f *contract.Frame, d *state.Discussion, i int) g.Widget {
	u := f.UI
	e := d.Entries[i]
	return ui.Button("...", fmt.Sprintf("more-%d", i), func() {
		if e.ID == "" { // an entry from an older file: named now
			e.ID = state.NewID()
			d.Entries[i].ID = e.ID
		}
		if u.Forms.EntryMenu == e.ID {
			u.Forms.EntryMenu = ""
		} else {
			u.Forms.EntryMenu = e.ID
		}
	})
}

// entryActions is the row entryMenu opens, or nil.
func entryActions(f *contract.Frame, d *state.Discussion, i int, action *func()) g.Widget {
	u := f.UI
	e := d.Entries[i]
	if e.ID == "" || u.Forms.EntryMenu != e.ID {
		return nil
	}
	role := state.RoleUser
	if names := u.Project.RoleNames(); u.ComposerRole >= 0 && int(u.ComposerRole) < len(names) {
		role = state.Role(names[u.ComposerRole])
	}
	insert := func(at int) func() {
		return func() {
			u.Forms.EntryMenu = ""
			*action = func() { d.Insert(at, role, f.Now) }
		}
	}
	locked := u.TakesLocked(u.ActiveDiscussion)
	return ui.Row(
		ui.Button("Insert above", fmt.Sprintf("ins-above-%d", i), insert(i)),
		ui.Tooltip("Insert an empty entry (the composer's role) above this one"),
		ui.Button("Insert below", fmt.Sprintf("ins-below-%d", i), insert(i+1)),
		ui.Button("Branch from here", fmt.Sprintf("branch-%d", i), func() {
			u.Forms.EntryMenu = ""
			*action = func() {
				if _, err := d.Branch(i); err != nil {
					u.Forms.TakeMessage = err.Error()
				}
			}
		}).Disabled(locked != ""),
		ui.Tooltip("A new take holding copies of the entries up to this one"),
	)
}

// rolesRow lists the project's own roles with Remove, and adds one.
func rolesRow(u *state.UI) g.Widget {
	if !u.Forms.RolesOpen {
		return nil
	}
	add := func() {
		if err := u.Project.AddRole(u.Forms.NewRole); err != nil {
			u.Forms.RoleMessage = err.Error()
			return
		}
		u.Forms.NewRole, u.Forms.RoleMessage = "", ""
		u.ComposerRole = int32(len(u.Project.RoleNames()) - 1)
	}
	ws := []g.Widget{
		g.InputText(&u.Forms.NewRole).ID("##new-role").Hint("new role").Size(120).
			Flags(g.InputTextFlagsEnterReturnsTrue).OnChange(add),
		ui.Button("Add role", "role-add", add).Disabled(strings.TrimSpace(u.Forms.NewRole) == ""),
	}
	for _, r := range slices.Clone(u.Project.Roles) {
		ws = append(ws, ui.Button("Remove "+r, "role-rm-"+r, func() {
			u.Forms.RoleMessage = ""
			if err := u.RemoveRole(r); err != nil {
				u.Forms.RoleMessage = err.Error()
			}
		}), ui.Tooltip("Remove this role (only when no entry uses it)"))
	}
	if u.Forms.RoleMessage != "" {
		ws = append(ws, ui.ColorText(ui.ErrorColor(), u.Forms.RoleMessage))
	}
	return ui.Row(ws...)
}

// rolesButton opens and closes the roles row.
func rolesButton(u *state.UI) g.Widget {
	return g.Custom(func() {
		ui.Button("Roles", "roles", func() { u.Forms.RolesOpen = !u.Forms.RolesOpen }).Build()
		ui.Tooltip("Add a role of your own, or remove one no entry uses").Build()
	})
}

// entryRole returns the project's role names and entry e's index among
// them (-1 for a role the project no longer offers).
func entryRole(u *state.UI, e state.Entry) ([]string, int32) {
	names := u.Project.RoleNames()
	return names, int32(slices.Index(names, string(e.Role)))
}
