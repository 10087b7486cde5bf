//! A workspace leaves the store as a plain folder and comes back whole: every document with
//! its history, every file; a damaged folder is refused with nothing created; rolling
//! backups keep seven.

use std::path::Path;

use crate::cables::model::{CableKind, LengthUnit, PortRole};
use crate::cables::ops::CableDraft;
use crate::ids::CableId;
use crate::lifecycle::{AssignInput, Step};
use crate::store::backup::{
    self, list_backups, read_export, take_backup, write_export, BackupError, DamageKind, ImportAs,
    KEEP_BACKUPS,
};
use crate::store::docs;
use crate::store::{Store, Workspace};
use crate::testkit::{end, fresh_workspace, item, plant, register, server_request, stamp};

fn png() -> Vec<u8> {
    let mut png = Vec::new();
    image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8, y as u8, 90]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    png
}

/// Assets with lifecycle records and an attachment, a rack with placements, a cable, an
/// audit with a photo, and enough edits that documents hold appended changes.
fn rich_workspace(ws: &Workspace) {
    let who = stamp(1);
    let rack = plant(ws, &who);
    let server = register(ws, 1, "PT-SRV-0001");
    ws.place_device(rack, item(20), &server_request(Some(4), Some(server)), &who)
        .expect("placed");
    for n in 2..40u128 {
        let id = register(ws, n, &format!("PT-LT-{n:04}"));
        let edit = crate::assets::AssetInput {
            notes: Some(format!("edit {n}")),
            ..Default::default()
        };
        ws.edit_asset(id, &edit, &stamp(10 + n as i64))
            .expect("edit");
    }
    let input = AssignInput {
        kind: "person".into(),
        assignee: "이서연".into(),
        from: String::new(),
        due: "2026-12-20".into(),
        note: String::new(),
    };
    ws.life_step(
        "PT-LT-0002",
        Step::Assign(&input),
        ulid::Ulid(900),
        &crate::assets::Date("2026-12-06".into()),
        &who,
    )
    .expect("assigned");
    ws.attach_to_asset(
        server,
        "warranty.pdf",
        "application/pdf",
        b"%PDF-1.4 warranty",
        &who,
    )
    .expect("attached");
    let draft = CableDraft {
        a: end(rack, 10, PortRole::Interface, "eno1"),
        b: end(rack, 11, PortRole::Front, "1"),
        kind: CableKind::Cat6a,
        colour: String::new(),
        length: Some(2.0),
        length_unit: LengthUnit::Metres,
        label: String::new(),
    };
    ws.add_cable(CableId(ulid::Ulid(100)), &draft, &who)
        .expect("cable");
    let scope = crate::audits::AuditScope {
        site: "평택".into(),
        room: "A".into(),
        rows: Vec::new(),
        racks: vec!["A-R01".into()],
        filter: None,
    };
    let audit = ws
        .start_audit(ulid::Ulid(700), "분기 실사", scope, &stamp(50))
        .expect("audit")
        .audit
        .id;
    ws.audit_scan(&audit, "PT-SRV-0001", &stamp(51))
        .expect("scan");
    ws.add_audit_photo(&audit, "PT-SRV-0001", &png(), &stamp(52))
        .expect("photo");
}

fn pairs(ws: &Workspace, prefix: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    ws.tree.scan_prefix(prefix).expect("scan")
}

/// Every document (by its heads: the same changes, so the same state and history), every
/// projection row and every blob of `a` are in `b`, and nothing else.
fn assert_same_records(a: &Workspace, b: &Workspace) {
    let ids = |ws: &Workspace| -> Vec<String> {
        let mut ids: Vec<String> = ws
            .backup_snapshot()
            .expect("snapshot")
            .documents
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        ids.sort();
        ids
    };
    let doc_ids = ids(a);
    assert_eq!(doc_ids, ids(b));
    assert!(
        doc_ids.iter().any(|id| id.starts_with("audit/")),
        "{doc_ids:?}"
    );
    for doc_id in &doc_ids {
        let mut left = docs::load(a.tree.as_ref(), doc_id)
            .expect("a")
            .expect("doc");
        let mut right = docs::load(b.tree.as_ref(), doc_id)
            .expect("b")
            .expect("doc");
        assert_eq!(left.doc.get_heads(), right.doc.get_heads(), "{doc_id}");
        assert_eq!(left.doc.save(), right.doc.save(), "{doc_id}");
    }
    assert_eq!(pairs(a, b"p/"), pairs(b, b"p/"), "projections");
    assert_eq!(pairs(a, b"bm/"), pairs(b, b"bm/"), "blob list");
    assert_eq!(pairs(a, b"b/"), pairs(b, b"b/"), "blob bytes");
    assert!(
        pairs(a, b"bm/").len() >= 2,
        "the attachment and the audit photo"
    );
}

