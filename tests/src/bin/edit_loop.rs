//! Edits one asset over and over, printing `acked N` only after edit N returned (and so is
//! durable). The durability test kills this process with SIGKILL at a random moment and
//! checks that the last acknowledged edit survived.
//! Usage: edit-loop DATA_DIR WORKSPACE ASSET_TAG

use std::io::Write;

use cloudwright_tests::{exit_with, open_workspace_or_exit};

use cloudwright_core::assets::AssetInput;
use cloudwright_core::{Author, Stamp};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, data_dir, workspace, tag] = args.as_slice() else {
        eprintln!("usage: edit-loop DATA_DIR WORKSPACE ASSET_TAG");
        std::process::exit(2);
    };
    let (_store, workspace) = open_workspace_or_exit("edit-loop", data_dir, workspace);
    let id = workspace
        .asset(tag)
        .unwrap_or_else(|error| fail(&error))
        .asset
        .id;
    let mut out = std::io::stdout().lock();
    for n in 1u64.. {
        let input = AssetInput {
            notes: Some(format!("edit {n}")),
            ..AssetInput::default()
        };
        workspace
            .edit_asset(id, &input, &Stamp::new(Author::new("loop", "LP"), n as i64))
            .unwrap_or_else(|error| fail(&error));
        if writeln!(out, "acked {n}")
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

fn fail(error: &dyn std::fmt::Display) -> ! {
    exit_with("edit-loop", error)
}
