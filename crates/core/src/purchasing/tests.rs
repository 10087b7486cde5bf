use super::*;
use crate::problem::Problem;
use crate::testkit::{device, fresh_workspace, server, stamp};

fn input(name: &str, number: &str) -> VendorInput {
    VendorInput {
        name: name.into(),
        business_number: number.into(),
        contacts: vec![vendor::VendorContact {
            name: "박지훈".into(),
            role: "영업 대표".into(),
            phone: "02-555-0101".into(),
            email: "jihoon.park@example.co.kr".into(),
        }],
        categories: vec!["server".into(), " network ".into(), "server".into()],
        notes: "분기 단가 계약".into(),
    }
}

fn codes(error: PurchasingError) -> Vec<(String, String)> {
    match error {
        PurchasingError::Refused(problems) => problems
            .into_iter()
            .map(|Problem { field, code, .. }| (field, code))
            .collect(),
        other => panic!("not a refusal: {other}"),
    }
}

#[test]
fn a_vendor_is_added_with_its_number_written_one_way_and_read_back_after_a_reopen() {
    let (dir, store, ws) = fresh_workspace();
    let added = ws
        .add_vendor(
            ulid::Ulid(1),
            &input("(주)한빛시스템", "2208162517"),
            &stamp(10),
        )
        .expect("added");
    assert_eq!(added.business_number, "220-81-62517");
    assert_eq!(added.categories, ["server", "network"]);
    assert_eq!(added.contacts.len(), 1);
    assert_eq!(ws.vendor("220-81-62517").expect("by number").id, added.id);
    assert_eq!(ws.vendor("(주)한빛시스템").expect("by name").id, added.id);
    let id = ws.meta().id;
    drop(ws);
    drop(store);
    let store = crate::store::Store::open(dir.path()).expect("reopen");
    let ws = store.workspace(&id).expect("workspace");
    assert_eq!(ws.vendors(), [added]);
}

#[test]
fn a_bad_vendor_is_refused_with_every_reason_at_its_field_and_nothing_written() {
    let (_dir, _store, ws) = fresh_workspace();
    let mut bad = input("", "220-81-62518");
    bad.contacts[0].email = "jihoon.park".into();
    bad.categories.push("서버\u{0}".into());
    assert_eq!(
        codes(
            ws.add_vendor(ulid::Ulid(1), &bad, &stamp(10))
                .expect_err("refused")
        ),
        [
            ("name".to_owned(), "required".to_owned()),
            (
                "business_number".to_owned(),
                "business_number_check_digit".to_owned()
            ),
            ("contact_email".to_owned(), "not_an_email".to_owned()),
            ("categories".to_owned(), "control_character".to_owned()),
        ]
    );
    assert_eq!(
        codes(
            ws.add_vendor(ulid::Ulid(1), &input("A", "220-81-625"), &stamp(10))
                .expect_err("short")
        ),
        [(
            "business_number".to_owned(),
            "business_number_format".to_owned()
        )]
    );
    assert!(ws.vendors().is_empty());

    ws.add_vendor(
        ulid::Ulid(1),
        &input("(주)한빛시스템", "220-81-62517"),
        &stamp(10),
    )
    .expect("added");
    // The same number or name again: refused; the vendor itself may keep both when edited.
    assert_eq!(
        codes(
            ws.add_vendor(
                ulid::Ulid(2),
                &input("(주)한빛시스템", "220 81 62517"),
                &stamp(11)
            )
            .expect_err("taken")
        ),
        [
            (
                "business_number".to_owned(),
                "business_number_taken".to_owned()
            ),
            ("name".to_owned(), "vendor_name_taken".to_owned()),
        ]
    );
    let mut changed = input("(주)한빛시스템", "220-81-62517");
    changed.notes = "연간 계약으로 변경".into();
    let edited = ws
        .edit_vendor("220-81-62517", &changed, &stamp(12))
        .expect("edited");
    assert_eq!(edited.notes, "연간 계약으로 변경");
    assert_eq!(ws.vendors().len(), 1);
}

#[test]
fn vendors_sync_to_another_device_and_are_named_by_their_title() {
    let server = server();
    let mut kim = device(&server, "김민준");
    let mut lee = device(&server, "이서연");
    let added = kim
        .workspace
        .add_vendor(
            ulid::Ulid(7),
            &input("(주)한빛시스템", "220-81-62517"),
            &kim.stamp(10),
        )
        .expect("added");
    kim.sync();
    lee.sync();
    assert_eq!(lee.workspace.vendors(), std::slice::from_ref(&added));
    assert_eq!(
        lee.workspace
            .registry()
            .title(lee.workspace.indexes(), &format!("vendor/{}", added.id)),
        "(주)한빛시스템"
    );
}

