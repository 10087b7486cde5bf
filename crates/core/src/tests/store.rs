//! Store tests on real sled databases in temporary folders.

use std::path::{Path, PathBuf};

use std::sync::Arc;

use crate::assets::{AssetField, AssetInput, AssetQuery, FieldErrorCode};
use crate::ids::AssetId;
use crate::problem::ProblemCode;
use crate::stamp::{Author, Stamp};
use crate::store::integrity::acked::Durability;
use crate::store::kv::{Batch, Tree};
use crate::store::*;
use crate::testkit::stamp;

fn id(n: u128) -> AssetId {
    AssetId(ulid::Ulid(n + 1))
}

fn input(tag: &str) -> AssetInput {
    AssetInput {
        asset_tag: Some(tag.into()),
        asset_type: Some("server".into()),
        status: Some("in_stock".into()),
        ..AssetInput::default()
    }
}

fn workspace(store: &Store) -> Arc<Workspace> {
    let meta = store
        .create_workspace("평택 1센터", 1)
        .expect("create workspace");
    store.workspace(&meta.id).expect("open workspace")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn an_asset_survives_reopening_with_every_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let full = AssetInput {
        manufacturer: Some("Dell".into()),
        model: Some("PowerEdge R760".into()),
        serial: Some("DL12345678".into()),
        purchase_date: Some("2024-03-05".into()),
        cost: Some("18,500,000".into()),
        currency: Some("KRW".into()),
        warranty_end: Some("2029-03-04".into()),
        site: Some("평택 1센터".into()),
        room: Some("전산실 A".into()),
        row: Some("C열".into()),
        rack: Some("C-R07".into()),
        unit: Some("12".into()),
        owner: Some("인프라운영팀".into()),
        notes: Some("펌웨어 최신".into()),
        tags: Some("gpu, 예비".into()),
        ..input("PT1-SRV-0001")
    };
    let workspace_id;
    let registered;
    {
        let store = Store::open(dir.path()).expect("open");
        let workspace = workspace(&store);
        workspace_id = workspace.meta().id;
        registered = workspace
            .register_asset(id(1), &full, &stamp(1_000))
            .expect("register");
    }
    let store = Store::open(dir.path()).expect("reopen");
    let workspace = store.workspace(&workspace_id).expect("workspace");
    let row = workspace.asset("PT1-SRV-0001").expect("found by tag");
    assert_eq!(row, registered);
    assert_eq!(
        AssetInput::from_asset(&row.asset).cost.as_deref(),
        Some("18500000")
    );
    assert_eq!(row.asset.location.unit, Some(12));
    assert_eq!(row.asset.tags, vec!["gpu".to_owned(), "예비".to_owned()]);
    // The projection agrees with the document it was built from.
    let rebuilt = workspace
        .registry()
        .rebuild(workspace.tree.as_ref())
        .expect("rebuild");
    // The asset, and the site, room and rack its location named, made when it reopened.
    assert_eq!(rebuilt, 4);
    assert_eq!(
        crate::assets::projection::load_index(workspace.tree.as_ref())
            .expect("index")
            .get(&id(1)),
        Some(&registered)
    );
}

