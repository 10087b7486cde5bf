//! The listener: accept TCP (and TLS) connections, serve HTTP/1.1 with keep-alive on each,
//! and on SIGTERM or Ctrl-C stop accepting and let the requests in flight finish.

use std::convert::Infallible;
use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use http_body_util::Full;
use hyper::body::{Body as _, Bytes, Incoming};
use hyper::rt::{Read, Write};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

use crate::config::ServerConfig;
use crate::error::ApiError;
use crate::routes::{self, Route};
use crate::state::AppState;

/// A client must send its request head within this time.
const HEADER_TIMEOUT: Duration = Duration::from_secs(30);
const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a shutdown waits for requests in flight before giving up on them.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(60);

/// Serves until a shutdown signal, then drains. Prints `listening on URL` to stdout once the
/// socket is bound (tests read the port from it).
pub async fn serve(state: Arc<AppState>, config: &ServerConfig) -> anyhow::Result<()> {
    let tls = config.tls.as_ref().map(crate::tls::acceptor).transpose()?;
    let mut signals = crate::signals::Signals::install()?;
    let listener = TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("could not listen on {}", config.listen))?;
    let address = listener.local_addr()?;
    // Before the address is announced, so that `admin backup` finds it from then on.
    let stopping = Arc::new(AtomicBool::new(false));
    let control = start_control_socket(&state, &config.data_dir, &stopping);
    let scheme = if tls.is_some() { "https" } else { "http" };
    {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "listening on {scheme}://{address}")?;
        stdout.flush()?;
    }
    tracing::info!(%address, tls = tls.is_some(), data_dir = %config.data_dir.display(), "serving");

    let graceful = GracefulShutdown::new();
    let signal = loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let connection = Connection { state: state.clone(), watcher: graceful.watcher() };
                    tokio::spawn(connection.accept(stream, peer, tls.clone()));
                }
                // Out of file descriptors and the like: wait a moment instead of spinning.
                Err(error) => {
                    tracing::warn!("accept failed: {error}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            signal = signals.next() => break signal,
        }
    };
    drop(listener);
    // A backup under way stops and removes what it wrote; the socket goes.
    stopping.store(true, Ordering::Release);
    if let Some((task, path)) = control {
        task.abort();
        let _ = std::fs::remove_file(path);
    }
    tracing::info!("{signal}: stopped accepting connections; finishing the requests in flight");
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight after {DRAIN_TIMEOUT:?}; closing them");
    }
    Ok(())
}

/// Listens on the data directory's control socket (see `control.rs`). A server that cannot
/// make one still serves; only a backup then needs it stopped.
#[cfg(unix)]
fn start_control_socket(
    state: &Arc<AppState>,
    data_dir: &std::path::Path,
    stopping: &Arc<AtomicBool>,
) -> Option<(tokio::task::JoinHandle<()>, std::path::PathBuf)> {
    match crate::control::bind(data_dir) {
        Ok(socket) => {
            let path = socket.path.clone();
            let task = tokio::spawn(socket.serve(state.clone(), stopping.clone()));
            Some((task, path))
        }
        Err(error) => {
            tracing::warn!(
                "no control socket in {} ({error}): `admin backup` needs the server stopped",
                data_dir.display()
            );
            None
        }
    }
}

#[cfg(not(unix))]
fn start_control_socket(
    _state: &Arc<AppState>,
    _data_dir: &std::path::Path,
    _stopping: &Arc<AtomicBool>,
) -> Option<(tokio::task::JoinHandle<()>, std::path::PathBuf)> {
    None
}

struct Connection {
    state: Arc<AppState>,
    watcher: Watcher,
}

impl Connection {
    /// Serves one accepted TCP connection, after a TLS handshake when TLS is on.
    async fn accept(self, stream: TcpStream, peer: SocketAddr, tls: Option<TlsAcceptor>) {
        let _ = stream.set_nodelay(true);
        let Some(acceptor) = tls else {
            return self.serve(TokioIo::new(stream)).await;
        };
        match tokio::time::timeout(TLS_HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
            Ok(Ok(stream)) => self.serve(TokioIo::new(stream)).await,
            Ok(Err(error)) => tracing::debug!(%peer, "TLS handshake failed: {error}"),
            Err(_) => tracing::debug!(%peer, "TLS handshake timed out"),
        }
    }

    async fn serve<I>(self, io: I)
    where
        I: Read + Write + Unpin + Send + 'static,
    {
        let state = self.state;
        let service = service_fn(move |request| {
            let state = state.clone();
            async move { Ok::<_, Infallible>(respond(state, request).await) }
        });
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .serve_connection(io, service);
        if let Err(error) = self.watcher.watch(connection).await {
            tracing::debug!("connection ended: {error}");
        }
    }
}

/// Answers one request: routes it, turns errors into JSON answers, counts it.
async fn respond(state: Arc<AppState>, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let started = Instant::now();
    let _in_flight = state.metrics.start_request();
    let route = Route::of(request.uri().path());
    let method = request.method().clone();
    // The handler runs as its own task so that a panic in it becomes a 500 answer.
    let answer = match tokio::spawn(routes::handle(state.clone(), route, request)).await {
        Ok(answer) => answer,
        Err(error) => Err(ApiError::internal("a request handler failed", &error)),
    };
    let (response, error_code) = match answer {
        Ok(response) => (response, None),
        Err(error) => {
            let code = error.code;
            (error.into_response(), Some(code))
        }
    };
    let response = routes::with_allow(route, response);
    let status = response.status();
    let bytes = response.body().size_hint().exact().unwrap_or(0);
    let elapsed = started.elapsed();
    state
        .metrics
        .finish_request(route.label(), status.as_u16(), elapsed, bytes, error_code);
    tracing::debug!(%method, route = route.label(), status = status.as_u16(), ?elapsed, "answered");
    response
}
