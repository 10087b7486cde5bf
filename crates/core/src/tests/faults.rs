//! Faults injected under the store (`store::faults`): no acknowledged edit is ever lost, a
//! failed edit is there whole or not at all, and the store opens whole after a crash image or
//! a reopen. A full disk fails edits with `StoreError::DiskFull`, reads go on, and edits work
//! again once space is freed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;

use crate::assets::{projection, AssetError, AssetInput};
use crate::ids::{AssetId, SiteId};
use crate::racks::{RackError, Site, SiteInput};
use crate::store::faults::{
    copy_dir, flip_byte, truncate_file, FaultError, FaultPlan, FaultyTree, FlushFault,
};
use crate::store::{docs, Store, StoreError, Workspace};
use crate::testkit::{files, stamp};

#[derive(Clone, Debug)]
enum Edit {
    /// Register asset `n` (again: refused or an edit, either way checked).
    Register(u8),
    /// Set asset `n`'s model.
    SetModel(u8),
    /// Create or rename site `n`.
    SaveSite(u8),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0u8..6).prop_map(Edit::Register),
        (0u8..6).prop_map(Edit::SetModel),
        (0u8..3).prop_map(Edit::SaveSite),
    ]
}

fn plan_strategy() -> impl Strategy<Value = FaultPlan> {
    (
        proptest::collection::btree_set(1u64..24, 0..5),
        proptest::collection::btree_set(1u64..24, 0..5),
        prop_oneof![Just(FlushFault::BeforeSync), Just(FlushFault::AfterSync)],
        prop_oneof![Just(FaultError::Io), Just(FaultError::DiskFull)],
    )
        .prop_map(|(applies, flushes, flush_fault, error)| FaultPlan {
            failed_applies: applies,
            failed_flushes: flushes,
            flush_fault: Some(flush_fault),
            error: Some(error),
        })
}

fn asset_id(n: u8) -> AssetId {
    AssetId(ulid::Ulid(1_000 + u128::from(n)))
}

fn site_id(n: u8) -> SiteId {
    SiteId(ulid::Ulid(2_000 + u128::from(n)))
}

/// What a record may hold after a reopen: the last acknowledged value (if any), or a value
/// of an edit that failed after it.
#[derive(Default, Debug)]
struct Expect {
    acknowledged: Option<String>,
    maybe: BTreeSet<String>,
}

impl Expect {
    fn ok(&mut self, value: String) {
        self.acknowledged = Some(value);
        self.maybe.clear();
    }

    fn failed(&mut self, value: String) {
        self.maybe.insert(value);
    }

    fn check(&self, what: &str, found: Option<&String>) -> Result<(), TestCaseError> {
        match found {
            None => prop_assert!(
                self.acknowledged.is_none(),
                "{what}: acknowledged {:?} is lost",
                self.acknowledged
            ),
            Some(value) => prop_assert!(
                self.acknowledged.as_ref() == Some(value) || self.maybe.contains(value),
                "{what}: found {value:?}, acknowledged {:?}, failed {:?}",
                self.acknowledged,
                self.maybe
            ),
        }
        Ok(())
    }
}

/// The asset models and site names the documents hold, after checking that the list rows
/// and the places index agree with the documents.
fn read_back(ws: &Workspace) -> Result<Records, TestCaseError> {
    let tree = ws.tree.as_ref();
    let mut assets = BTreeMap::new();
    let doc_ids = docs::doc_ids_of_kind(tree, "asset").expect("asset documents");
    prop_assert_eq!(ws.asset_count(), doc_ids.len(), "rows and documents differ");
    for doc_id in doc_ids {
        let mut stored = docs::load(tree, &doc_id).expect("load").expect("document");
        let from_doc = projection::row_from_doc(&mut stored.doc, &doc_id).expect("row");
        let row = ws
            .asset(&from_doc.asset.id.to_string())
            .expect("row in the list");
        prop_assert_eq!(&row, &from_doc, "the list row is not the document");
        assets.insert(row.asset.id, row.asset.model.clone());
    }
    let mut sites = BTreeMap::new();
    let site_docs = docs::doc_ids_of_kind(tree, "site").expect("site documents");
    let listed: BTreeMap<SiteId, String> = ws
        .places_tree()
        .into_iter()
        .map(|node| (node.site.id, node.site.name))
        .collect();
    prop_assert_eq!(listed.len(), site_docs.len(), "places and documents differ");
    let mut cache = ws.lock_docs();
    for doc_id in site_docs {
        let site: Site = ws
            .load_aggregate(&mut cache, &doc_id)
            .expect("site")
            .expect("site document");
        prop_assert_eq!(listed.get(&site.id), Some(&site.name));
        sites.insert(site.id, site.name);
    }
    Ok(Records { assets, sites })
}

struct Records {
    assets: BTreeMap<AssetId, String>,
    sites: BTreeMap<SiteId, String>,
}

