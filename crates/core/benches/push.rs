//! What the server's checks of a push cost (issue 16): a push of 100 changes (one edit each
//! of 100 assets the server already holds) taken by an in-process hub, end to end (decode,
//! merge, author and decision checks, durable write, answer), as p50 and p99 over the runs.
//!
//! `cargo bench -p cloudwright-core --bench push -- [RUNS]` (default 60)

use std::collections::HashSet;
use std::time::{Duration, Instant};

use cloudwright_core::assets::AssetInput;
use cloudwright_core::ids::AssetId;
use cloudwright_core::kinds::registry;
use cloudwright_core::record::Fit;
use cloudwright_core::stamp::{Author, ChangeMessage, Identity, Stamp};
use cloudwright_core::store::Store;
use cloudwright_core::sync::hub::{Hub, PushScope, Pusher};
use cloudwright_core::sync::protocol::{FeedEpoch, SyncRequest};
use cloudwright_core::sync::SyncBinding;
use cloudwright_core::trust::Roster;

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
    // As the server asks: decisions judged by the workspace's roster at the push's time.
    let roster = Roster {
        workspace: team.id,
        version: 1,
        issued_at_ms: 0,
        members: Vec::new(),
    };
    let pusher = Pusher {
        roster: Some(&roster),
        now_ms: Some(1_000),
        ..Pusher::account("account-kim", PushScope::Everything)
    };
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
    // The checks alone, on pushes like the ones above: each pushed document merged into a
    // copy of the server's, then what the hub's checks read (the changes it adds and their
    // messages; the decisions before and after), timed on one core.
    let mut checks = Vec::with_capacity(runs);
    let mut kind_checks = Vec::with_capacity(runs);
    for run in 0..runs {
        for id in ids.iter().skip((run * CHANGES) % ASSETS).take(CHANGES) {
            let input = AssetInput {
                notes: Some(format!("check {run}")),
                ..AssetInput::default()
            };
            device
                .edit_asset(*id, &input, &stamp(10_000 + run as i64))
                .expect("edit");
        }
        let out = device
            .sync_outgoing(20_000, 1 << 30, &HashSet::new())
            .expect("outgoing");
        let mut merged = Vec::with_capacity(out.pushes.len());
        for push in &out.pushes {
            let mut doc = automerge::AutoCommit::load(&server_copy(&hub, &push.doc_id))
                .expect("the server's document");
            let before = doc.get_heads();
            let held_before = registry().decisions(&doc, &push.doc_id);
            doc.load_incremental(&push.data).expect("merge");
            merged.push((push.doc_id.clone(), doc, before, held_before));
        }
        let started = Instant::now();
        let mut foreign = 0usize;
        for (_, doc, before, _) in &mut merged {
            for change in doc.get_changes_meta(before) {
                let message = ChangeMessage::decode(change.message.as_deref());
                if message.identity() != Identity::Account("account-kim".into()) {
                    foreign += 1;
                }
            }
        }
        let authors_took = started.elapsed();
        let started = Instant::now();
        for (doc_id, doc, _, held_before) in &mut merged {
            for held in registry().decisions(doc, doc_id) {
                if !held_before.contains(&held) {
                    foreign += 1;
                }
            }
        }
        checks.push(authors_took + started.elapsed());
        assert_eq!(foreign, 0);
        // The kind check (issue 17): each merged document read by its kind.
        let started = Instant::now();
        for (doc_id, doc, _, _) in &mut merged {
            if !matches!(registry().check(doc, doc_id), Fit::Fits(_)) {
                foreign += 1;
            }
        }
        kind_checks.push(started.elapsed());
        assert_eq!(foreign, 0);
        let answer = hub.exchange(
            SyncRequest {
                push: out.pushes.clone(),
                ..SyncRequest::default()
            },
            "bench",
            &pusher,
        );
        device
            .sync_pushed(&out, &answer.expect("taken").pushed)
            .expect("pushed");
    }
    checks.sort();
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
    println!(
        "| the author and decision checks alone, one core | {:.3} ms | {:.3} ms |",
        ms(checks[checks.len() / 2]),
        ms(checks[(checks.len() * 99 / 100).min(checks.len() - 1)])
    );
    kind_checks.sort();
    println!(
        "| the kind check alone (each document read by its kind), one core | {:.3} ms | {:.3} ms |",
        ms(kind_checks[kind_checks.len() / 2]),
        ms(kind_checks[(kind_checks.len() * 99 / 100).min(kind_checks.len() - 1)])
    );
}

/// The server's stored document, as a member would fetch it whole.
fn server_copy(hub: &Hub, doc_id: &str) -> Vec<u8> {
    let mut answer = hub
        .exchange(
            SyncRequest {
                want: vec![cloudwright_core::sync::protocol::DocWant {
                    doc_id: doc_id.to_owned(),
                    have: Vec::new(),
                }],
                ..SyncRequest::default()
            },
            "bench-reader",
            &Pusher::account("account-kim", PushScope::Nothing),
        )
        .expect("wanted");
    answer.docs.remove(0).data
}