#[test]
fn contacts_two_devices_add_at_once_both_survive_the_merge() {
    let server = server();
    let mut kim = device(&server, "김민준");
    let mut lee = device(&server, "이서연");
    let mut first = input("(주)한빛시스템", "220-81-62517");
    first.contacts.clear();
    kim.workspace
        .add_vendor(ulid::Ulid(7), &first, &kim.stamp(10))
        .expect("added");
    kim.sync();
    lee.sync();
    // Offline, each adds a different contact to the vendor as they see it.
    let with = |name: &str, email: &str| {
        let mut changed = first.clone();
        changed.contacts = vec![vendor::VendorContact {
            name: name.into(),
            email: email.into(),
            ..vendor::VendorContact::default()
        }];
        changed
    };
    kim.workspace
        .edit_vendor(
            "220-81-62517",
            &with("박지훈", "jihoon@example.co.kr"),
            &kim.stamp(20),
        )
        .expect("kim's contact");
    lee.workspace
        .edit_vendor(
            "220-81-62517",
            &with("최수아", "sua@example.co.kr"),
            &lee.stamp(21),
        )
        .expect("lee's contact");
    kim.sync();
    lee.sync();
    kim.sync();
    for side in [&kim, &lee] {
        let names: Vec<String> = side.workspace.vendors()[0]
            .contacts
            .values()
            .map(|contact| contact.name.clone())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names.contains(&"박지훈".to_owned()) && names.contains(&"최수아".to_owned()));
    }
}

#[test]
fn a_vendors_files_reach_a_second_device_and_survive_an_edit_and_a_removal_there() {
    let server = server();
    let mut kim = device(&server, "김민준");
    let mut lee = device(&server, "이서연");
    kim.workspace
        .add_vendor(
            ulid::Ulid(7),
            &input("(주)한빛시스템", "220-81-62517"),
            &kim.stamp(10),
        )
        .expect("added");
    let contract = "2026년 서버 단가 계약서".as_bytes().to_vec();
    let certificate = b"%PDF-1.4 ISO 27001".to_vec();
    let (_, contract_sha) = kim
        .workspace
        .add_vendor_file(
            "220-81-62517",
            " 단가계약서.pdf ",
            VendorFileKind::Contract,
            &contract,
            &kim.stamp(11),
        )
        .expect("contract kept");
    let (with_both, certificate_sha) = kim
        .workspace
        .add_vendor_file(
            "(주)한빛시스템",
            "ISO27001.pdf",
            VendorFileKind::Certificate,
            &certificate,
            &kim.stamp(12),
        )
        .expect("certificate kept");
    assert_eq!(with_both.files.len(), 2);
    assert_eq!(with_both.files[&contract_sha].name, "단가계약서.pdf");
    assert_eq!(with_both.files[&contract_sha].size, contract.len() as u64);
    assert_eq!(with_both.files[&contract_sha].added_by, "김민준");
    kim.sync();
    lee.sync();
    let there = lee.workspace.vendor("220-81-62517").expect("synced");
    assert_eq!(there.files, with_both.files);
    assert_eq!(
        lee.workspace.blob(&contract_sha).expect("read"),
        Some(contract.clone())
    );
    assert_eq!(
        lee.workspace.blob(&certificate_sha).expect("read"),
        Some(certificate)
    );

    // An edit of the vendor's fields keeps its files; a removal takes one off everywhere.
    let mut changed = input("(주)한빛시스템", "220-81-62517");
    changed.notes = "연간 계약".into();
    let edited = lee
        .workspace
        .edit_vendor("220-81-62517", &changed, &lee.stamp(20))
        .expect("edited");
    assert_eq!(edited.files.len(), 2);
    lee.workspace
        .remove_vendor_file("220-81-62517", &certificate_sha, &lee.stamp(21))
        .expect("removed");
    lee.sync();
    kim.sync();
    let back = kim.workspace.vendor("220-81-62517").expect("vendor");
    assert_eq!(back.notes, "연간 계약");
    assert_eq!(back.files.keys().collect::<Vec<_>>(), [&contract_sha]);
}

