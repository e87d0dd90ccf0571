# shiftdesk — the two commands: `make run` and `make test`. Everything else is a step of those.
BUILD      ?= build
ASAN_BUILD ?= build-asan
DB         ?= var/shiftdesk.db
LISTEN     ?= 127.0.0.1:8080
JOBS       ?= $(shell nproc)

# ccache, when the machine has it, makes a rebuild after switching branches or cleaning cost a cache lookup per file.
CCACHE     := $(shell command -v ccache 2>/dev/null)
CMAKE_FLAGS = -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(if $(CCACHE),-DCMAKE_CXX_COMPILER_LAUNCHER=$(CCACHE))
# The sanitizer build is for finding bugs, not speed: -O1 with line tables (enough for ASan's stack traces) compiles
# in half the time of -O2 -g.
ASAN_FLAGS = -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG"

.PHONY: all deps build build-asan web run test test-release test-asan test-web bench clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) > /dev/null
	@cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	@cmake -S . -B $(ASAN_BUILD) $(CMAKE_FLAGS) -DSHIFTDESK_SANITIZE=ON $(ASAN_FLAGS) > /dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

# The web UI (web/, TypeScript + React, built by Vite) into web/dist, which the server serves at /.
web: deps
	@scripts/build-web.sh

# Set up, build, seed a demo team into an empty database, and serve on $(LISTEN).
run: build web
	@mkdir -p $(dir $(DB))
	@$(BUILD)/shiftdesk demo --db $(DB)
	@echo "open http://$(LISTEN) — Ctrl-C stops the desk"
	@$(BUILD)/shiftdesk serve --db $(DB) --listen $(LISTEN)

# Every suite, on the release build and again under AddressSanitizer + UndefinedBehaviorSanitizer, then the web
# UI's end-to-end tests in a real browser (Debian's chromium) against the release server.
test: test-release test-asan test-web

test-release: build
	@ctest --test-dir $(BUILD) --output-on-failure

test-asan: build-asan
	@ctest --test-dir $(ASAN_BUILD) --output-on-failure

test-web: build web
	@cd web && SHIFTDESK_BINARY=$(abspath $(BUILD))/shiftdesk npm run --silent e2e

# Load benchmark (see bench/README.md); not part of `make test`.
bench: build
	@bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) web/dist
