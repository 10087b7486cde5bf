//! A signed decision through the real server and three CLIs: kim asks to dispose of a server,
//! lee (no right to approve) is refused and nothing is written, park (granted
//! approve_disposals) approves it, and kim's device, after a sync, shows the approval as signed
//! by park and valid in `asset life` (text and JSON).

use crate::util::{Cli, ServerData};

const WORKSPACE: &str = "평택 1센터";
const TAG: &str = "PT1-SRV-0001";

#[test]
fn an_approval_signed_on_one_device_reads_valid_on_another_and_one_without_the_right_is_refused() {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    for user in ["kim", "lee", "park"] {
        data.add_user(user, WORKSPACE, "editor");
    }
    data.admin(&[
        "user",
        "grant",
        "park",
        "--workspace",
        WORKSPACE,
        "--capability",
        "approve_disposals",
    ])
    .ok();
    let server = data.serve(&[]);

    let kim = Cli::new();
    kim.login(&server, "kim");
    kim.run(&[
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
    kim.run(&["asset", "dispose", "request", TAG, "--reason", "보증 만료"])
        .ok();
    kim.run(&["sync"]).ok();
    let life = kim.run(&["asset", "life", TAG]).ok();
    assert!(!life.contains("decisions:"), "nothing decided yet: {life}");

    // lee may not approve: refused with the reason, nothing written.
    let lee = Cli::new();
    lee.login(&server, "lee");
    lee.run(&["sync"]).ok();
    let refused = lee.run(&["asset", "dispose", "approve", TAG]).fails();
    assert!(refused.contains("may not make this decision"), "{refused}");
    let unchanged = lee.run(&["asset", "life", TAG, "--json"]).json();
    assert_eq!(unchanged["life"]["disposal"]["stage"], "requested");
    assert_eq!(unchanged["decisions"], serde_json::json!([]));

    // park approves on another device and syncs.
    let park = Cli::new();
    park.login(&server, "park");
    park.run(&["sync"]).ok();
    park.run(&["asset", "dispose", "approve", TAG, "--note", "확인"])
        .ok();
    park.run(&["sync"]).ok();

    // kim's device gets it and judges it by its own roster: signed by park, valid.
    kim.run(&["sync"]).ok();
    let shown = kim.run(&["asset", "life", TAG, "--json"]).json();
    assert_eq!(shown["life"]["disposal"]["stage"], "approved");
    let decisions = shown["decisions"].as_array().expect("decisions listed");
    assert_eq!(decisions.len(), 1, "{shown}");
    assert_eq!(decisions[0]["action"], "approve_disposal");
    assert_eq!(decisions[0]["verdict"], "valid");
    assert_eq!(decisions[0]["signer_name"], "park");
    let text = kim.run(&["asset", "life", TAG]).ok();
    assert!(
        text.contains("decisions:\n  approve_disposal\t✓ valid\tsigned by park ("),
        "{text}"
    );
}

/// Whatever edits a document by hand, as any Automerge library can: the server judges the
/// decisions a push adds by the roster it signed, and takes nothing of a push holding one it
/// does not bear out — a request changed after its approval, a signature with one bit flipped,
/// an approval copied onto another asset — whoever pushes it.
#[test]
fn a_decision_changed_forged_or_replayed_by_hand_is_refused_and_nothing_is_stored() {
    use automerge::transaction::{CommitOptions, Transactable};
    use automerge::{AutoCommit, ObjId, ReadDoc, ROOT};
    use cloudwright_core::sync::protocol::{encode, DocPush, SyncRequest};

    let data = ServerData::new();
    let workspace = data.create_workspace(WORKSPACE);
    for user in ["kim", "lee", "park"] {
        data.add_user(user, WORKSPACE, "editor");
    }
    data.admin(&[
        "user",
        "grant",
        "park",
        "--workspace",
        WORKSPACE,
        "--capability",
        "approve_disposals",
    ])
    .ok();
    let server = data.serve(&[]);
    let kim = Cli::new();
    kim.login(&server, "kim");
    let mut ids = Vec::new();
    for tag in [TAG, "PT1-SRV-0002"] {
        let row = kim
            .run(&[
                "asset",
                "add",
                "--asset-tag",
                tag,
                "--type",
                "server",
                "--json",
            ])
            .json();
        ids.push(format!(
            "asset/{}",
            row["asset"]["id"].as_str().expect("id")
        ));
        kim.run(&["asset", "dispose", "request", tag, "--reason", "보증 만료"])
            .ok();
    }
    kim.run(&["sync"]).ok();
    let park = Cli::new();
    park.login(&server, "park");
    park.run(&["sync"]).ok();
    park.run(&["asset", "dispose", "approve", TAG]).ok();
    park.run(&["sync"]).ok();

    let (lee_token, lee_id) = server.login_account("lee");
    let (park_token, park_id) = server.login_account("park");
    let fetch = |doc_id: &str| {
        let stored = server.document(&workspace, &lee_token, doc_id);
        (
            AutoCommit::load(&stored.data).expect("a document"),
            stored.heads,
        )
    };
    let disposal = |doc: &AutoCommit| -> ObjId {
        let (_, life) = doc.get(ROOT, "life").expect("read").expect("life");
        let (_, disposal) = doc.get(&life, "disposal").expect("read").expect("disposal");
        disposal
    };
    let text = |doc: &AutoCommit, key: &str| -> String {
        let (value, _) = doc.get(disposal(doc), key).expect("read").expect(key);
        value.as_str().expect("text").to_owned()
    };
    let commit_as = |doc: &mut AutoCommit, account: &str| {
        let message = serde_json::json!({
            "v": 1, "author": {"name": "by hand", "initials": "BH"}, "op": "edit",
            "account": account,
        });
        doc.commit_with(CommitOptions::default().with_message(message.to_string()));
    };
    let push = |doc_id: &str, doc: &mut AutoCommit, token: &str| {
        let body = encode(&SyncRequest {
            push: vec![DocPush {
                doc_id: doc_id.to_owned(),
                heads: Vec::new(),
                data: doc.save(),
            }],
            ..SyncRequest::default()
        });
        server.sync_raw(&workspace, token, "by-hand", body)
    };
    let refused_for = |reply: crate::util::Reply, doc_id: &str, action: &str| -> String {
        assert_eq!(
            reply.refusal(),
            (403, "not_entitled".to_owned()),
            "{}",
            reply.text()
        );
        let body: serde_json::Value = serde_json::from_slice(&reply.body).expect("JSON");
        let decisions = body["error"]["decisions"].as_array().expect("decisions");
        assert_eq!(decisions.len(), 1, "{body}");
        assert_eq!(decisions[0]["doc_id"], doc_id);
        assert_eq!(decisions[0]["action"], action);
        assert_eq!(body["error"]["documents"], serde_json::json!([doc_id]));
        decisions[0]["reason"].as_str().expect("reason").to_owned()
    };

    // 1. lee rewrites the reason park approved: the approval is no longer on what is there.
    let (mut doc, stored_heads) = fetch(&ids[0]);
    let at = disposal(&doc);
    doc.put(&at, "reason", "정상 장비 반출").expect("put");
    commit_as(&mut doc, &lee_id);
    let reply = push(&ids[0], &mut doc, &lee_token);
    assert_eq!(
        refused_for(reply, &ids[0], "approve_disposal"),
        "content_changed"
    );

    // 2. park's own account flips one bit of park's signature.
    let (mut doc, _) = fetch(&ids[0]);
    let mut signed: serde_json::Value =
        serde_json::from_str(&text(&doc, "decision")).expect("a signed decision");
    let byte = signed["signature"][0].as_u64().expect("signature bytes");
    signed["signature"][0] = (byte ^ 1).into();
    let at = disposal(&doc);
    doc.put(&at, "decision", signed.to_string()).expect("put");
    commit_as(&mut doc, &park_id);
    let reply = push(&ids[0], &mut doc, &park_token);
    assert_eq!(
        refused_for(reply, &ids[0], "approve_disposal"),
        "signature_invalid"
    );

    // 3. lee copies park's approval, as it is, onto the other asset's request.
    let (approved, _) = fetch(&ids[0]);
    let (mut doc, other_heads) = fetch(&ids[1]);
    let at = disposal(&doc);
    for key in [
        "stage",
        "decided_by",
        "decided_on",
        "decision_note",
        "decision",
    ] {
        doc.put(&at, key, text(&approved, key)).expect("put");
    }
    commit_as(&mut doc, &lee_id);
    let reply = push(&ids[1], &mut doc, &lee_token);
    assert_eq!(
        refused_for(reply, &ids[1], "approve_disposal"),
        "other_record"
    );

    // Nothing of any of them was stored: both documents are as they were, and kim's device
    // still reads park's approval as valid and the other request as undecided.
    assert_eq!(fetch(&ids[0]).1, stored_heads);
    assert_eq!(fetch(&ids[1]).1, other_heads);
    kim.run(&["sync"]).ok();
    let shown = kim.run(&["asset", "life", TAG, "--json"]).json();
    assert_eq!(shown["life"]["disposal"]["reason"], "보증 만료");
    assert_eq!(shown["decisions"][0]["verdict"], "valid", "{shown}");
    let other = kim.run(&["asset", "life", "PT1-SRV-0002", "--json"]).json();
    assert_eq!(other["life"]["disposal"]["stage"], "requested");
}
