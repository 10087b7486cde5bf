//! No document stops a sync (issue 17): the server refuses, on its own, a pushed document
//! that does not fit its kind and takes the rest of the push; a device keeps what it cannot
//! read (a newer version's kind or schema, or a damaged document), sets it aside as a
//! finding, syncs everything else, and reads it once it is updated. The newer version is
//! made up here: a "widget" kind at schema 1 and at schema 2 (whose name became a map).

use std::collections::BTreeMap;

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{AutoCommit, ObjType, ROOT};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

use crate::findings::Finding;
use crate::record::aggregate::{self, Aggregate};
use crate::record::{Index, Indexes, Kind, Registry};
use crate::store::kv::{Batch, Tree};
use crate::store::{LogCompression, Store, StoreError, Workspace};
use crate::sync::aside::AsideReason;
use crate::sync::hub::{PushScope, Pusher, UNFIT_DOCUMENT};
use crate::sync::protocol::{DocPush, PushResult, SyncRequest};
use crate::testkit::{device, server, Device, InProcess};

/// A widget as the older version knows it: schema 1, a name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
struct WidgetV1 {
    id: String,
    name: String,
}

/// The same kind in the newer version: schema 2, the name in two languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
struct WidgetV2 {
    id: String,
    name: BTreeMap<String, String>,
}

/// What a workspace lists of widgets: id → how the name reads.
#[derive(Default)]
struct Widgets(BTreeMap<String, String>);

impl Index for Widgets {
    fn load(tree: &dyn Tree) -> Result<Self, StoreError> {
        let mut widgets = Widgets::default();
        // Both versions' projections read as JSON values, whichever wrote them.
        tree.for_each_prefix(b"p/widget/", &mut |key, _| {
            let id = String::from_utf8_lossy(&key[b"p/widget/".len()..]).into_owned();
            widgets.0.insert(id.clone(), id);
            Ok(())
        })?;
        Ok(widgets)
    }
}

macro_rules! widget_kind {
    ($type:ty, $schema:expr, $title:expr) => {
        impl Kind for $type {
            const PREFIX: &'static str = "widget";
            const SCHEMA: u64 = $schema;
            const EDITABLE: &'static [&'static str] = &["widget"];
            type Row = $type;

            fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<$type, StoreError> {
                aggregate::hydrate(doc, doc_id)
            }

            fn put_projections(
                _: &dyn Tree,
                batch: &mut Batch,
                rows: &[&$type],
            ) -> Result<(), StoreError> {
                aggregate::put_projections(batch, rows);
                Ok(())
            }

            fn upsert(indexes: &Indexes, rows: Vec<$type>) {
                let mut index = indexes.write::<Widgets>();
                for row in rows {
                    let title: fn(&$type) -> String = $title;
                    index.0.insert(row.id.clone(), title(&row));
                }
            }

            fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
                let id = doc_id.split_once('/').map_or("", |(_, id)| id);
                indexes.read::<Widgets>().0.contains_key(id)
            }

            fn title(indexes: &Indexes, doc_id: &str) -> String {
                let id = doc_id.split_once('/').map_or("", |(_, id)| id);
                indexes
                    .read::<Widgets>()
                    .0
                    .get(id)
                    .cloned()
                    .unwrap_or_default()
            }
        }

        impl Aggregate for $type {
            fn id_text(&self) -> String {
                self.id.clone()
            }
        }
    };
}

widget_kind!(WidgetV1, 1, |w| w.name.clone());
widget_kind!(WidgetV2, 2, |w| w
    .name
    .get("ko")
    .cloned()
    .unwrap_or_default());

fn older() -> &'static Registry {
    Box::leak(Box::new(
        crate::kinds::listed()
            .kind::<WidgetV1>()
            .index::<Widgets>()
            .build(),
    ))
}

fn newer() -> &'static Registry {
    Box::leak(Box::new(
        crate::kinds::listed()
            .kind::<WidgetV2>()
            .index::<Widgets>()
            .build(),
    ))
}

/// A device whose app is the version `registry` describes, on `dir` (kept by the caller so
/// that the device can be "updated": opened again with another version).
fn device_of(
    dir: &std::path::Path,
    registry: &'static Registry,
    server: &crate::testkit::Server,
    name: &str,
) -> (Store, std::sync::Arc<Workspace>, InProcess) {
    let store = Store::open_registered(dir, LogCompression::On, registry).expect("store");
    let workspace = match store.workspaces().expect("list").first() {
        Some(meta) => store.workspace(&meta.id).expect("open"),
        None => {
            let meta = store.create_workspace("로컬", 1).expect("workspace");
            let workspace = store.workspace(&meta.id).expect("open");
            workspace
                .bind_sync(&crate::sync::SyncBinding {
                    server: "http://127.0.0.1:1".into(),
                    remote_workspace: server.workspace,
                    user: name.into(),
                    client_id: format!("client-{name}"),
                    user_id: String::new(),
                    display_name: String::new(),
                    server_key: String::new(),
                })
                .expect("bind");
            workspace
        }
    };
    let transport = device(server, name).transport;
    (store, workspace, transport)
}

