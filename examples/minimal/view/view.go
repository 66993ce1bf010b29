// Package view is the minimal example's reloadable code: edit it while the
// example runs and press Ctrl+R.
package view

import (
	"fmt"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/examples/minimal/model"
)

// APIVersion is the host contract this code was written for.
const APIVersion = 1

// Targets are the functions the host calls, by name.
var Targets = map[string]func(*model.State){"Draw": Draw}

// Draw is the view: a function of the state.
func Draw(s *model.State) {
	g.Window("minimal").Pos(10, 10).Size(300, 100).Layout(
		g.Label(fmt.Sprintf("Clicked %d times. Edit view/view.go, press Ctrl+R.", s.Clicks)),
		g.Button("Click").OnClick(func() { s.Clicks++ }),
	)
}
