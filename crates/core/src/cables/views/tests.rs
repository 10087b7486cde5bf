//! What the screens read, on real stores: filtered pages in natural order that follow every
//! write, and traces with every end named.

use crate::cables::edit::tests::{add, open};
use crate::cables::edit::{CableEdit, CableSelection};
use crate::cables::model::{CableKind, LengthUnit};
use crate::cables::model::{CableStatus, PortRole};
use crate::cables::ops::CableDraft;
use crate::cables::views::CableQuery;
use crate::ids::CableId;
use crate::store::Workspace;
use crate::testkit::stamp;
use crate::testkit::{end, plant};

#[test]
fn pages_filter_and_traces_name_every_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id) = open(&dir);
    let ws = store.workspace(&id).expect("open");
    let rack = plant(&ws, &stamp(1));
    let one = add(
        &ws,
        100,
        end(rack, 10, PortRole::Interface, "eno1"),
        end(rack, 11, PortRole::Front, "1"),
        2,
    );
    add(
        &ws,
        101,
        end(rack, 11, PortRole::Rear, "1"),
        end(rack, 11, PortRole::Rear, "2"),
        3,
    );
    ws.set_cable_status(&[one.id], CableStatus::Installed, &stamp(4))
        .expect("installed");
    let page = |query: CableQuery| ws.cable_page(&CableQuery { limit: 50, ..query });
    assert_eq!(page(CableQuery::default()).total, 2);
    assert_eq!(
        page(CableQuery {
            search: "ENO1".into(),
            ..Default::default()
        })
        .total,
        1
    );
    assert_eq!(
        page(CableQuery {
            search: "web-01".into(),
            ..Default::default()
        })
        .total,
        1
    );
    let installed = page(CableQuery {
        status: Some(CableStatus::Installed),
        ..Default::default()
    });
    assert_eq!(installed.rows.len(), 1);
    assert_eq!(installed.rows[0].id, one.id);
    assert_eq!(
        ws.cable_ids(&CableQuery {
            status: Some(CableStatus::Installed),
            ..Default::default()
        }),
        [one.id]
    );
    assert_eq!(installed.rows[0].a.device, "web-01");
    assert_eq!(installed.rows[0].a.port_kind, "1000base-t");
    assert_eq!(installed.rows[0].b.rack, "A-R01");
    ws.mark_cables_printed(&[one.id], &stamp(5))
        .expect("printed");
    assert_eq!(
        page(CableQuery {
            unlabelled: true,
            ..Default::default()
        })
        .total,
        1
    );

    let trace = ws.cable_trace_view(&end(rack, 10, PortRole::Interface, "eno1"));
    let path: Vec<String> = trace
        .hops
        .iter()
        .map(|hop| {
            format!(
                "{} {} → {} {}",
                hop.from.device, hop.from.end.port, hop.to.device, hop.to.end.port
            )
        })
        .collect();
    assert_eq!(path, ["web-01 eno1 → pp-1 1", "pp-1 1 → pp-1 2"]);
    assert_eq!(trace.hops[0].status, CableStatus::Installed);
    assert!(!trace.looped);
}

#[test]
fn the_list_is_in_natural_label_order_and_follows_every_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id) = open(&dir);
    let ws = store.workspace(&id).expect("open");
    let rack = plant(&ws, &stamp(1));
    let jumper = |n: u32, label: &str| {
        let rear = |port: u32| end(rack, 11, PortRole::Rear, &port.to_string());
        ws.add_cable(
            CableId(ulid::Ulid(u128::from(n) + 800)),
            &CableDraft {
                a: rear(2 * n + 1),
                b: rear(2 * n + 2),
                kind: CableKind::Cat6a,
                colour: String::new(),
                length: None,
                length_unit: LengthUnit::Metres,
                label: label.into(),
            },
            &stamp(i64::from(n) + 2),
        )
        .expect("jumper")
    };
    for n in [10, 2, 1, 11] {
        jumper(n, &format!("J-{n}"));
    }
    let labels = |ws: &Workspace| -> Vec<String> {
        ws.cable_page(&CableQuery {
            limit: 50,
            ..Default::default()
        })
        .rows
        .into_iter()
        .map(|row| row.label)
        .collect()
    };
    assert_eq!(labels(&ws), ["J-1", "J-2", "J-10", "J-11"]);
    // A new cable and a relabelled one take their places at once.
    jumper(3, "J-3");
    let last = ws.find_cable("J-11").expect("J-11");
    let row = ws.cable_row(last).expect("row");
    ws.edit_cable(
        last,
        &CableEdit {
            kind: row.kind,
            colour: String::new(),
            length: None,
            length_unit: LengthUnit::Metres,
            label: "J-0".into(),
            route_notes: String::new(),
        },
        &stamp(20),
    )
    .expect("relabelled");
    assert_eq!(labels(&ws), ["J-0", "J-1", "J-2", "J-3", "J-10"]);
    let in_rack: Vec<String> = ws
        .cables_in(&CableSelection::Rack { rack })
        .into_iter()
        .map(|cable| cable.label)
        .collect();
    assert_eq!(in_rack, ["J-0", "J-1", "J-2", "J-3", "J-10"]);

    // The same filter asked again (the next page) sees a change made in between.
    let installed = |ws: &Workspace| {
        ws.cable_page(&CableQuery {
            status: Some(CableStatus::Installed),
            limit: 1,
            ..Default::default()
        })
        .total
    };
    assert_eq!(installed(&ws), 0);
    ws.set_cable_status(&[last], CableStatus::Installed, &stamp(21))
        .expect("installed");
    assert_eq!(installed(&ws), 1);
    // Renaming the rack renames every end it names, also in a search asked before.
    let searched = |ws: &Workspace, text: &str| {
        ws.cable_page(&CableQuery {
            search: text.into(),
            limit: 50,
            ..Default::default()
        })
    };
    assert_eq!(searched(&ws, "a-r01").total, 5);
    let mut spec = crate::racks::RackSpec::standard(crate::ids::RoomId(ulid::Ulid(2)), "B-R09");
    spec.row = String::new();
    ws.save_rack(rack, &spec, &stamp(22)).expect("renamed");
    assert_eq!(searched(&ws, "a-r01").total, 0);
    let search = searched(&ws, "b-r09");
    assert_eq!(search.total, 5);
    assert_eq!(search.rows[0].a.rack, "B-R09");
}
