//! What was acknowledged is kept across a SIGKILL, on either side of sync: a server killed
//! while a client pushes keeps every push it answered, and a client killed while editing keeps
//! every edit it acknowledged and still pushes it to the team on its next sync.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use crate::util::{binary, Cli, ServerData};

const WORKSPACE: &str = "평택 1센터";
const TAG: &str = "PT1-SRV-0001";

fn server_with_two_editors() -> ServerData {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    data.add_user("kim", WORKSPACE, "editor");
    data.add_user("lee", WORKSPACE, "editor");
    data
}

fn tags(cli: &Cli) -> Vec<String> {
    let mut tags: Vec<String> = cli
        .assets()
        .iter()
        .map(|row| {
            row["asset"]["asset_tag"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    tags.sort();
    tags
}

#[test]
fn every_push_acknowledged_before_the_server_is_killed_survives() {
    let data = server_with_two_editors();
    let first = data.serve(&[]);
    let address = first.address().to_owned();
    let pusher = Cli::new();
    pusher.login(&first, "kim");
    let mut server = Some(first);

    let mut acked: Vec<String> = Vec::new();
    for round in 0..3usize {
        let mut child = Command::new(binary("push-loop"))
            .arg(pusher.data_dir.path())
            .arg(WORKSPACE)
            .arg(format!("R{round}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn push-loop");
        let kill_after = 12 + round * 9;
        let mut this_round = 0;
        for line in BufReader::new(child.stdout.take().expect("stdout")).lines() {
            let line = line.expect("a line from push-loop");
            let tag = line
                .strip_prefix("acked ")
                .unwrap_or_else(|| panic!("not an ack: {line:?}"));
            acked.push(tag.to_owned());
            this_round += 1;
            if this_round == kill_after {
                // The loop is already registering and pushing the next asset.
                server.take().expect("a running server").kill();
            }
        }
        let status = child.wait().expect("push-loop ends");
        let mut stderr = String::new();
        let _ = child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut stderr);
        assert!(
            this_round >= kill_after,
            "round {round}: push-loop stopped after {this_round} acks: {stderr}"
        );
        assert_eq!(
            status.code(),
            Some(3),
            "round {round}: push-loop should stop because the server is gone: {stderr}"
        );
        // The same address, so that the pusher's login still points at it.
        server = Some(data.serve_on(&address, &[]));
    }
    let server = server.expect("the restarted server");

    let fresh = Cli::new();
    fresh.login(&server, "lee");
    fresh.run(&["sync"]).ok();
    let on_server = tags(&fresh);
    let lost: Vec<&String> = acked
        .iter()
        .filter(|tag| !on_server.contains(tag))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged pushes are gone after kill -9: {lost:?}",
        lost.len(),
        acked.len()
    );

    // What the pusher registered but never saw acknowledged goes up on its next sync.
    pusher.run(&["sync"]).ok();
    assert_eq!(pusher.sync_status()["pending"], 0);
    fresh.run(&["sync"]).ok();
    assert_eq!(tags(&fresh), tags(&pusher));
}

/// `asset show TAG --json` of `cli`: (notes, history).
fn shown(cli: &Cli) -> (String, serde_json::Value) {
    let shown = cli.run(&["asset", "show", TAG, "--json"]).json();
    let notes = shown["asset"]["asset"]["notes"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (notes, shown["history"].clone())
}

#[test]
fn edits_acknowledged_before_a_client_is_killed_reach_the_team() {
    let data = server_with_two_editors();
    let server = data.serve(&[]);
    let editor = Cli::new();
    editor.login(&server, "kim");
    editor
        .run(&[
            "asset",
            "add",
            "--asset-tag",
            TAG,
            "--type",
            "server",
            "--status",
            "in_use",
        ])
        .ok();
    editor.run(&["sync"]).ok();
    let teammate = Cli::new();
    teammate.login(&server, "lee");
    teammate.run(&["sync"]).ok();

    let mut acknowledged_edits = 0u64;
    for round in 0..2u64 {
        let mut child = Command::new(binary("edit-loop"))
            .arg(editor.data_dir.path())
            .arg(WORKSPACE)
            .arg(TAG)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn edit-loop");
        let target = 30 + round * 23;
        let mut last_acked = 0;
        for line in BufReader::new(child.stdout.take().expect("stdout")).lines() {
            last_acked = line
                .expect("a line from edit-loop")
                .strip_prefix("acked ")
                .and_then(|n| n.parse().ok())
                .expect("acked N");
            if last_acked >= target {
                break;
            }
        }
        child.kill().expect("SIGKILL the editing client");
        child.wait().expect("reap edit-loop");
        assert_eq!(last_acked, target, "round {round}: edit-loop stopped early");
        acknowledged_edits += last_acked;

        let (notes, history) = shown(&editor);
        let kept: u64 = notes
            .strip_prefix("edit ")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("notes {notes:?} hold no edit number"));
        assert!(
            kept >= last_acked,
            "round {round}: edit {last_acked} was acknowledged but only {kept} survived"
        );
        let entries = history.as_array().map_or(0, Vec::len) as u64;
        assert!(
            entries > acknowledged_edits,
            "round {round}: {entries} history entries for {acknowledged_edits} acknowledged edits and the registration"
        );
        // The edits were marked for pushing in the same write that made them.
        assert_eq!(
            editor.sync_status()["pending"],
            1,
            "round {round}: the killed client forgot it has edits to push"
        );

        editor.run(&["sync"]).ok();
        assert_eq!(editor.sync_status()["pending"], 0);
        // Read again once synced: the editor's own changes are no longer "not synced yet".
        let (_, history) = shown(&editor);
        teammate.run(&["sync"]).ok();
        let (team_notes, team_history) = shown(&teammate);
        assert_eq!(team_notes, notes, "round {round}");
        assert_eq!(
            team_history, history,
            "round {round}: the teammate's history differs from the editor's"
        );
    }
}
