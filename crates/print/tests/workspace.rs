//! Printing a real workspace: a demo store in a temp dir, its racks through the same mapping
//! the CLI and the app use, read back as text and pixels.

use cloudwright_core::demo::{generate, DemoOptions};
use cloudwright_core::racks::demo::{generate_racks, RackDemoOptions};
use cloudwright_core::store::Store;
use cloudwright_core::{Author, Stamp};
use cloudwright_print::racks::{power_and_cooling, rack_pack, Language};

use crate::util::{ink_fraction, WrittenPdf};

/// A demo store and the room of racks the rack demo made (the register's own locations are
/// places too, so it is not the first room of the tree).
fn demo_store(
    dir: &std::path::Path,
) -> (
    std::sync::Arc<cloudwright_core::store::Workspace>,
    cloudwright_core::RoomId,
) {
    let store = Store::open(dir).expect("store");
    let meta = store.create_workspace("평택 구축", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let who = Stamp::new(Author::new("김민준", "MJ"), 1_764_000_000_000);
    generate(
        &ws,
        &DemoOptions {
            assets: 600,
            seed: 5,
        },
        &who,
    )
    .expect("assets");
    let racks = generate_racks(&ws, &RackDemoOptions { racks: 6, seed: 5 }, &who).expect("racks");
    (ws, racks.room_id)
}

#[test]
fn a_workspace_pack_prints_every_rack_with_its_devices_in_korean_and_english() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ws, room_id) = demo_store(dir.path());
    let room = ws.room_view(room_id).expect("room");
    let ids: Vec<_> = room.racks.iter().map(|r| r.id).collect();
    let pdf = WrittenPdf::new(
        &rack_pack(&ws, &ids, Language::Korean, "2026-11-25 · 김민준").expect("pack"),
    );
    assert_eq!(pdf.page_count(), 6);
    let text = pdf.text();
    for rack in &room.racks {
        assert!(text.contains(&rack.name), "{} is printed", rack.name);
    }
    for words in [
        "전면",
        "후면",
        "평택 1센터 / 전산실 A / A열",
        "랙 실장도",
        "김민준",
    ] {
        assert!(text.contains(words), "'{words}' is printed");
    }
    // A placed asset's tag labels its device.
    let view = ws.rack_view(ids[1]).expect("rack");
    let tagged = view
        .devices
        .iter()
        .find_map(|d| d.asset_tag.clone())
        .expect("a tagged device");
    assert!(
        pdf.page_text(2).contains(&tagged),
        "{tagged} on A-R02's page"
    );
    for page in pdf.render_pages() {
        assert!(ink_fraction(&page) > 0.02, "every page has a drawing on it");
    }

    let english =
        WrittenPdf::new(&rack_pack(&ws, &ids[..1], Language::English, "today").expect("pack"));
    let text = english.text();
    assert!(text.contains("Front") && text.contains("Rear") && text.contains("Rack elevations"));
}

#[test]
fn the_power_and_cooling_report_lists_every_rack_with_its_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ws, room_id) = demo_store(dir.path());
    let pdf =
        WrittenPdf::new(&power_and_cooling(&ws, Language::Korean, "2026-11-25").expect("report"));
    let text = pdf.text();
    assert!(text.contains("전력·냉방 보고서"));
    let room = ws.room_view(room_id).expect("room");
    for rack in &room.racks {
        let line = text
            .lines()
            .find(|line| line.starts_with(&format!("{} ", rack.name)))
            .unwrap_or_else(|| panic!("a row for {}", rack.name));
        assert!(
            line.contains(&format!("{:.1}", rack.max_draw_w / 1000.0)),
            "{line}"
        );
    }
    assert!(text.contains(&format!("{:.1} kW", room.budget.cooling_kw)));
}
