//! Test harness: a temporary data directory and the real `cloudwright` binary run against it;
//! for sync, a team server (the real `cloudwright-sync`) on its own temporary data directory.

use std::io::{BufRead, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex, Once};

use cloudwright_core::sync::protocol;

/// The workspace's target directory, found from this test executable's own path.
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    // target/debug/deps/integration-HASH -> target/debug
    exe.parent()
        .and_then(Path::parent)
        .expect("target dir")
        .to_owned()
}

/// Where the binaries under test are built: a target directory of their own beside the
/// test's (`target/integration`). Cargo unifies features per invocation, so building the CLI
/// and the server together resolves rustls, reqwest and the workspace crates differently from
/// `cargo test -p cloudwright-tests`; in the shared `target/debug` each would rebuild them
/// for the other on every run.
pub fn binaries_dir() -> PathBuf {
    target_dir()
        .parent()
        .expect("target dir above the profile dir")
        .join("integration")
}

/// Builds the binaries the tests run (quick when they are current) once per process.
/// `make test` builds every binary first and names the folder in `CLOUDWRIGHT_TEST_BIN_DIR`;
/// the tests then use those as they are, and no second target directory is built.
pub fn binary(name: &str) -> PathBuf {
    if let Some(dir) = std::env::var_os("CLOUDWRIGHT_TEST_BIN_DIR") {
        let path = PathBuf::from(dir).join(name);
        assert!(
            path.exists(),
            "{} is missing (CLOUDWRIGHT_TEST_BIN_DIR is set: build the binaries first)",
            path.display()
        );
        return path;
    }
    static BUILD: Once = Once::new();
    BUILD.call_once(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let status = Command::new(cargo)
            .arg("build")
            .arg("-q")
            .arg("--target-dir")
            .arg(binaries_dir())
            .args([
                "-p",
                "cloudwright-cli",
                "-p",
                "cloudwright-tests",
                "-p",
                "cloudwright-sync",
                "--bins",
            ])
            .status()
            .expect("run cargo build");
        assert!(status.success(), "building the binaries under test failed");
    });
    let path = binaries_dir().join("debug").join(name);
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
        self.run_full(args, stdin, &[])
    }

    /// Runs with more environment, e.g. `CUPS_SERVER` for a test printer, or `USER` to act
    /// as another person.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        self.run_full(args, None, env)
    }

    fn run_full(&self, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(binary("cloudwright"));
        command
            .arg("--data-dir")
            .arg(self.data_dir.path())
            .args(args)
            .env_remove("CLOUDWRIGHT_DATA_DIR")
            .env_remove("CLOUDWRIGHT_WORKSPACE")
            .env("USER", "tester")
            // After the defaults, so a test can act as someone else (`USER`).
            .envs(env.iter().copied())
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

    /// A store holding the demo workspace `평택` (20 assets) with a room of `racks` racks, and
    /// a PowerEdge R650 labelled `web-01` at U3 of A-R01.
    pub fn with_demo_racks(racks: &str) -> Cli {
        let cli = Cli::new();
        cli.run(&[
            "--workspace",
            "평택",
            "demo",
            "--assets",
            "20",
            "--racks",
            racks,
        ])
        .ok();
        cli.run(&[
            "rack",
            "place",
            "A-R01",
            "--type",
            "PowerEdge R650",
            "--unit",
            "3",
            "--label",
            "web-01",
        ])
        .ok();
        cli
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.data_dir.path().join(name)
    }
}

/// The password every sync test account gets (the server wants at least 8 characters).
pub const PASSWORD: &str = "correct horse battery";

impl Cli {
    /// `cloudwright login --server URL --user USER`, the password on stdin; the account has
    /// one workspace on the server, which the login picks.
    pub fn login(&self, server: &Server, user: &str) {
        self.run_with_stdin(
            &["login", "--server", &server.url, "--user", user],
            Some(&format!("{PASSWORD}\n")),
        )
        .ok();
    }

    /// The roster's account id of the member shown as `name` (`members --json`), as approval
    /// rules and grants name them.
    pub fn member_id(&self, name: &str) -> String {
        let roster = self.run(&["members", "--json"]).json();
        roster["members"]
            .as_array()
            .and_then(|members| members.iter().find(|m| m["name"] == name))
            .and_then(|m| m["user_id"].as_str())
            .unwrap_or_else(|| panic!("{name} in {roster}"))
            .to_owned()
    }

