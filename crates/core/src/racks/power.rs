//! Power, cooling and weight budgets: the arithmetic behind the rack editor's bars and the
//! findings raised when a limit is crossed, at the moment of a drop (what-if) and in the inbox.
//! Pure functions over plain numbers: nothing here reads a document, so a room of 2,000 racks
//! recomputes in one pass over its placements.

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Watts of heat per BTU/h: 1 W = 3.412 BTU/h.
pub const BTU_PER_HOUR_PER_WATT: f64 = 3.412;

/// A three-phase feed whose most loaded leg carries more than this share above its least
/// loaded one is reported as unbalanced: breakers trip per leg, so the headroom of a feed is
/// the headroom of its worst leg. 20 % is the usual planning limit.
pub const MAX_LEG_IMBALANCE: f64 = 0.20;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Phase {
    #[autosurgeon(rename = "single")]
    Single,
    #[autosurgeon(rename = "three")]
    Three,
}

/// One power feed into a rack (a PDU's circuit).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct PowerFeed {
    pub name: String,
    /// Line-to-line voltage for three phase (e.g. 380 V), line-to-neutral for single (220 V).
    pub voltage_v: f64,
    /// The breaker's rating.
    pub amperage_a: f64,
    pub phase: Phase,
    /// The share of the rating that may be used, e.g. 0.8 for the usual 80 % derating.
    pub max_utilisation: f64,
}

impl PowerFeed {
    /// Usable watts: voltage × amperage × phase factor (√3 for three phase) × max utilisation.
    pub fn capacity_w(&self) -> f64 {
        let phase_factor = match self.phase {
            Phase::Single => 1.0,
            Phase::Three => 3f64.sqrt(),
        };
        self.voltage_v * self.amperage_a * phase_factor * self.max_utilisation
    }

    /// Usable watts per leg: a third of the feed for three phase, all of it for single.
    pub fn leg_capacity_w(&self) -> f64 {
        match self.phase {
            Phase::Single => self.capacity_w(),
            Phase::Three => self.capacity_w() / 3.0,
        }
    }
}

/// How a rack's feeds back each other up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Redundancy {
    /// The feeds add up.
    #[autosurgeon(rename = "none")]
    None,
    /// A and B feeds: every device draws from both, and when one feed fails the other must
    /// carry the whole load alone.
    #[serde(rename = "ab")]
    #[autosurgeon(rename = "ab")]
    AB,
}

/// What one placed device asks of its rack.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceLoad {
    pub name: String,
    pub typical_w: f64,
    pub max_w: f64,
    pub weight_kg: f64,
    /// The leg (0, 1, 2) of a three-phase feed it is plugged into; `None` spreads it evenly.
    pub leg: Option<u8>,
}

/// A rack's limits and what is placed in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RackLoad {
    pub rack: String,
    pub feeds: Vec<PowerFeed>,
    pub redundancy: Redundancy,
    pub max_weight_kg: f64,
    pub devices: Vec<DeviceLoad>,
}

/// A limit crossed, with the numbers a person needs to act on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BudgetFinding {
    /// The devices' maximum draw is more than the feeds can deliver.
    PowerOverCapacity {
        rack: String,
        max_draw_w: f64,
        capacity_w: f64,
    },
    /// With A/B feeds, the load does not fit on one feed when the other fails.
    NoFailover {
        rack: String,
        max_draw_w: f64,
        one_feed_w: f64,
    },
    /// A leg of a three-phase feed carries more than its third.
    LegOverCapacity {
        rack: String,
        leg: u8,
        draw_w: f64,
        capacity_w: f64,
    },
    /// The legs of a three-phase feed differ by more than [`MAX_LEG_IMBALANCE`].
    LegsUnbalanced { rack: String, legs_w: [f64; 3] },
    /// The devices weigh more than the rack may hold.
    OverWeight {
        rack: String,
        weight_kg: f64,
        max_weight_kg: f64,
    },
    /// A room's heat load is more than its cooling units remove.
    CoolingOverCapacity {
        room: String,
        heat_kw: f64,
        cooling_kw: f64,
    },
}