#[test]
fn history_records_who_changed_which_field_from_what_to_what() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let workspace = workspace(&store);
    workspace
        .register_asset(id(1), &input("PT1-SRV-0001"), &stamp(1_000))
        .expect("register");
    let other = Stamp::new(Author::new("이서연", "이서"), 2_000);
    let edit = AssetInput {
        status: Some("in_use".into()),
        rack: Some("C-R07".into()),
        ..AssetInput::default()
    };
    workspace.edit_asset(id(1), &edit, &other).expect("edit");
    // An edit that changes nothing records nothing.
    workspace
        .edit_asset(
            id(1),
            &AssetInput {
                status: Some("사용 중".into()),
                ..AssetInput::default()
            },
            &stamp(3_000),
        )
        .expect("no-op");

    let history = workspace.asset_history(id(1)).expect("history");
    assert_eq!(history.len(), 2);
    let latest = &history[0];
    assert_eq!(
        (
            latest.at_ms,
            latest.author.name.as_str(),
            latest.op.as_str()
        ),
        (2_000, "이서연", "edit")
    );
    let changed: Vec<_> = latest
        .changes
        .iter()
        .map(|c| (c.field, c.before.as_str(), c.after.as_str()))
        .collect();
    assert_eq!(
        changed,
        vec![
            (AssetField::Status, "in_stock", "in_use"),
            (AssetField::Rack, "", "C-R07")
        ]
    );
    assert_eq!(history[1].op, "register");
    assert!(history[1]
        .changes
        .iter()
        .any(|c| c.field == AssetField::AssetTag && c.after == "PT1-SRV-0001"));
    let row = workspace.asset("PT1-SRV-0001").expect("row");
    assert_eq!(
        (
            row.updated_at_ms,
            row.updated_by.as_str(),
            row.created_at_ms
        ),
        (2_000, "이서연", 1_000)
    );
}

#[test]
fn asset_tags_are_unique_without_regard_to_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let workspace = workspace(&store);
    workspace
        .register_asset(id(1), &input("PT1-SRV-0001"), &stamp(1))
        .expect("first");
    let error = workspace
        .register_asset(id(2), &input("pt1-srv-0001 "), &stamp(2))
        .expect_err("duplicate");
    match error {
        crate::assets::AssetError::Invalid(errors) => {
            assert!(errors[0].is(FieldErrorCode::DuplicateAssetTag))
        }
        other => panic!("unexpected {other}"),
    }
    // A taken tag is reported together with the other problems, in form order.
    let bad_unit = AssetInput {
        unit: Some("99".into()),
        ..input("PT1-SRV-0001")
    };
    match workspace
        .register_asset(id(2), &bad_unit, &stamp(2))
        .expect_err("two problems")
    {
        crate::assets::AssetError::Invalid(errors) => assert_eq!(
            errors.iter().map(|e| e.code.as_str()).collect::<Vec<_>>(),
            [
                FieldErrorCode::DuplicateAssetTag.code(),
                FieldErrorCode::UnitOutOfRange.code()
            ]
        ),
        other => panic!("unexpected {other}"),
    }
    workspace
        .register_asset(id(2), &input("PT1-SRV-0002"), &stamp(2))
        .expect("second");
    let error = workspace
        .edit_asset(id(2), &input("PT1-SRV-0001"), &stamp(3))
        .expect_err("edit onto a used tag");
    assert!(error.to_string().contains("already used"), "{error}");
    assert_eq!(workspace.asset_count(), 2);
}

#[test]
fn many_edits_compact_into_a_snapshot_without_losing_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let workspace = workspace(&store);
    workspace
        .register_asset(id(1), &input("PT1-SRV-0001"), &stamp(1))
        .expect("register");
    for n in 0..40 {
        workspace
            .edit_asset(
                id(1),
                &AssetInput {
                    notes: Some(format!("점검 {n}")),
                    ..AssetInput::default()
                },
                &stamp(10 + n),
            )
            .expect("edit");
    }
    let changes_before = workspace.tree.scan_prefix(b"d/asset/").expect("scan").len();
    assert!(
        changes_before > 40,
        "each edit appends one change: {changes_before}"
    );
    assert_eq!(workspace.compact_due(10).expect("compact"), 1);
    let after = workspace.tree.scan_prefix(b"d/asset/").expect("scan");
    assert!(
        after
            .iter()
            .all(|(key, _)| key.windows(3).any(|w| w == b"/s/")),
        "only snapshot chunks remain"
    );
    drop(workspace);
    drop(store);
    let store = Store::open(dir.path()).expect("reopen");
    let workspace = store
        .workspace(&store.workspaces().expect("list")[0].id)
        .expect("workspace");
    assert_eq!(
        workspace.asset("PT1-SRV-0001").expect("row").asset.notes,
        "점검 39"
    );
    assert_eq!(workspace.asset_history(id(1)).expect("history").len(), 41);
}