fn check_against(
    records: &Records,
    assets: &BTreeMap<AssetId, Expect>,
    sites: &BTreeMap<SiteId, Expect>,
) -> Result<(), TestCaseError> {
    for (id, expect) in assets {
        expect.check(&format!("asset {id}"), records.assets.get(id))?;
    }
    for (id, expect) in sites {
        expect.check(&format!("site {id}"), records.sites.get(id))?;
    }
    Ok(())
}

fn reopened(dir: &Path) -> Result<Arc<Workspace>, TestCaseError> {
    let store = Store::open(dir).map_err(|error| TestCaseError::fail(error.to_string()))?;
    let meta = store.find_workspace("faults").expect("workspace");
    Ok(store.workspace(&meta.id).expect("open workspace"))
}

fn run(edits: Vec<Edit>, plan: FaultPlan, damage: Option<Damage>) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let mut assets: BTreeMap<AssetId, Expect> = BTreeMap::new();
    let mut sites: BTreeMap<SiteId, Expect> = BTreeMap::new();
    {
        let store = Store::open(&data).expect("store");
        let meta = store.create_workspace("faults", 1).expect("workspace");
        let tree = Arc::new(store.workspace_tree(&meta.id).expect("tree"));
        let faulty = Arc::new(FaultyTree::new(tree, plan));
        let ws = Workspace::open(meta, faulty, store.registry()).expect("open workspace");
        for (step, edit) in edits.into_iter().enumerate() {
            let who = stamp(10 + step as i64);
            let value = format!("v{step}");
            let input = AssetInput {
                model: Some(value.clone()),
                ..AssetInput::default()
            };
            match edit {
                Edit::Register(n) => {
                    let full = AssetInput {
                        asset_tag: Some(format!("T-{n}")),
                        asset_type: Some("server".into()),
                        status: Some("in_stock".into()),
                        ..input
                    };
                    let expect = assets.entry(asset_id(n)).or_default();
                    match ws.register_asset(asset_id(n), &full, &who) {
                        Ok(_) => expect.ok(value),
                        // Refused as a duplicate: nothing written.
                        Err(AssetError::Invalid(_)) => {}
                        Err(_) => expect.failed(value),
                    }
                }
                Edit::SetModel(n) => {
                    let expect = assets.entry(asset_id(n)).or_default();
                    match ws.edit_asset(asset_id(n), &input, &who) {
                        Ok(_) => expect.ok(value),
                        Err(AssetError::NotFound(_) | AssetError::Invalid(_)) => {}
                        Err(_) => expect.failed(value),
                    }
                }
                Edit::SaveSite(n) => {
                    let site = SiteInput {
                        name: format!("site {value}"),
                        code: format!("S{n}"),
                        address: String::new(),
                    };
                    let expect = sites.entry(site_id(n)).or_default();
                    match ws.save_site(site_id(n), &site, &who) {
                        Ok(_) => expect.ok(site.name),
                        Err(RackError::Invalid(_)) => {}
                        Err(_) => expect.failed(site.name),
                    }
                }
            }
        }
        // What the files hold now is what a power cut would leave.
        let crash = dir.path().join("crash");
        copy_dir(&data, &crash).expect("crash image");
        let records = read_back(&*reopened(&crash)?)?;
        check_against(&records, &assets, &sites)?;
        if let Some(damage) = damage {
            let damaged = dir.path().join("damaged");
            copy_dir(&crash, &damaged).expect("copy to damage");
            damaged_is_refused_unchanged_or_whole(&damaged, damage, &assets, &sites)?;
        }
    }
    // Dropped and opened from disk again.
    let records = read_back(&*reopened(&data)?)?;
    check_against(&records, &assets, &sites)
}

/// File-level damage to a crash image's log, at a fraction (in thousandths) of its length.
#[derive(Clone, Copy, Debug)]
enum Damage {
    FlipByte(u64),
    Truncate(u64),
}

fn damage_strategy() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (0u64..1_000).prop_map(Damage::FlipByte),
        (0u64..1_000).prop_map(Damage::Truncate),
    ]
}

