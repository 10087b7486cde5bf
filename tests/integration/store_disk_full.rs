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
    // The first edits may still fit in what sled's log file already holds; the disk refuses
    // one within a few.
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
