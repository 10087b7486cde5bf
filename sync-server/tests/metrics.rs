use serde_json::json;

use crate::util::{metric, Harness};

#[test]
fn metrics_count_requests_errors_bytes_and_latency() {
    let h = Harness::new();
    h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    let server = h.serve(&[]);

    let health = server.get("/healthz").send().expect("answered");
    assert_eq!(health.status(), 200);
    assert_eq!(
        health.json::<serde_json::Value>().expect("JSON"),
        json!({"status": "ok"})
    );
    server.get("/healthz").send().expect("answered");
    let wrong = server
        .post("/v1/login")
        .json(&json!({"user": "kim", "password": "wrong password"}))
        .send()
        .expect("answered");
    assert_eq!(wrong.status(), 401);
    server.login("kim");
    server.get("/nowhere").send().expect("answered");

    let text = server.metrics();
    let value =
        |series: &str| metric(&text, series).unwrap_or_else(|| panic!("no {series} in\n{text}"));
    assert_eq!(
        value("cloudwright_requests_total{route=\"/healthz\",status=\"200\"}"),
        2.0
    );
    assert_eq!(
        value("cloudwright_requests_total{route=\"/v1/login\",status=\"401\"}"),
        1.0
    );
    assert_eq!(
        value("cloudwright_requests_total{route=\"/v1/login\",status=\"200\"}"),
        1.0
    );
    assert_eq!(
        value("cloudwright_requests_total{route=\"other\",status=\"404\"}"),
        1.0
    );
    assert_eq!(
        value("cloudwright_errors_total{code=\"invalid_credentials\"}"),
        1.0
    );
    assert_eq!(value("cloudwright_errors_total{code=\"not_found\"}"), 1.0);
    assert_eq!(
        value("cloudwright_request_duration_seconds_count{route=\"/v1/login\"}"),
        2.0
    );
    assert_eq!(
        value("cloudwright_request_duration_seconds_bucket{route=\"/v1/login\",le=\"+Inf\"}"),
        2.0
    );
    assert!(
        value("cloudwright_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.001\"}")
            <= 2.0
    );
    assert!(value("cloudwright_request_duration_seconds_sum{route=\"/v1/login\"}") > 0.0);
    assert!(
        value("cloudwright_request_bytes_total") > 40.0,
        "two login bodies"
    );
    assert!(value("cloudwright_response_bytes_total") > 100.0);
    assert_eq!(
        value("cloudwright_in_flight_requests"),
        1.0,
        "the /metrics request itself"
    );
    assert!(text.contains("# TYPE cloudwright_request_duration_seconds histogram"));

    // The /metrics request above is counted by the next one.
    let again = server.metrics();
    assert_eq!(
        metric(
            &again,
            "cloudwright_requests_total{route=\"/metrics\",status=\"200\"}"
        ),
        Some(1.0)
    );
}

#[test]
fn metrics_name_no_workspace_unless_the_operator_asks() {
    let h = Harness::new();
    let ws = h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    for (flags, named) in [(&[][..], false), (&["--metrics-workspaces"][..], true)] {
        let server = h.serve(flags);
        let token = server.login("kim");
        // Opens the workspace's hub, whose counts /metrics then shows.
        let response = server
            .post(&format!("/v1/workspaces/{ws}/blobs/has"))
            .bearer_auth(&token)
            .json(&json!({"hashes": []}))
            .send()
            .expect("answered");
        assert_eq!(response.status(), 200);
        let text = server.metrics();
        assert_eq!(text.contains(&ws), named, "{flags:?}:\n{text}");
        assert_eq!(metric(&text, "cloudwright_workspaces_open"), Some(1.0));
        let documents = match named {
            true => format!("cloudwright_documents{{workspace=\"{ws}\"}}"),
            false => "cloudwright_documents".to_owned(),
        };
        assert_eq!(metric(&text, &documents), Some(0.0), "{text}");
        server.stop();
    }
}
