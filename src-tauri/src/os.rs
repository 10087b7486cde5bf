//! What the app asks of the desktop around it.

use std::path::Path;
use std::process::Command;

/// Opens a file in the program the desktop associates with it (a PDF viewer for a label
/// sheet). Best effort: a desktop without an opener leaves the file where the app said it is.
pub fn open_file(path: &Path) {
    let opener = if cfg!(target_os = "macos") {
        Command::new("open").arg(path).spawn()
    } else if cfg!(target_os = "windows") {
        Command::new("cmd")
            .args(["/C", "start", ""])
            .arg(path)
            .spawn()
    } else {
        Command::new("xdg-open").arg(path).spawn()
    };
    if let Err(error) = opener {
        tracing::info!(%error, path = %path.display(), "no program to open the file with");
    }
}
