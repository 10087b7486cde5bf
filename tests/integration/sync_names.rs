//! Names on the team server, through the real `cloudwright-sync admin` and a real login: odd
//! workspace and user names refused with the reason, names typed decomposed found as the
//! composed ones (one workspace, one account), and an id never hidden by a name.

use cloudwright_core::store::{LogCompression, Store};

use crate::cli_workspaces::{keep_workspace_named_before_the_rules, PYEONGTAEK_NFD};
use crate::util::{Cli, ServerData, PASSWORD};

/// "김민준" typed decomposed.
const KIM_NFD: &str = "\u{1100}\u{1175}\u{11b7}\u{1106}\u{1175}\u{11ab}\u{110c}\u{116e}\u{11ab}";

fn workspaces(data: &ServerData) -> Vec<(String, String)> {
    let list = data.admin(&["workspace", "list", "--json"]).json();
    list.as_array()
        .expect("array")
        .iter()
        .map(|w| {
            let text = |key: &str| w[key].as_str().expect(key).to_owned();
            (text("name"), text("id"))
        })
        .collect()
}

fn users(data: &ServerData) -> serde_json::Value {
    data.admin(&["user", "list", "--json"]).json()
}

fn add_user(data: &ServerData, user: &str, workspace: &str, extra: &[&str]) -> crate::util::Run {
    let mut args = vec![
        "user",
        "add",
        user,
        "--password",
        PASSWORD,
        "--workspace",
        workspace,
        "--role",
        "editor",
    ];
    args.extend_from_slice(extra);
    data.admin(&args)
}

/// `cloudwright [--workspace W] login` as `user`; what it printed.
fn login(cli: &Cli, server: &crate::util::Server, user: &str, workspace: Option<&str>) -> String {
    let mut args = Vec::new();
    if let Some(workspace) = workspace {
        args.extend(["--workspace", workspace]);
    }
    args.extend(["login", "--server", &server.url, "--user", user]);
    cli.run_with_stdin(&args, Some(&format!("{PASSWORD}\n")))
        .ok()
}

#[test]
fn the_server_refuses_odd_workspace_and_user_names_with_the_reason() {
    let data = ServerData::new();
    for (name, says) in [
        (
            "평택\n1센터",
            "the workspace name holds a control character (U+000A) at character 3",
        ),
        (
            "\u{1b}]0;pwned\u{7}",
            "the workspace name holds a control character (U+001B) at character 1",
        ),
        (
            "평택\u{202e}1센터",
            "the workspace name holds a bidirectional control (U+202E) at character 3",
        ),
        (
            "평택\u{feff}",
            "the workspace name holds an invisible character (U+FEFF) at character 3",
        ),
    ] {
        let stderr = data.admin(&["workspace", "create", name]).fails();
        assert!(stderr.contains(says), "{name:?}: {stderr}");
    }
    let id = data.create_workspace("평택 1센터");
    let stderr = data.admin(&["workspace", "create", &id]).fails();
    assert!(
        stderr.contains("a workspace name cannot look like an id"),
        "{stderr}"
    );
    let stderr = data.admin(&["workspace", "create", PYEONGTAEK_NFD]).fails();
    assert!(
        stderr.contains("a workspace named '평택 1센터' already exists"),
        "{stderr}"
    );
    assert_eq!(workspaces(&data), [("평택 1센터".to_owned(), id)]);

    for (user, extra, says) in [
        (
            "kim\n",
            &[][..],
            "the user name holds a control character (U+000A) at character 4",
        ),
        (
            "kim\u{1b}[2J",
            &[],
            "the user name holds a control character (U+001B) at character 4",
        ),
        (
            "kim\u{202e}nmda",
            &[],
            "the user name holds a bidirectional control (U+202E) at character 4",
        ),
        (
            "01JABCDEFGHJKMNPQRSTVWXYZ0",
            &[],
            "a user name cannot look like an id",
        ),
        (
            "kim",
            &["--display-name", "김민준\u{200f}"],
            "the display name holds a bidirectional control (U+200F) at character 4",
        ),
    ] {
        let stderr = add_user(&data, user, "평택 1센터", extra).fails();
        assert!(stderr.contains(says), "{user:?}: {stderr}");
    }
    assert_eq!(users(&data), serde_json::json!([]), "no account was made");
}