/// How full a rack's power is. The floor plan colours a rack by it and the budget findings are
/// raised from it: both read [`RackBudget::power_share`], so a rack is drawn red exactly when a
/// finding says its power is over (the tile once read the typical draw while the findings read
/// the maximum, and a green rack could carry a red finding).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PowerLevel {
    /// Nothing drawn and nothing to draw from.
    None,
    /// Under 60 % of what the feeds deliver.
    Low,
    /// From 60 % to under 85 %.
    Mid,
    /// From 85 % up to 100 %: still within the feeds, little headroom.
    High,
    /// Over 100 %: a power finding (over capacity, no failover, a leg over its third).
    Over,
}

/// The share of usable power at which a rack counts as [`PowerLevel::Mid`].
pub const MID_POWER_SHARE: f64 = 0.60;
/// The share of usable power at which a rack counts as [`PowerLevel::High`].
pub const HIGH_POWER_SHARE: f64 = 0.85;

/// A draw against a capacity as a share (1.0 is full). No capacity: nothing drawn is 0, any
/// draw is infinitely over.
pub fn power_share(draw_w: f64, capacity_w: f64) -> f64 {
    if capacity_w > 0.0 {
        draw_w / capacity_w
    } else if draw_w > 0.0 {
        f64::INFINITY
    } else {
        0.0
    }
}

/// The level of a share from [`power_share`]: the one rule for the colour and the findings.
pub fn power_level(share: f64, anything_here: bool) -> PowerLevel {
    if share > 1.0 {
        PowerLevel::Over
    } else if share >= HIGH_POWER_SHARE {
        PowerLevel::High
    } else if share >= MID_POWER_SHARE {
        PowerLevel::Mid
    } else if anything_here {
        PowerLevel::Low
    } else {
        PowerLevel::None
    }
}

/// A rack's totals against its limits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RackBudget {
    pub rack: String,
    /// Sum of the devices' typical draw: what the rack is expected to use.
    pub allocated_w: f64,
    /// Sum of their maximum draw: what the feeds must be able to deliver.
    pub max_draw_w: f64,
    /// What the feeds deliver together (for A/B: what one feed delivers, since each must carry
    /// everything alone).
    pub capacity_w: f64,
    /// Maximum draw per leg when the rack is fed three phase, else zeros.
    pub legs_w: [f64; 3],
    /// Heat is the power drawn: typical draw, in kW and in BTU/h.
    pub heat_kw: f64,
    pub heat_btu_h: f64,
    pub weight_kg: f64,
    /// The worst share of usable power: the devices' maximum draw against the feeds (one
    /// feed for A/B), or a three-phase leg's draw against its third, whichever is fuller.
    /// Over 1.0 exactly when `findings` has a power finding.
    pub power_share: f64,
    pub power_level: PowerLevel,
    pub findings: Vec<BudgetFinding>,
}

