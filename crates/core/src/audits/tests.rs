//! Audits on real stores: every kind of discrepancy from scans and ticks, the corrections
//! applied to the records with history, and two auditors merging offline.

use super::*;
use crate::assets::{AssetInput, AssetStatus};
use crate::store::Workspace;
use crate::testkit::{device, server};
use crate::testkit::{fresh_workspace, item, layout, register, server_request, stamp};
use crate::AssetId;

fn rack_scope(rack: &str) -> AuditScope {
    AuditScope {
        site: "평택 1센터".into(),
        room: "전산실 A".into(),
        rows: Vec::new(),
        racks: vec![rack.into()],
        filter: None,
    }
}

/// Servers PT1-SRV-0001… placed in A-R01 from U1 up (2U apart), and one in A-R02.
fn floor(ws: &Workspace, count: u128) -> crate::testkit::Layout {
    let at = layout(ws, &stamp(1));
    for n in 1..=count {
        let id = register(ws, 100 + n, &format!("PT1-SRV-{n:04}"));
        let serial = AssetInput {
            serial: Some(format!("SN-{n:04}")),
            ..AssetInput::default()
        };
        ws.edit_asset(id, &serial, &stamp(6)).expect("serial");
        let hu = ((n - 1) * 4) as u32;
        ws.place_device(
            at.rack,
            item(200 + n),
            &server_request(Some(hu), Some(id)),
            &stamp(7),
        )
        .expect("placed");
    }
    let other = register(ws, 190, "PT1-SRV-0090");
    ws.place_device(
        at.other,
        item(290),
        &server_request(Some(0), Some(other)),
        &stamp(7),
    )
    .expect("placed in A-R02");
    at
}

fn mark(ws: &Workspace, audit: &str, item: &str, outcome: &str, at: i64) -> AuditSummary {
    mark_with(
        ws,
        audit,
        MarkInput {
            item: item.into(),
            outcome: outcome.into(),
            ..MarkInput::default()
        },
        at,
    )
}

fn mark_with(ws: &Workspace, audit: &str, input: MarkInput, at: i64) -> AuditSummary {
    ws.audit_mark(audit, &input, &stamp(at)).expect("marked")
}