fn sync(workspace: &Workspace, transport: &mut InProcess) -> crate::sync::SyncRecord {
    crate::sync::engine::sync_once(workspace, transport, 1_000, &mut |_| {}).expect("sync")
}

fn set_aside(workspace: &Workspace) -> Vec<(String, AsideReason)> {
    workspace
        .findings()
        .expect("findings")
        .into_iter()
        .filter_map(|finding| match finding {
            Finding::SetAside { aside, .. } => Some((aside.doc_id, aside.reason)),
            _ => None,
        })
        .collect()
}

/// A document made by hand under `doc_id`: `kind` and `schema` at its root and `body` under
/// the key `kind`, as any Automerge library could write it.
fn hand_made(kind: &str, schema: u64, body: &[(&str, &str)]) -> AutoCommit {
    let mut doc = AutoCommit::new();
    doc.put(ROOT, "schema", schema).expect("schema");
    doc.put(ROOT, "kind", kind).expect("kind");
    let map = doc.put_object(ROOT, kind, ObjType::Map).expect("map");
    for (key, value) in body {
        doc.put(&map, *key, *value).expect("field");
    }
    let message = serde_json::json!({"v": 1, "author": {"name": "손", "initials": "S"}, "op": "edit", "account": "account-kim"});
    doc.commit_with(CommitOptions::default().with_message(message.to_string()));
    doc
}

#[test]
fn a_document_that_does_not_fit_its_kind_is_refused_on_its_own_and_the_rest_is_stored() {
    let server = server();
    let mut kim = device(&server, "kim");
    kim.register(1, "PT-SRV-0001");
    kim.sync();
    // A rack's bytes under an asset's id, an asset without what an asset must hold, a
    // widget (a kind this server does not know) and one at a schema from the future.
    let mut rack_as_asset = hand_made("rack", 1, &[("name", "R01")]);
    let mut hollow_asset = hand_made("asset", 1, &[]);
    let mut widget = hand_made("widget", 7, &[("name", "새 기능")]);
    let mut future_asset = hand_made("asset", 999, &[("shape", "미래")]);
    let pushes = vec![
        ("asset/01JD00000000000000000000A1", &mut rack_as_asset),
        ("asset/01JD00000000000000000000A2", &mut hollow_asset),
        ("widget/01JD00000000000000000000W1", &mut widget),
        ("asset/01JD00000000000000000000A3", &mut future_asset),
    ];
    let request = SyncRequest {
        push: pushes
            .into_iter()
            .map(|(doc_id, doc)| DocPush {
                doc_id: doc_id.into(),
                heads: Vec::new(),
                data: doc.save(),
            })
            .collect(),
        ..SyncRequest::default()
    };
    let answer = server
        .hub
        .exchange(
            request,
            "client-kim",
            &Pusher::account("account-kim", PushScope::Everything),
        )
        .expect("the push is answered, not refused whole");
    let codes: Vec<String> = answer
        .pushed
        .iter()
        .map(|result| match result {
            PushResult::Stored { .. } => "stored".to_owned(),
            PushResult::NeedFull => "need_full".to_owned(),
            PushResult::Refused { code, reason } => format!("{code}: {reason}"),
        })
        .collect();
    assert_eq!(
        codes[0],
        format!("{UNFIT_DOCUMENT}: its id is of kind asset, its content of kind rack")
    );
    assert!(codes[1].starts_with(UNFIT_DOCUMENT), "{codes:?}");
    assert_eq!(
        &codes[2..],
        ["stored", "stored"],
        "a newer version's documents pass"
    );

    // Another device gets kim's asset and the two newer documents, set aside, not the two
    // refused ones; nothing stopped.
    let mut lee = device(&server, "lee");
    let said = lee.sync();
    assert_eq!(lee.rows().len(), 1, "kim's asset arrived");
    assert_eq!(said.set_aside, 2, "{said:?}");
    let mut aside = set_aside(&lee.workspace);
    aside.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        aside,
        [
            (
                "asset/01JD00000000000000000000A3".to_owned(),
                AsideReason::Newer
            ),
            (
                "widget/01JD00000000000000000000W1".to_owned(),
                AsideReason::Newer
            ),
        ]
    );
}

