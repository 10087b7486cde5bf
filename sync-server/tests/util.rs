//! The harness: a temp data directory, the real `cloudwright-sync` binary for admin commands
//! and as a server on 127.0.0.1:0, and a small blocking HTTP client.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, RequestBuilder, Response};
use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_cloudwright-sync");
pub const PASSWORD: &str = "correct horse battery";
/// How long the harness waits for something a test is sure will happen before it calls
/// the test failed (instead of hanging); never a condition of the test itself.
const GIVE_UP_AFTER: Duration = Duration::from_secs(60);

pub struct Harness {
    dir: tempfile::TempDir,
}

impl Harness {
    pub fn new() -> Harness {
        Harness {
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `cloudwright-sync admin --data-dir … ARGS` with `stdin` and returns its output.
    pub fn admin_with_input(&self, args: &[&str], stdin: &str) -> Output {
        use std::io::Write as _;
        let mut child = Command::new(BIN)
            .arg("admin")
            .arg("--data-dir")
            .arg(self.data_dir())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cloudwright-sync starts");
        let mut input = child.stdin.take().expect("stdin");
        input.write_all(stdin.as_bytes()).expect("stdin written");
        drop(input);
        child.wait_with_output().expect("cloudwright-sync ends")
    }

    /// An admin command that must succeed; returns its standard output.
    pub fn admin(&self, args: &[&str]) -> String {
        let output = self.admin_with_input(args, "");
        assert!(
            output.status.success(),
            "admin {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// An admin command that must fail with exit code 1; returns its standard error.
    pub fn admin_fails(&self, args: &[&str]) -> String {
        let output = self.admin_with_input(args, "");
        assert_eq!(output.status.code(), Some(1), "admin {args:?} should fail");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(stderr.starts_with("error: "), "{stderr}");
        stderr
    }

    /// Creates a workspace and returns its id.
    pub fn workspace(&self, name: &str) -> String {
        self.admin(&["workspace", "create", name]).trim().to_owned()
    }

    pub fn user(&self, name: &str, workspace: &str, role: &str) {
        self.admin(&[
            "user",
            "add",
            name,
            "--password",
            PASSWORD,
            "--workspace",
            workspace,
            "--role",
            role,
        ]);
    }

    /// Starts the server on this data directory and a free port.
    pub fn serve(&self, extra: &[&str]) -> Server {
        let mut args: Vec<std::ffi::OsString> = vec![
            "serve".into(),
            "--listen".into(),
            "127.0.0.1:0".into(),
            "--data-dir".into(),
            self.data_dir().into(),
        ];
        args.extend(extra.iter().map(|arg| arg.into()));
        Server::start(&args, client())
    }
}

pub fn client() -> Client {
    Client::builder().build().expect("an HTTP client")
}

/// Everything the server wrote to stderr so far, and whether it has closed it.
type Log = Arc<(Mutex<(String, bool)>, Condvar)>;

pub struct Server {
    child: Child,
    pub url: String,
    pub client: Client,
    log: Log,
}

impl Server {
    pub fn start<S: AsRef<std::ffi::OsStr>>(args: &[S], client: Client) -> Server {
        let mut child = Command::new(BIN)
            .args(args)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cloudwright-sync starts");
        let log: Log = Arc::new((Mutex::new((String::new(), false)), Condvar::new()));
        let stderr = child.stderr.take().expect("stderr");
        let writer = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut guard = writer.0.lock().expect("log lock");
                guard.0.push_str(&line);
                guard.0.push('\n');
                writer.1.notify_all();
            }
            writer.0.lock().expect("log lock").1 = true;
            writer.1.notify_all();
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("stdout readable");
        let url = line.trim().strip_prefix("listening on ").map(str::to_owned);
        let mut server = Server {
            child,
            url: String::new(),
            client,
            log,
        };
        match url {
            Some(url) => server.url = url,
            None => {
                server.wait_for_log_end();
                panic!(
                    "the server did not start: stdout {line:?}, stderr:\n{}",
                    server.log()
                );
            }
        }
        server
    }

    pub fn get(&self, path: &str) -> RequestBuilder {
        self.client.get(format!("{}{path}", self.url))
    }

    pub fn post(&self, path: &str) -> RequestBuilder {
        self.client.post(format!("{}{path}", self.url))
    }

    pub fn put(&self, path: &str) -> RequestBuilder {
        self.client.put(format!("{}{path}", self.url))
    }

    /// Logs in and returns the session token.
    pub fn login(&self, user: &str) -> String {
        let response = self
            .post("/v1/login")
            .json(&serde_json::json!({"user": user, "password": PASSWORD}))
            .send()
            .expect("login answered");
        assert_eq!(response.status(), 200);
        let body: Value = response.json().expect("login JSON");
        body["token"].as_str().expect("a token").to_owned()
    }

    pub fn metrics(&self) -> String {
        self.get("/metrics")
            .send()
            .expect("metrics answered")
            .text()
            .expect("metrics text")
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn log(&self) -> String {
        self.log.0.lock().expect("log lock").0.clone()
    }

    /// Waits until the server has logged a line containing `needle`.
    pub fn wait_for_log(&self, needle: &str) {
        let (lock, changed) = &*self.log;
        let deadline = Instant::now() + GIVE_UP_AFTER;
        let mut guard = lock.lock().expect("log lock");
        while !guard.0.contains(needle) {
            assert!(
                !guard.1,
                "the server ended without logging {needle:?}:\n{}",
                guard.0
            );
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "no {needle:?} in the log:\n{}", guard.0);
            guard = changed.wait_timeout(guard, left).expect("log lock").0;
        }
    }

    fn wait_for_log_end(&self) {
        let (lock, changed) = &*self.log;
        let mut guard = lock.lock().expect("log lock");
        while !guard.1 {
            guard = changed.wait(guard).expect("log lock");
        }
    }

    /// Sends SIGTERM.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// Sends SIGTERM and waits for the process to end.
    pub fn stop(self) -> ExitStatus {
        self.terminate();
        self.stop_after_signal()
    }

    /// Waits for the process to end after a signal was sent; it must have said so in its log.
    pub fn stop_after_signal(mut self) -> ExitStatus {
        let status = self.child.wait().expect("the server ends");
        self.wait_for_log_end();
        let log = self.log();
        assert!(log.contains("shut down cleanly"), "{log}");
        status
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The JSON error of a response: (status, code).
pub fn error_of(response: Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().expect("an error body in JSON");
    let code = body["error"]["code"]
        .as_str()
        .expect("an error code")
        .to_owned();
    let message = body["error"]["message"].as_str().expect("an error message");
    assert!(!message.is_empty());
    (status, code)
}

/// The value of a metric line with exactly this name and labels, if present.
pub fn metric(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| {
        let (name, value) = line.rsplit_once(' ')?;
        (name == series).then(|| value.parse().ok())?
    })
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

pub fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("file written");
}
