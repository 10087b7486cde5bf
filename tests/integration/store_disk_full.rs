//! A full disk under the core store itself, in process, on a small tmpfs mounted for the test
//! (issue 15): an edit fails as disk full, reads go on, nothing acknowledged is lost, the
//! store goes on once space is freed, and the next open is never refused as damaged.

use cloudwright_core::assets::{AssetInput, AssetQuery};
use cloudwright_core::demo::{generate, DemoOptions};
use cloudwright_core::store::Store;
use cloudwright_core::{AssetId, Author, Stamp};

use crate::util::SmallDisk;

fn stamp() -> Stamp {
    Stamp::new(Author::new("검사", "QA"), 1_765_000_000_000)
}

fn bulky(n: u128) -> AssetInput {
    let notes: String = (0..40)
        .map(|i| {
            format!(
                "{:032x}",
                (n * 7_919 + i).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835)
            )
        })
        .collect();
    AssetInput {
        asset_tag: Some(format!("BULK-{n:05}")),
        asset_type: Some("server".into()),
        status: Some("in_stock".into()),
        notes: Some(notes),
        ..AssetInput::default()
    }
}

/// On a full disk an edit fails as disk full and nothing of it is kept; reading goes on
/// (the index and sled's reads); once space is freed the next edit succeeds in the same
/// process, the store reopened in place; and everything acknowledged is there on the next
/// open, nothing that failed.
#[test]
fn edits_fail_as_disk_full_reads_go_on_and_edits_resume_once_space_is_freed_without_a_restart() {
    let disk = match SmallDisk::mount(8) {
        Ok(disk) => disk,
        Err(why) => {
            eprintln!("cannot mount a small tmpfs here ({why}); core's injected faults cover it");
            return;
        }
    };
    let data = disk.path().join("data");
    let store = Store::open(&data).expect("open");
    let meta = store.create_workspace("평택", 1).expect("workspace");
    let workspace = store.workspace(&meta.id).expect("open workspace");
    generate(
        &workspace,
        &DemoOptions {
            assets: 30,
            seed: 1,
        },
        &stamp(),
    )
    .expect("demo");
    workspace
        .register_asset(AssetId(ulid::Ulid(1)), &bulky(1), &stamp())
        .expect("an edit before the disk fills");

    let filler = disk.fill();
    // An edit is refused once the disk lacks room for it and for a reopen (2 MiB), which on
    // a full disk is the first.
    let mut failed = Vec::new();
    for n in 2..40u128 {
        match workspace.register_asset(AssetId(ulid::Ulid(n)), &bulky(n), &stamp()) {
            Ok(_) => assert!(failed.is_empty(), "an edit after a failed one succeeded"),
            Err(error) => {
                assert!(
                    error
                        .to_string()
                        .contains("the disk is full: nothing was saved"),
                    "{error}"
                );
                failed.push(n);
                if failed.len() == 3 {
                    break;
                }
            }
        }
    }
    assert_eq!(failed.len(), 3, "the disk never filled");
    let acknowledged = failed[0] - 1;
    let total = |workspace: &cloudwright_core::store::Workspace| {
        workspace.query_assets(&AssetQuery::default()).total as u128
    };
    assert_eq!(total(&workspace), 30 + acknowledged);
    let tag = |n: u128| format!("BULK-{n:05}");
    assert!(workspace.asset(&tag(acknowledged)).is_ok(), "reads go on");
    assert!(
        workspace.asset(&tag(failed[0])).is_err(),
        "nothing of a failed edit is kept"
    );

    std::fs::remove_file(filler).expect("free the space");
    for n in [100, 101] {
        workspace
            .register_asset(AssetId(ulid::Ulid(n)), &bulky(n), &stamp())
            .expect("edits after space is freed, without a restart");
    }
    assert_eq!(total(&workspace), 32 + acknowledged);
    drop(workspace);
    drop(store);

    let store = Store::open(&data).expect("the next open is not refused");
    let meta = store.workspaces().expect("list").remove(0);
    let workspace = store.workspace(&meta.id).expect("open workspace");
    assert_eq!(total(&workspace), 32 + acknowledged);
    for n in (1..=acknowledged).chain([100, 101]) {
        assert!(workspace.asset(&tag(n)).is_ok(), "{} is kept", tag(n));
    }
    for n in failed {
        assert!(workspace.asset(&tag(n)).is_err(), "{} failed", tag(n));
    }
}

/// A file attached on a full disk is refused before sled sees it: sled 0.34 writes a leaf of
/// the file's chunks to a file of its own, and a failure there used to leave its database
/// waiting forever on its next flush, so the first edit after space was freed never
/// returned (the app's form stayed at "saving"). The store is opened a second time first, as
/// the app opens one the CLI made: sled's open writes its log's segment out in full.
#[test]
fn a_file_attached_on_a_full_disk_is_refused_and_the_next_edit_once_space_is_freed_saves() {
    let disk = match SmallDisk::mount(16) {
        Ok(disk) => disk,
        Err(why) => {
            eprintln!("cannot mount a small tmpfs here ({why}); core's injected faults cover it");
            return;
        }
    };
    let data = disk.path().join("data");
    let id = AssetId(ulid::Ulid(1));
    {
        let store = Store::open(&data).expect("open");
        let meta = store.create_workspace("평택", 1).expect("workspace");
        let workspace = store.workspace(&meta.id).expect("open workspace");
        workspace
            .register_asset(id, &bulky(1), &stamp())
            .expect("an asset");
    }
    let store = Store::open(&data).expect("open again");
    let meta = store.workspaces().expect("list").remove(0);
    let workspace = store.workspace(&meta.id).expect("open workspace");
    let mut state: u64 = 1;
    let scan: Vec<u8> = (0..1024 * 1024)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 56) as u8
        })
        .collect();

    let filler = disk.fill();
    let refused = workspace
        .attach_to_asset(id, "scan.pdf", "application/pdf", &scan, &stamp())
        .expect_err("no room for the file");
    assert!(
        refused.to_string().contains("the disk is full"),
        "{refused}"
    );

    std::fs::remove_file(filler).expect("free the space");
    // On a thread of its own: before the fix it never returned.
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let edit = AssetInput {
            notes: Some("공간을 비운 뒤".into()),
            ..AssetInput::default()
        };
        let outcome = workspace.edit_asset(id, &edit, &stamp()).map(|_| ());
        let _ = done.send((workspace, outcome));
    });
    let (workspace, outcome) = finished
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the edit after space was freed returns");
    outcome.expect("the edit saves");
    workspace
        .attach_to_asset(id, "scan.pdf", "application/pdf", &scan, &stamp())
        .expect("the file once space is freed");
    assert_eq!(
        workspace.asset(&tag(1)).expect("the asset").asset.notes,
        "공간을 비운 뒤"
    );
}

fn tag(n: u128) -> String {
    format!("BULK-{n:05}")
}
