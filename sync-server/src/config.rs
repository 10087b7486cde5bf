//! The server's settings: a TOML file with the same keys as the `serve` flags, flags winning.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::Deserialize;

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8787";
pub const DEFAULT_MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;
pub const DEFAULT_SESSION_DAYS: u32 = 30;

/// The `serve` flags; every one may also come from the config file.
#[derive(clap::Args, Debug, Default)]
pub struct ServeArgs {
    /// TOML file with any of: listen, data_dir, tls_cert, tls_key, max_body_bytes, session_days
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
        Ok(ServerConfig {
            listen,
            data_dir,
            tls,
            max_body_bytes,
            session_days,
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
            config: Some(file),
            listen: Some("127.0.0.1:0".parse()?),
            ..ServeArgs::default()
        })?;
        assert_eq!(config.listen.port(), 0);
        assert_eq!(config.data_dir, dir.join("data"));
        assert_eq!(config.max_body_bytes, 1024);
        assert_eq!(config.session_days, DEFAULT_SESSION_DAYS);
        assert!(config.tls.is_none());
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
