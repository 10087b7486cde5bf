//! `cloudwright store recover`: runs before the store is opened (a damaged one does not
//! open), through `store::recover::recover_store`, and prints its report.

use std::path::PathBuf;

use cloudwright_core::store::recover::recover_store;

pub fn run(data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let data_dir = data_dir.unwrap_or_else(|| {
        cloudwright_core::store::default_data_dir(
            std::env::var_os("XDG_DATA_HOME").map(PathBuf::from),
            std::env::var_os("HOME").map(PathBuf::from),
        )
    });
    let report = recover_store(
        &data_dir,
        cloudwright_core::kinds::registry(),
        crate::context::now_ms(),
    )?;
    print!("{}", report.text());
    println!(
        "This report was written to {}",
        report.report_file.display()
    );
    Ok(())
}
