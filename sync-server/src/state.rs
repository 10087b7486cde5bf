//! What every request handler shares: the store, the auth records, one sync hub per
//! workspace (opened on first use), the metrics and the limits.

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use cloudwright_core::store::{Store, StoreError};
use cloudwright_core::sync::hub::{Hub, HubStats};
use cloudwright_core::sync::protocol::FeedEpoch;
use cloudwright_core::trust::DeviceKey;
use cloudwright_core::WorkspaceId;

use crate::auth::Auth;
use crate::config::ServerConfig;
use crate::limits::ServerLimits;
use crate::metrics::Metrics;

pub struct AppState {
    pub store: Store,
    pub auth: Auth,
    /// Signs the rosters this server hands out (see `server_key.rs`).
    pub server_key: DeviceKey,
    pub metrics: Metrics,
    pub max_body_bytes: u64,
    /// Connections and requests held at once, and the read timeout (`limits.rs`).
    pub limits: ServerLimits,
    /// `/metrics` lists workspace ids.
    pub metrics_workspaces: bool,
    /// How long a login's session token lives.
    pub session_ms: i64,
    /// A backup asked on the control socket is under way (one at a time).
    pub backup_running: AtomicBool,
    hubs: Mutex<HashMap<WorkspaceId, Arc<Hub>>>,
}

impl AppState {
    pub fn new(store: Store, auth: Auth, server_key: DeviceKey, config: &ServerConfig) -> AppState {
        AppState {
            store,
            auth,
            server_key,
            metrics: Metrics::default(),
            max_body_bytes: config.max_body_bytes,
            limits: ServerLimits::new(config.limits),
            metrics_workspaces: config.metrics_workspaces,
            session_ms: config.session_ms(),
            backup_running: AtomicBool::new(false),
            hubs: Mutex::new(HashMap::new()),
        }
    }

    /// The workspace's hub, opened on first use. Blocking: call from `spawn_blocking`.
    pub fn hub(&self, workspace: &WorkspaceId) -> Result<Arc<Hub>, StoreError> {
        let mut hubs = self.hubs.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(hub) = hubs.get(workspace) {
            return Ok(hub.clone());
        }
        let hub = Arc::new(Hub::open(&self.store, workspace, random_epoch())?);
        hubs.insert(*workspace, hub.clone());
        Ok(hub)
    }

    /// Document counts of the hubs opened so far, by workspace id.
    pub fn hub_stats(&self) -> Vec<(String, HubStats)> {
        let hubs = self.hubs.lock().unwrap_or_else(|p| p.into_inner());
        let mut stats: Vec<(String, HubStats)> = hubs
            .iter()
            .map(|(id, hub)| (id.to_string(), hub.stats()))
            .collect();
        stats.sort_by(|a, b| a.0.cmp(&b.0));
        stats
    }
}

/// A new feed epoch from the operating system's random source.
pub fn random_epoch() -> FeedEpoch {
    let mut bytes = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
    FeedEpoch(bytes)
}
