use serde_json::Value;

use crate::util::{Harness, PASSWORD};

#[test]
fn workspaces_and_users_are_created_and_listed() {
    let h = Harness::new();
    let alpha = h.workspace("Alpha");
    let beta = h.workspace("Beta");
    assert_eq!(alpha.len(), 26, "a ULID: {alpha}");
    let list: Value =
        serde_json::from_str(&h.admin(&["workspace", "list", "--json"])).expect("JSON");
    let names: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|w| w["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(names, ["Alpha", "Beta"]);

    // By name, then by id; the second add only adds a membership.
    h.user("kim", "Alpha", "editor");
    h.user("kim", &beta, "viewer");
    let users: Value = serde_json::from_str(&h.admin(&["user", "list", "--json"])).expect("JSON");
    let kim = &users[0];
    assert_eq!(kim["name"], "kim");
    let mut roles: Vec<(String, String)> = kim["workspaces"]
        .as_array()
        .expect("memberships")
        .iter()
        .map(|m| {
            (
                m["id"].as_str().expect("id").to_owned(),
                m["role"].as_str().expect("role").to_owned(),
            )
        })
        .collect();
    roles.sort();
    let mut expected = vec![
        (alpha.clone(), "editor".to_owned()),
        (beta.clone(), "viewer".to_owned()),
    ];
    expected.sort();
    assert_eq!(roles, expected);

    h.admin(&[
        "user",
        "role",
        "kim",
        "--workspace",
        "Beta",
        "--role",
        "auditor",
    ]);
    h.admin(&["user", "remove", "kim", "--workspace", "Alpha"]);
    let users: Value = serde_json::from_str(&h.admin(&["user", "list", "--json"])).expect("JSON");
    let memberships = users[0]["workspaces"].as_array().expect("memberships");
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0]["id"], beta.as_str());
    assert_eq!(memberships[0]["role"], "auditor");
}

#[test]
fn bad_admin_input_is_refused_with_a_clear_error() {
    let h = Harness::new();
    h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");

    let stderr = h.admin_fails(&[
        "user",
        "add",
        "kim",
        "--password",
        "another password",
        "--workspace",
        "Alpha",
        "--role",
        "admin",
    ]);
    assert!(stderr.contains("different password"), "{stderr}");
    let stderr = h.admin_fails(&[
        "user",
        "add",
        "lee",
        "--password",
        PASSWORD,
        "--workspace",
        "Nowhere",
        "--role",
        "editor",
    ]);
    assert!(stderr.contains("Nowhere"), "{stderr}");
    // Usage errors exit 1 as well.
    let stderr = h.admin_fails(&[
        "user",
        "add",
        "lee",
        "--password",
        PASSWORD,
        "--workspace",
        "Alpha",
        "--role",
        "owner",
    ]);
    assert!(stderr.contains("'owner'"), "{stderr}");
    let stderr = h.admin_fails(&[
        "user",
        "add",
        "lee",
        "--password",
        "short",
        "--workspace",
        "Alpha",
        "--role",
        "viewer",
    ]);
    assert!(stderr.contains("at least 8"), "{stderr}");
    let stderr = h.admin_fails(&[
        "user",
        "role",
        "nobody",
        "--workspace",
        "Alpha",
        "--role",
        "viewer",
    ]);
    assert!(stderr.contains("nobody"), "{stderr}");
    let stderr = h.admin_fails(&["token", "revoke", "01JDNOTATOKEN"]);
    assert!(stderr.contains("01JDNOTATOKEN"), "{stderr}");
    let stderr = h.admin_fails(&["workspace", "create", "Alpha"]);
    assert!(stderr.contains("already exists"), "{stderr}");

    // Nothing of the refused commands was written.
    let users: Value = serde_json::from_str(&h.admin(&["user", "list", "--json"])).expect("JSON");
    assert_eq!(users.as_array().map(Vec::len), Some(1));
}

#[test]
fn a_password_can_come_from_stdin() {
    let h = Harness::new();
    h.workspace("Alpha");
    let output = h.admin_with_input(
        &[
            "user",
            "add",
            "kim",
            "--password",
            "-",
            "--workspace",
            "Alpha",
            "--role",
            "editor",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let server = h.serve(&[]);
    server.login("kim");
}

#[test]
fn admin_refuses_a_data_directory_the_server_holds() {
    let h = Harness::new();
    h.workspace("Alpha");
    let server = h.serve(&[]);
    let stderr = h.admin_fails(&["workspace", "list"]);
    assert!(
        stderr.contains("the data directory is in use by a running server (stop it first)"),
        "{stderr}"
    );
    assert!(server.stop().success());
    h.admin(&["workspace", "list"]);
}
