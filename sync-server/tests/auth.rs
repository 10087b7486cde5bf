use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::util::{error_of, Harness, PASSWORD};

fn setup() -> Harness {
    let h = Harness::new();
    h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    h
}

#[test]
fn login_gives_a_token_that_opens_the_api() {
    let h = setup();
    let server = h.serve(&["--session-days", "2"]);
    let response = server
        .post("/v1/login")
        .json(&json!({"user": "kim", "password": PASSWORD}))
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
    let body: Value = response.json().expect("JSON");
    let token = body["token"].as_str().expect("token");
    assert!(token.starts_with("cw_"));
    assert_eq!(body["user"], "kim");
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_millis() as i64;
    let expires = body["expires_at_ms"].as_i64().expect("expiry");
    let two_days = 2 * 24 * 3600 * 1000;
    assert!(
        expires > now_ms + two_days - 60_000 && expires <= now_ms + two_days,
        "{expires}"
    );

    let response = server
        .get("/v1/workspaces")
        .bearer_auth(token)
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
}

#[test]
fn wrong_passwords_and_unknown_users_get_the_same_401() {
    let h = setup();
    let server = h.serve(&[]);
    let mut messages = Vec::new();
    for (user, password) in [("kim", "wrong password"), ("nobody", PASSWORD), ("", "")] {
        let response = server
            .post("/v1/login")
            .json(&json!({"user": user, "password": password}))
            .send()
            .expect("answered");
        assert_eq!(response.status(), 401);
        let body: Value = response.json().expect("JSON");
        assert_eq!(body["error"]["code"], "invalid_credentials");
        messages.push(body["error"]["message"].clone());
    }
    assert!(messages.windows(2).all(|pair| pair[0] == pair[1]));
}

#[test]
fn requests_without_a_live_token_get_401() {
    let h = setup();
    let server = h.serve(&[]);
    let cases = [
        server.get("/v1/workspaces"),
        server
            .get("/v1/workspaces")
            .header("Authorization", "Bearer"),
        server
            .get("/v1/workspaces")
            .header("Authorization", "Basic a2ltOnB3"),
        server.get("/v1/workspaces").bearer_auth("garbage"),
        server
            .get("/v1/workspaces")
            .bearer_auth(format!("cw_{}", "0".repeat(64))),
        server.post("/v1/logout"),
    ];
    for request in cases {
        assert_eq!(
            error_of(request.send().expect("answered")),
            (401, "unauthenticated".into())
        );
    }
}

#[test]
fn logout_revokes_the_token() {
    let h = setup();
    let server = h.serve(&[]);
    let token = server.login("kim");
    let other = server.login("kim");
    let response = server
        .post("/v1/logout")
        .bearer_auth(&token)
        .send()
        .expect("answered");
    assert_eq!(response.status(), 204);
    let response = server
        .get("/v1/workspaces")
        .bearer_auth(&token)
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (401, "unauthenticated".into()));
    // Other sessions go on.
    let response = server
        .get("/v1/workspaces")
        .bearer_auth(&other)
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
}

#[test]
fn an_api_token_expires() {
    let h = setup();
    let token = h.admin(&[
        "token",
        "issue",
        "kim",
        "--label",
        "ci",
        "--expires-in-secs",
        "1",
    ]);
    let token = token.trim();
    let list: Value =
        serde_json::from_str(&h.admin(&["token", "list", "kim", "--json"])).expect("JSON");
    assert_eq!(list[0]["label"], "ci");
    assert_eq!(list[0]["kind"], "api");
    let expires_at_ms = list[0]["expires_at_ms"].as_i64().expect("an expiry");

    // Let the wall clock pass the recorded expiry; the server reads the same clock.
    let expires_at = UNIX_EPOCH + Duration::from_millis(expires_at_ms as u64);
    while let Ok(left) = expires_at.duration_since(SystemTime::now()) {
        std::thread::sleep(left + Duration::from_millis(1));
    }
    let server = h.serve(&[]);
    let response = server
        .get("/v1/workspaces")
        .bearer_auth(token)
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (401, "token_expired".into()));
}

#[test]
fn revoked_tokens_and_reset_passwords_end_access() {
    let h = setup();
    let api_token = h.admin(&["token", "issue", "kim"]).trim().to_owned();
    let server = h.serve(&[]);
    let session = server.login("kim");
    for token in [&api_token, &session] {
        let response = server
            .get("/v1/workspaces")
            .bearer_auth(token)
            .send()
            .expect("answered");
        assert_eq!(response.status(), 200);
    }
    assert!(server.stop().success());

    let list: Value =
        serde_json::from_str(&h.admin(&["token", "list", "kim", "--json"])).expect("JSON");
    let api_id = list
        .as_array()
        .expect("tokens")
        .iter()
        .find(|t| t["kind"] == "api")
        .and_then(|t| t["id"].as_str())
        .expect("the API token's id")
        .to_owned();
    assert!(
        !h.admin(&["token", "list", "kim"]).contains(&api_token),
        "secrets are never listed"
    );
    h.admin(&["token", "revoke", &api_id]);
    h.admin(&["user", "password", "kim", "--password", "a new password"]);

    let server = h.serve(&[]);
    for token in [&api_token, &session] {
        let response = server
            .get("/v1/workspaces")
            .bearer_auth(token)
            .send()
            .expect("answered");
        assert_eq!(error_of(response), (401, "unauthenticated".into()));
    }
    let response = server
        .post("/v1/login")
        .json(&json!({"user": "kim", "password": PASSWORD}))
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (401, "invalid_credentials".into()));
    let response = server
        .post("/v1/login")
        .json(&json!({"user": "kim", "password": "a new password"}))
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
}
