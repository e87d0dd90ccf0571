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

# An API test mostly waits on its server, so ctest runs more of them than there are cores.
TEST_JOBS  ?= $(shell echo $$(( $(JOBS) * 3 )))
PHASE      := scripts/phase.sh
# What `make build` and `make test` build: the server and its tests. The benchmarks build with `make bench`.
TARGETS    := shiftdesk unit_tests api_tests

.PHONY: all deps build build-asan web api-types run test test-format format test-api-types test-release test-asan test-web screenshots \
        bench clean

all: build

deps:
	@$(PHASE) "deps" scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) > /dev/null
	@$(PHASE) "release build" cmake --build $(BUILD) -j $(JOBS) --target $(TARGETS)

build-asan: deps
	@cmake -S . -B $(ASAN_BUILD) $(CMAKE_FLAGS) -DSHIFTDESK_SANITIZE=ON $(ASAN_FLAGS) > /dev/null
	@$(PHASE) "asan build" cmake --build $(ASAN_BUILD) -j $(JOBS) --target $(TARGETS)

# The web UI (web/, TypeScript + React, built by Vite) into web/dist, which the server serves at /.
web: deps
	@$(PHASE) "web build" scripts/build-web.sh

# The web desk's API types (web/src/api/schema.gen.ts) from docs/openapi.yaml; run after changing the spec.
api-types: deps
	@scripts/api-types.sh

# Set up, build, seed a demo team into an empty database, and serve on $(LISTEN).
run: build web
	@mkdir -p $(dir $(DB))
	@$(BUILD)/shiftdesk demo --db $(DB)
	@echo "open http://$(LISTEN) — Ctrl-C stops the desk"
	@$(BUILD)/shiftdesk serve --db $(DB) --listen $(LISTEN)

# The generated API types first (a spec the UI's types have not followed fails in seconds), then every suite on the
# release build, the web UI's end-to-end tests in a real browser (Debian's chromium) against the
# release server, then every suite again under AddressSanitizer + UndefinedBehaviorSanitizer. Each phase prints
# its time, and the summary at the end lists them all.
test:
	@mkdir -p $(BUILD); export SHIFTDESK_PHASES=$(abspath $(BUILD))/test-phases.txt; rm -f $$SHIFTDESK_PHASES; \
	  start=$$(date +%s); $(MAKE) --no-print-directory test-api-types test-release test-web test-asan; rc=$$?; \
	  echo "== make test: $$(( $$(date +%s) - start )) s$$( [ $$rc -ne 0 ] && echo ', FAILED')"; \
	  sed 's/^/   /' $$SHIFTDESK_PHASES; exit $$rc

# Fails naming each C++ file that is not in the house format (.clang-format); `make format` rewrites them. Not yet
# part of `make test`: the tree is to be rewritten once first.
test-format: deps
	@$(PHASE) "format" scripts/format.sh --check

format:
	@scripts/format.sh

# Fails when web/src/api/schema.gen.ts is not what docs/openapi.yaml generates.
test-api-types: deps
	@$(PHASE) "api types" scripts/api-types.sh --check

test-release: build
	@$(PHASE) "release tests" ctest --test-dir $(BUILD) -j $(TEST_JOBS) --output-on-failure

test-asan: build-asan
	@$(PHASE) "asan tests" ctest --test-dir $(ASAN_BUILD) -j $(TEST_JOBS) --output-on-failure

test-web: build web
	@cd web && SHIFTDESK_BINARY=$(abspath $(BUILD))/shiftdesk $(abspath $(PHASE)) "web e2e" npm run --silent e2e

# Rewrites docs/screenshots/ (the README's pictures) from the screens test; `make test` never touches them.
screenshots: build web
	@cd web && SHIFTDESK_SCREENSHOTS=docs/screenshots SHIFTDESK_BINARY=$(abspath $(BUILD))/shiftdesk \
	  node --test e2e/screens.test.mjs

# Load benchmark (see bench/README.md); not part of `make test`.
bench: build
	@cmake --build $(BUILD) -j $(JOBS) --target shiftdesk_load shiftdesk_timers_bench
	@bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) web/dist
