# ptdv — the two commands (README.md):
#   make serve   run the app at http://127.0.0.1:8080 (rebuilds on change)
#   make test    run every test: domain (native), browser components (wasm), end-to-end (release)
# Both install what is missing first (scripts/setup.sh); a second run installs nothing.
# Also: make build (release dist/), make single (the one-file dist-single/ptdv.html),
# make bench (sizes and load time), make setup.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT ?= 120

stage = @printf '\n==> %s\n' "$(1)"

.PHONY: setup serve build single test lint test-domain test-browser test-e2e bench clean

setup:
	$(call stage,setup: tools and packages)
	@scripts/setup.sh

serve: setup
	$(call stage,serving the app at http://127.0.0.1:8080 (Ctrl+C to stop))
	trunk serve

build: setup
	$(call stage,release build into dist/)
	trunk build --release
	$(call stage,the pages in parts fetched when first opened (scripts/split.mjs))
	node scripts/split.mjs dist

single: build
	$(call stage,one-file build dist-single/ptdv.html (opens from file://))
	node scripts/single.mjs dist dist-single/ptdv.html

test: setup lint test-domain test-browser build test-e2e
	$(call stage,all tests passed)

lint:
	$(call stage,formatting and lints (rustfmt, clippy -D warnings))
	cargo fmt --all --check
	cargo clippy --locked -p ptdv-domain --all-targets -- -D warnings
	cargo clippy --locked -p ptdv-worker --all-targets -- -D warnings
	cargo clippy --locked -p ptdv --target wasm32-unknown-unknown --all-targets -- -D warnings
	# the split build's own code (src/split.rs, src/reader.rs under --cfg ptdv_split)
	RUSTFLAGS="--cfg erase_components --cfg ptdv_split" CARGO_TARGET_DIR=target/lint-split \
	  cargo clippy --locked -p ptdv --target wasm32-unknown-unknown --bin ptdv -- -D warnings

test-domain:
	$(call stage,domain tests (native))
	cargo test --locked -p ptdv-domain
	cargo test --locked -p ptdv-worker

test-browser:
	$(call stage,component and storage tests in headless Chromium (wasm-bindgen-test))
	# A test file's run may take longer than the runner's default 20 s (the 10,000-candidate ward
	# saved and read back in the unoptimised build).
	WASM_BINDGEN_TEST_TIMEOUT=180 cargo test --locked -p ptdv --target wasm32-unknown-unknown

test-e2e:
	$(call stage,end-to-end journeys against the release build (Playwright, Chromium, axe))
	mkdir -p tests/e2e/artifacts
	cargo run -q --locked -p ptdv-domain --example overview_figures -- tests/e2e/artifacts/overview.json
	$(call stage,one-file build from dist/ for its end-to-end test)
	node scripts/single.mjs dist dist-single/ptdv.html
	npx playwright test
	$(call stage,the one file in Firefox (puppeteer-core, Debian's firefox-esr))
	node tests/firefox/single-file.mjs

bench: build
	$(call stage,benchmark: domain (criterion), sizes, load and import times)
	cargo bench --locked -p ptdv-domain --bench domain -- --warm-up-time 1 --measurement-time 3
	mkdir -p .bench
	cargo run --release --locked -p ptdv-domain --example demo_file -- 10000 .bench/ward-10k.json
	node scripts/bench.mjs

clean:
	cargo clean
	rm -rf dist dist-single tests/e2e/artifacts tests/e2e/test-results
