//! Concurrent edits of one field on two or three devices, for every kind with editable
//! fields: each shows up in the findings inbox with its values, who set them and when, and a
//! choice settles it everywhere. A property test interleaves random edits of every kind on
//! three replicas in random sync orders: all converge, and every field edited concurrently is
//! reported with exactly the values that survived.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use crate::assets::AssetInput;
use crate::audits::AuditScope;
use crate::cables::edit::CableEdit;
use crate::cables::model::{Cable, CableKind, LengthUnit, PortRole};
use crate::cables::ops::CableDraft;
use crate::findings::Finding;
use crate::ids::{AssetId, CableId, ItemId, RackId, RoomId, SiteId};
use crate::lifecycle::plans::PlanInput;
use crate::racks::{RackSpec, RoomInput, SiteInput};
use crate::record::conflicts::FieldConflict;
use crate::testkit::{device, end, plant, server, Device, Server};

const SITE: SiteId = SiteId(ulid::Ulid(1));
const ROOM: RoomId = RoomId(ulid::Ulid(2));
const RACK: RackId = RackId(ulid::Ulid(3));
const CABLE: CableId = CableId(ulid::Ulid(100));
const ASSET: AssetId = AssetId(ulid::Ulid(200));
const PLAN: ulid::Ulid = ulid::Ulid(500);
/// The server placed by `plant` at U1.
const PLACEMENT: u128 = 10;

/// One editable field of each kind, and how a device sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    AssetOwner,
    SiteName,
    RoomName,
    RackName,
    PlacementLabel,
    CableColour,
    PlanName,
    ScheduleMonths,
}

const TARGETS: [Target; 8] = [
    Target::AssetOwner,
    Target::SiteName,
    Target::RoomName,
    Target::RackName,
    Target::PlacementLabel,
    Target::CableColour,
    Target::PlanName,
    Target::ScheduleMonths,
];

impl Target {
    /// The conflict path the field has in its document.
    fn path(self) -> String {
        match self {
            Target::AssetOwner => "asset.owner".into(),
            Target::SiteName => "site.name".into(),
            Target::RoomName => "room.name".into(),
            Target::RackName => "rack.name".into(),
            Target::PlacementLabel => {
                format!("rack.placements.{}.label", ItemId(ulid::Ulid(PLACEMENT)))
            }
            Target::CableColour => "cable.colour".into(),
            Target::PlanName => "maintplan.name".into(),
            Target::ScheduleMonths => "auditschedule.every_months".into(),
        }
    }

    /// A value unique to this edit (`n` numbers the edits of a run), as the device sets it
    /// and as a conflict shows it.
    fn value(self, n: u32) -> String {
        match self {
            // 1…119: never the 120 the schedule starts with, so every edit changes it.
            Target::ScheduleMonths => (n % 119 + 1).to_string(),
            _ => format!("v{n}"),
        }
    }

    fn set(self, device: &Device, value: &str, at_ms: i64) {
        let ws = &device.workspace;
        let who = device.stamp(at_ms);
        match self {
            Target::AssetOwner => {
                let input = AssetInput {
                    owner: Some(value.into()),
                    ..AssetInput::default()
                };
                ws.edit_asset(ASSET, &input, &who).expect("owner");
            }
            Target::SiteName => {
                ws.save_site(SITE, &site(value), &who).expect("site");
            }
            Target::RoomName => {
                ws.save_room(ROOM, &room(value), &who).expect("room");
            }
            Target::RackName => {
                ws.save_rack(RACK, &RackSpec::standard(ROOM, value), &who)
                    .expect("rack");
            }
            Target::PlacementLabel => {
                let placement = ItemId(ulid::Ulid(PLACEMENT)).to_string();
                ws.edit_placement(RACK, &placement, value, None, "", &who)
                    .expect("placement");
            }
            Target::CableColour => {
                let cable = cable(device);
                let edit = CableEdit {
                    kind: cable.kind,
                    colour: value.into(),
                    length: cable.length,
                    length_unit: cable.length_unit,
                    label: cable.label.clone(),
                    route_notes: cable.route_notes.clone(),
                };
                ws.edit_cable(CABLE, &edit, &who).expect("cable");
            }
            Target::PlanName => {
                ws.edit_maintenance_plan(&PLAN.to_string(), &plan(value), true, &who)
                    .expect("plan");
            }
            Target::ScheduleMonths => {
                let months = value.parse().expect("months");
                ws.set_audit_schedule(ulid::Ulid(300), "평택", "", months, "2025-01-01", &who)
                    .expect("schedule");
            }
        }
    }

