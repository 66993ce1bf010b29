module github.com/AllenDang/giu

go 1.25.0

require (
	github.com/AllenDang/cimgui-go v1.5.0
	github.com/AllenDang/go-findfont v0.0.0-20200702051237-9f180485aeb8
	github.com/faiface/mainthread v0.0.0-20171120011319-8b78f0a41ae3
	github.com/gucio321/glm-go v0.0.0-20241029220517-e1b5a3e011c8
	github.com/mazznoer/csscolorparser v0.1.8
	github.com/napsy/go-css v1.0.0
	github.com/pkg/browser v0.0.0-20210911075715-681adbf594b8
	github.com/sahilm/fuzzy v0.1.2
	github.com/stretchr/testify v1.11.1
	golang.design/x/hotkey v0.4.1
	golang.org/x/image v0.41.0
	gopkg.in/eapache/queue.v1 v1.1.0
)

require (
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	golang.design/x/mainthread v0.3.0 // indirect
	golang.org/x/sys v0.36.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