#[test]
fn every_kind_of_discrepancy_is_listed_and_applied_to_the_records_with_history() {
    let (_dir, _store, ws) = fresh_workspace();
    floor(&ws, 6);
    let audit = ws
        .start_audit(
            ulid::Ulid(900),
            "A-R01 정기 실사",
            rack_scope("A-R01"),
            &stamp(1000),
        )
        .expect("started");
    let id = audit.audit.id.clone();
    assert_eq!(audit.counts.expected, 6, "A-R02's server is not expected");

    // Scans: by tag, again (nothing new), by serial (lower case, with spaces), and codes the
    // audit does not expect: an asset recorded in A-R02, and one not in the register.
    let first = ws
        .audit_scan(&id, "PT1-SRV-0001", &stamp(1001))
        .expect("scan");
    assert_eq!((first.result, first.counts.found), (ScanResult::Found, 1));
    let again = ws
        .audit_scan(&id, "pt1-srv-0001", &stamp(1002))
        .expect("rescan");
    assert_eq!(
        (again.result, again.counts.checked),
        (ScanResult::AlreadyMarked, 1)
    );
    let by_serial = ws
        .audit_scan(&id, " sn-0002 ", &stamp(1003))
        .expect("serial");
    assert_eq!(
        (by_serial.result, by_serial.tag.as_str()),
        (ScanResult::Found, "PT1-SRV-0002")
    );
    let stray = ws
        .audit_scan(&id, "PT1-SRV-0090", &stamp(1004))
        .expect("stray");
    assert_eq!(stray.result, ScanResult::NotExpected);
    assert_eq!(stray.recorded.map(|l| l.rack), Some("A-R02".to_owned()));
    let unknown = ws
        .audit_scan(&id, "NEW-0001", &stamp(1005))
        .expect("unknown");
    assert_eq!(
        (unknown.result, unknown.counts.unexpected),
        (ScanResult::Unknown, 1)
    );
    assert!(matches!(
        ws.audit_scan(&id, "   ", &stamp(1005)),
        Err(AuditError::EmptyCode)
    ));

    // Ticks: missing; found elsewhere (in A-R02, U20); the wrong status; registered on the spot.
    mark(&ws, &id, "PT1-SRV-0003", "missing", 1006);
    let place = crate::assets::Location {
        site: "평택 1센터".into(),
        room: "전산실 A".into(),
        row: String::new(),
        rack: "A-R02".into(),
        unit: Some(20),
    };
    let no_place = ws.audit_mark(
        &id,
        &MarkInput {
            item: "PT1-SRV-0004".into(),
            outcome: "found_elsewhere".into(),
            ..MarkInput::default()
        },
        &stamp(1007),
    );
    assert!(matches!(no_place, Err(AuditError::PlaceRequired)));
    mark_with(
        &ws,
        &id,
        MarkInput {
            item: "PT1-SRV-0004".into(),
            outcome: "found_elsewhere".into(),
            actual: Some(place),
            note: "랙 이동 미기록".into(),
            ..MarkInput::default()
        },
        1008,
    );
    mark_with(
        &ws,
        &id,
        MarkInput {
            item: "PT1-SRV-0005".into(),
            outcome: "wrong_status".into(),
            actual_status: "maintenance".into(),
            ..MarkInput::default()
        },
        1009,
    );
    let new_tag = AssetInput {
        asset_tag: Some("NEW-0001".into()),
        asset_type: Some("server".into()),
        status: Some("in_use".into()),
        ..AssetInput::default()
    };
    let registered = ws
        .audit_register(&id, AssetId(ulid::Ulid(950)), &new_tag, &stamp(1010))
        .expect("registered");
    assert_eq!(
        registered.asset.location.rack, "A-R01",
        "registered where it was found"
    );
    let counts = ws.audits()[0].counts.clone();
    assert_eq!(
        (counts.checked, counts.found, counts.unexpected),
        (5, 2, 2),
        "{counts:?}"
    );

    // Close: PT1-SRV-0006 was never checked and counts as missing.
    let list = ws.close_audit(&id, &stamp(1100)).expect("closed");
    let lines: Vec<(String, Outcome, bool)> = list
        .iter()
        .map(|d| (d.tag.clone(), d.outcome, d.unchecked))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("NEW-0001".to_owned(), Outcome::Unexpected, false),
            ("PT1-SRV-0003".to_owned(), Outcome::Missing, false),
            ("PT1-SRV-0004".to_owned(), Outcome::FoundElsewhere, false),
            ("PT1-SRV-0005".to_owned(), Outcome::WrongStatus, false),
            ("PT1-SRV-0006".to_owned(), Outcome::Missing, true),
            ("PT1-SRV-0090".to_owned(), Outcome::Unexpected, false),
        ]
    );
    assert_eq!(
        list[0].correction,
        Correction::None,
        "registered on the spot"
    );
    assert!(matches!(
        ws.audit_scan(&id, "PT1-SRV-0006", &stamp(1101)),
        Err(AuditError::Closed)
    ));
    assert_eq!(ws.audits()[0].counts.discrepancies(true), 6);

    // Apply only two first (a reviewed subset), then the rest.
    let some = ws
        .apply_audit(
            &id,
            Some(&["PT1-SRV-0003".to_owned(), "PT1-SRV-0005".to_owned()]),
            &stamp(1200),
        )
        .expect("applied");
    assert_eq!((some.applied, some.failed.len()), (2, 0));
    assert_eq!(
        ws.asset("PT1-SRV-0003").expect("row").asset.status,
        AssetStatus::Missing
    );
    assert_eq!(
        ws.asset("PT1-SRV-0005").expect("row").asset.status,
        AssetStatus::Maintenance
    );
    assert_eq!(
        ws.asset("PT1-SRV-0006").expect("row").asset.status,
        AssetStatus::InStock,
        "not yet"
    );
    let rest = ws.apply_audit(&id, None, &stamp(1201)).expect("applied");
    assert_eq!((rest.applied, rest.failed.clone()), (3, vec![]));
    let moved = ws.asset("PT1-SRV-0004").expect("row").asset.location;
    assert_eq!(
        (moved.rack.as_str(), moved.unit),
        ("A-R02", Some(20)),
        "moved through the rack rules"
    );
    let stray = ws.asset("PT1-SRV-0090").expect("row").asset.location;
    assert_eq!((stray.rack.as_str(), stray.unit), ("A-R01", None));
    assert_eq!(
        ws.asset("PT1-SRV-0006").expect("row").asset.status,
        AssetStatus::Missing
    );
    let history = ws
        .asset_history(ws.asset("PT1-SRV-0003").expect("row").asset.id)
        .expect("history");
    assert_eq!(history[0].op, "audit");
    assert!(
        history[0].changes.iter().any(|c| c.after == "missing"),
        "{:?}",
        history[0]
    );
    // Applied once: applying again writes nothing.
    assert_eq!(
        ws.apply_audit(&id, None, &stamp(1300))
            .expect("again")
            .applied,
        0
    );
    assert_eq!(ws.audits()[0].counts.applied, 5);
}

