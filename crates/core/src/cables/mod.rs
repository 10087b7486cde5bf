//! Cables and labels (issue 5, started): the cable document, which cable kinds fit which
//! ports, the cable rules (real and free ports, fitting kind, unique label) and their merge
//! invariants, label templates, and tracing a path through patch panels. Pure so far: storing
//! cables, bulk plans, CSV, printing and the screens follow.

pub mod bulk;
pub mod csv_io;
pub mod index;
pub mod labels;
pub mod media;
pub mod model;
pub mod ops;
pub mod rules;
pub mod schedule;
pub mod trace;

#[cfg(test)]
mod test_plant;
