//! The listener: accept TCP (and TLS) connections, serve HTTP/1.1 with keep-alive on each,
//! and on SIGTERM or Ctrl-C stop accepting and let the requests in flight finish.
//!
//! Bounded under abuse: connections and requests in flight are capped in all and per client
//! address (`limits.rs`; over a cap, 503 with `Retry-After`), a client that sends nothing of
//! its request head for the read timeout is disconnected (hyper's header read timeout, which
//! also closes idle kept-alive connections; a stalled body is `request.rs`'s), and what one
//! connection can make the server buffer is small (request heads up to 16 KiB, hyper's read
//! buffer up to 64 KiB).

use std::convert::Infallible;
use std::io::Write as _;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use http_body_util::Full;
use hyper::body::{Body as _, Bytes, Incoming};
use hyper::header::{HeaderValue, CONNECTION, RETRY_AFTER};
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
use crate::limits::{Over, Permit, RETRY_AFTER_SECONDS};
use crate::routes::{self, Route};
use crate::state::AppState;

/// A request head may be at most this large (431 beyond); our clients send a few hundred bytes.
const MAX_HEADER_BYTES: usize = 16 * 1024;
/// hyper's read buffer per connection at most (its default is ~400 KiB): what a stalled body
/// or head can make the server hold for one connection.
const READ_BUFFER_BYTES: usize = 64 * 1024;
/// A connection answered 503 for coming over a cap has this long to send its request head.
const REFUSING_HEADER_TIMEOUT: Duration = Duration::from_secs(5);
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
                    let (refusing, permit) = match state.limits.connections.try_acquire(peer.ip()) {
                        Ok(permit) => (None, permit),
                        Err(over) => {
                            state.metrics.connection_over_cap();
                            // Answered 503 while few are; beyond that, closed unanswered.
                            match state.limits.refusing.try_acquire(peer.ip()) {
                                Ok(permit) => (Some(over), permit),
                                Err(_) => continue,
                            }
                        }
                    };
                    let connection = Connection {
                        state: state.clone(),
                        watcher: graceful.watcher(),
                        peer,
                        refusing,
                    };
                    tokio::spawn(connection.accept(Counted { permit: Some(permit), stream }, tls.clone()));
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
    peer: SocketAddr,
    /// Over which cap the connection came: it is answered 503 and closed.
    refusing: Option<Over>,
}

/// A connection's socket holding its place under the connection caps. The place is given back
/// before the socket is shut down or closed (fields drop in order), so a client that saw its
/// connection end can count on the place being free.
struct Counted {
    permit: Option<Permit>,
    stream: TcpStream,
}

impl tokio::io::AsyncRead for Counted {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl tokio::io::AsyncWrite for Counted {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        this.permit = None;
        Pin::new(&mut this.stream).poll_shutdown(cx)
    }
}

impl Connection {
    /// Serves one accepted TCP connection, after a TLS handshake when TLS is on.
    async fn accept(self, stream: Counted, tls: Option<TlsAcceptor>) {
        let peer = self.peer;
        let _ = stream.stream.set_nodelay(true);
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
        let Connection {
            state,
            watcher,
            peer,
            refusing,
        } = self;
        let read_timeout = state.limits.config.read_timeout;
        let service = service_fn(move |request| {
            let state = state.clone();
            async move {
                Ok::<_, Infallible>(match refusing {
                    None => respond(state, peer, request).await,
                    Some(over) => refuse(&state, over, &request),
                })
            }
        });
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .max_header_size(MAX_HEADER_BYTES)
            .max_buf_size(READ_BUFFER_BYTES);
        match refusing {
            None => builder.header_read_timeout(read_timeout),
            Some(_) => builder
                .header_read_timeout(read_timeout.min(REFUSING_HEADER_TIMEOUT))
                .keep_alive(false),
        };
        let connection = builder.serve_connection(io, service);
        if let Err(error) = watcher.watch(connection).await {
            tracing::debug!(%peer, "connection ended: {error}");
        }
    }
}

/// Answers one request: within the request caps, routes it, turns errors into JSON answers,
/// counts it.
async fn respond(
    state: Arc<AppState>,
    peer: SocketAddr,
    request: Request<Incoming>,
) -> Response<Full<Bytes>> {
    let started = Instant::now();
    let _in_flight = state.metrics.start_request();
    let route = Route::of(request.uri().path());
    let method = request.method().clone();
    let login = route == Route::Login;
    let limiter = match login {
        true => &state.limits.logins,
        false => &state.limits.requests,
    };
    let handled = match limiter.try_acquire(peer.ip()) {
        Err(over) => {
            // Not read: hyper closes the connection after the answer if a body was coming.
            Err(state.limits.too_many_requests(over, login))
        }
        Ok(permit) => {
            let handler = routes::handle(state.clone(), route, request);
            // The handler runs as its own task so that a panic in it becomes a 500 answer; it
            // keeps its place under the caps until it ends, also when the client went away.
            let task = tokio::spawn(async move {
                let _permit = permit;
                handler.await
            });
            match task.await {
                Ok(answer) => answer,
                Err(error) => Err(ApiError::internal("a request handler failed", &error)),
            }
        }
    };
    finish(&state, route, &method, started, handled)
}

/// Answers a request on a connection that came over a connection cap: 503, then closed.
fn refuse(state: &AppState, over: Over, request: &Request<Incoming>) -> Response<Full<Bytes>> {
    let _in_flight = state.metrics.start_request();
    let route = Route::of(request.uri().path());
    let error = state.limits.too_many_connections(over);
    finish(state, route, request.method(), Instant::now(), Err(error))
}

/// The answer to send, with the headers its error asks for, counted in the metrics.
fn finish(
    state: &AppState,
    route: Route,
    method: &hyper::Method,
    started: Instant,
    handled: routes::Answer,
) -> Response<Full<Bytes>> {
    let (response, error_code) = match handled {
        Ok(response) => (response, None),
        Err(error) => {
            let code = error.code;
            let mut response = error.into_response();
            let headers = response.headers_mut();
            match code {
                "too_many_connections" | "too_many_requests" => {
                    headers.insert(RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
                }
                "body_timeout" => {
                    headers.insert(CONNECTION, HeaderValue::from_static("close"));
                }
                _ => {}
            }
            (response, Some(code))
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