#[test]
fn an_open_audit_cannot_be_applied_and_bad_input_is_refused() {
    let (_dir, _store, ws) = fresh_workspace();
    floor(&ws, 2);
    assert!(matches!(
        ws.start_audit(ulid::Ulid(1), " ", rack_scope("A-R01"), &stamp(1)),
        Err(AuditError::NoName)
    ));
    assert!(matches!(
        ws.start_audit(ulid::Ulid(1), "x", AuditScope::default(), &stamp(1)),
        Err(AuditError::NoScope)
    ));
    let bad_filter = AuditScope {
        filter: Some("{not json".into()),
        ..AuditScope::default()
    };
    assert!(matches!(
        ws.start_audit(ulid::Ulid(1), "x", bad_filter, &stamp(1)),
        Err(AuditError::BadFilter(_))
    ));
    let id = ws
        .start_audit(ulid::Ulid(2), "실사", rack_scope("A-R01"), &stamp(2))
        .expect("start")
        .audit
        .id;
    assert!(matches!(
        ws.apply_audit(&id, None, &stamp(3)),
        Err(AuditError::NotClosed)
    ));
    let odd = ws.audit_mark(
        &id,
        &MarkInput {
            item: "PT1-SRV-0001".into(),
            outcome: "lost".into(),
            ..MarkInput::default()
        },
        &stamp(4),
    );
    assert!(matches!(odd, Err(AuditError::BadOutcome(_))));
    let nothing = ws.audit_mark(
        &id,
        &MarkInput {
            item: "NOPE".into(),
            outcome: "missing".into(),
            ..MarkInput::default()
        },
        &stamp(4),
    );
    assert!(matches!(nothing, Err(AuditError::NoSuchItem(_))));
    assert!(matches!(
        ws.audit_scan("01ARZ3NDEKTSV4RRFFQ69G5FAV", "X", &stamp(5)),
        Err(AuditError::NotFound(_))
    ));
}

