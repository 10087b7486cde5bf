//! Tests of the whole core, across areas: the store and sync machinery exercised through real
//! kinds of record (the `store` and `sync` modules themselves know no area, so their tests
//! that need records live here), on real stores, with the one test kit (`crate::testkit`).

mod alerts;
mod architecture;
mod authorship;
mod backup;
mod blob_uploads;
mod conflicts;
mod csv_files;
mod faults;
mod integrity;
mod large_files;
mod new_doc;
mod search;
mod server_backup;
mod sled_blobs;
mod store;
mod sync;
mod versions;