    /// `asset list --json`: every row, sorted by asset id so two stores compare equal.
    pub fn assets(&self) -> Vec<serde_json::Value> {
        let page = self.run(&["asset", "list", "--json"]).json();
        let mut rows = page["rows"]
            .as_array()
            .unwrap_or_else(|| panic!("no rows in {page}"))
            .clone();
        rows.sort_by(|a, b| a["asset"]["id"].as_str().cmp(&b["asset"]["id"].as_str()));
        rows
    }

    /// The row of the asset with this tag, if the store has it.
    pub fn asset_by_tag(&self, tag: &str) -> Option<serde_json::Value> {
        self.assets()
            .into_iter()
            .find(|row| row["asset"]["asset_tag"] == tag)
    }

    pub fn sync_status(&self) -> serde_json::Value {
        self.run(&["sync", "status", "--json"]).json()
    }
}

/// A sync server's data directory: admin commands run on it while no server does, and
/// [`ServerData::serve`] starts the real `cloudwright-sync` on it.
pub struct ServerData {
    pub dir: tempfile::TempDir,
}

impl ServerData {
    pub fn new() -> ServerData {
        ServerData {
            dir: tempfile::tempdir().expect("temp server data dir"),
        }
    }

    /// `cloudwright-sync admin --data-dir DIR ARGS…`
    pub fn admin(&self, args: &[&str]) -> Run {
        let output = Command::new(binary("cloudwright-sync"))
            .arg("admin")
            .arg("--data-dir")
            .arg(self.dir.path())
            .args(args)
            .env_remove("CLOUDWRIGHT_SYNC_DATA_DIR")
            .stdin(Stdio::null())
            .output()
            .expect("run cloudwright-sync admin");
        Run::from(output)
    }

    /// Creates a workspace and returns its id.
    pub fn create_workspace(&self, name: &str) -> String {
        self.admin(&["workspace", "create", name])
            .ok()
            .trim()
            .to_owned()
    }

    /// Adds `user` (password [`PASSWORD`]) to `workspace` with `role`.
    pub fn add_user(&self, user: &str, workspace: &str, role: &str) {
        self.admin(&[
            "user",
            "add",
            user,
            "--password",
            PASSWORD,
            "--workspace",
            workspace,
            "--role",
            role,
        ])
        .ok();
    }

    /// Issues an API token for `user`; returns (token id, token).
    pub fn issue_token(&self, user: &str, expires_in_secs: Option<u64>) -> (String, String) {
        let mut args = vec!["token".to_owned(), "issue".to_owned(), user.to_owned()];
        if let Some(secs) = expires_in_secs {
            args.extend(["--expires-in-secs".to_owned(), secs.to_string()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = self.admin(&args);
        // stderr: "token ID for USER (shown only this once):"
        let id = run
            .stderr
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .to_owned();
        let token = run.ok().trim().to_owned();
        assert!(!id.is_empty() && !token.is_empty(), "no token issued");
        (id, token)
    }

    pub fn revoke_token(&self, id: &str) {
        self.admin(&["token", "revoke", id]).ok();
    }

    /// Starts `cloudwright-sync serve` on this data directory and a free loopback port.
    pub fn serve(&self, extra: &[&str]) -> Server {
        self.serve_on("127.0.0.1:0", extra)
    }

    /// Starts the server on `listen`, e.g. the address of one that was killed, so that the
    /// clients logged in to it find it again.
    pub fn serve_on(&self, listen: &str, extra: &[&str]) -> Server {
        let mut child = Command::new(binary("cloudwright-sync"))
            .arg("serve")
            .arg("--data-dir")
            .arg(self.dir.path())
            .args(["--listen", listen])
            // `documents` reads the per-workspace gauges, which /metrics shows only when asked.
            .arg("--metrics-workspaces")
            .args(extra)
            .env_remove("CLOUDWRIGHT_SYNC_DATA_DIR")
            .env_remove("CLOUDWRIGHT_SYNC_CONFIG")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn cloudwright-sync serve");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("stderr");
        let writer = log.clone();
        // Drained on a thread of its own so a chatty server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = writer.lock().unwrap_or_else(|p| p.into_inner());
                log.push_str(&line);
                log.push('\n');
            }
        });
        let mut line = String::new();
        let _ = BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line);
        let Some(url) = line.trim().strip_prefix("listening on ") else {
            let _ = child.kill();
            let _ = child.wait();
            let log = log.lock().unwrap_or_else(|p| p.into_inner()).clone();
            panic!("the server did not start: stdout {line:?}, stderr:\n{log}");
        };
        Server {
            url: url.to_owned(),
            http: reqwest::blocking::Client::new(),
            child,
            log,
        }
    }
}