#[test]
fn a_saved_filter_scopes_an_audit_and_the_audit_survives_a_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let id;
    {
        let store = crate::store::Store::open(dir.path()).expect("store");
        let meta = store.create_workspace("build", 1).expect("ws");
        let ws = store.workspace(&meta.id).expect("open");
        floor(&ws, 3);
        let query = crate::assets::AssetQuery {
            search: "SRV-000".into(),
            ..crate::assets::AssetQuery::default()
        };
        let scope = AuditScope {
            filter: Some(serde_json::to_string(&query).expect("json")),
            ..AuditScope::default()
        };
        id = ws
            .start_audit(ulid::Ulid(7), "필터 실사", scope, &stamp(10))
            .expect("start")
            .audit
            .id;
        ws.audit_scan(&id, "PT1-SRV-0002", &stamp(11))
            .expect("scan");
    }
    let store = crate::store::Store::open(dir.path()).expect("reopen");
    let meta = store.workspaces().expect("list")[0].clone();
    let ws = store.workspace(&meta.id).expect("open");
    let summary = ws.audits()[0].clone();
    assert_eq!((summary.counts.expected, summary.counts.found), (3, 1));
    let view = ws
        .audit_view(&id, ItemFilter::Unchecked, 100)
        .expect("view");
    let tags: Vec<&str> = view.items.iter().map(|i| i.tag.as_str()).collect();
    assert_eq!(tags, ["PT1-SRV-0001", "PT1-SRV-0003"]);
}

#[test]
fn two_auditors_audit_one_rack_offline_and_their_marks_merge() {
    let hub = server();
    let mut kim = device(&hub, "kim");
    let mut lee = device(&hub, "lee");
    floor(&kim.workspace, 6);
    let id = kim
        .workspace
        .start_audit(
            ulid::Ulid(77),
            "합동 실사",
            rack_scope("A-R01"),
            &kim.stamp(2000),
        )
        .expect("start")
        .audit
        .id;
    kim.sync();
    lee.sync();
    // Offline: kim takes the bottom half, lee the top half and says one is missing; both
    // scan PT1-SRV-0003, lee later.
    for n in 1..=3 {
        kim.workspace
            .audit_scan(&id, &format!("PT1-SRV-{n:04}"), &kim.stamp(2100 + n))
            .expect("kim");
    }
    for n in 3..=5 {
        lee.workspace
            .audit_scan(&id, &format!("PT1-SRV-{n:04}"), &lee.stamp(2200 + n))
            .expect("lee");
    }
    lee.workspace
        .audit_mark(
            &id,
            &MarkInput {
                item: "PT1-SRV-0006".into(),
                outcome: "missing".into(),
                ..MarkInput::default()
            },
            &lee.stamp(2300),
        )
        .expect("lee missing");
    kim.sync();
    lee.sync();
    kim.sync();
    for side in [&kim, &lee] {
        let counts = side.workspace.audits()[0].counts.clone();
        assert_eq!(
            (counts.checked, counts.found, counts.missing),
            (6, 5, 1),
            "{counts:?}"
        );
        let view = side
            .workspace
            .audit_view(&id, ItemFilter::All, 10)
            .expect("view");
        let by = view
            .items
            .iter()
            .find(|i| i.tag == "PT1-SRV-0003")
            .and_then(|i| i.mark.clone())
            .expect("marked");
        assert_eq!(by.by, "lee", "the later scan counts");
    }
}

#[test]
fn a_photo_is_scaled_to_1600_pixels_stored_as_jpeg_and_named_by_the_mark() {
    let (_dir, _store, ws) = fresh_workspace();
    floor(&ws, 1);
    let id = ws
        .start_audit(ulid::Ulid(3), "사진", rack_scope("A-R01"), &stamp(10))
        .expect("start")
        .audit
        .id;
    let mut png = Vec::new();
    image::RgbImage::from_fn(3200, 1200, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    })
    .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
    .expect("png");
    // Nothing marked yet: no mark to name the photo.
    assert!(matches!(
        ws.add_audit_photo(&id, "PT1-SRV-0001", &png, &stamp(11)),
        Err(AuditError::NoSuchItem(_))
    ));
    ws.audit_scan(&id, "PT1-SRV-0001", &stamp(12))
        .expect("scan");
    assert!(matches!(
        ws.add_audit_photo(&id, "PT1-SRV-0001", b"not an image", &stamp(13)),
        Err(AuditError::BadPhoto(_))
    ));
    let sha = ws
        .add_audit_photo(&id, "PT1-SRV-0001", &png, &stamp(14))
        .expect("photo");
    let stored = crate::sync::blobs::get(ws.tree.as_ref(), &sha)
        .expect("read")
        .expect("blob");
    let jpeg = image::load_from_memory(&stored).expect("decodes");
    assert_eq!((jpeg.width(), jpeg.height()), (1600, 600));
    assert_eq!(
        image::guess_format(&stored).expect("format"),
        image::ImageFormat::Jpeg
    );
    let view = ws.audit_view(&id, ItemFilter::Checked, 10).expect("view");
    assert_eq!(
        view.items[0].mark.as_ref().map(|m| m.photos.clone()),
        Some(vec![sha.clone()])
    );
    // The photo travels with the document (sync fetches the blobs a document names).
    let doc = crate::store::docs::load(ws.tree.as_ref(), &doc_id(&id))
        .expect("load")
        .expect("doc");
    assert_eq!(photos::blob_hashes(&doc.doc), vec![sha]);
}

