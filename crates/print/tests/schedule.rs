//! The cable schedule of a small real workspace, printed and read back with pdftotext: Korean
//! headings on every page, the labels, and a cable between two racks in both racks' tables.

use std::str::FromStr;
use std::sync::Arc;

use cloudwright_core::cables::model::{CableKind, LengthUnit};
use cloudwright_core::cables::ops::CableDraft;
use cloudwright_core::cables::schedule::ScheduleScope;
use cloudwright_core::csv_file::CsvOptions;
use cloudwright_core::racks::{Face, PlaceRequest, RackSpec, RoomInput, SiteInput};
use cloudwright_core::store::{Store, Workspace};
use cloudwright_core::{Author, CableId, ItemId, RackId, RoomId, SiteId, Stamp};
use cloudwright_print::cable_schedule::cable_schedule_pdf;
use cloudwright_print::racks::Language;

use crate::util::WrittenPdf;

/// Id number `n` as the ULID text the id types parse.
fn id<T: FromStr>(mut n: u128) -> T
where
    T::Err: std::fmt::Debug,
{
    const DIGITS: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut text = [b'0'; 26];
    for digit in text.iter_mut().rev() {
        *digit = DIGITS[(n % 32) as usize];
        n /= 32;
    }
    std::str::from_utf8(&text)
        .expect("ASCII")
        .parse()
        .expect("a ULID")
}

fn who() -> Stamp {
    Stamp::new(Author::new("김민준", "MJ"), 1_764_000_000_000)
}

const R1: u128 = 3;
const R2: u128 = 4;
const INTER_RACK: &str = "A-R01-U40-Ethernet48/A-R02-U40-Ethernet48";

