//! Cables and labels: the cable document, which cable kinds fit which ports, the cable rules
//! (real and free ports, fitting kind, unique label) and their merge invariants, the label
//! scheme, bulk plans, CSV import and export, edits and status through install, test results,
//! tracing a path through patch panels, what the screens read, and the demo's cabling.

pub(crate) mod alerts;
pub mod bulk;
pub mod csv_io;
pub mod demo;
pub mod edit;
pub mod index;
mod kinds;
pub mod labels;
pub mod media;
pub mod model;
pub mod moves;
pub mod ops;
pub mod restore;
pub mod rules;
pub mod schedule;
pub mod scheme;
pub mod testing;
pub mod trace;
pub mod views;

#[cfg(test)]
mod test_plant;
