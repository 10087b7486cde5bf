//! Test harness: a temporary data directory and the real `cloudwright` binary run against it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Once;

/// The workspace's target directory, found from this test executable's own path.
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    // target/debug/deps/integration-HASH -> target/debug
    exe.parent()
        .and_then(Path::parent)
        .expect("target dir")
        .to_owned()
}

/// Builds the binaries the tests run (quick when they are current) once per process.
pub fn binary(name: &str) -> PathBuf {
    static BUILD: Once = Once::new();
    BUILD.call_once(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let status = Command::new(cargo)
            .args([
                "build",
                "-q",
                "-p",
                "cloudwright-cli",
                "-p",
                "cloudwright-tests",
                "--bins",
            ])
            .status()
            .expect("run cargo build");
        assert!(status.success(), "building the binaries under test failed");
    });
    let path = target_dir().join(name);
    assert!(path.exists(), "{} is missing", path.display());
    path
}

pub struct Cli {
    pub data_dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Asserts success and returns standard output.
    pub fn ok(self) -> String {
        assert_eq!(
            self.code, 0,
            "command failed:\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self.stdout
    }

    /// Asserts failure and returns standard error.
    pub fn fails(self) -> String {
        assert_ne!(
            self.code, 0,
            "command should have failed:\nstdout: {}",
            self.stdout
        );
        self.stderr
    }

    pub fn json(self) -> serde_json::Value {
        let text = self.ok();
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("not JSON ({error}): {text}"))
    }
}

impl Cli {
    pub fn new() -> Cli {
        Cli {
            data_dir: tempfile::tempdir().expect("temp data dir"),
        }
    }

    /// Runs `cloudwright --data-dir DIR ARGS…` with no environment hints of our own.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, None)
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let mut command = Command::new(binary("cloudwright"));
        command
            .arg("--data-dir")
            .arg(self.data_dir.path())
            .args(args)
            .env_remove("CLOUDWRIGHT_DATA_DIR")
            .env_remove("CLOUDWRIGHT_WORKSPACE")
            .env("USER", "tester")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("spawn cloudwright");
        if let Some(text) = stdin {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(text.as_bytes())
                .expect("write stdin");
        }
        Run::from(child.wait_with_output().expect("wait for cloudwright"))
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.data_dir.path().join(name)
    }
}
