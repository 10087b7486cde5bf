//! The server's settings: a TOML file with the same keys as the `serve` flags, flags winning.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use serde::Deserialize;

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8787";
pub const DEFAULT_MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;
pub const DEFAULT_SESSION_DAYS: u32 = 30;
/// Connections open at once, over every client. Each costs a socket and at most a 64 KiB read
/// buffer while it waits; a team's devices hold one or two each.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;
/// Connections open at once from one client address (an IPv6 client: its /64). High enough
/// for a site office of fifty laptops behind one NAT address.
pub const DEFAULT_MAX_CONNECTIONS_PER_CLIENT: usize = 128;
/// Requests being handled at once, over every client. A device sends one at a time.
pub const DEFAULT_MAX_REQUESTS: usize = 256;
/// Requests being handled at once for one client address.
pub const DEFAULT_MAX_REQUESTS_PER_CLIENT: usize = 64;
/// A client that sends nothing of its request (head or body) for this long is disconnected;
/// an idle kept-alive connection too.
pub const DEFAULT_READ_TIMEOUT_SECS: u64 = 30;

/// The `serve` flags; every one may also come from the config file.
#[derive(clap::Args, Debug, Default)]
pub struct ServeArgs {
    /// TOML file with any of: listen, data_dir, tls_cert, tls_key, max_body_bytes, session_days,
    /// max_connections, max_connections_per_client, max_requests, max_requests_per_client,
    /// read_timeout_secs, metrics_workspaces
    #[arg(long, env = "CLOUDWRIGHT_SYNC_CONFIG")]
    pub config: Option<PathBuf>,
    /// Address and port to listen on (port 0 picks a free port) [default: 127.0.0.1:8787]
    #[arg(long)]
    pub listen: Option<SocketAddr>,
    /// Data directory of the server's store
    #[arg(long, env = "CLOUDWRIGHT_SYNC_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// PEM certificate chain; with --tls-key, the server speaks HTTPS
    #[arg(long, requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key for --tls-cert
    #[arg(long, requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Largest request body accepted, in bytes [default: 64 MiB]
    #[arg(long)]
    pub max_body_bytes: Option<u64>,
    /// How long a login stays valid, in days [default: 30]
    #[arg(long)]
    pub session_days: Option<u32>,
    /// Connections open at once; more get 503 with Retry-After [default: 1024]
    #[arg(long)]
    pub max_connections: Option<usize>,
    /// Connections open at once from one client address (IPv6: one /64) [default: 128]
    #[arg(long)]
    pub max_connections_per_client: Option<usize>,
    /// Requests handled at once; more get 503 with Retry-After [default: 256]
    #[arg(long)]
    pub max_requests: Option<usize>,
    /// Requests handled at once for one client address [default: 64]
    #[arg(long)]
    pub max_requests_per_client: Option<usize>,
    /// Seconds a client may send nothing of its request head or body (or stay idle between
    /// requests) before its connection is closed [default: 30]
    #[arg(long)]
    pub read_timeout_secs: Option<u64>,
    /// List documents and bytes per workspace id on /metrics (off: totals only, since /metrics
    /// needs no login)
    #[arg(long)]
    pub metrics_workspaces: bool,
}

/// The config file, every key optional.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<SocketAddr>,
    data_dir: Option<PathBuf>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    max_body_bytes: Option<u64>,
    session_days: Option<u32>,
    max_connections: Option<usize>,
    max_connections_per_client: Option<usize>,
    max_requests: Option<usize>,
    max_requests_per_client: Option<usize>,
    read_timeout_secs: Option<u64>,
    metrics_workspaces: Option<bool>,
}

#[derive(Clone, Debug)]
pub struct Tls {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Settings after merging file and flags, checked.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub tls: Option<Tls>,
    pub max_body_bytes: u64,
    pub session_days: u32,
    pub limits: Limits,
    /// `/metrics` lists workspace ids (an operator's choice; off by default).
    pub metrics_workspaces: bool,
}

/// How much of the server one client, and all of them, may hold at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_connections: usize,
    pub max_connections_per_client: usize,
    pub max_requests: usize,
    pub max_requests_per_client: usize,
    pub read_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: DEFAULT_MAX_CONNECTIONS,
            max_connections_per_client: DEFAULT_MAX_CONNECTIONS_PER_CLIENT,
            max_requests: DEFAULT_MAX_REQUESTS,
            max_requests_per_client: DEFAULT_MAX_REQUESTS_PER_CLIENT,
            read_timeout: Duration::from_secs(DEFAULT_READ_TIMEOUT_SECS),
        }
    }
}

