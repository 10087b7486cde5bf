//! Prints resident memory before and after opening a workspace: `index_memory DATA_DIR`.
fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}
fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("DATA_DIR"));
    println!("start {:.1} MB", rss_mb());
    let store = cloudwright_core::store::Store::open(&dir).expect("open");
    println!("store open {:.1} MB", rss_mb());
    let meta = store.workspaces().expect("list").remove(0);
    let workspace = store.workspace(&meta.id).expect("workspace");
    println!(
        "workspace open ({} assets) {:.1} MB",
        workspace.asset_count(),
        rss_mb()
    );
}
