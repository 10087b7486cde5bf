//! An edit acknowledged is an edit kept: SIGKILL a writer mid-stream, reopen, check.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use cloudwright_core::store::Store;

use crate::util::{binary, Cli};

#[test]
fn every_acknowledged_edit_survives_a_kill_9() {
    let cli = Cli::new();
    cli.run(&["workspace", "create", "평택 1센터"]).ok();
    cli.run(&[
        "asset",
        "add",
        "--asset-tag",
        "PT1-SRV-0001",
        "--type",
        "server",
    ])
    .ok();
    for round in 0..3u64 {
        let mut child = Command::new(binary("edit-loop"))
            .args([
                cli.data_dir.path().to_str().expect("path"),
                "평택 1센터",
                "PT1-SRV-0001",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn edit-loop");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let target = 40 + round * 37;
        let mut last_acked = 0;
        for line in lines.by_ref() {
            let line = line.expect("line");
            last_acked = line
                .strip_prefix("acked ")
                .and_then(|n| n.parse().ok())
                .expect("acked N");
            if last_acked >= target {
                break;
            }
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");

        let store = Store::open(cli.data_dir.path()).expect("reopen after kill -9");
        let workspace = store
            .workspace(&store.find_workspace("평택 1센터").expect("workspace").id)
            .expect("open");
        let notes = workspace.asset("PT1-SRV-0001").expect("asset").asset.notes;
        let kept: u64 = notes
            .strip_prefix("edit ")
            .and_then(|n| n.parse().ok())
            .expect("notes hold an edit number");
        assert!(
            kept >= last_acked,
            "round {round}: acknowledged edit {last_acked} but only {kept} survived"
        );
        assert!(
            workspace
                .asset_history(workspace.asset("PT1-SRV-0001").expect("asset").asset.id)
                .expect("history")
                .len() as u64
                > kept
        );
    }
}