#[test]
fn a_file_empty_too_large_or_unnamed_is_refused_at_its_field_and_nothing_is_written() {
    let (_dir, _store, ws) = fresh_workspace();
    ws.add_vendor(
        ulid::Ulid(1),
        &input("(주)한빛시스템", "220-81-62517"),
        &stamp(10),
    )
    .expect("added");
    let too_large = vec![0u8; vendor::MAX_VENDOR_FILE_BYTES + 1];
    for (name, bytes, expected) in [
        ("", &b"x"[..], ("file_name", "required")),
        ("a\u{7}.pdf", &b"x"[..], ("file_name", "control_character")),
        ("빈파일.pdf", &b""[..], ("file", "file_empty")),
        ("큰파일.iso", &too_large[..], ("file", "file_too_large")),
    ] {
        let refused = ws
            .add_vendor_file(
                "220-81-62517",
                name,
                VendorFileKind::Other,
                bytes,
                &stamp(11),
            )
            .expect_err(name);
        assert_eq!(
            codes(refused),
            [(expected.0.to_owned(), expected.1.to_owned())],
            "{name}"
        );
    }
    assert!(ws.vendor("220-81-62517").expect("vendor").files.is_empty());
    assert_eq!(
        codes(
            ws.remove_vendor_file("220-81-62517", &"0".repeat(64), &stamp(12))
                .expect_err("no such file")
        ),
        [("file".to_owned(), "no_such_vendor_file".to_owned())]
    );
    assert!(matches!(
        ws.add_vendor_file(
            "없는 업체",
            "a.pdf",
            VendorFileKind::Other,
            b"x",
            &stamp(13)
        ),
        Err(PurchasingError::NoSuchVendor(_))
    ));
}

#[test]
fn the_global_search_finds_a_vendor_by_name_number_with_or_without_hyphens_and_category() {
    let (_dir, _store, ws) = fresh_workspace();
    let added = ws
        .add_vendor(
            ulid::Ulid(1),
            &input("(주)한빛시스템", "220-81-62517"),
            &stamp(10),
        )
        .expect("added");
    ws.add_vendor(
        ulid::Ulid(2),
        &VendorInput {
            name: "누리네트웍스".into(),
            business_number: "124-81-00998".into(),
            categories: vec!["network".into()],
            ..VendorInput::default()
        },
        &stamp(11),
    )
    .expect("second");
    for text in [
        "한빛",
        "(주)한빛시스템",
        "220-81-62517",
        "2208162517",
        "박지훈",
    ] {
        let found = ws.search(text, 10);
        assert_eq!(found.total, 1, "{text}: {:?}", found.hits);
        let hit = &found.hits[0];
        assert_eq!(hit.kind, "vendor");
        assert_eq!(hit.record, format!("vendor/{}", added.id));
        assert_eq!(hit.title, "(주)한빛시스템");
        assert_eq!(hit.detail, "220-81-62517 · server network");
    }
    let mut network: Vec<String> = ws
        .search("network", 10)
        .hits
        .into_iter()
        .map(|hit| hit.title)
        .collect();
    network.sort();
    assert_eq!(network, ["(주)한빛시스템", "누리네트웍스"]);
}

#[test]
fn the_vendor_list_filters_by_words_and_category_and_pages_by_name() {
    let (_dir, _store, ws) = fresh_workspace();
    for (n, name, number, category) in [
        (1, "(주)한빛시스템", "220-81-62517", "server"),
        (2, "누리네트웍스", "124-81-00998", "network"),
        (3, "다온소프트", "120-81-47521", "licence"),
    ] {
        ws.add_vendor(
            ulid::Ulid(n),
            &VendorInput {
                name: name.into(),
                business_number: number.into(),
                categories: vec![category.into(), "공통".into()],
                ..VendorInput::default()
            },
            &stamp(10),
        )
        .expect("added");
    }
    let page = |text: &str, category: Option<&str>, offset, limit| {
        let page = ws.vendor_page(&vendor::VendorQuery {
            text: text.into(),
            category: category.map(str::to_owned),
            offset,
            limit,
        });
        let names: Vec<String> = page.rows.into_iter().map(|v| v.name).collect();
        (names, page.total, page.all)
    };
    assert_eq!(
        page("", None, 0, 0),
        (
            vec![
                "(주)한빛시스템".to_owned(),
                "누리네트웍스".to_owned(),
                "다온소프트".to_owned()
            ],
            3,
            3
        )
    );
    assert_eq!(
        page("", None, 1, 1),
        (vec!["누리네트웍스".to_owned()], 3, 3)
    );
    assert_eq!(page("1248100998", None, 0, 0).0, ["누리네트웍스"]);
    assert_eq!(page("", Some("licence"), 0, 0).0, ["다온소프트"]);
    assert_eq!(page("한빛", Some("licence"), 0, 0).1, 0);
    assert_eq!(
        ws.vendor_page(&vendor::VendorQuery::default()).categories,
        ["licence", "network", "server", "공통"]
    );
}