fn export(ws: &Workspace, dir: &Path) {
    let snapshot = ws.backup_snapshot().expect("snapshot");
    write_export(&snapshot, dir, 1_765_000_000_000, "test").expect("export");
}

#[test]
fn a_workspace_exported_and_imported_elsewhere_has_every_record_file_and_change() {
    let (_dir, _store, ws) = fresh_workspace();
    rich_workspace(&ws);
    let out = tempfile::tempdir().expect("tempdir");
    let folder = out.path().join("export");
    export(&ws, &folder);
    assert!(folder.join("manifest.json").exists());
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("export")]);

    let other = tempfile::tempdir().expect("tempdir");
    let store = Store::open(other.path()).expect("store");
    let verified = read_export(&folder).expect("whole");
    let meta = store
        .import_workspace(&verified, ImportAs::Same)
        .expect("import");
    assert_eq!(meta.id, ws.meta().id);
    assert_eq!(meta.name, ws.meta().name);
    let imported = store.workspace(&meta.id).expect("open");
    assert_same_records(&ws, &imported);
    assert_eq!(imported.asset_count(), ws.asset_count());
    assert_eq!(imported.cables().len(), 1);
    assert_eq!(imported.audits().len(), 1);
    let tag = imported.asset("PT-LT-0002").expect("asset").asset.id;
    assert_eq!(
        imported.asset_history(tag).expect("history").len(),
        ws.asset_history(tag).expect("history").len()
    );
    // The id is taken now: a second import is refused, and nothing changes.
    drop(imported);
    assert!(matches!(
        store.import_workspace(&verified, ImportAs::Same),
        Err(BackupError::WorkspaceExists { .. })
    ));
    assert_eq!(store.workspaces().expect("list").len(), 1);
    // Still importable as a new workspace beside it, and it survives a reopen.
    let copy = store
        .import_workspace(
            &verified,
            ImportAs::New {
                name: Some("복원".into()),
                now_ms: 2_000,
            },
        )
        .expect("as new");
    assert_ne!(copy.id, meta.id);
    drop(store);
    let store = Store::open(other.path()).expect("reopen");
    let copy = store.workspace(&copy.id).expect("open copy");
    assert_same_records(&ws, &copy);
}

#[test]
fn a_damaged_export_is_refused_with_what_is_damaged_and_nothing_is_created() {
    let (_dir, _store, ws) = fresh_workspace();
    rich_workspace(&ws);
    let out = tempfile::tempdir().expect("tempdir");
    let folder = out.path().join("export");
    export(&ws, &folder);
    let manifest = backup::read_manifest(&folder).expect("manifest");
    let doc = &manifest.documents[manifest.documents.len() / 2];
    let path = folder.join(backup::DOCUMENTS_ARCHIVE);
    let mut bytes = std::fs::read(&path).expect("read");
    let middle = doc.offset.expect("an offset") + doc.bytes / 2;
    bytes[middle as usize] ^= 0x01;
    std::fs::write(&path, bytes).expect("flip");
    let blob = &manifest.blobs[0];
    std::fs::remove_file(folder.join("blobs").join(&blob.sha256)).expect("remove blob");

    let other = tempfile::tempdir().expect("tempdir");
    let store = Store::open(other.path()).expect("store");
    match read_export(&folder) {
        Err(BackupError::Damaged { damages, .. }) => {
            let found: Vec<(String, DamageKind)> = damages
                .iter()
                .map(|d| (d.file.clone(), d.problem.clone()))
                .collect();
            assert_eq!(
                found,
                vec![
                    (doc.file.clone(), DamageKind::WrongHash),
                    (format!("blobs/{}", blob.sha256), DamageKind::Missing),
                ]
            );
            let message = BackupError::Damaged {
                path: folder.clone(),
                damages,
            }
            .to_string();
            assert!(message.contains("nothing was imported"), "{message}");
            assert!(message.contains(&doc.file), "{message}");
        }
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(_) => panic!("a damaged export was accepted"),
    }
    assert!(store.workspaces().expect("list").is_empty());
}

