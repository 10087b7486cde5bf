# Cloudwright: build, run and test. `make run` and `make test` are all a newcomer needs;
# both install what is missing first (scripts/setup.sh) and build in debug only.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run
.DELETE_ON_ERROR:

export PATH := $(HOME)/.cargo/bin:$(PATH)

TARGET_DIR := $(abspath $(or $(CARGO_TARGET_DIR),target))
APP := $(TARGET_DIR)/debug/cloudwright-app
CLI := $(TARGET_DIR)/debug/cloudwright
# Where the app keeps its workspaces unless CLOUDWRIGHT_DATA_DIR says otherwise.
DATA_DIR ?= $(or $(CLOUDWRIGHT_DATA_DIR),$(or $(XDG_DATA_HOME),$(HOME)/.local/share)/cloudwright)

.PHONY: run test setup ui build e2e fmt lint test-rust test-doc test-ui test-e2e \
  lint-rustfmt lint-clippy lint-ts

## run: set up, build, create the demo workspace on first use, open the app
run: build
	@scripts/run-app.sh "$(APP)" "$(CLI)" "$(DATA_DIR)"

## test: set up, build once (debug), then every suite; a failing suite does not stop the others
test: build
	@$(MAKE) --no-print-directory --keep-going test-rust test-doc test-ui test-e2e

setup:
	@scripts/setup.sh

## ui: build ui/dist when its sources changed (the desktop binary embeds ui/dist, so this comes
## before any cargo build; rebuilding it needlessly would relink the app)
ui: ui/dist/index.html

UI_SOURCES := $(shell find ui/src ui/public -type f 2>/dev/null) ui/index.html ui/package.json \
  ui/package-lock.json ui/vite.config.ts ui/tsconfig.json

ui/dist/index.html: $(UI_SOURCES) | setup
	@echo "ui: npm run build -> ui/dist"
	@cd ui && npm run --silent build -- --logLevel warn

## build: the UI, then every crate and binary in the workspace (app, CLI, sync server)
build: ui
	cargo build --workspace

## e2e: build, then the end-to-end suite (the real app under Xvfb via tauri-driver)
e2e: build
	@$(MAKE) --no-print-directory test-e2e

# The suites on their own, without building first.
# The integration tests run the binaries `make build` just built (see tests/integration/util.rs).
test-rust:
	CLOUDWRIGHT_TEST_BIN_DIR="$(TARGET_DIR)/debug" cargo nextest run --workspace --no-fail-fast

test-doc:
	cargo test --workspace --doc

test-ui:
	cd ui && npm test

test-e2e:
	cd e2e && CLOUDWRIGHT_APP="$(APP)" CLOUDWRIGHT_CLI="$(CLI)" npm test

PRETTIER := $(CURDIR)/ui/node_modules/.bin/prettier --log-level warn

## fmt: format Rust (rustfmt) and TypeScript/JavaScript (prettier) in place
fmt: setup
	cargo fmt --all
	cd ui && $(PRETTIER) --write .
	cd e2e && $(PRETTIER) --write .

## lint: rustfmt check, clippy with warnings as errors, TypeScript type check, prettier check
## (every check runs; any failure fails the target)
lint: ui
	@$(MAKE) --no-print-directory --keep-going lint-rustfmt lint-clippy lint-ts

lint-rustfmt:
	cargo fmt --all --check

lint-clippy:
	cargo clippy --workspace --all-targets -- -D warnings

lint-ts:
	cd ui && npm run --silent typecheck && $(PRETTIER) --check .
	cd e2e && $(PRETTIER) --check .