/// A running `cloudwright-sync serve`; dropping it kills the process.
pub struct Server {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    pub http: reqwest::blocking::Client,
    child: Child,
    log: Arc<Mutex<String>>,
}

impl Server {
    /// SIGKILL: no shutdown, no flush; what was acknowledged must be on disk already.
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL the server");
        self.child.wait().expect("reap the server");
    }

    /// `127.0.0.1:PORT`
    pub fn address(&self) -> &str {
        self.url.trim_start_matches("http://")
    }

    pub fn get(&self, path: &str) -> reqwest::blocking::RequestBuilder {
        self.http.get(format!("{}{path}", self.url))
    }

    pub fn post(&self, path: &str) -> reqwest::blocking::RequestBuilder {
        self.http.post(format!("{}{path}", self.url))
    }

    pub fn put(&self, path: &str) -> reqwest::blocking::RequestBuilder {
        self.http.put(format!("{}{path}", self.url))
    }

    /// Logs `user` in over HTTP and returns the session token.
    pub fn login_token(&self, user: &str) -> String {
        self.login_account(user).0
    }

    /// Logs `user` in over HTTP: (session token, account id).
    pub fn login_account(&self, user: &str) -> (String, String) {
        let response = self
            .post("/v1/login")
            .json(&serde_json::json!({"user": user, "password": PASSWORD}))
            .send()
            .expect("login answered");
        assert_eq!(response.status(), 200, "login of {user}");
        let body: serde_json::Value = response.json().expect("login JSON");
        (
            body["token"].as_str().expect("a token").to_owned(),
            body["user_id"].as_str().expect("a user_id").to_owned(),
        )
    }

    /// One sync exchange as `token`, announcing the device `client`: (status, body).
    pub fn sync_raw(&self, workspace: &str, token: &str, client: &str, body: Vec<u8>) -> Reply {
        Reply::read(
            self.post(&format!("/v1/workspaces/{workspace}/sync"))
                .bearer_auth(token)
                .header("x-cloudwright-client", client)
                .header("content-type", protocol::CONTENT_TYPE)
                .body(body)
                .send()
                .expect("sync answered"),
        )
    }

    /// A sync exchange that must succeed; returns the decoded answer.
    pub fn exchange(
        &self,
        workspace: &str,
        token: &str,
        request: &protocol::SyncRequest,
    ) -> protocol::SyncResponse {
        let reply = self.sync_raw(workspace, token, "harness", protocol::encode(request));
        assert_eq!(reply.status, 200, "sync refused: {}", reply.text());
        protocol::decode(&reply.body).expect("a sync answer")
    }

    /// The whole stored document `doc_id` of `workspace`, as a member sees it.
    pub fn document(&self, workspace: &str, token: &str, doc_id: &str) -> protocol::DocData {
        let mut answer = self.exchange(
            workspace,
            token,
            &protocol::SyncRequest {
                want: vec![protocol::DocWant {
                    doc_id: doc_id.to_owned(),
                    have: Vec::new(),
                }],
                ..protocol::SyncRequest::default()
            },
        );
        assert_eq!(answer.docs.len(), 1, "{doc_id} not sent");
        answer.docs.remove(0)
    }

    /// The `cloudwright_documents` gauge of `workspace` (absent until the server opened it).
    pub fn documents(&self, workspace: &str) -> Option<u64> {
        let text = self
            .get("/metrics")
            .send()
            .expect("metrics answered")
            .text()
            .expect("metrics text");
        let series = format!("cloudwright_documents{{workspace=\"{workspace}\"}}");
        text.lines().find_map(|line| {
            let (name, value) = line.rsplit_once(' ')?;
            (name == series).then(|| value.parse().ok())?
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        if std::thread::panicking() {
            let log = self.log.lock().unwrap_or_else(|p| p.into_inner());
            eprintln!("server {} logged:\n{log}", self.url);
        }
    }
}

/// A server's answer, read whole: status, body and content type.
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    /// The `Allow` header of a 405 answer.
    pub allow: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn read(response: reqwest::blocking::Response) -> Reply {
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let (content_type, allow) = (header("content-type"), header("allow"));
        let body = response.bytes().expect("the whole answer").to_vec();
        Reply {
            status,
            content_type,
            allow,
            body,
        }
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The error code of a `{"error":{"code","message"}}` answer; panics on any other body.
    pub fn error_code(&self) -> String {
        let body: serde_json::Value = serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "status {} with a body that is not JSON ({error}): {:?}",
                self.status,
                self.text()
            )
        });
        let code = body["error"]["code"].as_str();
        let message = body["error"]["message"].as_str();
        match (code, message) {
            (Some(code), Some(message)) if !code.is_empty() && !message.is_empty() => {
                code.to_owned()
            }
            _ => panic!("status {} without an error body: {body}", self.status),
        }
    }

    /// (status, error code), for comparing with the expected refusal in one assertion.
    pub fn refusal(&self) -> (u16, String) {
        (self.status, self.error_code())
    }
}

