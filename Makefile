# slopgui: `make run` and `make test` do everything on a fresh Debian 12.
# Both install what is missing (apt-get when root, else they print the
# command), download modules and build.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

GO      ?= go
BIN     := bin/slopgui
EXTLD   := $(CURDIR)/internal/giulink/extld.sh
# Every binary that links giu needs the linker wrapper; -trimpath keeps the
# compiled packages identical whichever checkout builds them, so a plugin
# built from a copy of the repo still loads into this binary. The views
# plugins are built with these same settings (read from the binary).
# -w leaves out DWARF (stacks and panics do not need it): the host links in
# about 0.8 s instead of 1.15 s (a binary that imports plugin keeps every
# exported method), which every hot restart pays. -dwarf=false keeps the
# compiler from writing the DWARF that -w then throws away: compiles take
# ~15% less (app/ 1.2 → 1.0 s) and the host's link ~7% (it loads smaller
# objects). Set DWARF=1 to keep both, e.g. to debug slopgui with delve.
LDW     := $(if $(DWARF),,-w)
GCW     := $(if $(DWARF),,"-gcflags=all=-dwarf=false")
export GOFLAGS := $(strip $(GOFLAGS) -trimpath $(GCW) "-ldflags=-extld=$(EXTLD) $(LDW)")

# Debian packages: to build (cgo, X11 and OpenGL headers), and to test
# (a real X server, key presses, screenshots, OCR).
BUILD_PKGS := gcc g++ pkg-config libc6-dev libgl1-mesa-dev xorg-dev libxxf86vm-dev mold
TEST_PKGS  := xvfb xdotool imagemagick tesseract-ocr x11-utils xauth libxtst-dev xclip \
              fonts-noto-cjk fonts-noto-color-emoji fonts-symbola
# Node runs the official TypeScript MCP SDK client in the e2e suite
# (e2e/testdata/mcpts). Installed only when node or npm is missing: a
# NodeSource nodejs already has npm, and Debian's npm conflicts with it.
NODE_PKGS  := nodejs npm
MCPTS      := e2e/testdata/mcpts

# End-to-end tests run this many at a time (each has its own X server,
# config and temp dirs); most of a test is waiting for builds,
# frames and OCR, so 3 keeps 2 cores busy without starving the windows.
E2E_PARALLEL ?= 3

.PHONY: run build warm test unit e2e bench soak deps deps-test mcpts check-go vet clean

run: build ## build and open slopgui
	./$(BIN) $(ARGS)

# The host and the plugin variant of its dependencies each compile
# cimgui-go (normal and -dynlink code, two entries in the build cache).
# Each is one package, compiled on one core: building both at once keeps
# both cores busy, instead of the second waiting for the first.
# bin/slopgui-mcp is the MCP server `slopgui mcp` execs: its own binary,
# so that the host every hot restart links does not carry the MCP SDK.
build: deps check-go
	@mkdir -p bin
	$(GO) build -o bin/ ./cmd/slopgui ./cmd/slopgui-mcp & host=$$!; \
	warm=0; $(GO) build -buildmode=plugin -o bin/.warm.so ./internal/pluginwarm || warm=$$?; \
	rm -f bin/.warm.so; wait $$host; exit $$warm

$(BIN): FORCE
	$(GO) build -o bin/ ./cmd/slopgui ./cmd/slopgui-mcp

# Compile the dependencies the way view plugins need them (-dynlink), so
# the first reload does not spend minutes compiling cimgui-go.
warm: deps check-go
	@mkdir -p bin
	$(GO) build -buildmode=plugin -o bin/.warm.so ./internal/pluginwarm
	@rm -f bin/.warm.so

FORCE:

test: deps deps-test mcpts check-go vet warm ## every test, end-to-end ones in Xvfb
	@# Packages first, then the end-to-end suite: the first plugin build on
	@# a cold cache compiles cimgui-go for plugins once, not twice at a time.
	$(GO) test -count=1 -timeout 40m $$($(GO) list ./... | grep -v /e2e$$)
	$(GO) test -count=1 -timeout 60m -parallel $(E2E_PARALLEL) -v ./e2e/

unit: check-go
	$(GO) test -count=1 -short ./...

e2e: deps deps-test mcpts check-go
	$(GO) test -count=1 -timeout 60m -parallel $(E2E_PARALLEL) -v ./e2e/

vet: check-go
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	@# go.mod and go.sum say exactly what the code imports.
	$(GO) mod tidy -diff

bench: deps deps-test check-go ## reload timings table (build, load, swap, RSS) vs a full restart; the MMA track; ctl round trips
	$(GO) test -count=1 -run '^$$' -bench . -benchtime 1x -timeout 60m ./e2e/ | tee bench.out

soak: deps deps-test check-go warm ## 200 good/bad reload cycles in the real window; RSS per reload
	SLOPGUI_SOAK=1 $(GO) test -count=1 -run '^TestSoak$$' -v -timeout 60m ./e2e/ | tee soak.out

check-go:
	@command -v $(GO) >/dev/null || { echo "Go is not installed: install the Go version named in go.mod (https://go.dev/dl) and put it on PATH"; exit 1; }
	@want=$$(sed -n 's/^go //p' go.mod); have=$$($(GO) env GOVERSION); \
	case "$$have" in go$$want*) ;; *) echo "warning: go.mod says go $$want, $(GO) is $$have";; esac

deps: ## install the Debian packages needed to build
	@./scripts/need-debs $(BUILD_PKGS)

deps-test: ## install the Debian packages needed to test
	@./scripts/need-debs $(TEST_PKGS)
	@command -v node >/dev/null && command -v npm >/dev/null || ./scripts/need-debs $(NODE_PKGS)

# The TypeScript MCP SDK, exactly as package-lock.json pins it: installed
# when node_modules is missing or the lock changed.
mcpts: deps-test $(MCPTS)/node_modules/.package-lock.json

$(MCPTS)/node_modules/.package-lock.json: $(MCPTS)/package-lock.json $(MCPTS)/package.json
	npm ci --prefix $(MCPTS) --no-audit --no-fund
	@touch $@

clean:
	rm -rf bin bench.out soak.out
