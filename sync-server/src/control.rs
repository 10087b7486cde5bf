//! The control socket: how `cloudwright-sync admin backup` asks the running server for a
//! backup. sled lets one process open a store, so while the server runs an admin command
//! cannot read its data directory; the server does the work and reports on this socket.
//!
//! `serve` listens on `DATA_DIR/control.sock`, a Unix socket of mode 0600, and answers only a
//! peer running as the server's own OS user (or root), checked again on every connection
//! from the kernel's peer credentials. Messages are JSON lines, each with the protocol
//! version: the admin sends one request, `{"version":1,"command":"backup","dir":"/abs"}`,
//! and reads answers until the last, `{"version":1,"answer":"progress","progress":{…}}`, then
//! `{"version":1,"answer":"done","summary":{…}}` or `{"version":1,"answer":"failed",
//! "message":"…"}`. The admin sends nothing more; when its end of the socket closes (it was
//! stopped, or killed), the server stops the backup and removes what it wrote.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::backup::{BackupSummary, Progress};

pub const SOCKET_FILE: &str = "control.sock";
/// The control protocol's version: 1, the messages below.
pub const CONTROL_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub version: u32,
    #[serde(flatten)]
    pub command: Command,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// Back the server up into `dir` (absolute; new, or an empty folder).
    Backup { dir: PathBuf },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub version: u32,
    #[serde(flatten)]
    pub body: AnswerBody,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum AnswerBody {
    Progress { progress: Progress },
    Done { summary: BackupSummary },
    Failed { message: String },
}

impl Answer {
    fn new(body: AnswerBody) -> Answer {
        Answer {
            version: CONTROL_VERSION,
            body,
        }
    }

    fn line(&self) -> Vec<u8> {
        let mut line = serde_json::to_vec(self).unwrap_or_default();
        line.push(b'\n');
        line
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    #[error("the running server's control socket {} refused this user: run the command as the server's OS user", .0.display())]
    NotAllowed(PathBuf),
    #[error("the running server's control socket {path} did not answer as expected: {reason}")]
    Protocol { path: PathBuf, reason: String },
    #[error("the running server could not take the backup: {0}")]
    Failed(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join(SOCKET_FILE)
}

#[cfg(unix)]
pub use unix::{bind, request_backup, server_answers};

#[cfg(unix)]
mod unix {
    use std::io::{BufRead as _, BufReader, Write as _};
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _};
    use tokio::net::unix::{OwnedReadHalf, OwnedWriteHalf};
    use tokio::net::{UnixListener, UnixStream};

    use super::{socket_path, Answer, AnswerBody, Command, ControlError, Request, CONTROL_VERSION};
    use crate::backup::{take_backup, BackupError, BackupSummary, Progress, Source};
    use crate::session::now_ms;
    use crate::state::AppState;

    /// A request must arrive within this time, in at most this many bytes.
    const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
    const MAX_REQUEST_BYTES: u64 = 64 * 1024;

    /// The listening socket, and whom it answers.
    pub struct ControlSocket {
        listener: UnixListener,
        pub path: PathBuf,
        owner_uid: u32,
    }

    /// Listens on `DATA_DIR/control.sock` (a socket left by a server that was killed is
    /// replaced: the caller holds the store, so no other server runs on this directory).
    pub fn bind(data_dir: &Path) -> std::io::Result<ControlSocket> {
        let path = socket_path(data_dir);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(error),
        }
        let listener = UnixListener::bind(&path)?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
        // The socket is this process's: its owner is the user the server runs as.
        let owner_uid = std::fs::metadata(&path)?.uid();
        Ok(ControlSocket {
            listener,
            path,
            owner_uid,
        })
    }

