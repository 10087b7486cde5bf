//! What the server's checks of a push cost (issue 16): a push of 100 changes (one edit each
//! of 100 assets the server already holds) taken by an in-process hub, end to end (decode,
//! merge, author check, durable write, answer), as p50 and p99 over the runs.
//!
//! `cargo bench -p cloudwright-core --bench push -- [RUNS]` (default 60)

use std::collections::HashSet;
use std::time::{Duration, Instant};

use cloudwright_core::assets::AssetInput;
use cloudwright_core::ids::AssetId;
use cloudwright_core::stamp::{Author, Identity, Stamp};
use cloudwright_core::store::Store;
use cloudwright_core::sync::hub::{Hub, PushScope, Pusher};
use cloudwright_core::sync::protocol::{FeedEpoch, SyncRequest};
use cloudwright_core::sync::SyncBinding;

const ASSETS: usize = 1_000;
const CHANGES: usize = 100;

fn stamp(at_ms: i64) -> Stamp {
    Stamp::new(Author::from_name("김민준"), at_ms).by(Identity::Account("account-kim".into()))
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(60);
    let dir = tempfile::tempdir().expect("tempdir");
    let server_store = Store::open(&dir.path().join("server")).expect("server store");
    let team = server_store.create_workspace("팀", 1).expect("workspace");
    let hub = Hub::open(&server_store, &team.id, FeedEpoch([1; 16])).expect("hub");
    let device_store = Store::open(&dir.path().join("device")).expect("device store");
    let meta = device_store.create_workspace("팀", 1).expect("workspace");
    let device = device_store.workspace(&meta.id).expect("open");
    device
        .bind_sync(&SyncBinding {
            server: "http://127.0.0.1:1".into(),
            remote_workspace: team.id,
            user: "kim".into(),
            client_id: "bench".into(),
            user_id: "account-kim".into(),
            display_name: "김민준".into(),
            server_key: String::new(),
        })
        .expect("bind");
    let ids: Vec<AssetId> = (0..ASSETS)
        .map(|n| {
            let id = AssetId(ulid::Ulid(n as u128 + 1));
            let input = AssetInput {
                asset_tag: Some(format!("PB-{n:05}")),
                asset_type: Some("server".into()),
                status: Some("in_use".into()),
                ..AssetInput::default()
            };
            device
                .register_asset(id, &input, &stamp(1))
                .expect("register");
            id
        })
        .collect();
    let pusher = Pusher::account("account-kim", PushScope::Everything);
    let push_all = |expect: usize| -> Duration {
        let out = device
            .sync_outgoing(20_000, 1 << 30, &HashSet::new())
            .expect("outgoing");
        assert_eq!(out.pushes.len(), expect);
        let request = SyncRequest {
            push: out.pushes.clone(),
            ..SyncRequest::default()
        };
        let started = Instant::now();
        let answer = hub.exchange(request, "bench", &pusher).expect("taken");
        let took = started.elapsed();
        device.sync_pushed(&out, &answer.pushed).expect("pushed");
        took
    };
    push_all(ASSETS);
    let mut times = Vec::with_capacity(runs);
    for run in 0..runs {
        for (n, id) in ids
            .iter()
            .skip((run * CHANGES) % ASSETS)
            .take(CHANGES)
            .enumerate()
        {
            let input = AssetInput {
                notes: Some(format!("run {run} edit {n}")),
                ..AssetInput::default()
            };
            device
                .edit_asset(*id, &input, &stamp(10 + run as i64))
                .expect("edit");
        }
        times.push(push_all(CHANGES));
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| push of {CHANGES} changes to a hub holding {ASSETS} assets ({runs} runs) | p50 | p99 |"
    );
    println!("|---|---|---|");
    println!(
        "| taken, durable, answered | {:.2} ms | {:.2} ms |",
        ms(times[times.len() / 2]),
        ms(times[(times.len() * 99 / 100).min(times.len() - 1)])
    );
}