#[test]
fn a_user_typed_decomposed_is_one_account_and_logs_in_typed_either_way() {
    let data = ServerData::new();
    data.create_workspace("평택 1센터");
    data.create_workspace("가산 IDC");
    // Added decomposed to a workspace named decomposed, then composed to another.
    add_user(&data, KIM_NFD, PYEONGTAEK_NFD, &["--display-name", KIM_NFD]).ok();
    add_user(&data, "김민준", "가산 IDC", &[]).ok();
    let list = users(&data);
    let accounts = list.as_array().expect("array");
    assert_eq!(
        accounts.len(),
        1,
        "one account, not two look-alikes: {list}"
    );
    assert_eq!(accounts[0]["name"], "김민준");
    assert_eq!(accounts[0]["display_name"], "김민준");
    assert_eq!(accounts[0]["workspaces"].as_array().map(Vec::len), Some(2));
    data.admin(&[
        "user",
        "role",
        KIM_NFD,
        "--workspace",
        "가산 IDC",
        "--role",
        "viewer",
    ])
    .ok();

    let server = data.serve(&[]);
    let composed = Cli::new();
    let said = login(&composed, &server, "김민준", Some("평택 1센터"));
    assert!(said.contains("to '평택 1센터'"), "{said}");
    let decomposed = Cli::new();
    let said = login(&decomposed, &server, KIM_NFD, Some(PYEONGTAEK_NFD));
    assert!(said.contains("to '평택 1센터'"), "{said}");
    let account = |cli: &Cli| cli.sync_status()["binding"]["user_id"].clone();
    assert_eq!(account(&composed), account(&decomposed));
    assert_eq!(account(&composed), accounts[0]["id"]);
}

#[test]
fn an_id_is_never_hidden_by_a_workspace_named_like_it() {
    let data = ServerData::new();
    let a = data.create_workspace("A");
    // A server from before the rule: B was named like A's id.
    let b = {
        let store = Store::open_with(data.dir.path(), LogCompression::Off).expect("store");
        keep_workspace_named_before_the_rules(&store, &a, 2)
    };
    // The listing keeps one workspace a line.
    let listed = data.admin(&["workspace", "list"]).ok();
    assert_eq!(listed.lines().count(), 2, "{listed}");

    add_user(&data, "kim", &a, &[]).ok();
    let memberships = users(&data)[0]["workspaces"].clone();
    assert_eq!(
        memberships,
        serde_json::json!([{"id": a, "name": "A", "role": "editor"}])
    );
    add_user(&data, "lee", &b, &[]).ok();
    let roster = |workspace: &str| {
        data.admin(&["workspace", "roster", workspace, "--json"])
            .json()
            .to_string()
    };
    assert!(
        roster(&a).contains("\"kim\"") && !roster(&a).contains("\"lee\""),
        "{}",
        roster(&a)
    );
    assert!(roster(&b).contains("\"lee\""), "{}", roster(&b));
    data.admin(&[
        "user",
        "role",
        "kim",
        "--workspace",
        &a.to_lowercase(),
        "--role",
        "admin",
    ])
    .ok();
    add_user(&data, "kim", &b, &[]).ok();

    // kim is in both: a login naming A's id binds A.
    let server = data.serve(&[]);
    let cli = Cli::new();
    let said = login(&cli, &server, "kim", Some(&a));
    assert!(said.contains(&format!("to 'A' ({a}) as admin")), "{said}");
    let other = Cli::new();
    let said = login(&other, &server, "kim", Some(&b));
    assert!(said.contains(&format!("({b}) as editor")), "{said}");
}
