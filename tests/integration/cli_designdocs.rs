//! `cloudwright doc …` (issue 20) through the real CLI and a real team server: the owner adds
//! a document and its first version on device A, asks two members for a review (someone who
//! is not a member, and a member without sign_off_designs, refused), both decide on their own
//! devices offline and sync, and every device reads the same document, approved; a third
//! device reads it and saves the file byte for byte, and is refused as a reviewer it is not.
//! A second document's approval, signed offline by a reviewer who loses sign_off_designs
//! before it arrives, is refused by the server, so no device ever holds it.

use crate::util::{added_id, Cli, ServerData};

const WORKSPACE: &str = "평택 1센터";

fn show(cli: &Cli, doc: &str) -> serde_json::Value {
    cli.run(&["doc", "show", doc, "--json"]).json()
}

fn state(cli: &Cli, doc: &str) -> String {
    show(cli, doc)["row"]["state"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The document's id: the first word after `added`.
#[test]
fn two_reviewers_sign_offline_every_device_reads_it_approved_and_a_late_approval_is_refused() {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    for user in ["kim", "lee", "park", "choi"] {
        data.add_user(user, WORKSPACE, "editor");
    }
    for user in ["lee", "park"] {
        data.admin(&[
            "user",
            "grant",
            user,
            "--workspace",
            WORKSPACE,
            "--capability",
            "sign_off_designs",
        ])
        .ok();
    }
    let server = data.serve(&[]);
    let address = server.address().to_owned();
    let kim = Cli::new();
    kim.login(&server, "kim");
    kim.run(&["sync"]).ok();
    let (lee_id, park_id) = (kim.member_id("lee"), kim.member_id("park"));

    // Bad files are refused with the reason, and nothing is added.
    let missing = kim.path("없는 파일.pdf");
    let unreadable = kim
        .run(&[
            "doc",
            "add",
            "--title",
            "전력 계통도",
            "--file",
            missing.to_str().expect("path"),
        ])
        .fails();
    assert!(
        unreadable.contains("file: cannot be read: ") && unreadable.contains("없는 파일.pdf"),
        "{unreadable}"
    );
    let empty = kim.path("빈.pdf");
    std::fs::write(&empty, b"").expect("write");
    let refused = kim
        .run(&[
            "doc",
            "add",
            "--title",
            "전력 계통도",
            "--file",
            empty.to_str().expect("path"),
        ])
        .fails();
    assert!(refused.contains("file: '빈.pdf' is empty"), "{refused}");
    assert_eq!(
        kim.run(&["doc", "list", "--json"]).json(),
        serde_json::json!([])
    );

    let pdf = kim.path("power.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n").expect("write");
    let added = kim
        .run(&[
            "doc",
            "add",
            "--title",
            "전력 계통도",
            "--kind",
            "power_cooling",
            "--tag",
            "평택",
            "--file",
            pdf.to_str().expect("path"),
            "--note",
            "초안",
        ])
        .ok();
    let doc = added_id(&added);
    assert!(added.contains("version 1 power.pdf (36 bytes"), "{added}");
    let edited = kim
        .run(&[
            "doc",
            "edit",
            &doc,
            "--tag",
            "평택",
            "--tag",
            "1단계",
            "--link",
            "rack/없음",
        ])
        .fails();
    assert!(
        edited.contains("links.0: no record 'rack/없음' in this workspace"),
        "{edited}"
    );
    kim.run(&["doc", "edit", &doc, "--tag", "평택", "--tag", "1단계"])
        .ok();
    assert_eq!(
        show(&kim, &doc)["row"]["tags"],
        serde_json::json!(["평택", "1단계"])
    );
    // Someone who is not a member, and a member without sign_off_designs, cannot review.
    let refused = kim
        .run(&[
            "doc",
            "review",
            &doc,
            "--reviewer",
            "아무개",
            "--reviewer",
            "choi",
        ])
        .fails();
    assert!(
        refused.contains("reviewers.0: '아무개' is not a member of this workspace"),
        "{refused}"
    );
    assert!(
        refused.contains("reviewers.1: choi does not hold sign_off_designs"),
        "{refused}"
    );
    let asked = kim
        .run(&[
            "doc",
            "review",
            &doc,
            "--reviewer",
            &lee_id,
            "--reviewer",
            &park_id,
            "--rule",
            "all",
            "--due",
            "2099-01-31",
        ])
        .ok();
    assert!(
        asked.contains("requested from lee, park (all): in_review"),
        "{asked}"
    );
    kim.run(&["sync"]).ok();

    // Both reviewers sync once, then decide offline; park comments on page 1 too.
    let lee = Cli::new();
    lee.login(&server, "lee");
    lee.run(&["sync"]).ok();
    let park = Cli::new();
    park.login(&server, "park");
    park.run(&["sync"]).ok();
    server.kill();
    let approved = lee.run(&["doc", "approve", &doc]).ok();
    assert!(
        approved.contains("approve 전력 계통도: in_review"),
        "{approved}"
    );
    park.run(&[
        "doc",
        "comment",
        &doc,
        "--text",
        "UPS-2 용량 표기",
        "--page",
        "1",
        "--x",
        "0.4",
        "--y",
        "0.2",
    ])
    .ok();
    // park's device has not heard of lee's approval: still in review there.
    let approved = park.run(&["doc", "approve", &doc]).ok();
    assert!(
        approved.contains("approve 전력 계통도: in_review"),
        "{approved}"
    );
    let server = data.serve_on(&address, &[]);
    for cli in [&lee, &park, &lee, &kim] {
        cli.run(&["sync"]).ok();
    }
    let seen = show(&kim, &doc);
    assert_eq!(seen["row"]["state"], "approved");
    assert_eq!(seen, show(&lee, &doc), "lee's device");
    assert_eq!(seen, show(&park, &doc), "park's device");
    let shown = kim.run(&["doc", "show", &doc]).ok();
    assert!(
        shown.contains("approve by lee on version 1, signed"),
        "{shown}"
    );
    assert!(
        shown.contains("approve by park on version 1, signed"),
        "{shown}"
    );
    assert!(
        shown.contains("[page 1 at 0.40,0.20]: park — UPS-2 용량 표기"),
        "{shown}"
    );

    // A third device reads it, saves the file byte for byte, and may not decide on it.
    let choi = Cli::new();
    choi.login(&server, "choi");
    choi.run(&["sync"]).ok();
    assert_eq!(show(&choi, &doc), seen);
    let copy = choi.path("받은 계통도.pdf");
    choi.run(&["doc", "export", &doc, "--out", copy.to_str().expect("path")])
        .ok();
    assert_eq!(
        std::fs::read(&copy).expect("saved"),
        std::fs::read(&pdf).expect("original")
    );
    let locked = choi.run(&["doc", "approve", &doc]).fails();
    assert!(
        locked.contains("this version is approved and locked"),
        "{locked}"
    );

    // A second document: park approves offline, but loses sign_off_designs before the
    // approval reaches the server, which refuses it; kim never sees it approved.
    let added = kim
        .run(&[
            "doc",
            "add",
            "--title",
            "A열 랙 배치도",
            "--kind",
            "rack_layout",
            "--file",
            pdf.to_str().expect("path"),
        ])
        .ok();
    let second = added_id(&added);
    kim.run(&[
        "doc",
        "review",
        &second,
        "--reviewer",
        &lee_id,
        "--reviewer",
        &park_id,
        "--rule",
        "any_one",
    ])
    .ok();
    kim.run(&["sync"]).ok();
    park.run(&["sync"]).ok();
    choi.run(&["sync"]).ok();
    let not_named = choi.run(&["doc", "approve", &second]).fails();
    assert!(
        not_named.contains("you are not a reviewer of this version (the reviewers: lee, park)"),
        "{not_named}"
    );
    park.run(&["doc", "approve", &second]).ok();
    assert_eq!(
        state(&park, &second),
        "approved",
        "on park's device, offline"
    );
    server.kill();
    data.admin(&[
        "user",
        "ungrant",
        "park",
        "--workspace",
        WORKSPACE,
        "--capability",
        "sign_off_designs",
    ])
    .ok();
    let _server = data.serve_on(&address, &[]);
    let said = park.run(&["sync"]);
    let told = format!("{}{}", said.stdout, said.stderr);
    assert!(told.contains("not_entitled"), "the server says why: {told}");
    kim.run(&["sync"]).ok();
    assert_eq!(
        state(&kim, &second),
        "in_review",
        "the server took a late approval"
    );
    assert_eq!(state(&kim, &doc), "approved", "the earlier approvals stand");
}