#[test]
fn search_filter_and_sort_work_over_the_projection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let workspace = workspace(&store);
    let rows = [
        ("B-2", "switch", "in_use", "2023-05-01", "900"),
        ("A-1", "server", "in_use", "2024-01-10", "1,500"),
        ("C-3", "server", "disposed", "2021-12-31", ""),
    ];
    for (n, (tag, kind, status, bought, cost)) in rows.iter().enumerate() {
        let asset = AssetInput {
            asset_type: Some((*kind).into()),
            status: Some((*status).into()),
            purchase_date: Some((*bought).into()),
            cost: Some((*cost).into()),
            model: Some(format!("모델 {n}")),
            ..input(tag)
        };
        workspace
            .register_asset(id(n as u128), &asset, &stamp(1))
            .expect("register");
    }
    let tags = |query: AssetQuery| {
        workspace
            .query_assets(&query)
            .rows
            .into_iter()
            .map(|row| row.asset.asset_tag)
            .collect::<Vec<_>>()
    };
    assert_eq!(tags(AssetQuery::default()), ["A-1", "B-2", "C-3"]);
    let filter = |field, value: &str| crate::assets::AssetFilter {
        field,
        value: value.into(),
    };
    assert_eq!(
        tags(AssetQuery {
            filters: vec![filter(AssetField::AssetType, "서버")],
            ..AssetQuery::default()
        }),
        ["A-1", "C-3"]
    );
    assert_eq!(
        tags(AssetQuery {
            filters: vec![filter(AssetField::PurchaseDate, "2022-01-01..")],
            ..AssetQuery::default()
        }),
        ["A-1", "B-2"]
    );
    assert_eq!(
        tags(AssetQuery {
            filters: vec![filter(AssetField::Cost, "1000..2000")],
            ..AssetQuery::default()
        }),
        ["A-1"]
    );
    assert_eq!(
        tags(AssetQuery {
            search: "모델 2021-12".into(),
            ..AssetQuery::default()
        }),
        ["C-3"]
    );
    assert_eq!(
        tags(AssetQuery {
            search: "모델".into(),
            ..AssetQuery::default()
        })
        .len(),
        3
    );
    let by_cost = AssetQuery {
        sort: Some(crate::assets::AssetSort {
            field: AssetField::Cost,
            descending: true,
        }),
        ..AssetQuery::default()
    };
    assert_eq!(tags(by_cost), ["A-1", "B-2", "C-3"]);
    let page = workspace.query_assets(&AssetQuery {
        offset: 1,
        limit: 1,
        ..AssetQuery::default()
    });
    assert_eq!((page.total, page.offset, page.rows.len()), (3, 1, 1));
}

#[test]
fn a_store_written_in_schema_1_opens_and_is_migrated() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture("store-v1"), dir.path());
    let store = Store::open(dir.path()).expect("open the v1 fixture");
    assert_eq!(store.schema_version().expect("schema"), STORE_SCHEMA);
    let meta = store
        .find_workspace("평택 1센터")
        .expect("workspace survives");
    let workspace = store.workspace(&meta.id).expect("open");
    assert_eq!(workspace.asset_count(), 2);
    let row = workspace.asset("PT1-SRV-0001").expect("asset survives");
    assert_eq!(
        (
            row.asset.model.as_str(),
            row.asset.owner.as_str(),
            row.updated_by.as_str()
        ),
        ("PowerEdge R760", "인프라운영팀", "김민준")
    );
    let history = workspace
        .asset_history(row.asset.id)
        .expect("history survives");
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].changes[0].after, "인프라운영팀");
    // And the migrated store keeps working: edit, reopen, read.
    workspace
        .edit_asset(
            row.asset.id,
            &AssetInput {
                status: Some("maintenance".into()),
                ..AssetInput::default()
            },
            &stamp(5),
        )
        .expect("edit");
    drop(workspace);
    drop(store);
    let store = Store::open(dir.path()).expect("reopen migrated");
    let workspace = store.workspace(&meta.id).expect("open");
    assert_eq!(
        AssetField::Status.text(&workspace.asset("PT1-SRV-0001").expect("row").asset),
        "maintenance"
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.path().is_dir() {
            files.extend(walk(&entry.path()));
        } else {
            files.push(entry.path());
        }
    }
    files
}

