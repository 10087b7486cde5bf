//! The reference peer: automerge-repo's Node server and client doing the same push and fetch.

use std::path::{Path, PathBuf};

pub struct Reference {
    pub create_ms: f64,
    pub push_ms: f64,
    pub fetch_ms: f64,
}

/// Runs `run.sh` of the automerge-repo Node peer in `work` (node_modules stay there between
/// runs) on a free port and reads its two result lines.
pub fn run_reference(work: &Path) -> Option<Reference> {
    let script = std::env::var_os("CLOUDWRIGHT_REFERENCE_PEER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/peers/automerge-repo-node"))
        .join("run.sh");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .ok()?;
    std::fs::create_dir_all(work).ok()?;
    let output = std::process::Command::new("bash")
        .arg(&script)
        .arg(work)
        .env("PORT", port.to_string())
        .output();
    let output = match output {
        Ok(output) if output.status.success() => output,
        Ok(output) => {
            eprintln!(
                "reference peer failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            return None;
        }
        Err(error) => {
            eprintln!("reference peer did not start: {error}");
            return None;
        }
    };
    let text = String::from_utf8_lossy(&output.stdout);
    eprint!("reference peer: {text}");
    let value = |line_start: &str, key: &str| -> Option<f64> {
        let line = text.lines().find(|line| line.starts_with(line_start))?;
        let word = line.split_whitespace().find_map(|w| w.strip_prefix(key))?;
        word.strip_prefix('=')?.parse().ok()
    };
    let fetched_all = value("fetch ", "ok") == value("fetch ", "docs");
    if !fetched_all {
        eprintln!("reference peer did not fetch every document");
    }
    Some(Reference {
        create_ms: value("push ", "create_ms")?,
        push_ms: value("push ", "until_server_has_all_ms")?,
        fetch_ms: value("fetch ", "all_ready_ms")?,
    })
}
