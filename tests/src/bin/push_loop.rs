//! Registers assets one by one and syncs each to the team server, printing `acked TAG` only
//! after a sync pass that pushed it returned (the server then holds it durably). The sync
//! durability test kills the server with SIGKILL while this runs and checks that every
//! acknowledged asset is on the server after it restarts.
//! Usage: push-loop DATA_DIR WORKSPACE TAG_PREFIX
//! The data directory's workspace must be logged in (`cloudwright login`). The loop ends with
//! exit code 3 at the first failed sync (the server is gone).

use std::io::Write;

use cloudwright_tests::{exit_with, open_workspace_or_exit};

use cloudwright_core::assets::AssetInput;
use cloudwright_core::sync::sync_once;
use cloudwright_core::{AssetId, Author, Stamp};
use cloudwright_sync_client::session;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, data_dir, workspace, prefix] = args.as_slice() else {
        eprintln!("usage: push-loop DATA_DIR WORKSPACE TAG_PREFIX");
        std::process::exit(2);
    };
    let (store, workspace) = open_workspace_or_exit("push-loop", data_dir, workspace);
    let (client, binding) =
        session::client_for(&store, &workspace).unwrap_or_else(|error| fail(&error));
    // One transport for the whole loop, so its connection is kept alive between passes.
    let mut transport = client.transport(binding.remote_workspace, &binding.client_id);
    let author = Author::new("push loop", "PL");
    let mut out = std::io::stdout().lock();
    for n in 1u64.. {
        let tag = format!("{prefix}-{n:05}");
        let input = AssetInput {
            asset_tag: Some(tag.clone()),
            asset_type: Some("server".to_owned()),
            status: Some("in_stock".to_owned()),
            ..AssetInput::default()
        };
        workspace
            .register_asset(
                AssetId(ulid::Ulid::new()),
                &input,
                &Stamp::new(author.clone(), n as i64),
            )
            .unwrap_or_else(|error| fail(&error));
        if let Err(error) = sync_once(&workspace, &mut transport, n as i64, &mut |_| {}) {
            eprintln!("push-loop: sync stopped after {tag} was registered: {error}");
            std::process::exit(3);
        }
        if writeln!(out, "acked {tag}")
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

fn fail(error: &dyn std::fmt::Display) -> ! {
    exit_with("push-loop", error)
}
