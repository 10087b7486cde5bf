//! Sending a printed file to a CUPS printer with `lp`, and listing the printers CUPS knows
//! (`lpstat -e`). Both run the CUPS client programs rather than speaking IPP: they are on
//! every Linux desk that prints, and they honour the user's CUPS settings.

use std::path::Path;
use std::process::Command;

#[derive(Debug, thiserror::Error)]
pub enum PrinterError {
    #[error("the CUPS client (`lp`) is not installed: {0}")]
    NoCups(std::io::Error),
    #[error("printer '{printer}' refused the job: {message}")]
    Refused { printer: String, message: String },
}

/// The CUPS destinations this machine can print to, by name; empty when CUPS is not
/// installed or not running.
pub fn printers() -> Vec<String> {
    let Ok(output) = Command::new("lpstat").arg("-e").output() else {
        return Vec::new();
    };
    if !output.status.success() {
        return Vec::new();
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Prints `file` on `printer`; `raw` sends the bytes untouched (ZPL for a Zebra queue).
/// Returns what `lp` said (the job id line).
pub fn print_file(printer: &str, file: &Path, raw: bool) -> Result<String, PrinterError> {
    let mut command = Command::new("lp");
    command.arg("-d").arg(printer);
    if raw {
        command.args(["-o", "raw"]);
    }
    let output = command
        .arg("--")
        .arg(file)
        .output()
        .map_err(PrinterError::NoCups)?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    } else {
        Err(PrinterError::Refused {
            printer: printer.to_owned(),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        })
    }
}
