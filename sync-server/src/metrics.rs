//! Counters for `GET /metrics`, in the Prometheus text format. Hand-written: a few atomics and
//! two small maps behind a mutex, updated once per request.
//!
//! `/metrics` needs no login, so it names no workspace unless the operator asks for it
//! (`--metrics-workspaces`): by default the document gauges are totals over the workspaces
//! opened since start.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use cloudwright_core::sync::hub::HubStats;

/// Upper bounds of the latency histogram's buckets, in seconds (1 ms to 10 s).
const BUCKETS: [f64; 13] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct Histogram {
    /// Cumulative counts are computed when rendering; each slot counts its own bucket, the
    /// last one everything over 10 s.
    counts: [u64; BUCKETS.len() + 1],
    sum_seconds: f64,
    total: u64,
}

#[derive(Default)]
struct Tables {
    requests: BTreeMap<(&'static str, u16), u64>,
    durations: BTreeMap<&'static str, Histogram>,
    errors: BTreeMap<&'static str, u64>,
}

#[derive(Default)]
pub struct Metrics {
    tables: Mutex<Tables>,
    request_bytes: AtomicU64,
    response_bytes: AtomicU64,
    in_flight: AtomicI64,
    connections_over_cap: AtomicU64,
}

/// What `/metrics` shows besides the counters: the open hubs' stats by workspace id, whether
/// to name the workspaces, and the connections open now.
pub struct Gauges<'a> {
    pub workspaces: &'a [(String, HubStats)],
    pub by_workspace: bool,
    pub open_connections: usize,
}

/// Counts a request as in flight until dropped (also when its handler panics).
pub struct InFlight<'a>(&'a Metrics);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Metrics {
    pub fn start_request(&self) -> InFlight<'_> {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(self)
    }

    /// A connection came over a connection cap (answered 503, or closed when too many were).
    pub fn connection_over_cap(&self) {
        self.connections_over_cap.fetch_add(1, Ordering::Relaxed);
    }

    pub fn add_request_bytes(&self, bytes: usize) {
        self.request_bytes
            .fetch_add(bytes as u64, Ordering::Relaxed);
    }

    /// Records one answered request; `error_code` is the JSON error's code, if any.
    pub fn finish_request(
        &self,
        route: &'static str,
        status: u16,
        elapsed: Duration,
        response_bytes: u64,
        error_code: Option<&'static str>,
    ) {
        self.response_bytes
            .fetch_add(response_bytes, Ordering::Relaxed);
        let mut tables = self.tables.lock().unwrap_or_else(|p| p.into_inner());
        *tables.requests.entry((route, status)).or_default() += 1;
        let seconds = elapsed.as_secs_f64();
        let histogram = tables.durations.entry(route).or_default();
        let slot = BUCKETS
            .iter()
            .position(|bound| seconds <= *bound)
            .unwrap_or(BUCKETS.len());
        histogram.counts[slot] += 1;
        histogram.sum_seconds += seconds;
        histogram.total += 1;
        if let Some(code) = error_code {
            *tables.errors.entry(code).or_default() += 1;
        }
    }

    /// The text exposition.
    pub fn render(&self, gauges: &Gauges<'_>) -> String {
        let mut out = String::new();
        let tables = self.tables.lock().unwrap_or_else(|p| p.into_inner());

        header(
            &mut out,
            "cloudwright_requests_total",
            "counter",
            "Requests answered, by route and status.",
        );
        for ((route, status), count) in &tables.requests {
            let _ = writeln!(
                out,
                "cloudwright_requests_total{{route=\"{route}\",status=\"{status}\"}} {count}"
            );
        }

        header(
            &mut out,
            "cloudwright_request_duration_seconds",
            "histogram",
            "Time from request head to response, by route.",
        );
        for (route, histogram) in &tables.durations {
            let mut cumulative = 0;
            for (bound, count) in BUCKETS.iter().zip(histogram.counts) {
                cumulative += count;
                let _ = writeln!(out, "cloudwright_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}");
            }
            let name = "cloudwright_request_duration_seconds";
            let _ = writeln!(
                out,
                "{name}_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                histogram.total
            );
            let _ = writeln!(
                out,
                "{name}_sum{{route=\"{route}\"}} {}",
                histogram.sum_seconds
            );
            let _ = writeln!(out, "{name}_count{{route=\"{route}\"}} {}", histogram.total);
        }

        header(
            &mut out,
            "cloudwright_request_bytes_total",
            "counter",
            "Request body bytes read.",
        );
        let _ = writeln!(
            out,
            "cloudwright_request_bytes_total {}",
            self.request_bytes.load(Ordering::Relaxed)
        );
        header(
            &mut out,
            "cloudwright_response_bytes_total",
            "counter",
            "Response body bytes sent.",
        );
        let _ = writeln!(
            out,
            "cloudwright_response_bytes_total {}",
            self.response_bytes.load(Ordering::Relaxed)
        );

        header(
            &mut out,
            "cloudwright_errors_total",
            "counter",
            "Error answers, by error code.",
        );
        for (code, count) in &tables.errors {
            let _ = writeln!(out, "cloudwright_errors_total{{code=\"{code}\"}} {count}");
        }
        drop(tables);

        header(
            &mut out,
            "cloudwright_in_flight_requests",
            "gauge",
            "Requests being handled now.",
        );
        let _ = writeln!(
            out,
            "cloudwright_in_flight_requests {}",
            self.in_flight.load(Ordering::Relaxed)
        );

        header(
            &mut out,
            "cloudwright_open_connections",
            "gauge",
            "Connections open now (those over a cap not counted).",
        );
        let _ = writeln!(
            out,
            "cloudwright_open_connections {}",
            gauges.open_connections
        );
        header(
            &mut out,
            "cloudwright_connections_over_cap_total",
            "counter",
            "Connections that came over a connection cap: answered 503, or closed.",
        );
        let _ = writeln!(
            out,
            "cloudwright_connections_over_cap_total {}",
            self.connections_over_cap.load(Ordering::Relaxed)
        );

        let whose = match gauges.by_workspace {
            true => "by workspace",
            false => "in all",
        };
        header(
            &mut out,
            "cloudwright_workspaces_open",
            "gauge",
            "Workspaces opened since start.",
        );
        let _ = writeln!(
            out,
            "cloudwright_workspaces_open {}",
            gauges.workspaces.len()
        );
        for (name, help, value) in [
            (
                "cloudwright_documents",
                "Documents held",
                (|stats: &HubStats| stats.documents) as fn(&HubStats) -> u64,
            ),
            (
                "cloudwright_document_bytes",
                "Stored document bytes",
                |stats: &HubStats| stats.document_bytes,
            ),
        ] {
            header(
                &mut out,
                name,
                "gauge",
                &format!("{help}, {whose} (workspaces opened since start)."),
            );
            if gauges.by_workspace {
                for (workspace, stats) in gauges.workspaces {
                    let _ = writeln!(
                        out,
                        "{name}{{workspace=\"{}\"}} {}",
                        escape(workspace),
                        value(stats)
                    );
                }
            } else {
                let total: u64 = gauges
                    .workspaces
                    .iter()
                    .map(|(_, stats)| value(stats))
                    .sum();
                let _ = writeln!(out, "{name} {total}");
            }
        }
        out
    }
}

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