#[test]
fn log_compression_is_chosen_at_creation_and_kept_on_reopen() {
    let conf = |dir: &Path| read_sled_conf(&dir.join("store"));
    let server = tempfile::tempdir().expect("tempdir");
    {
        let store = Store::open_with(server.path(), LogCompression::Off).expect("create");
        workspace(&store)
            .register_asset(id(1), &input("PT1-SRV-0001"), &stamp(1))
            .expect("register");
    }
    assert!(conf(server.path()).contains("use_compression: false"));
    // Opened later as a device would, it keeps its setting and its data.
    let store = Store::open(server.path()).expect("reopen");
    let meta = store.workspaces().expect("list").remove(0);
    assert_eq!(store.workspace(&meta.id).expect("open").asset_count(), 1);
    drop(store);
    assert!(conf(server.path()).contains("use_compression: false"));

    let device = tempfile::tempdir().expect("tempdir");
    drop(Store::open(device.path()).expect("create"));
    assert!(conf(device.path()).contains("use_compression: true"));
    let store = Store::open_with(device.path(), LogCompression::Off).expect("reopen");
    drop(store);
    assert!(conf(device.path()).contains("use_compression: true"));
}

/// The store's sled database opened directly, as another program or version would.
fn raw_sled(data_dir: &Path) -> sled::Db {
    // Like `Store::open`, wait for a store closed a moment ago to release its lock.
    let config = sled::Config::new()
        .path(data_dir.join("store"))
        .use_compression(true);
    let mut attempt = 0;
    loop {
        match config.open() {
            Err(sled::Error::Io(error)) if attempt < 40 && error.to_string().contains("lock") => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            result => return result.expect("sled"),
        }
    }
}

/// Overwrites one `meta` record (a schema or projection version) behind the store's back.
fn set_meta(data_dir: &Path, key: &[u8], value: u32) {
    let db = raw_sled(data_dir);
    db.open_tree("meta")
        .expect("meta")
        .insert(key, &value.to_be_bytes())
        .expect("insert");
    db.flush().expect("flush");
}

/// Makes a valid store with one asset and returns its folder.
fn valid_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    workspace(&store)
        .register_asset(id(1), &input("PT1-SRV-0001"), &stamp(1))
        .expect("register");
    dir
}

/// Opening a damaged store must fail with `expect` in its message and must not overwrite
/// what is there: every file's original bytes are still in place afterwards.
fn assert_refused_without_overwriting(dir: &Path, expect: &str) {
    let before: Vec<(PathBuf, Vec<u8>)> = walk(dir)
        .into_iter()
        .map(|path| (path.clone(), std::fs::read(&path).expect("read")))
        .collect();
    let error = match Store::open(dir) {
        Ok(_) => panic!("a damaged store opened"),
        Err(error) => error,
    };
    assert!(
        error.to_string().contains(expect),
        "unexpected message: {error}"
    );
    for (path, bytes) in before {
        let file_name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        if file_name.starts_with("snap.") {
            continue; // sled's own cache of its page table, rebuilt from the log on every open
        }
        let now = std::fs::read(&path).unwrap_or_default();
        assert!(
            now.starts_with(&bytes),
            "{} was overwritten",
            path.display()
        );
    }
}