#[test]
fn a_place_is_overdue_from_its_schedule_until_an_audit_of_it_closes() {
    let (_dir, _store, ws) = fresh_workspace();
    floor(&ws, 1);
    let day = |text: &str| crate::assets::Date(text.into());
    let at = |y, m, d| {
        crate::stamp::UtcTime {
            year: y,
            month: m,
            day: d,
            hour: 9,
            minute: 0,
            second: 0,
        }
        .to_ms()
    };
    ws.set_audit_schedule(
        ulid::Ulid(40),
        "평택 1센터",
        "전산실 A",
        6,
        "2026-01-01",
        &stamp(1),
    )
    .expect("schedule");
    assert!(ws.audits_overdue(&day("2026-01-01")).is_empty());
    let late = ws.audits_overdue(&day("2026-03-01"));
    assert_eq!(
        (late.len(), late[0].days_overdue, late[0].subject.as_str()),
        (1, 59, "평택 1센터 / 전산실 A")
    );
    // Setting it again changes the one schedule of that place.
    ws.set_audit_schedule(
        ulid::Ulid(41),
        "평택 1센터",
        "전산실 A",
        3,
        "2026-01-01",
        &stamp(2),
    )
    .expect("again");
    assert_eq!(ws.audit_schedules().len(), 1);
    let id = ws
        .start_audit(
            ulid::Ulid(42),
            "정기 실사",
            rack_scope("A-R01"),
            &stamp(at(2026, 3, 2)),
        )
        .expect("start")
        .audit
        .id;
    assert_eq!(
        ws.audits_overdue(&day("2026-03-03")).len(),
        1,
        "an open audit does not count"
    );
    ws.close_audit(&id, &stamp(at(2026, 3, 3))).expect("closed");
    assert!(ws.audits_overdue(&day("2026-06-03")).is_empty());
    let views = ws.audit_schedule_views();
    assert_eq!(
        (views[0].last_closed.clone(), views[0].next_due.clone()),
        (Some(day("2026-03-03")), Some(day("2026-06-03")))
    );
    assert_eq!(ws.audits_overdue(&day("2026-06-04"))[0].days_overdue, 1);
}

#[test]
fn a_correction_the_rack_rules_refuse_is_reported_as_such_and_stays_to_apply() {
    let (_dir, _store, ws) = fresh_workspace();
    floor(&ws, 1);
    let id = ws
        .start_audit(ulid::Ulid(5), "실사", rack_scope("A-R01"), &stamp(10))
        .expect("start")
        .audit
        .id;
    // Found in A-R02's U1, where PT1-SRV-0090 is placed.
    let taken = crate::assets::Location {
        site: "평택 1센터".into(),
        room: "전산실 A".into(),
        row: String::new(),
        rack: "A-R02".into(),
        unit: Some(1),
    };
    mark_with(
        &ws,
        &id,
        MarkInput {
            item: "PT1-SRV-0001".into(),
            outcome: "found_elsewhere".into(),
            actual: Some(taken),
            ..MarkInput::default()
        },
        11,
    );
    ws.close_audit(&id, &stamp(12)).expect("closed");
    let report = ws.apply_audit(&id, None, &stamp(13)).expect("applied");
    assert_eq!(report.applied, 0);
    assert_eq!(report.failed.len(), 1);
    assert_eq!(report.failed[0].tag, "PT1-SRV-0001");
    assert!(
        matches!(&report.failed[0].reason, CorrectionRefusal::Placement { problems } if !problems.is_empty()),
        "{:?}",
        report.failed[0].reason
    );
    assert_eq!(
        ws.asset("PT1-SRV-0001").expect("row").asset.location.rack,
        "A-R01",
        "nothing moved"
    );
    assert!(
        ws.audit_discrepancies(&id).expect("list")[0]
            .applied
            .is_none(),
        "it stays to apply"
    );
}

