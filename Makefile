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

.PHONY: run test setup ui build e2e fmt lint test-rust test-ui test-e2e

## run: set up, build, create the demo workspace on first use, open the app
run: build
	@scripts/run-app.sh "$(APP)" "$(CLI)" "$(DATA_DIR)"

## test: set up, build once (debug), then Rust tests, UI unit tests and the e2e suite
test: build test-rust test-ui test-e2e

setup:
	@scripts/setup.sh

## ui: build ui/dist (the desktop binary embeds it, so this comes before any cargo build)
ui: setup
	@echo "ui: npm run build -> ui/dist"
	@cd ui && npm run --silent build -- --logLevel warn

## build: the UI, then every crate and binary in the workspace (app, CLI, sync server)
build: ui
	cargo build --workspace

test-rust: build
	cargo nextest run --workspace
	cargo test --workspace --doc

test-ui: setup
	cd ui && npm test

test-e2e: build
	cd e2e && CLOUDWRIGHT_APP="$(APP)" CLOUDWRIGHT_CLI="$(CLI)" npm test

## e2e: build, then the end-to-end suite (real app under Xvfb via tauri-driver)
e2e: test-e2e

PRETTIER := $(CURDIR)/ui/node_modules/.bin/prettier --log-level warn

## fmt: format Rust (rustfmt) and TypeScript/JavaScript (prettier) in place
fmt: setup
	cargo fmt --all
	cd ui && $(PRETTIER) --write .
	cd e2e && $(PRETTIER) --write .

## lint: formatting, clippy with warnings as errors, TypeScript type check
lint: ui
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cd ui && npm run --silent typecheck && $(PRETTIER) --check .
	cd e2e && $(PRETTIER) --check .
