//! Workspaces, demo data and store errors through the CLI.

use crate::util::Cli;

#[test]
fn workspaces_are_created_listed_and_must_be_unique() {
    let cli = Cli::new();
    assert!(cli
        .run(&["workspace", "list"])
        .ok()
        .contains("no workspaces yet"));
    cli.run(&["workspace", "create", "평택 1센터"]).ok();
    cli.run(&["workspace", "create", "가산 IDC"]).ok();
    let stderr = cli.run(&["workspace", "create", "평택 1센터"]).fails();
    assert!(stderr.contains("already exists"), "{stderr}");
    let list = cli.run(&["workspace", "list", "--json"]).json();
    let names: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|w| w["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["가산 IDC", "평택 1센터"]);
    // With two workspaces, commands must say which one.
    let stderr = cli.run(&["asset", "list"]).fails();
    assert!(stderr.contains("--workspace"), "{stderr}");
    cli.run(&["--workspace", "가산 IDC", "asset", "list"]).ok();
    let stderr = cli.run(&["--workspace", "부산", "asset", "list"]).fails();
    assert!(stderr.contains("no workspace is named '부산'"), "{stderr}");
}

#[test]
fn demo_data_is_realistic_and_deterministic_for_a_seed() {
    let first = Cli::new();
    let second = Cli::new();
    for cli in [&first, &second] {
        cli.run(&["demo", "--assets", "300", "--seed", "42"]).ok();
    }
    let export = |cli: &Cli| {
        let csv = cli.run(&["asset", "export"]).ok();
        // Ids embed the moment of generation; everything else follows the seed.
        csv.lines()
            .map(|line| line.split_once(',').map_or("", |(_, rest)| rest).to_owned())
            .collect::<Vec<_>>()
    };
    let (a, b) = (export(&first), export(&second));
    assert_eq!(a.len(), 301);
    assert_eq!(a, b, "the same seed gives the same workspace");
    let other = Cli::new();
    other.run(&["demo", "--assets", "300", "--seed", "43"]).ok();
    assert_ne!(export(&other), a);
    let page = first
        .run(&["asset", "list", "--json", "--filter", "site=평택"])
        .json();
    assert!(
        page["total"].as_u64().expect("total") > 50,
        "{}",
        page["total"]
    );
    let korean = page["rows"][0]["asset"]["location"]["site"]
        .as_str()
        .expect("site");
    assert_eq!(korean, "평택 1센터");
}

#[test]
fn a_damaged_store_is_reported_not_replaced() {
    let cli = Cli::new();
    cli.run(&["workspace", "create", "평택 1센터"]).ok();
    std::fs::write(cli.path("store/db"), vec![0x42; 4096]).expect("damage the log");
    let stderr = cli.run(&["workspace", "list"]).fails();
    assert!(stderr.contains("damaged"), "{stderr}");
    assert_eq!(
        std::fs::read(cli.path("store/db")).expect("db"),
        vec![0x42; 4096]
    );
}

/// "평택 1센터" typed decomposed (Hangul jamo), as some input methods and macOS give it.
pub const PYEONGTAEK_NFD: &str =
    "\u{1111}\u{1167}\u{11bc}\u{1110}\u{1162}\u{11a8} 1\u{1109}\u{1166}\u{11ab}\u{1110}\u{1165}";

/// The workspaces `workspace list --json` lists, as (name, id).
fn workspaces(cli: &Cli) -> Vec<(String, String)> {
    let list = cli.run(&["workspace", "list", "--json"]).json();
    list.as_array()
        .expect("array")
        .iter()
        .map(|w| {
            let text = |key: &str| w[key].as_str().expect(key).to_owned();
            (text("name"), text("id"))
        })
        .collect()
}

/// How many assets `--workspace WANTED asset list` finds.
fn assets_in(cli: &Cli, wanted: &str) -> u64 {
    let page = cli
        .run(&["--workspace", wanted, "asset", "list", "--json"])
        .json();
    page["total"].as_u64().expect("total")
}

/// Keeps a workspace the way a store did before names were checked: through
/// `Store::adopt_workspace`, which keeps a name given elsewhere (the team server's, a
/// recovered store's) as it was given. Returns its id.
pub fn keep_workspace_named_before_the_rules(
    store: &cloudwright_core::store::Store,
    name: &str,
    n: u128,
) -> String {
    let meta = cloudwright_core::store::WorkspaceMeta {
        id: cloudwright_core::WorkspaceId(ulid::Ulid::from_parts(1_700_000_000_000, n)),
        name: name.to_owned(),
        created_at_ms: 1_700_000_000_000,
    };
    let kept = store.adopt_workspace(&meta).expect("adopt");
    assert_eq!(kept.name, name, "kept as it was given");
    kept.id.to_string()
}

#[test]
fn a_workspace_name_with_a_newline_an_escape_or_an_override_is_refused_with_the_reason() {
    let cli = Cli::new();
    for (name, says) in [
        (
            "평택\n1센터",
            "the workspace name holds a control character (U+000A) at character 3",
        ),
        (
            "\u{1b}[31m평택",
            "the workspace name holds a control character (U+001B) at character 1",
        ),
        (
            "평택 1센터\n",
            "the workspace name holds a control character (U+000A) at character 7",
        ),
        (
            "평택\u{202e}1센터",
            "the workspace name holds a bidirectional control (U+202E) at character 3",
        ),
        (
            "평택\u{2066}1센터",
            "the workspace name holds a bidirectional control (U+2066) at character 3",
        ),
        (
            "평택\u{200b}1센터",
            "the workspace name holds an invisible character (U+200B) at character 3",
        ),
        (
            "\u{3164}",
            "the workspace name holds an invisible character (U+3164) at character 1",
        ),
    ] {
        let stderr = cli.run(&["workspace", "create", name]).fails();
        assert!(stderr.contains(says), "{name:?}: {stderr}");
        // The refusal never hands the character on to the terminal.
        assert!(
            !stderr.contains(['\u{1b}', '\u{202e}', '\u{2066}']),
            "{stderr:?}"
        );
    }
    assert!(workspaces(&cli).is_empty(), "nothing was created");
}

#[test]
fn a_name_typed_decomposed_is_the_composed_name_and_is_found_either_way() {
    let cli = Cli::new();
    let created = cli.run(&["workspace", "create", PYEONGTAEK_NFD]).ok();
    assert!(created.contains("'평택 1센터'"), "kept composed: {created}");
    let stderr = cli.run(&["workspace", "create", "평택 1센터"]).fails();
    assert!(
        stderr.contains("a workspace named '평택 1센터' already exists"),
        "{stderr}"
    );
    cli.run(&["workspace", "create", "가산 IDC"]).ok();
    let stderr = cli.run(&["workspace", "create", PYEONGTAEK_NFD]).fails();
    assert!(stderr.contains("already exists"), "{stderr}");
    // The demo fills the workspace it finds by the name, typed either way, or makes one.
    cli.run(&[
        "--workspace",
        PYEONGTAEK_NFD,
        "demo",
        "--assets",
        "4",
        "--seed",
        "1",
    ])
    .ok();
    let names: Vec<String> = workspaces(&cli).into_iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["가산 IDC", "평택 1센터"]);
    assert_eq!(assets_in(&cli, "평택 1센터"), 4);
    assert_eq!(assets_in(&cli, PYEONGTAEK_NFD), 4);
}