#[test]
fn corrections_keep_what_they_are_not_about_and_are_undone_with_the_moves() {
    let (_dir, _store, ws) = fresh_workspace();
    floor(&ws, 4);
    let id = ws
        .start_audit(ulid::Ulid(900), "실사", rack_scope("A-R01"), &stamp(1000))
        .expect("started")
        .audit
        .id;
    let recorded = |tag: &str| ws.asset(tag).expect("row").asset;
    let before: Vec<_> = (1..=4)
        .map(|n| recorded(&format!("PT1-SRV-{n:04}")))
        .collect();
    ws.audit_scan(&id, "PT1-SRV-0001", &stamp(1001))
        .expect("scan");
    mark(&ws, &id, "PT1-SRV-0003", "missing", 1002);
    // Found in its own rack, where the auditor named no unit: its row and unit stay.
    let same_room = crate::assets::Location {
        site: "평택 1센터".into(),
        room: "전산실 A".into(),
        rack: before[1].location.rack.clone(),
        ..crate::assets::Location::default()
    };
    mark_with(
        &ws,
        &id,
        MarkInput {
            item: "PT1-SRV-0002".into(),
            outcome: "found_elsewhere".into(),
            actual: Some(same_room),
            ..MarkInput::default()
        },
        1003,
    );
    let other_rack = crate::assets::Location {
        rack: "A-R02".into(),
        unit: Some(20),
        ..crate::assets::Location::default()
    };
    mark_with(
        &ws,
        &id,
        MarkInput {
            item: "PT1-SRV-0004".into(),
            outcome: "found_elsewhere".into(),
            actual: Some(other_rack),
            ..MarkInput::default()
        },
        1004,
    );
    let list = ws.close_audit(&id, &stamp(1100)).expect("closed");
    let kept_place = list
        .iter()
        .find(|d| d.tag == "PT1-SRV-0002")
        .expect("listed");
    assert_eq!(
        kept_place.correction,
        Correction::SetLocation {
            location: before[1].location.clone()
        },
        "the correction keeps the row, rack and unit it is not about"
    );
    let report = ws.apply_audit(&id, None, &stamp(1200)).expect("applied");
    assert_eq!((report.applied, report.failed.len()), (3, 0));
    assert_eq!(recorded("PT1-SRV-0002").location, before[1].location);
    assert_eq!(recorded("PT1-SRV-0003").status, AssetStatus::Missing);
    assert_eq!(
        (
            recorded("PT1-SRV-0004").location.rack.as_str(),
            recorded("PT1-SRV-0004").location.unit
        ),
        ("A-R02", Some(20))
    );
    assert_eq!(report.undo.moves.len(), 1);
    assert!(report.undo.removed_from_racks.is_empty());

    let kept = ws
        .unapply_audit(&report.undo, &stamp(1300))
        .expect("undone");
    assert_eq!(kept, []);
    for (n, was) in before.iter().enumerate() {
        let now = recorded(&was.asset_tag);
        assert_eq!(
            (now.status, &now.location),
            (was.status, &was.location),
            "asset {n}"
        );
    }
    assert_eq!(ws.audits()[0].counts.applied, 0, "to apply again");
    let again = ws
        .apply_audit(&id, None, &stamp(1400))
        .expect("applied again");
    assert_eq!(again.applied, 3);
}
