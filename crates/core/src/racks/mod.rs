//! Infrastructure build: racks, what is placed in them, and the budgets they must keep.
//! So far only the budget arithmetic ([`power`]); places, device types and placements follow.

pub mod power;