#[test]
fn a_truncated_store_is_refused_and_left_alone() {
    let dir = valid_store();
    let db = dir.path().join("store/db");
    std::fs::write(&db, b"").expect("truncate");
    for snapshot in walk(&dir.path().join("store")).into_iter().filter(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("snap."))
    }) {
        std::fs::remove_file(snapshot).expect("remove snapshot");
    }
    assert_refused_without_overwriting(dir.path(), "damaged");
}

#[test]
fn a_store_folder_of_garbage_is_refused_and_left_alone() {
    let dir = valid_store();
    let db = dir.path().join("store/db");
    let garbage: Vec<u8> = (0..64 * 1024u32)
        .map(|n| (n.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&db, garbage).expect("overwrite");
    assert_refused_without_overwriting(dir.path(), "damaged");
}

#[test]
fn a_missing_store_folder_or_manifest_is_refused() {
    let dir = valid_store();
    std::fs::remove_dir_all(dir.path().join("store")).expect("remove store");
    assert_refused_without_overwriting(dir.path(), "store folder is missing");

    let dir = valid_store();
    std::fs::remove_file(dir.path().join("cloudwright.json")).expect("remove manifest");
    assert_refused_without_overwriting(dir.path(), "no manifest");
}

#[test]
fn a_store_from_a_newer_version_is_refused() {
    let dir = valid_store();
    set_meta(dir.path(), KEY_SCHEMA, 99u32);
    assert_refused_without_overwriting(dir.path(), "newer Cloudwright");
    // The data is all still there for the newer version that wrote it.
    set_meta(dir.path(), KEY_SCHEMA, STORE_SCHEMA);
    let store = Store::open(dir.path()).expect("open");
    let workspace = store
        .workspace(&store.workspaces().expect("list")[0].id)
        .expect("workspace");
    assert!(workspace.asset("PT1-SRV-0001").is_ok());
}

#[test]
fn damaged_document_bytes_give_a_clear_error() {
    let corrupt = fixture("corrupt");
    let mut seen = 0;
    for file in walk(&corrupt) {
        let bytes = std::fs::read(&file).expect("read");
        let dir = tempfile::tempdir().expect("tempdir");
        let db = sled::open(dir.path()).expect("sled");
        let durability = Arc::new(Durability::open(dir.path(), None).expect("durability"));
        let tree = kv::SledTree::new(db.open_tree("t").expect("tree"), durability);
        let mut batch = Batch::default();
        docs::write_snapshot(&mut batch, "asset/X", &bytes);
        tree.apply(batch).expect("apply");
        match docs::load(&tree, "asset/X") {
            Err(StoreError::DamagedDocument { doc_id, .. }) => assert_eq!(doc_id, "asset/X"),
            Err(other) => panic!("{}: unexpected error {other}", file.display()),
            Ok(_) => panic!("{} loaded although it is damaged", file.display()),
        }
        seen += 1;
    }
    assert!(
        seen >= 3,
        "the corrupt/ folder holds the damaged documents to test"
    );
}

#[test]
fn projections_of_an_older_encoding_are_rebuilt_from_the_documents() {
    let dir = valid_store();
    set_meta(dir.path(), KEY_PROJECTION, 1);
    {
        let db = raw_sled(dir.path());
        let name = db
            .tree_names()
            .into_iter()
            .find(|name| name.starts_with(b"ws/"))
            .expect("workspace tree");
        let tree = db.open_tree(name).expect("tree");
        tree.insert(
            format!("p/asset/{}", id(1)),
            b"one row per key, the old layout".to_vec(),
        )
        .expect("insert");
        db.flush().expect("flush");
    }
    let store = Store::open(dir.path()).expect("open rebuilds");
    let workspace = store
        .workspace(&store.workspaces().expect("list")[0].id)
        .expect("workspace");
    assert_eq!(workspace.asset_count(), 1);
    assert_eq!(
        workspace.asset("PT1-SRV-0001").expect("row").asset.id,
        id(1)
    );
}