/// The documents archive is a standard tar: every entry is one document's file under the
/// name the manifest gives, holding the bytes the manifest hashes, at the offset it gives.
#[test]
fn the_documents_archive_is_a_tar_of_one_file_per_document_at_the_offsets_the_manifest_gives() {
    use std::io::Read;
    let (_dir, _store, ws) = fresh_workspace();
    rich_workspace(&ws);
    let out = tempfile::tempdir().expect("tempdir");
    let folder = out.path().join("export");
    export(&ws, &folder);
    let manifest = backup::read_manifest(&folder).expect("manifest");
    assert_eq!(manifest.version, 2);
    assert!(!folder.join("docs").exists(), "no folder of document files");
    let archive = std::fs::read(folder.join(backup::DOCUMENTS_ARCHIVE)).expect("archive");
    let mut entries = Vec::new();
    for entry in tar::Archive::new(archive.as_slice())
        .entries()
        .expect("a tar")
    {
        let mut entry = entry.expect("an entry");
        let name = entry.path().expect("a path").to_string_lossy().into_owned();
        let offset = entry.raw_file_position();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("its bytes");
        entries.push((name, offset, crate::sync::blobs::sha256_hex(&bytes)));
    }
    let listed: Vec<(String, u64, String)> = manifest
        .documents
        .iter()
        .map(|d| (d.file.clone(), d.offset.expect("offset"), d.sha256.clone()))
        .collect();
    assert_eq!(entries, listed);
    assert!(listed.len() > 40, "{} documents", listed.len());
}

/// A version 1 export (a file per document in `docs/`, no archive), as earlier versions wrote
/// them, is still read and imported whole; one of its files damaged is still named.
#[test]
fn a_version_1_export_with_a_file_per_document_is_still_read() {
    let (_dir, _store, ws) = fresh_workspace();
    rich_workspace(&ws);
    let out = tempfile::tempdir().expect("tempdir");
    let folder = out.path().join("export");
    export(&ws, &folder);
    // Lay it out as version 1 did: the documents as files, the manifest without offsets.
    let mut manifest = backup::read_manifest(&folder).expect("manifest");
    let archive = std::fs::read(folder.join(backup::DOCUMENTS_ARCHIVE)).expect("archive");
    std::fs::create_dir(folder.join("docs")).expect("docs");
    for doc in &mut manifest.documents {
        let start = doc.offset.take().expect("offset") as usize;
        let bytes = &archive[start..start + doc.bytes as usize];
        std::fs::write(folder.join(&doc.file), bytes).expect("write");
    }
    std::fs::remove_file(folder.join(backup::DOCUMENTS_ARCHIVE)).expect("remove");
    manifest.version = 1;
    manifest.documents_archive = None;
    let text = serde_json::to_string_pretty(&manifest).expect("json");
    assert!(!text.contains("offset") && !text.contains("documents_archive"));
    std::fs::write(folder.join("manifest.json"), text).expect("manifest");

    let verified = read_export(&folder).expect("a version 1 export reads whole");
    let other = tempfile::tempdir().expect("tempdir");
    let store = Store::open(other.path()).expect("store");
    let meta = store
        .import_workspace(&verified, ImportAs::Same)
        .expect("import");
    assert_same_records(&ws, &store.workspace(&meta.id).expect("open"));

    let first = &manifest.documents[0];
    std::fs::write(folder.join(&first.file), b"not automerge").expect("damage");
    match read_export(&folder) {
        Err(BackupError::Damaged { damages, .. }) => {
            assert_eq!(damages.len(), 1, "{damages:?}");
            assert_eq!(damages[0].file, first.file);
        }
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(_) => panic!("a damaged export was accepted"),
    }
}

/// An archive cut short names every document it no longer holds whole; one that is gone is
/// named once, as the archive.
#[test]
fn a_documents_archive_cut_short_or_gone_is_named() {
    let (_dir, _store, ws) = fresh_workspace();
    rich_workspace(&ws);
    let out = tempfile::tempdir().expect("tempdir");
    let folder = out.path().join("export");
    export(&ws, &folder);
    let manifest = backup::read_manifest(&folder).expect("manifest");
    let path = folder.join(backup::DOCUMENTS_ARCHIVE);
    let last = manifest.documents.last().expect("a document");
    let cut = last.offset.expect("offset") + last.bytes / 2;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("open");
    file.set_len(cut).expect("cut");
    drop(file);
    match read_export(&folder) {
        Err(BackupError::Damaged { damages, .. }) => {
            let found: Vec<(String, DamageKind)> = damages
                .iter()
                .map(|d| (d.file.clone(), d.problem.clone()))
                .collect();
            assert_eq!(
                found,
                vec![(
                    last.file.clone(),
                    DamageKind::WrongSize {
                        expected: last.bytes,
                        found: last.bytes / 2
                    }
                )]
            );
        }
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(_) => panic!("a cut archive was accepted"),
    }
    std::fs::remove_file(&path).expect("remove");
    match read_export(&folder) {
        Err(BackupError::Damaged { damages, .. }) => {
            let found: Vec<(String, DamageKind)> = damages
                .iter()
                .map(|d| (d.file.clone(), d.problem.clone()))
                .collect();
            assert_eq!(
                found,
                vec![(backup::DOCUMENTS_ARCHIVE.to_owned(), DamageKind::Missing)]
            );
        }
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(_) => panic!("an export without its archive was accepted"),
    }
}

