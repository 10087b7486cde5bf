//! `GET /healthz`: whether the server can do its work, for probes and monitoring.
//!
//! ```text
//! 200 {"status":"ok"}
//! 200 {"status":"degraded","reason":"disk_full","message":"…","free_bytes":N,"needed_bytes":M}
//! ```
//! Degraded while the data directory's disk has no room for writes: pushes and blob uploads
//! are refused with 507 `insufficient_storage`, while fetches, blob downloads, the feed and
//! logins go on (sessions are held in memory, `auth/held.rs`; sled, which writes during reads
//! too, gets the space the store sets aside, `SET_ASIDE_PIECES` below). It clears by itself
//! once space is freed: the store reopens on its next operation if sled failed
//! (`store::kv::SledDb`), nobody restarts anything.
//!
//! Degraded is still 200. Kubernetes counts any status from 200 to 399 as a probe's success;
//! a failing liveness probe restarts the container, which frees no space (and a new process
//! may not even open a store on a full disk), and a failing readiness probe takes the server
//! out of its Service, so the reads and logins that still work would stop too. Load
//! balancers' checks (HAProxy's `httpchk`, an AWS target group's default matcher "200") act
//! the same way. A server that answers is alive and worth sending requests to; what is wrong
//! is for people and alerts, in the body (`status`, `reason`), next to the disk's own
//! figures.

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::{Response, StatusCode};

use crate::state::AppState;

/// The disk space the server's store keeps for sled's own writes (`Store::set_aside`): one
/// piece given up each time something fills the disk, so that fetches, logins and a reopen
/// still find room, and pushes are refused until that much more is free. Each piece holds a
/// few of sled's 512 KiB log segments and node files, with room to spare.
pub const SET_ASIDE_PIECES: u32 = 2;
pub const SET_ASIDE_PIECE_BYTES: u64 = 4 * 1024 * 1024;

pub fn answer(state: &AppState) -> Response<Full<Bytes>> {
    let room = state.store.write_room();
    let body = if room.is_full() {
        serde_json::json!({
            "status": "degraded",
            "reason": "disk_full",
            "message": "the data directory's disk is full: pushes and blob uploads are refused \
                        (507) until space is freed there; fetches, downloads and logins go on",
            "free_bytes": room.free_bytes,
            "needed_bytes": room.needed_bytes(),
        })
    } else {
        serde_json::json!({"status": "ok"})
    };
    crate::routes::json(StatusCode::OK, &body)
}