impl ServerConfig {
    pub fn resolve(args: ServeArgs) -> anyhow::Result<ServerConfig> {
        let file = match &args.config {
            Some(path) => read_file(path)?,
            None => FileConfig::default(),
        };
        // Relative paths in the file are relative to the file, not to the working directory.
        let base = args
            .config
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let from_file = |path: Option<PathBuf>| path.map(|path| base.join(path));

        let listen = match args.listen.or(file.listen) {
            Some(listen) => listen,
            None => DEFAULT_LISTEN
                .parse()
                .context("the default listen address")?,
        };
        let data_dir = args
            .data_dir
            .or_else(|| from_file(file.data_dir))
            .context("no data directory: pass --data-dir or set data_dir in the config file")?;
        let tls_cert = args.tls_cert.or_else(|| from_file(file.tls_cert));
        let tls_key = args.tls_key.or_else(|| from_file(file.tls_key));
        let tls = match (tls_cert, tls_key) {
            (Some(cert), Some(key)) => Some(Tls { cert, key }),
            (None, None) => None,
            _ => anyhow::bail!("TLS needs both a certificate (tls_cert) and a key (tls_key)"),
        };
        let max_body_bytes = args
            .max_body_bytes
            .or(file.max_body_bytes)
            .unwrap_or(DEFAULT_MAX_BODY_BYTES);
        if max_body_bytes == 0 {
            anyhow::bail!("max_body_bytes must be at least 1");
        }
        let session_days = args
            .session_days
            .or(file.session_days)
            .unwrap_or(DEFAULT_SESSION_DAYS);
        if !(1..=3650).contains(&session_days) {
            anyhow::bail!("session_days must be between 1 and 3650");
        }
        let at_least_one = |name: &str, flag: Option<usize>, file: Option<usize>, default| {
            let value = flag.or(file).unwrap_or(default);
            match value {
                0 => anyhow::bail!("{name} must be at least 1"),
                value => Ok(value),
            }
        };
        let limits = Limits {
            max_connections: at_least_one(
                "max_connections",
                args.max_connections,
                file.max_connections,
                DEFAULT_MAX_CONNECTIONS,
            )?,
            max_connections_per_client: at_least_one(
                "max_connections_per_client",
                args.max_connections_per_client,
                file.max_connections_per_client,
                DEFAULT_MAX_CONNECTIONS_PER_CLIENT,
            )?,
            max_requests: at_least_one(
                "max_requests",
                args.max_requests,
                file.max_requests,
                DEFAULT_MAX_REQUESTS,
            )?,
            max_requests_per_client: at_least_one(
                "max_requests_per_client",
                args.max_requests_per_client,
                file.max_requests_per_client,
                DEFAULT_MAX_REQUESTS_PER_CLIENT,
            )?,
            read_timeout: {
                let seconds = args
                    .read_timeout_secs
                    .or(file.read_timeout_secs)
                    .unwrap_or(DEFAULT_READ_TIMEOUT_SECS);
                if !(1..=3600).contains(&seconds) {
                    anyhow::bail!("read_timeout_secs must be between 1 and 3600");
                }
                Duration::from_secs(seconds)
            },
        };
        Ok(ServerConfig {
            listen,
            data_dir,
            tls,
            max_body_bytes,
            session_days,
            limits,
            metrics_workspaces: args.metrics_workspaces || file.metrics_workspaces.unwrap_or(false),
        })
    }

    pub fn session_ms(&self) -> i64 {
        i64::from(self.session_days) * 24 * 60 * 60 * 1000
    }
}

fn read_file(path: &Path) -> anyhow::Result<FileConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read the config file {}", path.display()))?;
    toml::from_str(&text)
        .with_context(|| format!("the config file {} is not valid", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_override_the_file_and_relative_paths_follow_the_file() -> anyhow::Result<()> {
        let temp = tempfile::tempdir()?;
        let dir = temp.path();
        let file = dir.join("sync.toml");
        std::fs::write(
            &file,
            "listen = \"127.0.0.1:9000\"\ndata_dir = \"data\"\nmax_body_bytes = 1024\n",
        )?;
        let config = ServerConfig::resolve(ServeArgs {
            config: Some(file.clone()),
            listen: Some("127.0.0.1:0".parse()?),
            ..ServeArgs::default()
        })?;
        assert_eq!(config.listen.port(), 0);
        assert_eq!(config.data_dir, dir.join("data"));
        assert_eq!(config.max_body_bytes, 1024);
        assert_eq!(config.session_days, DEFAULT_SESSION_DAYS);
        assert!(config.tls.is_none());
        assert_eq!(config.limits, Limits::default());
        assert!(!config.metrics_workspaces);

        std::fs::write(
            &file,
            "data_dir = \"data\"\nmax_connections = 10\nmax_requests_per_client = 2\nread_timeout_secs = 1\nmetrics_workspaces = true\n",
        )?;
        let config = ServerConfig::resolve(ServeArgs {
            config: Some(file.clone()),
            max_requests_per_client: Some(3),
            ..ServeArgs::default()
        })?;
        assert_eq!(
            config.limits,
            Limits {
                max_connections: 10,
                max_requests_per_client: 3,
                read_timeout: Duration::from_secs(1),
                ..Limits::default()
            }
        );
        assert!(config.metrics_workspaces);
        for bad in ["max_requests = 0", "read_timeout_secs = 0"] {
            std::fs::write(&file, format!("data_dir = \"data\"\n{bad}\n"))?;
            let error = ServerConfig::resolve(ServeArgs {
                config: Some(file.clone()),
                ..ServeArgs::default()
            })
            .err()
            .map(|error| error.to_string());
            assert!(
                error.is_some_and(|text| text.contains(bad.split(' ').next().unwrap_or_default()))
            );
        }
        Ok(())
    }

    #[test]
    fn unknown_keys_and_half_tls_are_refused() -> anyhow::Result<()> {
        let temp = tempfile::tempdir()?;
        let dir = temp.path();
        let file = dir.join("sync.toml");
        std::fs::write(&file, "data_dir = \"d\"\nlisten_on = \"x\"\n")?;
        let error = ServerConfig::resolve(ServeArgs {
            config: Some(file.clone()),
            ..ServeArgs::default()
        })
        .err()
        .map(|error| format!("{error:#}"));
        assert!(error.is_some_and(|text| text.contains("listen_on")));

        std::fs::write(&file, "data_dir = \"d\"\ntls_cert = \"c.pem\"\n")?;
        let error = ServerConfig::resolve(ServeArgs {
            config: Some(file),
            ..ServeArgs::default()
        })
        .err()
        .map(|error| error.to_string());
        assert!(error.is_some_and(|text| text.contains("both")));
        Ok(())
    }
}
