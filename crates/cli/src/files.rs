//! `cloudwright file put|fetch|state|get` (hidden): large files by the hash of their manifest
//! (`cloudwright_core::sync::large_files`), until `cloudwright doc version` stores them with a
//! design document. `put` stores a file in parts and marks it for upload; `fetch` asks the
//! next sync for a file known by its hash; `get` saves one to a path, checked by its SHA-256.

use std::path::PathBuf;

use clap::Subcommand;
use cloudwright_core::sync::large_files::{LargeFileProgress, LargeFileState};

use crate::context::Context;

#[derive(Subcommand)]
pub enum FileCommand {
    /// Store a file (up to 4 GiB) in parts; prints the hash it is named by
    Put {
        path: PathBuf,
        /// Print progress as lines on standard error
        #[arg(long)]
        progress: bool,
    },
    /// Have the next sync fetch the file named by this hash
    Fetch { sha: String },
    /// Whether the file is here, on its way (and how much of it is here), or unknown
    State { sha: String },
    /// Save the file named by this hash to a path, checked by its SHA-256
    Get {
        sha: String,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        progress: bool,
    },
}

fn reporter(on: bool) -> impl FnMut(LargeFileProgress) {
    move |p: LargeFileProgress| {
        if on {
            eprintln!("bytes {}/{}", p.done, p.total);
        }
    }
}

pub fn run(context: &Context, command: FileCommand) -> anyhow::Result<()> {
    let workspace = context.workspace()?;
    match command {
        FileCommand::Put { path, progress } => {
            let staged = workspace.add_large_file(&path, &mut reporter(progress))?;
            println!(
                "{} {} bytes sha256 {} in {} parts",
                staged.manifest_sha(),
                staged.size(),
                staged.sha256(),
                staged.manifest().parts.len()
            );
        }
        FileCommand::Fetch { sha } => match workspace.want_file(&sha)? {
            true => println!("{sha} will be fetched with the next sync"),
            false => println!("{sha} is here already (or is not a SHA-256): nothing to fetch"),
        },
        FileCommand::State { sha } => match workspace.large_file_state(&sha)? {
            LargeFileState::Here { size, sha256 } => {
                println!("here: {size} bytes sha256 {sha256}")
            }
            LargeFileState::WaitingForSync { done, total } => {
                println!("waiting for sync: {done} of {total} bytes here")
            }
            LargeFileState::Unknown => println!("unknown here"),
        },
        FileCommand::Get { sha, out, progress } => {
            let (size, sha256) = workspace.save_large_file(&sha, &out, &mut reporter(progress))?;
            println!("saved {} ({size} bytes, sha256 {sha256})", out.display());
        }
    }
    Ok(())
}
