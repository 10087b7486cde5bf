//! cloudwright-sync: the team sync server. This crate holds the workspace's final shape; the
//! server itself (hyper 1.x, auth, change feed, blobs) is built by the sync issue. Until then
//! the binary only reports its version and the store schema it will serve.

use clap::Parser;

#[derive(Parser)]
#[command(
    name = "cloudwright-sync",
    version,
    about = "Cloudwright team sync server (not yet serving: see the sync issue)"
)]
struct Cli {}

fn main() {
    let _ = Cli::parse();
    println!(
        "cloudwright-sync {} — store schema {}; serving arrives with the sync issue",
        env!("CARGO_PKG_VERSION"),
        cloudwright_core::store::STORE_SCHEMA
    );
}
