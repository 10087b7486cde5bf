//! Sync between devices through a team server.
//!
//! - [`protocol`]: the wire messages both sides speak;
//! - [`hub`]: the server's side: documents, change feed and blobs of one workspace;
//! - [`client`]: the device's side on a [`crate::store::Workspace`]: what to push, what it
//!   shares with the server, applying what comes back;
//! - [`engine`]: one sync pass over any [`engine::Transport`];
//! - [`blobs`]: attachments by SHA-256;
//! - [`large_files`]: files up to 4 GiB as parts (blobs) and a manifest, never whole in
//!   memory;
//! - [`authors`]: what a device can say of who made a change (verified once on the server);
//! - [`roster`]: the workspace's roster this device keeps, checked on every read.

pub mod aside;
pub mod authors;
pub mod blobs;
pub mod client;
pub mod engine;
pub mod hub;
pub mod large_files;
pub mod protocol;
pub mod roster;

pub use crate::record::conflicts::{ConflictValue, FieldConflict};
pub use authors::{AuthorCheck, ChangeAuthors};
pub use client::{EpochCheck, FileState, FileStateView, SyncBinding, SyncRecord};
pub use engine::{sync_once, Progress, SyncError, Transport};
pub use roster::{RosterKept, RosterState};