    /// The value the device reads now.
    fn read(self, device: &Device) -> String {
        let ws = &device.workspace;
        match self {
            Target::AssetOwner => ws.asset(&ASSET.to_string()).expect("asset").asset.owner,
            Target::SiteName => ws.places().sites[&SITE].name.clone(),
            Target::RoomName => ws.places().rooms[&ROOM].name.clone(),
            Target::RackName => ws.places().racks[&RACK].name.clone(),
            Target::PlacementLabel => {
                let placement = ItemId(ulid::Ulid(PLACEMENT)).to_string();
                ws.places().racks[&RACK].placements[&placement]
                    .label
                    .clone()
            }
            Target::CableColour => cable(device).colour,
            Target::PlanName => ws.life_index().plans[&PLAN.to_string()].name.clone(),
            Target::ScheduleMonths => {
                let index = ws.life_index();
                let schedule = index.schedules.values().next().expect("schedule");
                schedule.every_months.to_string()
            }
        }
    }
}

fn site(name: &str) -> SiteInput {
    SiteInput {
        name: name.into(),
        code: "PT".into(),
        address: String::new(),
    }
}

fn room(name: &str) -> RoomInput {
    RoomInput {
        site: SITE,
        name: name.into(),
        columns: 10,
        rows: 5,
        tile_mm: 600,
    }
}

fn plan(name: &str) -> PlanInput {
    PlanInput {
        name: name.into(),
        asset: String::new(),
        asset_type: "server".into(),
        kind: "inspection".into(),
        every: 3,
        unit: "months".into(),
        start: "2025-01-01".into(),
        remind_days: 7,
        vendor: String::new(),
        notes: String::new(),
    }
}

fn cable(device: &Device) -> Cable {
    device.workspace.cable_index().cables[&CABLE].clone()
}

/// Device `a` builds one record of every kind (the floor of `plant`, an asset, a cable, a
/// plan, a schedule); every device syncs it.
fn shared_floor(devices: &mut [Device]) {
    let a = &devices[0];
    let who = a.stamp(1);
    plant(&a.workspace, &who);
    a.register(ASSET.0 .0, "PT1-SRV-0001");
    let draft = CableDraft {
        a: end(RACK, PLACEMENT, PortRole::Interface, "eno1"),
        b: end(RACK, 11, PortRole::Front, "1"),
        kind: CableKind::Cat6a,
        colour: "파랑".into(),
        length: Some(3.0),
        length_unit: LengthUnit::Metres,
        label: String::new(),
    };
    a.workspace.add_cable(CABLE, &draft, &who).expect("cable");
    a.workspace
        .add_maintenance_plan(PLAN, &plan("점검"), &who)
        .expect("plan");
    a.workspace
        .set_audit_schedule(ulid::Ulid(300), "평택", "", 120, "2025-01-01", &who)
        .expect("schedule");
    for device in devices.iter_mut() {
        device.sync();
    }
}

fn conflicts(device: &Device) -> BTreeMap<String, (String, FieldConflict)> {
    device
        .workspace
        .findings()
        .expect("findings")
        .into_iter()
        .filter_map(|finding| match finding {
            Finding::Conflict {
                title, conflict, ..
            } => Some((conflict.path.clone(), (title, conflict))),
            _ => None,
        })
        .collect()
}

fn texts(conflict: &FieldConflict) -> BTreeSet<String> {
    conflict.values.iter().map(|v| v.text.clone()).collect()
}

fn devices(server: &Server, count: usize) -> Vec<Device> {
    ["kim", "lee", "park"][..count]
        .iter()
        .map(|name| device(server, name))
        .collect()
}