/// A damaged store is refused with its files unchanged, or opens with every acknowledged edit.
fn damaged_is_refused_unchanged_or_whole(
    dir: &Path,
    damage: Damage,
    assets: &BTreeMap<AssetId, Expect>,
    sites: &BTreeMap<SiteId, Expect>,
) -> Result<(), TestCaseError> {
    let log = dir.join("store").join("db");
    let length = std::fs::metadata(&log).expect("log").len();
    match damage {
        Damage::FlipByte(at) => flip_byte(&log, length * at / 1_000).expect("flip"),
        Damage::Truncate(at) => truncate_file(&log, length * at / 1_000).expect("truncate"),
    }
    let before = files(dir);
    match Store::open(dir) {
        Err(StoreError::Damaged { .. }) => {
            prop_assert!(files(dir) == before, "a refused store was changed");
            Ok(())
        }
        Err(error) => Err(TestCaseError::fail(format!("{damage:?}: {error}"))),
        Ok(store) => {
            let meta = store.find_workspace("faults").expect("workspace");
            let ws = store.workspace(&meta.id).expect("open workspace");
            let records = read_back(&ws)?;
            check_against(&records, assets, sites)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn no_acknowledged_edit_is_lost_under_injected_faults(
        edits in proptest::collection::vec(edit_strategy(), 1..14),
        plan in plan_strategy(),
    ) {
        run(edits, plan, None)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// A crash image damaged in its log (a flipped byte, a cut) is refused unchanged or opens
    /// with every acknowledged edit. (What the pre-open check cannot see, by its own account:
    /// a cut or zeroing exactly at a record boundary after the last open; see
    /// `store::integrity`.)
    #[test]
    fn damaged_crash_images_are_refused_unchanged_or_whole(
        edits in proptest::collection::vec(edit_strategy(), 1..14),
        plan in plan_strategy(),
        damage in damage_strategy(),
    ) {
        run(edits, plan, Some(damage))?;
    }
}

#[test]
fn a_full_disk_fails_edits_as_disk_full_reads_go_on_and_edits_resume_once_freed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let meta = store.create_workspace("faults", 1).expect("workspace");
    let tree = Arc::new(store.workspace_tree(&meta.id).expect("tree"));
    let faulty = Arc::new(FaultyTree::new(tree, FaultPlan::default()));
    let ws = Workspace::open(meta, faulty.clone(), store.registry()).expect("open workspace");
    let register = |n: u8| {
        let input = AssetInput {
            asset_tag: Some(format!("T-{n}")),
            asset_type: Some("server".into()),
            status: Some("in_stock".into()),
            ..AssetInput::default()
        };
        ws.register_asset(asset_id(n), &input, &stamp(10 + i64::from(n)))
    };
    register(1).expect("saved before the disk fills");

    faulty.fill_disk();
    let refused = register(2).expect_err("no space");
    assert!(
        matches!(refused, AssetError::Store(StoreError::DiskFull)),
        "{refused:?}"
    );
    assert_eq!(
        refused.to_string(),
        "the disk is full: nothing was saved. Free some space, then try again"
    );
    assert!(!refused.to_string().contains("damaged"));
    assert_eq!(
        ws.asset_count(),
        1,
        "reading goes on while the disk is full"
    );
    ws.asset("T-1").expect("the saved asset reads");

    faulty.free_space();
    register(2).expect("saved once space is freed");
    drop(ws);
    drop(faulty);
    drop(store);
    let reopened = reopened_store(dir.path());
    assert_eq!(reopened.asset_count(), 2);
}

fn reopened_store(dir: &Path) -> Arc<Workspace> {
    let store = Store::open(dir).expect("reopen");
    let meta = store.find_workspace("faults").expect("workspace");
    store.workspace(&meta.id).expect("open workspace")
}

#[test]
fn enospc_and_edquot_from_sled_and_io_are_disk_full() {
    for errno in [28, 122] {
        let sled_error = sled::Error::Io(std::io::Error::from_raw_os_error(errno));
        assert!(matches!(StoreError::from(sled_error), StoreError::DiskFull));
        let io_error = std::io::Error::from_raw_os_error(errno);
        assert!(matches!(StoreError::from(io_error), StoreError::DiskFull));
    }
    // What sled 0.34 really returns on a full disk: the OS error wrapped in a custom one of
    // kind StorageFull, whose raw_os_error() is None.
    let wrapped = std::io::Error::new(
        std::io::ErrorKind::StorageFull,
        std::io::Error::from_raw_os_error(28),
    );
    assert!(matches!(
        StoreError::from(sled::Error::Io(wrapped)),
        StoreError::DiskFull
    ));
    let other = sled::Error::Io(std::io::Error::from_raw_os_error(5));
    assert!(matches!(StoreError::from(other), StoreError::Io(_)));
}

/// A damaged crash image the property test above once failed on (before the pre-open check
/// and recovery landed): one site saved, the log cut at 6.3 % of its length.
#[test]
fn a_log_cut_after_one_saved_site_is_refused_or_keeps_it() {
    let plan = FaultPlan {
        failed_applies: Default::default(),
        failed_flushes: Default::default(),
        flush_fault: Some(FlushFault::BeforeSync),
        error: Some(FaultError::Io),
    };
    run(vec![Edit::SaveSite(0)], plan, Some(Damage::Truncate(63))).expect("refused or whole");
}

/// Another case the property test above once failed on: a flipped byte late in the log.
#[test]
fn a_flipped_byte_in_the_last_writes_is_refused_or_keeps_them() {
    let plan = FaultPlan {
        failed_applies: [17].into(),
        failed_flushes: [2, 5, 17].into(),
        flush_fault: Some(FlushFault::BeforeSync),
        error: Some(FaultError::Io),
    };
    let edits = vec![
        Edit::Register(1),
        Edit::SetModel(4),
        Edit::Register(1),
        Edit::Register(2),
        Edit::SetModel(5),
        Edit::SetModel(2),
        Edit::SetModel(3),
        Edit::SaveSite(1),
        Edit::SetModel(1),
        Edit::SaveSite(2),
        Edit::SetModel(2),
        Edit::Register(0),
    ];
    run(edits, plan, Some(Damage::FlipByte(907))).expect("refused or whole");
}