    impl ControlSocket {
        /// Answers connections until the task is dropped. `stopping` is set when the server
        /// shuts down; a backup under way then stops.
        pub async fn serve(self, state: Arc<AppState>, stopping: Arc<AtomicBool>) {
            loop {
                match self.listener.accept().await {
                    Ok((stream, _)) => {
                        tokio::spawn(connection(
                            stream,
                            state.clone(),
                            self.owner_uid,
                            stopping.clone(),
                        ));
                    }
                    Err(error) => {
                        tracing::warn!("control socket accept failed: {error}");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            }
        }
    }

    async fn send(write: &mut OwnedWriteHalf, body: AnswerBody) -> std::io::Result<()> {
        write.write_all(&Answer::new(body).line()).await?;
        write.flush().await
    }

    fn failed(message: impl Into<String>) -> AnswerBody {
        AnswerBody::Failed {
            message: message.into(),
        }
    }

    async fn connection(
        stream: UnixStream,
        state: Arc<AppState>,
        owner_uid: u32,
        stopping: Arc<AtomicBool>,
    ) {
        let allowed = stream
            .peer_cred()
            .is_ok_and(|cred| cred.uid() == owner_uid || cred.uid() == 0);
        let (read, mut write) = stream.into_split();
        if !allowed {
            tracing::warn!("control socket: a connection from another OS user was refused");
            let _ = send(
                &mut write,
                failed("only the server's own OS user may use this socket"),
            )
            .await;
            return;
        }
        let mut reader = tokio::io::BufReader::new(read);
        let request = match read_request(&mut reader).await {
            Ok(request) => request,
            Err(message) => {
                tracing::debug!("control socket: {message}");
                let _ = send(&mut write, failed(message)).await;
                return;
            }
        };
        match request.command {
            Command::Backup { dir } => backup(state, dir, reader, write, stopping).await,
        }
    }

    async fn read_request(
        reader: &mut tokio::io::BufReader<OwnedReadHalf>,
    ) -> Result<Request, String> {
        let mut line = String::new();
        let mut limited = reader.take(MAX_REQUEST_BYTES);
        match tokio::time::timeout(REQUEST_TIMEOUT, limited.read_line(&mut line)).await {
            Err(_) => return Err(format!("no request within {REQUEST_TIMEOUT:?}")),
            Ok(Err(error)) => return Err(format!("the request could not be read: {error}")),
            Ok(Ok(0)) => return Err("the connection closed without a request".into()),
            Ok(Ok(_)) => {}
        }
        if !line.ends_with('\n') {
            return Err(format!(
                "a request is one JSON line of at most {MAX_REQUEST_BYTES} bytes"
            ));
        }
        #[derive(serde::Deserialize)]
        struct Head {
            version: Option<u32>,
        }
        let head: Head = serde_json::from_str(&line)
            .map_err(|error| format!("the request is not JSON: {error}"))?;
        if head.version != Some(CONTROL_VERSION) {
            return Err(format!(
                "control protocol version {} is not supported (this server speaks {CONTROL_VERSION})",
                head.version.map_or("(none)".into(), |v| v.to_string())
            ));
        }
        serde_json::from_str(&line)
            .map_err(|error| format!("the request is not understood: {error}"))
    }

    /// Marks a backup as running for as long as it lives (also when the backup panics).
    struct Running(Arc<AppState>);

    impl Drop for Running {
        fn drop(&mut self) {
            self.0.backup_running.store(false, Ordering::Release);
        }
    }

    async fn backup(
        state: Arc<AppState>,
        dir: PathBuf,
        mut reader: tokio::io::BufReader<OwnedReadHalf>,
        mut write: OwnedWriteHalf,
        stopping: Arc<AtomicBool>,
    ) {
        if !dir.is_absolute() {
            let _ = send(
                &mut write,
                failed("the backup folder must be an absolute path"),
            )
            .await;
            return;
        }
        if state.backup_running.swap(true, Ordering::AcqRel) {
            let _ = send(&mut write, failed(BackupError::AlreadyRunning.to_string())).await;
            return;
        }
        let running = Running(state.clone());
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, mut progress) = tokio::sync::mpsc::unbounded_channel::<Progress>();
        tracing::info!(dir = %dir.display(), "backup started (asked on the control socket)");
        let mut job = {
            let (cancel, dir) = (cancel.clone(), dir.clone());
            tokio::task::spawn_blocking(move || -> Result<BackupSummary, BackupError> {
                let state = running.0.clone();
                let _running = running;
                let hub = |id: &cloudwright_core::WorkspaceId| state.hub(id);
                let source = Source {
                    store: &state.store,
                    auth: &state.auth,
                    server_key: &state.server_key,
                    hub: &hub,
                };
                take_backup(
                    &source,
                    &dir,
                    now_ms(),
                    &mut |step| {
                        let _ = sender.send(step);
                    },
                    &|| cancel.load(Ordering::Acquire) || stopping.load(Ordering::Acquire),
                )
            })
        };
        let mut connected = true;
        let mut scratch = [0u8; 256];
        let result = loop {
            tokio::select! {
                result = &mut job => break result,
                Some(step) = progress.recv() => {
                    let answer = AnswerBody::Progress { progress: step };
                    if connected && send(&mut write, answer).await.is_err() {
                        connected = false;
                        cancel.store(true, Ordering::Release);
                    }
                }
                // The admin sends nothing after its request: an end means it went away.
                read = reader.read(&mut scratch), if connected => {
                    if matches!(read, Ok(0) | Err(_)) {
                        connected = false;
                        cancel.store(true, Ordering::Release);
                    }
                }
            }
        };
        let body = match result {
            Ok(Ok(summary)) => {
                tracing::info!(dir = %dir.display(), documents = summary.documents, "backup finished");
                AnswerBody::Done { summary }
            }
            Ok(Err(error)) => {
                tracing::warn!(dir = %dir.display(), "backup failed: {error}");
                failed(error.to_string())
            }
            Err(error) => {
                tracing::error!(dir = %dir.display(), "backup failed: {error}");
                failed("the backup failed; the details are in the server's log")
            }
        };
        if connected {
            let _ = send(&mut write, body).await;
        }
    }

