# referral-seal — build, serve and test.
#   make serve   build the page and serve it on http://127.0.0.1:8080
#   make test    everything CI runs, from a fresh machine
#   make fuzz    every fuzz target for FUZZ_SECONDS (default 60) each (nightly)
.PHONY: registry-check setup setup-build pkg dist serve test test-rust test-js test-page test-bench test-repro lint bench fuzz clean

setup:
	scripts/setup.sh all

setup-build:
	scripts/setup.sh build

pkg: setup-build
	scripts/build-pkg.sh

dist: pkg
	npx webpack --mode production

serve: dist
	node scripts/serve.mjs dist

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p referral-seal --lib --target wasm32-unknown-unknown --no-default-features --features seal -- -D warnings
	cargo clippy -p referral-seal --lib --target wasm32-unknown-unknown --no-default-features --features open -- -D warnings
	cargo deny --offline --locked check --hide-inclusion-graph licenses bans sources

test-rust:
	cargo test

test-js: pkg
	node --test tests/build/ tests/js/

test-page: dist
	node --test tests/page/

# The benchmark code on tiny inputs, Node only, and one cold load of each
# page in Chromium (a few seconds): it keeps working.
test-bench: dist
	node bench/run.mjs --smoke --no-browser --loads 1

# dist/ built again elsewhere (other directory, other cargo home) is the same, byte for byte.
test-repro: dist
	scripts/check-reproducible.sh

test: setup lint test-bench test-rust test-js test-page test-repro

bench: pkg
	scripts/bench.sh

# Every fuzz target for FUZZ_SECONDS (default 60) each; needs nightly, not part of `make test`.
fuzz:
	scripts/fuzz.sh

# Checks a protocol registry before it is deployed (same core as the page):
#   make registry-check FILE=data/protocols.json [TODAY=YYYY-MM-DD]
FILE ?= data/protocols.json
registry-check:
	@cargo run --quiet --bin registry-check -- "$(FILE)" $(if $(TODAY),--today $(TODAY))

clean:
	rm -rf target pkg dist