/// Polls `check` until it returns `Some`, giving up (and failing the test) after a minute:
/// the wait is for something sure to happen, never a timed condition of the test.
pub fn poll<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        if let Some(found) = check() {
            return found;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "gave up waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The push a device that registered asset `tag` offline would send: a whole new document,
/// made by core on a scratch store.
pub fn offline_push(tag: &str) -> protocol::DocPush {
    use cloudwright_core::assets::AssetInput;
    use cloudwright_core::store::Store;
    use cloudwright_core::sync::SyncBinding;
    use cloudwright_core::{AssetId, Author, Stamp};

    let dir = tempfile::tempdir().expect("scratch store dir");
    let store = Store::open(dir.path()).expect("scratch store");
    let meta = store
        .create_workspace("scratch", 0)
        .expect("scratch workspace");
    let workspace = store.workspace(&meta.id).expect("open scratch workspace");
    let input = AssetInput {
        asset_tag: Some(tag.to_owned()),
        asset_type: Some("server".to_owned()),
        status: Some("in_stock".to_owned()),
        ..AssetInput::default()
    };
    workspace
        .register_asset(
            AssetId(ulid::Ulid::new()),
            &input,
            &Stamp::new(Author::new("offline", "OF"), 0),
        )
        .expect("register");
    workspace
        .bind_sync(&SyncBinding {
            server: "http://127.0.0.1:9".to_owned(),
            remote_workspace: meta.id,
            user: "offline".to_owned(),
            client_id: "scratch".to_owned(),
            user_id: String::new(),
            display_name: String::new(),
            server_key: String::new(),
        })
        .expect("bind");
    let mut outgoing = workspace
        .sync_outgoing(10, 1 << 20, &Default::default())
        .expect("outgoing");
    assert_eq!(outgoing.pushes.len(), 1, "one document to push");
    outgoing.pushes.remove(0)
}

/// The text of a PDF, read back with `pdftotext -raw` (poppler-utils).
pub fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg("-raw")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (apt package poppler-utils) runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A private CUPS scheduler (`cupsd`) on a free loopback port, with its configuration, spool
/// and logs in a temp dir, and one printer queue. Jobs are kept in the spool after printing
/// (`PreserveJobFiles`), so a test reads back exactly what a printer was sent. Point `lp` and
/// `lpstat` at it with `CUPS_SERVER`; dropping it stops the scheduler.
pub struct Cups {
    pub dir: tempfile::TempDir,
    /// `127.0.0.1:PORT`, the value for `CUPS_SERVER`.
    pub server: String,
    child: Child,
}

impl Cups {
    /// Starts the scheduler and adds the queue `printer` (a raw queue on a file device).
    pub fn start(printer: &str) -> Cups {
        let dir = tempfile::tempdir().expect("cups dir");
        // Owned: `dir` moves into the `Cups` below while the queue's device path still names it.
        let root = dir.path().to_path_buf();
        for sub in ["spool", "cache", "state", "log", "tmp", "ppd", "out"] {
            std::fs::create_dir_all(root.join(sub)).expect("cups subdir");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("free port")
            .port();
        let path = |sub: &str| root.join(sub).display().to_string();
        std::fs::write(
            root.join("cups-files.conf"),
            format!(
                "FileDevice Yes\nServerRoot {}\nRequestRoot {}\nCacheDir {}\nStateDir {}\n\
                 TempDir {}\nAccessLog {}/access_log\nErrorLog {}/error_log\n\
                 PageLog {}/page_log\nUser lp\nGroup lp\n",
                root.display(),
                path("spool"),
                path("cache"),
                path("state"),
                path("tmp"),
                path("log"),
                path("log"),
                path("log"),
            ),
        )
        .expect("cups-files.conf");
        std::fs::write(
            root.join("cupsd.conf"),
            format!(
                "Listen 127.0.0.1:{port}\nLogLevel warn\nWebInterface No\nBrowsing No\n\
                 DefaultAuthType None\nPreserveJobFiles Yes\n\
                 <Location />\n  Order allow,deny\n  Allow all\n</Location>\n\
                 <Policy default>\n  <Limit All>\n    Order allow,deny\n    Allow all\n  \
                 </Limit>\n</Policy>\n"
            ),
        )
        .expect("cupsd.conf");
        // cupsd runs its jobs as `lp`, which must reach the temp dir.
        let _ = Command::new("chmod")
            .args(["-R", "a+rwX"])
            .arg(&root)
            .status();
        let child = Command::new("cupsd")
            .arg("-f")
            .arg("-c")
            .arg(root.join("cupsd.conf"))
            .arg("-s")
            .arg(root.join("cups-files.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cupsd (apt: cups-daemon, installed by scripts/setup.sh)");
        let cups = Cups {
            dir,
            server: format!("127.0.0.1:{port}"),
            child,
        };
        poll("cupsd to answer", || {
            let out = cups.command("lpstat").arg("-r").output().ok()?;
            String::from_utf8_lossy(&out.stdout)
                .contains("scheduler is running")
                .then_some(())
        });
        let added = cups
            .command("lpadmin")
            .args(["-p", printer, "-E", "-m", "raw", "-v"])
            .arg(format!(
                "file://{}/out/{printer}",
                cups.dir.path().display()
            ))
            .output()
            .expect("lpadmin (apt: cups-client)");
        assert!(added.status.success(), "lpadmin: {added:?}");
        cups
    }

    /// A CUPS client command aimed at this scheduler.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("CUPS_SERVER", &self.server);
        command
    }

    /// The documents of every job this scheduler took, in job order.
    pub fn printed(&self) -> Vec<Vec<u8>> {
        let spool = self.dir.path().join("spool");
        let mut names: Vec<String> = std::fs::read_dir(&spool)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .filter(|name| name.starts_with('d'))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
            .iter()
            .filter_map(|name| std::fs::read(spool.join(name)).ok())
            .collect()
    }
}

impl Drop for Cups {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A tmpfs of a few megabytes for disk-full tests, unmounted when dropped. Mounting needs
/// root (or CAP_SYS_ADMIN): where it fails, the test says so and stops.
pub struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    pub fn mount(megabytes: u32) -> Result<SmallDisk, String> {
        let dir = tempfile::tempdir().map_err(|error| error.to_string())?;
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(dir.path())
            .output()
            .map_err(|error| error.to_string())?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).into_owned());
        }
        Ok(SmallDisk { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file until the disk refuses more; returns its path.
    pub fn fill(&self) -> PathBuf {
        self.fill_with("filler")
    }

    /// [`SmallDisk::fill`] with a file of this name (a disk filled twice).
    pub fn fill_with(&self, name: &str) -> PathBuf {
        let path = self.path().join(name);
        let mut file = std::fs::File::create(&path).expect("filler");
        let chunk = vec![0u8; 4096];
        while file.write_all(&chunk).is_ok() {}
        while file.write_all(&[0u8]).is_ok() {}
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// The id a CLI said it added ("added ID …"), for commands that answer so (`doc add`).
pub fn added_id(said: &str) -> String {
    said.lines()
        .find_map(|line| line.strip_prefix("added "))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("{said}"))
        .to_owned()
}