/// The totals of one rack and every limit it crosses.
pub fn rack_budget(rack: &RackLoad) -> RackBudget {
    let allocated_w: f64 = rack.devices.iter().map(|d| d.typical_w).sum();
    let max_draw_w: f64 = rack.devices.iter().map(|d| d.max_w).sum();
    let weight_kg: f64 = rack.devices.iter().map(|d| d.weight_kg).sum();
    let mut findings = Vec::new();

    let one_feed_w = rack
        .feeds
        .iter()
        .map(PowerFeed::capacity_w)
        .fold(0.0, f64::max);
    let capacity_w = match rack.redundancy {
        Redundancy::None => rack.feeds.iter().map(PowerFeed::capacity_w).sum(),
        Redundancy::AB => one_feed_w,
    };
    let total_share = power_share(max_draw_w, capacity_w);
    let mut worst_share = total_share;
    if power_level(total_share, true) == PowerLevel::Over {
        findings.push(match rack.redundancy {
            Redundancy::AB => BudgetFinding::NoFailover {
                rack: rack.rack.clone(),
                max_draw_w,
                one_feed_w,
            },
            Redundancy::None => BudgetFinding::PowerOverCapacity {
                rack: rack.rack.clone(),
                max_draw_w,
                capacity_w,
            },
        });
    }

    let three_phase = rack.feeds.iter().find(|f| f.phase == Phase::Three);
    let mut legs_w = [0.0; 3];
    if let Some(feed) = three_phase {
        for device in &rack.devices {
            match device.leg {
                Some(leg) if leg < 3 => legs_w[leg as usize] += device.max_w,
                _ => legs_w.iter_mut().for_each(|w| *w += device.max_w / 3.0),
            }
        }
        // Each leg of the feed that must carry the load (one feed for A/B, all for None).
        let feeds_sharing = match rack.redundancy {
            Redundancy::AB => 1.0,
            Redundancy::None => rack
                .feeds
                .iter()
                .filter(|f| f.phase == Phase::Three)
                .count() as f64,
        };
        let leg_capacity_w = feed.leg_capacity_w() * feeds_sharing;
        for (leg, &draw_w) in legs_w.iter().enumerate() {
            let share = power_share(draw_w, leg_capacity_w);
            worst_share = worst_share.max(share);
            if power_level(share, true) == PowerLevel::Over {
                findings.push(BudgetFinding::LegOverCapacity {
                    rack: rack.rack.clone(),
                    leg: leg as u8,
                    draw_w,
                    capacity_w: leg_capacity_w,
                });
            }
        }
        let most = legs_w.iter().copied().fold(0.0, f64::max);
        let least = legs_w.iter().copied().fold(f64::INFINITY, f64::min);
        if most > 0.0 && (most - least) / most > MAX_LEG_IMBALANCE {
            findings.push(BudgetFinding::LegsUnbalanced {
                rack: rack.rack.clone(),
                legs_w,
            });
        }
    }

    if weight_kg > rack.max_weight_kg {
        findings.push(BudgetFinding::OverWeight {
            rack: rack.rack.clone(),
            weight_kg,
            max_weight_kg: rack.max_weight_kg,
        });
    }

    RackBudget {
        rack: rack.rack.clone(),
        allocated_w,
        max_draw_w,
        capacity_w,
        legs_w,
        heat_kw: allocated_w / 1000.0,
        heat_btu_h: allocated_w * BTU_PER_HOUR_PER_WATT,
        weight_kg,
        power_share: worst_share,
        power_level: power_level(worst_share, !rack.devices.is_empty() || capacity_w > 0.0),
        findings,
    }
}

/// A room's heat load against its cooling, from its racks' budgets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoomBudget {
    pub room: String,
    pub allocated_w: f64,
    pub max_draw_w: f64,
    pub heat_kw: f64,
    pub heat_btu_h: f64,
    pub cooling_kw: f64,
    /// The room's own finding (cooling) followed by every rack's.
    pub findings: Vec<BudgetFinding>,
}

/// Totals a room from its racks' budgets; `cooling_kw` is the sum of its cooling units.
pub fn room_budget(room: &str, racks: &[RackBudget], cooling_kw: f64) -> RoomBudget {
    let allocated_w: f64 = racks.iter().map(|r| r.allocated_w).sum();
    let max_draw_w: f64 = racks.iter().map(|r| r.max_draw_w).sum();
    let heat_kw = allocated_w / 1000.0;
    let mut findings = Vec::new();
    if heat_kw > cooling_kw {
        findings.push(BudgetFinding::CoolingOverCapacity {
            room: room.to_owned(),
            heat_kw,
            cooling_kw,
        });
    }
    findings.extend(racks.iter().flat_map(|r| r.findings.iter().cloned()));
    RoomBudget {
        room: room.to_owned(),
        allocated_w,
        max_draw_w,
        heat_kw,
        heat_btu_h: allocated_w * BTU_PER_HOUR_PER_WATT,
        cooling_kw,
        findings,
    }
}

#[cfg(test)]
mod tests;