/// A-R01: web-01 (U1), pp-1 (U42), pp-2 (U41), tor-1 (U40); A-R02: tor-2 (U40). web-01 goes
/// to pp-1, the panels' rear ports are joined one to one (48 cables, 96 rows: more than a
/// page), and tor-1 goes to tor-2 in the next rack.
fn cabled_workspace(dir: &std::path::Path) -> Arc<Workspace> {
    let store = Store::open(dir).expect("store");
    let meta = store.create_workspace("평택 구축", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let site: SiteId = id(1);
    let site_input = SiteInput {
        name: "평택 1센터".into(),
        code: "PT1".into(),
        address: String::new(),
    };
    ws.save_site(site, &site_input, &who()).expect("site");
    let room: RoomId = id(2);
    let room_input = RoomInput {
        site,
        name: "전산실 A".into(),
        columns: 10,
        rows: 5,
        tile_mm: 600,
    };
    ws.save_room(room, &room_input, &who()).expect("room");
    for (rack, name) in [(R1, "A-R01"), (R2, "A-R02")] {
        ws.save_rack(id(rack), &RackSpec::standard(room, name), &who())
            .expect("rack");
    }
    for (rack, item, key, label, bottom_hu) in [
        (R1, 10, "builtin:dell-poweredge-r650", "web-01", 0),
        (R1, 11, "builtin:patch-panel-48-cat6a", "pp-1", 82),
        (R1, 12, "builtin:patch-panel-48-cat6a", "pp-2", 80),
        (R1, 13, "builtin:arista-7280r3-48yc8", "tor-1", 78),
        (R2, 20, "builtin:arista-7280r3-48yc8", "tor-2", 78),
    ] {
        let request = PlaceRequest {
            device_type: key.into(),
            asset: None,
            label: label.into(),
            bottom_hu: Some(bottom_hu),
            face: Face::Front,
            leg: None,
        };
        ws.place_device(id(rack), id::<ItemId>(item), &request, &who())
            .expect("placed");
    }
    let mut csv = String::from("side_a_device,side_a_name,side_b_device,side_b_name,type,length\n");
    for port in 1..=48 {
        csv.push_str(&format!("pp-1,rear:{port},pp-2,rear:{port},cat6a,0.5\n"));
    }
    let mut next = 100;
    let mut new_id = || {
        next += 1;
        id::<CableId>(next)
    };
    ws.import_cables_csv(csv.as_bytes(), CsvOptions::default(), &mut new_id, &who())
        .expect("panel to panel");
    let end = |device: &str, port: &str| ws.find_port(device, port).expect("a port");
    for (a, b, kind, colour, length) in [
        (
            end("web-01", "eno1"),
            end("pp-1", "front:1"),
            CableKind::Cat6a,
            "파랑",
            Some(3.0),
        ),
        (
            end("tor-1", "Ethernet48"),
            end("tor-2", "Ethernet48"),
            CableKind::Om4,
            "노랑",
            Some(15.0),
        ),
    ] {
        let draft = CableDraft {
            a,
            b,
            kind,
            colour: colour.into(),
            length,
            length_unit: LengthUnit::Metres,
            label: String::new(),
        };
        ws.add_cable(new_id(), &draft, &who()).expect("cable");
    }
    ws
}

#[test]
fn a_workspace_schedule_prints_every_rack_with_headers_on_every_page_in_korean() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = cabled_workspace(dir.path());
    let pdf = WrittenPdf::new(
        &cable_schedule_pdf(
            &ws,
            ScheduleScope::Workspace,
            Language::Korean,
            "2026-11-25 14:00 · 김민준",
        )
        .expect("schedule"),
    );
    let pages = pdf.page_count();
    assert!(
        pages >= 3,
        "98 rows in A-R01 and 1 in A-R02 on {pages} pages"
    );
    let text = pdf.text();
    for words in [
        "평택 구축 — 케이블 스케줄 · 작업공간 전체",
        "2026-11-25 14:00 · 김민준",
        "A-R01 — 평택 1센터 / 전산실 A",
        "A-R02 — 평택 1센터 / 전산실 A",
        "U42 · pp-1 · Generic Patch panel 48×Cat6A · 49 / 96 포트 연결",
        "A-R01-U1-eno1/A-R01-U42-1",
        "A-R01-U42-48/A-R01-U41-48",
    ] {
        assert!(text.contains(words), "'{words}' is printed:\n{text}");
    }
    for page in 1..=pages {
        let page_text = pdf.page_text(page);
        for heading in [
            "포트",
            "라벨",
            "상대편 (랙 / U / 장치 / 포트)",
            "종류",
            "상태",
        ] {
            assert!(
                page_text.contains(heading),
                "page {page} has the heading '{heading}'"
            );
        }
    }
    // pp-1's 49 rows run onto the next page, and its heading comes with them.
    assert!(
        pdf.page_text(2).contains("U42 · pp-1"),
        "{}",
        pdf.page_text(2)
    );

    // The cable between the racks is a row in each rack's table, seen from its own side.
    let rows: Vec<&str> = text
        .lines()
        .filter(|line| line.contains(INTER_RACK))
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0].starts_with("Ethernet48 ") && rows[0].contains("A-R02 / U40 / tor-2 / Ethernet48")
    );
    assert!(rows[1].contains("A-R01 / U40 / tor-1 / Ethernet48"));
    for row in &rows {
        assert!(
            row.contains("OM4")
                && row.contains("15 m")
                && row.contains("노랑")
                && row.contains("계획")
        );
    }
    let last = pdf.page_text(pages);
    assert!(last.contains("A-R02") && last.contains(INTER_RACK));
}

#[test]
fn a_rack_schedule_in_english_names_its_rack_and_holds_only_its_ends() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = cabled_workspace(dir.path());
    let pdf = WrittenPdf::new(
        &cable_schedule_pdf(
            &ws,
            ScheduleScope::Rack {
                rack: id::<RackId>(R2),
            },
            Language::English,
            "today",
        )
        .expect("schedule"),
    );
    assert_eq!(pdf.page_count(), 1);
    let text = pdf.text();
    for words in [
        "평택 구축 — Cable schedule · A-R02",
        "Far end (rack / U / device / port)",
        "U40 · tor-2 · Arista 7280R3-48YC8 · 1 / 60 ports cabled",
        INTER_RACK,
        "Planned",
    ] {
        assert!(text.contains(words), "'{words}' is printed:\n{text}");
    }
    assert!(!text.contains("web-01"), "A-R01's own cables stay out");
}