#[test]
fn a_field_of_every_kind_edited_on_two_devices_is_a_finding_with_both_values_and_who() {
    let server = server();
    let mut both = devices(&server, 2);
    shared_floor(&mut both);
    for (n, target) in TARGETS.into_iter().enumerate() {
        let n = n as u32 * 2;
        target.set(&both[0], &target.value(n), 1_000 + n as i64);
        target.set(&both[1], &target.value(n + 1), 2_000 + n as i64);
    }
    // Audits: both close the same audit offline.
    let scope = AuditScope {
        site: "평택".into(),
        ..AuditScope::default()
    };
    both[0]
        .workspace
        .start_audit(ulid::Ulid(400), "연말 실사", scope, &both[0].stamp(3))
        .expect("audit");
    both[0].sync();
    both[1].sync();
    for device in &both {
        device
            .workspace
            .close_audit(&ulid::Ulid(400).to_string(), &device.stamp(5_000))
            .expect("closed");
    }
    both[0].sync();
    both[1].sync();
    both[0].sync();

    let found = conflicts(&both[0]);
    assert_eq!(found, conflicts(&both[1]), "both devices list the same");
    for (n, target) in TARGETS.into_iter().enumerate() {
        let n = n as u32 * 2;
        let (_, conflict) = found
            .get(&target.path())
            .unwrap_or_else(|| panic!("{target:?} not reported: {found:?}"));
        assert_eq!(
            texts(conflict),
            BTreeSet::from([target.value(n), target.value(n + 1)]),
            "{target:?}"
        );
        let who: BTreeSet<(String, i64)> = conflict
            .values
            .iter()
            .map(|v| (v.author.clone(), v.at_ms))
            .collect();
        assert_eq!(
            who,
            BTreeSet::from([
                ("kim".into(), 1_000 + n as i64),
                ("lee".into(), 2_000 + n as i64)
            ]),
            "{target:?}: who set each value and when"
        );
    }
    assert!(found.contains_key("audit.closed"), "{found:?}");
    let (title, _) = &found[&Target::AssetOwner.path()];
    assert_eq!(title, "PT1-SRV-0001", "an asset is named by its tag");
    let (title, _) = &found[&Target::CableColour.path()];
    assert_eq!(*title, cable(&both[0]).label, "a cable by its label");

    // One click on the rack's name settles it on both devices.
    let rack_name = &found[&Target::RackName.path()].1;
    let choice = rack_name
        .values
        .iter()
        .position(|v| v.author == "lee")
        .expect("lee's value");
    both[0]
        .workspace
        .resolve_conflict(
            &format!("rack/{RACK}"),
            &Target::RackName.path(),
            choice,
            &both[0].stamp(9_000),
        )
        .expect("resolved");
    assert!(!conflicts(&both[0]).contains_key(&Target::RackName.path()));
    both[0].sync();
    both[1].sync();
    for device in &both {
        assert!(!conflicts(device).contains_key(&Target::RackName.path()));
        assert_eq!(Target::RackName.read(device), Target::RackName.value(7));
    }
}

#[derive(Clone, Debug)]
enum Step {
    Edit { device: usize, target: usize },
    Sync { device: usize },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..3usize, 0..TARGETS.len()).prop_map(|(device, target)| Step::Edit { device, target }),
        2 => (0..3usize).prop_map(|device| Step::Sync { device }),
    ]
}

/// One edit in the model: which field, the value, and the edits its device had seen.
struct Edit {
    target: Target,
    value: String,
    seen: BTreeSet<usize>,
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_of_every_kind_on_three_devices_converge_and_every_concurrent_edit_is_reported(
        steps in proptest::collection::vec(step(), 1..28)
    ) {
        let server = server();
        let mut all = devices(&server, 3);
        shared_floor(&mut all);
        // What each device and the server have seen, as edit numbers.
        let mut seen: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); 3];
        let mut on_server: BTreeSet<usize> = BTreeSet::new();
        let mut edits: Vec<Edit> = Vec::new();
        for step in steps {
            match step {
                Step::Edit { device, target } => {
                    let target = TARGETS[target];
                    let value = target.value(edits.len() as u32);
                    target.set(&all[device], &value, 10_000 + edits.len() as i64);
                    edits.push(Edit { target, value, seen: seen[device].clone() });
                    seen[device].insert(edits.len() - 1);
                }
                Step::Sync { device } => {
                    all[device].sync();
                    on_server.extend(seen[device].iter().copied());
                    seen[device] = on_server.clone();
                }
            }
        }
        for _ in 0..2 {
            for device in all.iter_mut() {
                device.sync();
            }
        }
        let reported: Vec<_> = all.iter().map(conflicts).collect();
        prop_assert_eq!(&reported[0], &reported[1]);
        prop_assert_eq!(&reported[0], &reported[2]);
        for target in TARGETS {
            let values: Vec<String> = all.iter().map(|d| target.read(d)).collect();
            prop_assert!(values.iter().all(|v| *v == values[0]), "{:?} diverged: {:?}", target, values);
            // The edits of this field no other edit of it had seen survive.
            let of_target: Vec<usize> =
                (0..edits.len()).filter(|&e| edits[e].target == target).collect();
            let surviving: BTreeSet<String> = of_target
                .iter()
                .filter(|&&e| !of_target.iter().any(|&other| edits[other].seen.contains(&e)))
                .map(|&e| edits[e].value.clone())
                .collect();
            match reported[0].get(&target.path()) {
                Some((_, conflict)) => prop_assert_eq!(texts(conflict), surviving, "{:?}", target),
                None => {
                    prop_assert!(surviving.len() <= 1, "{:?}: {:?} not reported", target, surviving);
                    if let Some(only) = surviving.iter().next() {
                        prop_assert_eq!(&values[0], only);
                    }
                }
            }
        }
    }
}
