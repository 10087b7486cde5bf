//! Cables and labels (issue 5, started): the cable document, which cable kinds fit which
//! ports, label templates, and tracing a path through patch panels. Pure so far: storing
//! cables, bulk plans, CSV, printing and the screens follow.

pub mod labels;
pub mod media;
pub mod model;
pub mod trace;
