//! Integration tests: the real `cloudwright-sync` binary on temp data directories, driven by
//! its admin commands and by HTTP on 127.0.0.1. One binary; a module per area.

mod abuse;
mod admin;
mod auth;
mod backup;
mod blobs;
mod fuzz_blobs;
mod limits;
mod metrics;
mod shutdown;
mod sync;
mod tls;
mod util;
mod workspaces;