/// Escapes a label value as the text format asks (backslash, quote, newline).
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_a_cumulative_histogram() {
        let metrics = Metrics::default();
        {
            let _in_flight = metrics.start_request();
            metrics.add_request_bytes(10);
            metrics.finish_request("/healthz", 200, Duration::from_micros(500), 15, None);
        }
        metrics.finish_request(
            "/v1/login",
            401,
            Duration::from_millis(30),
            80,
            Some("invalid_credentials"),
        );
        metrics.finish_request(
            "/v1/login",
            401,
            Duration::from_secs(20),
            80,
            Some("invalid_credentials"),
        );
        let stats = HubStats {
            documents: 3,
            document_bytes: 1200,
        };
        let workspaces = [("01J\"X".into(), stats), ("01K".into(), stats)];
        let text = metrics.render(&Gauges {
            workspaces: &workspaces,
            by_workspace: true,
            open_connections: 3,
        });
        for line in [
            "cloudwright_requests_total{route=\"/healthz\",status=\"200\"} 1",
            "cloudwright_requests_total{route=\"/v1/login\",status=\"401\"} 2",
            "cloudwright_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.001\"} 1",
            "cloudwright_request_duration_seconds_bucket{route=\"/v1/login\",le=\"0.025\"} 0",
            "cloudwright_request_duration_seconds_bucket{route=\"/v1/login\",le=\"0.05\"} 1",
            "cloudwright_request_duration_seconds_bucket{route=\"/v1/login\",le=\"10\"} 1",
            "cloudwright_request_duration_seconds_bucket{route=\"/v1/login\",le=\"+Inf\"} 2",
            "cloudwright_request_duration_seconds_count{route=\"/v1/login\"} 2",
            "cloudwright_request_bytes_total 10",
            "cloudwright_response_bytes_total 175",
            "cloudwright_errors_total{code=\"invalid_credentials\"} 2",
            "cloudwright_in_flight_requests 0",
            "cloudwright_documents{workspace=\"01J\\\"X\"} 3",
            "cloudwright_document_bytes{workspace=\"01J\\\"X\"} 1200",
            "cloudwright_open_connections 3",
            "cloudwright_workspaces_open 2",
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "missing {line:?} in\n{text}"
            );
        }
        // By default no workspace is named: totals only.
        let text = metrics.render(&Gauges {
            workspaces: &workspaces,
            by_workspace: false,
            open_connections: 0,
        });
        for line in ["cloudwright_documents 6", "cloudwright_document_bytes 2400"] {
            assert!(
                text.lines().any(|l| l == line),
                "missing {line:?} in\n{text}"
            );
        }
        assert!(!text.contains("01J") && !text.contains("01K"), "{text}");
    }
}
