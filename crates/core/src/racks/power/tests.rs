use super::*;

fn single(name: &str) -> PowerFeed {
    PowerFeed {
        name: name.into(),
        voltage_v: 220.0,
        amperage_a: 32.0,
        phase: Phase::Single,
        max_utilisation: 0.8,
    }
}

fn three(name: &str) -> PowerFeed {
    PowerFeed {
        name: name.into(),
        voltage_v: 380.0,
        amperage_a: 32.0,
        phase: Phase::Three,
        max_utilisation: 0.8,
    }
}

fn device(max_w: f64, leg: Option<u8>) -> DeviceLoad {
    DeviceLoad {
        name: format!("srv-{max_w}"),
        typical_w: max_w * 0.6,
        max_w,
        weight_kg: 20.0,
        leg,
    }
}

fn rack(feeds: Vec<PowerFeed>, redundancy: Redundancy, devices: Vec<DeviceLoad>) -> RackLoad {
    RackLoad {
        rack: "R01".into(),
        feeds,
        redundancy,
        max_weight_kg: 1000.0,
        devices,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.01
}

#[test]
fn feed_capacity_is_volts_times_amps_times_phase_factor_times_utilisation() {
    // 220 V × 32 A × 0.8
    assert!(close(single("A").capacity_w(), 5632.0));
    assert!(close(single("A").leg_capacity_w(), 5632.0));
    // 380 V × 32 A × √3 × 0.8 = 16,849.39 W, a third of it per leg
    assert!(close(three("A").capacity_w(), 16849.39));
    assert!(close(three("A").leg_capacity_w(), 16849.39 / 3.0));
}

#[test]
fn feeds_without_redundancy_add_up() {
    let fits = rack_budget(&rack(
        vec![single("A"), single("B")],
        Redundancy::None,
        vec![device(6000.0, None)],
    ));
    assert!(close(fits.capacity_w, 11264.0));
    assert!(fits.findings.is_empty(), "{:?}", fits.findings);

    let over = rack_budget(&rack(
        vec![single("A"), single("B")],
        Redundancy::None,
        vec![device(6000.0, None), device(6000.0, None)],
    ));
    assert_eq!(
        over.findings,
        vec![BudgetFinding::PowerOverCapacity {
            rack: "R01".into(),
            max_draw_w: 12000.0,
            capacity_w: 11264.0,
        }]
    );
}

#[test]
fn with_a_and_b_feeds_the_load_must_fit_on_one() {
    let fits = rack_budget(&rack(
        vec![single("A"), single("B")],
        Redundancy::AB,
        vec![device(5000.0, None)],
    ));
    assert!(close(fits.capacity_w, 5632.0));
    assert!(fits.findings.is_empty());

    // 6,000 W fits on A and B together but not on one when the other fails.
    let over = rack_budget(&rack(
        vec![single("A"), single("B")],
        Redundancy::AB,
        vec![device(6000.0, None)],
    ));
    assert_eq!(
        over.findings,
        vec![BudgetFinding::NoFailover {
            rack: "R01".into(),
            max_draw_w: 6000.0,
            one_feed_w: 5632.0,
        }]
    );
}

#[test]
fn three_phase_legs_are_checked_one_by_one_and_for_balance() {
    // Devices without a leg spread evenly: balanced, and 12 kW fits a 16.8 kW feed.
    let even = rack_budget(&rack(
        vec![three("A")],
        Redundancy::None,
        vec![device(6000.0, None), device(6000.0, None)],
    ));
    assert!(close(even.legs_w[0], 4000.0) && close(even.legs_w[2], 4000.0));
    assert!(even.findings.is_empty(), "{:?}", even.findings);

    // The same 12 kW on one leg: that leg is over its third, and the legs are unbalanced.
    let one_leg = rack_budget(&rack(
        vec![three("A")],
        Redundancy::None,
        vec![device(6000.0, Some(0)), device(6000.0, Some(0))],
    ));
    assert_eq!(one_leg.legs_w, [12000.0, 0.0, 0.0]);
    assert!(one_leg.findings.iter().any(|f| matches!(
        f,
        BudgetFinding::LegOverCapacity { leg: 0, draw_w, capacity_w, .. }
            if close(*draw_w, 12000.0) && close(*capacity_w, 16849.39 / 3.0)
    )));
    assert!(one_leg
        .findings
        .iter()
        .any(|f| matches!(f, BudgetFinding::LegsUnbalanced { .. })));

    // Within 20 % of each other is balanced.
    let near = rack_budget(&rack(
        vec![three("A")],
        Redundancy::None,
        vec![
            device(1000.0, Some(0)),
            device(900.0, Some(1)),
            device(850.0, Some(2)),
        ],
    ));
    assert!(near.findings.is_empty(), "{:?}", near.findings);
}

#[test]
fn heat_is_the_typical_draw_in_kw_and_btu_per_hour() {
    let budget = rack_budget(&rack(
        vec![single("A")],
        Redundancy::None,
        vec![DeviceLoad {
            name: "srv".into(),
            typical_w: 1000.0,
            max_w: 1500.0,
            weight_kg: 25.0,
            leg: None,
        }],
    ));
    assert!(close(budget.allocated_w, 1000.0));
    assert!(close(budget.max_draw_w, 1500.0));
    assert!(close(budget.heat_kw, 1.0));
    assert!(close(budget.heat_btu_h, 3412.0));
}

#[test]
fn weight_over_the_rack_limit_is_a_finding_with_both_numbers() {
    let mut heavy = rack(
        vec![single("A")],
        Redundancy::None,
        vec![device(100.0, None); 3],
    );
    heavy.max_weight_kg = 50.0;
    assert_eq!(
        rack_budget(&heavy).findings,
        vec![BudgetFinding::OverWeight {
            rack: "R01".into(),
            weight_kg: 60.0,
            max_weight_kg: 50.0,
        }]
    );
}

#[test]
fn a_room_hotter_than_its_cooling_is_a_finding_and_carries_its_racks_findings() {
    let racks: Vec<RackBudget> = (0..3)
        .map(|_| {
            rack_budget(&rack(
                vec![single("A"), single("B")],
                Redundancy::AB,
                // 10 kW typical each, 16 kW max: over one 5.6 kW feed.
                vec![DeviceLoad {
                    typical_w: 10_000.0,
                    ..device(16_000.0, None)
                }],
            ))
        })
        .collect();
    let room = room_budget("전산실 A", &racks, 25.0);
    assert!(close(room.heat_kw, 30.0));
    assert!(close(room.heat_btu_h, 30_000.0 * 3.412));
    assert!(matches!(
        &room.findings[0],
        BudgetFinding::CoolingOverCapacity { room, heat_kw, cooling_kw }
            if room == "전산실 A" && close(*heat_kw, 30.0) && *cooling_kw == 25.0
    ));
    assert_eq!(room.findings.len(), 1 + 3);

    let cool = room_budget("전산실 A", &racks, 40.0);
    assert!(!cool
        .findings
        .iter()
        .any(|f| matches!(f, BudgetFinding::CoolingOverCapacity { .. })));
}

fn has_power_finding(budget: &RackBudget) -> bool {
    budget.findings.iter().any(|f| {
        matches!(
            f,
            BudgetFinding::PowerOverCapacity { .. }
                | BudgetFinding::NoFailover { .. }
                | BudgetFinding::LegOverCapacity { .. }
        )
    })
}

#[test]
fn the_colour_level_and_the_power_findings_come_from_the_same_figure() {
    // What the issue saw: typical draw at 53 % of one feed (a green tile by the old rule)
    // while the maximum draw, which the findings read, is over it (a red finding).
    let seen = rack_budget(&rack(
        vec![single("A"), single("B")],
        Redundancy::AB,
        vec![device(5000.0, None)],
    ));
    assert!(seen.allocated_w / seen.capacity_w < 0.6);
    assert!(close(seen.power_share, 5000.0 / 5632.0));
    assert_eq!(seen.power_level, PowerLevel::High);
    assert!(!has_power_finding(&seen));
    let mut quiet = device(5700.0, None);
    quiet.typical_w = 2500.0;
    let over = rack_budget(&rack(
        vec![single("A"), single("B")],
        Redundancy::AB,
        vec![quiet],
    ));
    assert!(over.allocated_w / over.capacity_w < 0.6);
    assert_eq!(over.power_level, PowerLevel::Over);
    assert!(has_power_finding(&over));

    // Over exactly when there is a power finding, for every draw from nothing to twice the
    // feed, A/B and not, single and three phase, spread and on one leg.
    for redundancy in [Redundancy::AB, Redundancy::None] {
        for feeds in [vec![single("A"), single("B")], vec![three("A"), three("B")]] {
            for leg in [None, Some(1)] {
                for step in 0..=60 {
                    let max_w = f64::from(step) * 600.0;
                    let budget =
                        rack_budget(&rack(feeds.clone(), redundancy, vec![device(max_w, leg)]));
                    assert_eq!(
                        budget.power_level == PowerLevel::Over,
                        has_power_finding(&budget),
                        "{max_w} W {redundancy:?} {leg:?}: {budget:?}"
                    );
                    assert_eq!(budget.power_level, power_level(budget.power_share, true));
                }
            }
        }
    }

    // The bands: under 60 % low, under 85 % mid, up to 100 % high; an empty, unfed rack none.
    assert_eq!(power_level(0.59, true), PowerLevel::Low);
    assert_eq!(power_level(0.60, true), PowerLevel::Mid);
    assert_eq!(power_level(0.85, true), PowerLevel::High);
    assert_eq!(power_level(1.0, true), PowerLevel::High);
    assert_eq!(power_level(1.0001, true), PowerLevel::Over);
    assert_eq!(power_level(power_share(10.0, 0.0), true), PowerLevel::Over);
    let empty = rack_budget(&rack(Vec::new(), Redundancy::None, Vec::new()));
    assert_eq!(empty.power_level, PowerLevel::None);
}
