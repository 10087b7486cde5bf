use automerge::transaction::Transactable;
use automerge::{AutoCommit, ReadDoc, ROOT};
use cloudwright_core::sync::protocol::{
    self, DocPush, DocWant, PushResult, SyncRequest, SyncResponse,
};
use reqwest::blocking::Response;

use crate::util::{error_of, metric, Harness, Server};

const DOC_ID: &str = "note/01JD5Z0000000000000000000A";

fn sync(server: &Server, token: &str, ws: &str, client: &str, request: &SyncRequest) -> Response {
    server
        .post(&format!("/v1/workspaces/{ws}/sync"))
        .bearer_auth(token)
        .header("X-Cloudwright-Client", client)
        .header("Content-Type", protocol::CONTENT_TYPE)
        .body(protocol::encode(request))
        .send()
        .expect("answered")
}

fn answer(response: Response) -> SyncResponse {
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some(protocol::CONTENT_TYPE)
    );
    protocol::decode(&response.bytes().expect("bytes")).expect("a sync answer")
}

fn document() -> Vec<u8> {
    let mut doc = AutoCommit::new();
    doc.put(ROOT, "asset_tag", "PT1-SRV-0001").expect("put");
    doc.save()
}

#[test]
fn an_editor_pushes_and_a_viewer_pulls_but_cannot_push() {
    let h = Harness::new();
    let ws = h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    h.user("park", "Alpha", "viewer");
    // The per-workspace document gauges below are an operator's choice.
    let server = h.serve(&["--metrics-workspaces"]);
    let (kim, park) = (server.login("kim"), server.login("park"));
    let push = SyncRequest {
        push: vec![DocPush {
            doc_id: DOC_ID.into(),
            heads: vec![],
            data: document(),
        }],
        ..SyncRequest::default()
    };

    let pushed = answer(sync(&server, &kim, &ws, "kim-laptop", &push));
    assert!(matches!(&pushed.pushed[..], [PushResult::Stored { heads }] if heads.len() == 1));

    let response = sync(&server, &park, &ws, "park-laptop", &push);
    assert_eq!(error_of(response), (403, "read_only".into()));

    let pull = SyncRequest {
        cursor: Some(0),
        feed_limit: 100,
        want: vec![DocWant {
            doc_id: DOC_ID.into(),
            have: vec![],
        }],
        ..SyncRequest::default()
    };
    let pulled = answer(sync(&server, &park, &ws, "park-laptop", &pull));
    assert_eq!(pulled.changed.len(), 1);
    assert_eq!(pulled.changed[0].doc_id, DOC_ID);
    let doc = AutoCommit::load(&pulled.docs[0].data).expect("an Automerge document");
    let tag = doc
        .get(ROOT, "asset_tag")
        .expect("read")
        .map(|(value, _)| value.to_string());
    assert_eq!(tag.as_deref(), Some("\"PT1-SRV-0001\""));

    let text = server.metrics();
    assert_eq!(
        metric(
            &text,
            &format!("cloudwright_documents{{workspace=\"{ws}\"}}")
        ),
        Some(1.0)
    );
    let bytes = metric(
        &text,
        &format!("cloudwright_document_bytes{{workspace=\"{ws}\"}}"),
    );
    assert!(bytes.is_some_and(|bytes| bytes > 0.0), "{text}");
    assert_eq!(
        metric(&text, "cloudwright_errors_total{code=\"read_only\"}"),
        Some(1.0)
    );
}

#[test]
fn hub_errors_reach_the_client_as_json() {
    let h = Harness::new();
    let ws = h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    let server = h.serve(&[]);
    let kim = server.login("kim");
    let bad_id = SyncRequest {
        push: vec![DocPush {
            doc_id: "../../etc".into(),
            heads: vec![],
            data: document(),
        }],
        ..SyncRequest::default()
    };
    assert_eq!(
        error_of(sync(&server, &kim, &ws, "kim-laptop", &bad_id)),
        (400, "bad_document_id".into())
    );
    let bad_doc = SyncRequest {
        push: vec![DocPush {
            doc_id: DOC_ID.into(),
            heads: vec![],
            data: b"not automerge".to_vec(),
        }],
        ..SyncRequest::default()
    };
    let response = sync(&server, &kim, &ws, "kim-laptop", &bad_doc);
    assert_eq!(response.status(), 400);
    // An empty exchange is valid.
    let empty = answer(sync(
        &server,
        &kim,
        &ws,
        "kim-laptop",
        &SyncRequest::default(),
    ));
    assert!(empty.pushed.is_empty() && empty.docs.is_empty());
}
