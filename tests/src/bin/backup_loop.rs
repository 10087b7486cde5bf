//! Takes backups of one workspace in a loop, printing `backed up N` after each: the
//! integration tests SIGKILL it mid-backup and check that no half backup is listed.
//! Usage: backup-loop DATA_DIR WORKSPACE

use cloudwright_core::store::backup::take_backup;
use cloudwright_core::store::Store;

fn main() {
    let mut args = std::env::args().skip(1);
    let data_dir = args.next().expect("DATA_DIR");
    let name = args.next().expect("WORKSPACE");
    let store = Store::open(std::path::Path::new(&data_dir)).expect("store");
    let meta = store.find_workspace(&name).expect("workspace");
    let workspace = store.workspace(&meta.id).expect("open");
    let start = 1_765_000_000_000i64;
    for n in 1.. {
        let snapshot = workspace.backup_snapshot().expect("snapshot");
        take_backup(store.path(), &snapshot, start + n * 60_000, "backup-loop").expect("backup");
        println!("backed up {n}");
    }
}