#[test]
fn rolling_backups_keep_exactly_the_newest_seven_and_skip_one_cut_off() {
    let (dir, _store, ws) = fresh_workspace();
    register(&ws, 1, "PT-SRV-0001");
    let day = 86_400_000;
    let start = 1_765_000_000_000;
    assert!(backup::backup_due(dir.path(), ws.meta(), start));
    for n in 0..10 {
        let snapshot = ws.backup_snapshot().expect("snapshot");
        take_backup(dir.path(), &snapshot, start + n * day, "test").expect("backup");
    }
    assert!(!backup::backup_due(
        dir.path(),
        ws.meta(),
        start + 9 * day + 1000
    ));
    assert!(backup::backup_due(dir.path(), ws.meta(), start + 10 * day));
    // A folder a killed backup left behind, and one without a manifest, are not backups.
    let folder = backup::backups_dir(dir.path()).join(ws.meta().id.to_string());
    std::fs::create_dir_all(folder.join(".20991231T000000000Z.partial-1/docs")).expect("partial");
    std::fs::create_dir_all(folder.join("20991231T000000000Z/docs")).expect("no manifest");
    let listed = list_backups(dir.path());
    assert_eq!(listed.len(), KEEP_BACKUPS);
    let times: Vec<i64> = listed.iter().map(|info| info.created_at_ms).collect();
    assert_eq!(times, (3..10).map(|n| start + n * day).collect::<Vec<_>>());
    assert!(listed.iter().all(|info| info.counts.documents == 1));
    for info in &listed {
        read_export(&info.path).expect("every kept backup is whole");
    }
    // The older three were set aside (dot names, never listed); removing them, and the
    // folder a killed backup left, leaves exactly the seven.
    let names = |folder: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .expect("folder")
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        names(&folder)
            .iter()
            .filter(|n| n.starts_with(".retired-"))
            .count(),
        3
    );
    backup::remove_retired(dir.path());
    let left = names(&folder);
    assert_eq!(left.len(), KEEP_BACKUPS + 1, "{left:?}");
    assert!(left.iter().all(|name| !name.starts_with('.')), "{left:?}");
    assert_eq!(list_backups(dir.path()).len(), KEEP_BACKUPS);
    let found = backup::find_backup(dir.path(), &listed[0].name).expect("by name");
    assert_eq!(found.path, listed[0].path);
}

/// An edit that writes several documents at once (here: the first and the last document of
/// the workspace, in one commit) made while a backup copies them piece by piece is in the
/// backup whole or not at all: the documents written during the copy are copied again at
/// one moment under the writers' lock.
#[test]
fn an_edit_of_several_documents_during_a_backup_is_in_it_whole() {
    use automerge::{transaction::Transactable, ReadDoc, ROOT};

    let (_dir, _store, ws) = fresh_workspace();
    for n in 1..=30u128 {
        register(&ws, n, &format!("PT-SRV-{n:04}"));
    }
    let mark = |ws: &Workspace, doc_id: &str| -> Vec<u8> {
        let mut stored = docs::load(ws.tree.as_ref(), doc_id)
            .expect("load")
            .expect("the document");
        stored
            .doc
            .put(ROOT, "backup_probe", "written during the copy")
            .expect("put");
        stored.doc.save()
    };
    let probe = |bytes: &[u8]| -> bool {
        let doc = automerge::AutoCommit::load(bytes).expect("load");
        doc.get(ROOT, "backup_probe").expect("get").is_some()
    };
    let mut written = None;
    let snapshot = ws
        .backup_snapshot_in_pieces(4, &mut |copied| {
            if written.is_some() || copied == 0 {
                return;
            }
            // After the first piece: one commit writes the first document (copied already)
            // and the last one (not yet copied).
            let ids = docs::doc_ids_of_kind(ws.tree.as_ref(), "asset").expect("ids");
            let (first, last) = (ids[0].clone(), ids[ids.len() - 1].clone());
            let mut batch = crate::store::kv::Batch::default();
            docs::write_snapshot(&mut batch, &first, &mark(&ws, &first));
            docs::write_snapshot(&mut batch, &last, &mark(&ws, &last));
            let _writers = ws.lock_docs();
            ws.commit(batch).expect("commit");
            written = Some((first, last));
        })
        .expect("snapshot");
    let (first, last) = written.expect("the edit ran during the copy");
    let bytes = |doc_id: &str| {
        snapshot
            .documents
            .iter()
            .find(|(id, _)| id == doc_id)
            .map(|(_, bytes)| bytes.clone())
            .expect("in the backup")
    };
    assert!(probe(&bytes(&first)), "the document copied before the edit");
    assert!(probe(&bytes(&last)), "the document copied after it");
    assert_eq!(snapshot.documents.len(), 30);
}