#[test]
fn an_older_device_keeps_a_newer_versions_records_aside_syncs_the_rest_and_reads_them_once_updated()
{
    let server = server();
    let new_dir = tempfile::tempdir().expect("tempdir");
    let old_dir = tempfile::tempdir().expect("tempdir");
    let (_new_store, new_ws, mut new_transport) =
        device_of(new_dir.path(), newer(), &server, "kim");
    let widget = WidgetV2 {
        id: "01JD00000000000000000000W1".into(),
        name: BTreeMap::from([
            ("ko".into(), "분전반 센서".into()),
            ("en".into(), "PDU sensor".into()),
        ]),
    };
    new_ws
        .save_one(
            &widget,
            &crate::testkit::stamp(5).by(crate::stamp::Identity::Account("account-kim".into())),
            "add",
        )
        .expect("saved");
    sync(&new_ws, &mut new_transport);

    // The older app: the widget does not read as schema 1, so it is set aside, and the
    // older device's own edits still go out and the rest still comes in.
    let (old_store, old_ws, mut old_transport) = device_of(old_dir.path(), older(), &server, "lee");
    crate::testkit::register(&old_ws, 2, "PT-SRV-0002");
    let said = sync(&old_ws, &mut old_transport);
    assert_eq!((said.pushed, said.set_aside), (1, 1), "{said:?}");
    assert_eq!(
        set_aside(&old_ws),
        [(
            "widget/01JD00000000000000000000W1".to_owned(),
            AsideReason::Newer
        )]
    );
    assert_eq!(
        old_ws.indexes().read::<Widgets>().0.len(),
        0,
        "listed nowhere"
    );
    sync(&new_ws, &mut new_transport);
    assert_eq!(
        new_ws.asset_count(),
        1,
        "the older device's edit reached the newer one"
    );

    // Updated: the same data directory opened by the newer version reads it.
    drop(old_ws);
    drop(old_store);
    let (_store, updated, _) = device_of(old_dir.path(), newer(), &server, "lee");
    assert_eq!(set_aside(&updated), []);
    assert_eq!(
        updated
            .indexes()
            .read::<Widgets>()
            .0
            .get("01JD00000000000000000000W1")
            .map(String::as_str),
        Some("분전반 센서")
    );
}

#[test]
fn a_device_whose_push_is_refused_keeps_the_edit_syncs_the_rest_and_sends_it_again_with_its_next_edit(
) {
    let server = server();
    let mut kim = device(&server, "kim");
    let id = kim.register(1, "PT-SRV-0001");
    kim.sync();
    // Something writes an asset document the server will not take (a hand edit of the
    // document, as a buggy version might): the device's push of it is refused on its own.
    let set_kind = |kim: &Device, kind: &str, at_ms: i64| {
        let mut cache = kim.workspace.lock_docs();
        let doc_id = format!("asset/{id}");
        let mut stored = kim
            .workspace
            .take_doc(&mut cache, &doc_id)
            .expect("load")
            .expect("doc");
        stored.doc.put(ROOT, "kind", kind).expect("put");
        let pending = kim
            .workspace
            .stage_changed(stored, &doc_id, &kim.stamp(at_ms), "edit")
            .expect("stage");
        kim.workspace
            .write(&mut cache, vec![pending], Batch::default())
            .expect("write");
    };
    set_kind(&kim, "rack", 10);
    kim.register(2, "PT-SRV-0002");
    let said = kim.sync();
    assert_eq!((said.pushed, said.set_aside), (1, 1), "{said:?}");
    assert_eq!(
        set_aside(&kim.workspace),
        [(format!("asset/{id}"), AsideReason::RefusedByServer)]
    );
    assert_eq!(
        kim.workspace.sync_pending().expect("pending"),
        1,
        "kept, still to push"
    );
    // Another pass does not send it again, and does not fail.
    let again = kim.sync();
    assert_eq!((again.pushed, again.set_aside), (0, 1), "{again:?}");
    let mut lee = device(&server, "lee");
    lee.sync();
    assert_eq!(
        lee.rows().len(),
        2,
        "both assets, the first as it was before"
    );

    // Its next edit sends it again: refused while it does not fit, stored once it does.
    set_kind(&kim, "rack", 20);
    assert_eq!(kim.sync().set_aside, 1);
    set_kind(&kim, "asset", 30);
    let fixed = kim.sync();
    assert_eq!((fixed.pushed, fixed.set_aside), (1, 0), "{fixed:?}");
    assert_eq!(kim.workspace.sync_pending().expect("pending"), 0);
}
