//! `cloudwright-sync`: the Cloudwright team sync server.
//!
//! `serve` answers the sync API over HTTP/1.1 (hyper), or HTTPS with rustls when a certificate
//! is configured; `admin` manages workspaces, users and API tokens in the data directory while
//! the server is stopped, backs the server up while it runs (asking it on its control socket,
//! `control.rs`) and restores a backup (`backup/`). See `routes.rs` for the API and `auth.rs`
//! for what is stored.
//!
//! ```text
//! cloudwright-sync admin --data-dir /srv/cw workspace create "평택 1센터"
//! cloudwright-sync admin --data-dir /srv/cw user add kim --password - --workspace "평택 1센터" --role editor
//! cloudwright-sync serve --data-dir /srv/cw --listen 0.0.0.0:8787 --tls-cert cert.pem --tls-key key.pem
//! cloudwright-sync admin --data-dir /srv/cw backup /backups/cw-2026-12-08
//! cloudwright-sync admin --data-dir /srv/cw-new restore /backups/cw-2026-12-08
//! ```

mod admin;
mod auth;
mod backup;
mod config;
mod control;
mod error;
mod health;
mod http;
mod limits;
mod members;
mod metrics;
mod request;
mod routes;
mod secrets;
mod server_key;
mod session;
mod signals;
mod state;
mod tls;

use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use cloudwright_core::store::{LogCompression, Store, StoreError};

use config::{ServeArgs, ServerConfig};

#[derive(Parser)]
#[command(
    name = "cloudwright-sync",
    version,
    about = "Cloudwright team sync server"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the sync API until SIGTERM or Ctrl-C
    Serve(ServeArgs),
    /// Manage workspaces, users and tokens (while the server is stopped); back up and restore
    Admin(admin::AdminArgs),
}

/// The server's store. Its log is not compressed (see [`LogCompression::Off`]); a data
/// directory created by an earlier version keeps the compression it has.
pub(crate) fn open_data_dir(data_dir: &std::path::Path) -> Result<Store, StoreError> {
    Store::open_with(data_dir, LogCompression::Off)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version are not errors; every other parse error exits 1, like the rest.
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Serve(args) => serve(args),
        Command::Admin(args) => admin::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(1)
        }
    }
}

fn serve(args: ServeArgs) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,automerge=warn")),
        )
        .init();
    let config = ServerConfig::resolve(args)?;
    backup::refuse_unfinished_restore(&config.data_dir)?;
    let store = open_data_dir(&config.data_dir)?;
    store.set_aside(health::SET_ASIDE_PIECES, health::SET_ASIDE_PIECE_BYTES);
    let auth = auth::Auth::open(&store)?;
    let server_key = server_key::load_or_create(&config.data_dir)?;
    let state = Arc::new(state::AppState::new(
        store,
        auth.clone(),
        server_key,
        &config,
    ));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(http::serve(state, &config))?;
    // Every write was flushed before it was acknowledged; this flush is for peace of mind.
    auth.flush()?;
    tracing::info!("shut down cleanly");
    Ok(())
}