#[test]
fn a_name_like_an_id_is_refused_and_an_id_is_never_hidden_by_a_name() {
    let cli = Cli::new();
    cli.run(&["workspace", "create", "A"]).ok();
    let a = workspaces(&cli)[0].1.clone();
    for like_an_id in [a.clone(), a.to_lowercase()] {
        let stderr = cli.run(&["workspace", "create", &like_an_id]).fails();
        assert!(
            stderr.contains("a workspace name cannot look like an id"),
            "{stderr}"
        );
    }
    // A store from before the rule: B was named like A's id, and another was kept decomposed.
    let (b, old) = {
        let store = cloudwright_core::store::Store::open(cli.data_dir.path()).expect("store");
        (
            keep_workspace_named_before_the_rules(&store, &a, 2),
            keep_workspace_named_before_the_rules(&store, PYEONGTAEK_NFD, 3),
        )
    };
    cli.run(&["--workspace", "A", "demo", "--assets", "3", "--seed", "1"])
        .ok();
    cli.run(&["--workspace", &b, "demo", "--assets", "2", "--seed", "1"])
        .ok();
    // A's id is A, whatever B is named; B is reached by its own id.
    assert_eq!(assets_in(&cli, &a), 3);
    assert_eq!(assets_in(&cli, &a.to_lowercase()), 3);
    assert_eq!(assets_in(&cli, &b), 2);
    // The decomposed name is found by the name typed composed, and by its id.
    assert_eq!(assets_in(&cli, "평택 1센터"), 0);
    let stderr = cli.run(&["workspace", "create", "평택 1센터"]).fails();
    assert!(stderr.contains("already exists"), "{stderr}");
    cli.run(&["--workspace", &old, "asset", "list"]).ok();
    assert_eq!(workspaces(&cli).len(), 3);
}

#[test]
fn an_export_that_names_its_workspace_with_an_override_is_imported_only_under_a_new_name() {
    let from = Cli::new();
    from.run(&["demo", "--assets", "2", "--seed", "1"]).ok();
    let export = tempfile::tempdir().expect("export dir");
    let dir = export.path().join("export");
    let dir_text = dir.to_str().expect("path");
    from.run(&["workspace", "export", dir_text]).ok();
    // A manifest edited by hand (its files are checked, the name is not a file).
    let manifest_path = dir.join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest_path).expect("manifest")).expect("json");
    manifest["workspace"]["name"] = "데모\u{202e}txt.exe".into();
    std::fs::write(&manifest_path, manifest.to_string()).expect("write manifest");

    let to = Cli::new();
    let stderr = to.run(&["workspace", "import", dir_text]).fails();
    assert!(
        stderr.contains("the workspace name holds a bidirectional control (U+202E) at character 3"),
        "{stderr}"
    );
    assert!(stderr.contains("store restore"), "{stderr}");
    assert!(workspaces(&to).is_empty());
    to.run(&["store", "restore", dir_text, "--name", "데모 복원"])
        .ok();
    assert_eq!(assets_in(&to, "데모 복원"), 2);
}