    /// Whether a server answers on the data directory's control socket.
    pub fn server_answers(data_dir: &Path) -> bool {
        std::os::unix::net::UnixStream::connect(socket_path(data_dir)).is_ok()
    }

    /// Asks the server running on `data_dir` for a backup into `target`, handing each
    /// progress step to `progress`. `Ok(None)` when no server answers there.
    pub fn request_backup(
        data_dir: &Path,
        target: &Path,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<Option<BackupSummary>, ControlError> {
        let path = socket_path(data_dir);
        let io = |source| ControlError::Io {
            path: path.clone(),
            source,
        };
        let stream = match std::os::unix::net::UnixStream::connect(&path) {
            Ok(stream) => stream,
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused
                ) =>
            {
                return Ok(None)
            }
            Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(ControlError::NotAllowed(path))
            }
            Err(error) => return Err(io(error)),
        };
        let request = Request {
            version: CONTROL_VERSION,
            command: Command::Backup {
                dir: target.to_owned(),
            },
        };
        let mut line = serde_json::to_vec(&request).unwrap_or_default();
        line.push(b'\n');
        (&stream).write_all(&line).map_err(io)?;
        let protocol = |reason: String| ControlError::Protocol {
            path: path.clone(),
            reason,
        };
        for line in BufReader::new(&stream).lines() {
            let line = line.map_err(io)?;
            let answer: Answer = serde_json::from_str(&line)
                .map_err(|error| protocol(format!("an answer is not understood ({error})")))?;
            if answer.version != CONTROL_VERSION {
                return Err(protocol(format!(
                    "it speaks control protocol version {} (this command speaks {CONTROL_VERSION})",
                    answer.version
                )));
            }
            match answer.body {
                AnswerBody::Progress { progress: step } => progress(&step),
                AnswerBody::Done { summary } => return Ok(Some(summary)),
                AnswerBody::Failed { message } => return Err(ControlError::Failed(message)),
            }
        }
        Err(protocol(
            "the server closed the connection before the backup finished (did it stop?)".into(),
        ))
    }
}

#[cfg(not(unix))]
pub fn server_answers(_data_dir: &Path) -> bool {
    false
}

/// Without Unix sockets there is no control socket: a backup needs the server stopped.
#[cfg(not(unix))]
pub fn request_backup(
    _data_dir: &Path,
    _target: &Path,
    _progress: &mut dyn FnMut(&Progress),
) -> Result<Option<BackupSummary>, ControlError> {
    Ok(None)
}
