use serde_json::Value;

use crate::util::{error_of, Harness};

#[test]
fn members_see_their_workspaces_and_no_others() {
    let h = Harness::new();
    let alpha = h.workspace("Alpha");
    let beta = h.workspace("Beta");
    h.workspace("Gamma");
    h.user("kim", "Alpha", "editor");
    h.user("kim", "Beta", "viewer");
    h.user("lee", "Gamma", "admin");
    let server = h.serve(&[]);
    let token = server.login("kim");

    let response = server
        .get("/v1/workspaces")
        .bearer_auth(&token)
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
    let list: Value = response.json().expect("JSON");
    assert_eq!(
        list,
        serde_json::json!([
            {"id": alpha, "name": "Alpha", "role": "editor"},
            {"id": beta, "name": "Beta", "role": "viewer"},
        ])
    );
}

#[test]
fn other_and_unknown_workspaces_are_refused() {
    let h = Harness::new();
    let alpha = h.workspace("Alpha");
    let beta = h.workspace("Beta");
    h.user("kim", "Alpha", "admin");
    h.user("lee", "Beta", "editor");
    let server = h.serve(&[]);
    let kim = server.login("kim");
    let blob = format!("/blobs/{}", "a".repeat(64));

    for path in [
        format!("/v1/workspaces/{beta}{blob}"),
        format!("/v1/workspaces/{beta}/blobs/has"),
    ] {
        let request = if path.ends_with("has") {
            server.post(&path).json(&serde_json::json!({"hashes": []}))
        } else {
            server.get(&path)
        };
        assert_eq!(
            error_of(request.bearer_auth(&kim).send().expect("answered")),
            (403, "forbidden".into())
        );
    }
    let unknown = "01JD0000000000000000000000";
    for ws in [unknown, "not-a-workspace-id"] {
        let response = server
            .get(&format!("/v1/workspaces/{ws}{blob}"))
            .bearer_auth(&kim)
            .send()
            .expect("answered");
        assert_eq!(error_of(response), (404, "unknown_workspace".into()));
    }
    // Authentication comes first: no token, no hint whether the workspace exists.
    let response = server
        .get(&format!("/v1/workspaces/{alpha}{blob}"))
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (401, "unauthenticated".into()));
}
