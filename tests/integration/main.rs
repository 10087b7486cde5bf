//! One integration test binary (STYLE 9): a harness in `util` and a module per area.

mod cli_asset_reports;
mod cli_asset_tags;
mod cli_assets;
mod cli_audits;
mod cli_backups;
mod cli_cables;
mod cli_damaged_store;
mod cli_disk_full;
mod cli_lifecycle;
mod cli_racks;
mod cli_recover;
mod cli_schedule;
mod cli_workspaces;
mod durability;
mod store_disk_full;
mod sync_accounts;
mod sync_auth;
mod sync_authors;
mod sync_bad_input;
mod sync_convergence;
mod sync_copied_device;
mod sync_durability;
mod sync_files;
mod sync_property;
mod sync_server_backup;
mod util;
