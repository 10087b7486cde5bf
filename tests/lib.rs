//! Integration tests for Cloudwright live in `integration/`; `src/bin/edit-loop` and
//! `src/bin/push-loop` are helper processes the durability tests kill with SIGKILL. What both
//! helpers share is here.

use std::sync::Arc;

use cloudwright_core::store::{Store, Workspace};

/// Ends a helper process: `program: error` on standard error, exit code 1.
pub fn exit_with(program: &str, error: &dyn std::fmt::Display) -> ! {
    eprintln!("{program}: {error}");
    std::process::exit(1)
}

/// The store in `data_dir` and its workspace named `name`, or the helper ends with the error.
pub fn open_workspace_or_exit(
    program: &str,
    data_dir: &str,
    name: &str,
) -> (Store, Arc<Workspace>) {
    let store = Store::open(std::path::Path::new(data_dir))
        .unwrap_or_else(|error| exit_with(program, &error));
    let meta = store
        .find_workspace(name)
        .unwrap_or_else(|error| exit_with(program, &error));
    let workspace = store
        .workspace(&meta.id)
        .unwrap_or_else(|error| exit_with(program, &error));
    (store, workspace)
}
