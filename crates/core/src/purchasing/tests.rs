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
