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

/// Shows a desktop notification through `notify-send` (libnotify-bin, which scripts/setup.sh
/// installs): the freedesktop notification service is the desktop's, and one short-lived
/// process a day costs less than tauri-plugin-notification, whose notify-rust brings two zbus
/// versions and an async stack (~70 crates) into the app. Best effort, like `open_file`: a
/// desktop without a notification service still shows the alerts in the app.
pub fn notify(title: &str, body: &str) {
    let shown = Command::new("notify-send")
        .args(["--app-name=Cloudwright", "--icon=dialog-information", "--"])
        .arg(title)
        .arg(body)
        .spawn();
    match shown {
        // Reap it off the command's thread so no zombie is left behind.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(error) => tracing::info!(%error, "no notify-send to show a desktop notification"),
    }
}
