//! How much of the server clients may hold at once: open connections and requests being
//! handled, each capped over every client and per client address. A client over a cap is
//! answered 503 with `Retry-After` (see `http.rs`), never queued.
//!
//! A client address is its IPv4 address, or its IPv6 /64 (one host is given a whole /64, so
//! counting single IPv6 addresses would not cap anyone).

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::{Arc, Mutex};

use hyper::StatusCode;

use crate::config::Limits;
use crate::error::ApiError;

/// Seconds a client over a cap is told to wait (`Retry-After`). Requests here last
/// milliseconds, so a place frees up within that; a device retrying every 2 s costs little.
pub const RETRY_AFTER_SECONDS: u32 = 2;

/// Connections over the caps are still answered 503, on at most this many connections at
/// once (each for a few seconds at most); beyond that they are closed unanswered.
pub const REFUSING_CONNECTIONS: usize = 64;

/// The address a cap counts a peer under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientAddress(IpAddr);

impl ClientAddress {
    pub fn of(ip: IpAddr) -> ClientAddress {
        match ip {
            IpAddr::V4(_) => ClientAddress(ip),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientAddress(IpAddr::V4(v4)),
                None => {
                    let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                    ClientAddress(IpAddr::V6(Ipv6Addr::from(prefix)))
                }
            },
        }
    }
}

/// Which cap a client met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Over {
    /// The cap over every client.
    Total,
    /// The cap for the client's address.
    Client,
}

#[derive(Default)]
struct Counts {
    total: usize,
    by_client: HashMap<ClientAddress, usize>,
}

/// One capped resource: how many are held, in all and per client address.
pub struct Limiter {
    total: usize,
    per_client: usize,
    counts: Mutex<Counts>,
}

/// One place held in a [`Limiter`], given back when dropped.
pub struct Permit {
    limiter: Arc<Limiter>,
    client: ClientAddress,
}

impl Limiter {
    pub fn new(total: usize, per_client: usize) -> Arc<Limiter> {
        Arc::new(Limiter {
            total,
            per_client,
            counts: Mutex::new(Counts::default()),
        })
    }

    pub fn try_acquire(self: &Arc<Self>, ip: IpAddr) -> Result<Permit, Over> {
        let client = ClientAddress::of(ip);
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        if counts.total >= self.total {
            return Err(Over::Total);
        }
        let held = counts.by_client.entry(client).or_default();
        if *held >= self.per_client {
            return Err(Over::Client);
        }
        *held += 1;
        counts.total += 1;
        Ok(Permit {
            limiter: self.clone(),
            client,
        })
    }

    /// Places held now, over every client.
    pub fn held(&self) -> usize {
        self.counts.lock().unwrap_or_else(|p| p.into_inner()).total
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut counts = self
            .limiter
            .counts
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        counts.total = counts.total.saturating_sub(1);
        if let Some(held) = counts.by_client.get_mut(&self.client) {
            *held -= 1;
            if *held == 0 {
                counts.by_client.remove(&self.client);
            }
        }
    }
}

/// The server's caps.
pub struct ServerLimits {
    pub connections: Arc<Limiter>,
    pub requests: Arc<Limiter>,
    /// Logins, which anyone may send, have places of their own (a quarter of the requests'):
    /// logins held open by clients that never finish them cannot take the places of devices
    /// that are logged in, nor of `/healthz`.
    pub logins: Arc<Limiter>,
    /// Connections being answered 503 because they came over a cap.
    pub refusing: Arc<Limiter>,
    pub config: Limits,
}

impl ServerLimits {
    pub fn new(config: Limits) -> ServerLimits {
        ServerLimits {
            connections: Limiter::new(config.max_connections, config.max_connections_per_client),
            requests: Limiter::new(config.max_requests, config.max_requests_per_client),
            logins: Limiter::new(
                (config.max_requests / 4).max(1),
                (config.max_requests_per_client / 4).max(1),
            ),
            refusing: Limiter::new(REFUSING_CONNECTIONS, REFUSING_CONNECTIONS),
            config,
        }
    }

    /// The 503 for a connection over a cap.
    pub fn too_many_connections(&self, over: Over) -> ApiError {
        let (limit, whom) = match over {
            Over::Total => (self.config.max_connections, "in all"),
            Over::Client => (self.config.max_connections_per_client, "from your address"),
        };
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "too_many_connections",
            format!(
                "the server has as many connections open {whom} as it takes ({limit}); try again in {RETRY_AFTER_SECONDS} s"
            ),
        )
    }

    /// The 503 for a request over a cap (`login`: the logins' own).
    pub fn too_many_requests(&self, over: Over, login: bool) -> ApiError {
        let limiter = if login { &self.logins } else { &self.requests };
        let (limit, whom) = match over {
            Over::Total => (limiter.total, "in all"),
            Over::Client => (limiter.per_client, "from your address"),
        };
        let what = if login { "logins" } else { "requests" };
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "too_many_requests",
            format!(
                "the server is handling as many {what} {whom} as it takes at once ({limit}); try again in {RETRY_AFTER_SECONDS} s"
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse()
            .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
    }

    #[test]
    fn caps_count_in_all_and_per_address_and_give_places_back() {
        let limiter = Limiter::new(3, 2);
        let a1 = limiter.try_acquire(ip("10.0.0.1"));
        let a2 = limiter.try_acquire(ip("10.0.0.1"));
        assert!(a1.is_ok() && a2.is_ok());
        assert_eq!(
            limiter.try_acquire(ip("10.0.0.1")).err(),
            Some(Over::Client)
        );
        // The same host as an IPv4-mapped IPv6 address is the same client.
        assert_eq!(
            limiter.try_acquire(ip("::ffff:10.0.0.1")).err(),
            Some(Over::Client)
        );
        let b = limiter.try_acquire(ip("10.0.0.2"));
        assert!(b.is_ok());
        assert_eq!(limiter.try_acquire(ip("10.0.0.3")).err(), Some(Over::Total));
        assert_eq!(limiter.held(), 3);
        drop(a1);
        assert!(limiter.try_acquire(ip("10.0.0.1")).is_ok());
        drop((a2, b));
        assert_eq!(limiter.held(), 0);
    }

    #[test]
    fn an_ipv6_client_is_its_slash_64() {
        assert_eq!(
            ClientAddress::of(ip("2001:db8:1:2:aaaa::1")),
            ClientAddress::of(ip("2001:db8:1:2:bbbb::7"))
        );
        assert_ne!(
            ClientAddress::of(ip("2001:db8:1:2::1")),
            ClientAddress::of(ip("2001:db8:1:3::1"))
        );
    }
}
