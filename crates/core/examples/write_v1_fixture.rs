//! Writes a store in schema 1 — Cloudwright's first layout, whole documents under
//! `doc/{kind}/{id}` and no projections — into the folder given as the first argument.
//! It produced `tests/fixtures/store-v1`; run it again only to recreate that fixture:
//! `cargo run -p cloudwright-core --example write_v1_fixture -- crates/core/tests/fixtures/store-v1`

use automerge::transaction::CommitOptions;
use automerge::AutoCommit;
use cloudwright_core::assets::{apply_input, Asset, AssetInput};
use cloudwright_core::stamp::ChangeMessage;
use cloudwright_core::{AssetId, Author};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: write_v1_fixture DIR")?,
    );
    std::fs::create_dir_all(&dir)?;
    std::fs::write(
        dir.join("cloudwright.json"),
        r#"{"format":"cloudwright-data","version":1}"#,
    )?;
    let db = sled::open(dir.join("store"))?;
    let meta = db.open_tree("meta")?;
    meta.insert("schema_version", &1u32.to_be_bytes())?;
    let workspace_id = "01JD0000000000000000000000";
    meta.insert(
        format!("w/{workspace_id}"),
        format!(r#"{{"id":"{workspace_id}","name":"평택 1센터","created_at_ms":1700000000000}}"#)
            .as_bytes(),
    )?;
    let tree = db.open_tree(format!("ws/{workspace_id}"))?;
    let author = Author::new("김민준", "김민");
    for (number, (tag, model, status)) in [
        ("PT1-SRV-0001", "PowerEdge R760", "in_use"),
        ("PT1-SW-0002", "Nexus 93180YC-FX3", "in_stock"),
    ]
    .iter()
    .enumerate()
    {
        let id: AssetId = format!("01JD00000000000000000000A{number}").parse()?;
        let input = AssetInput {
            asset_tag: Some((*tag).into()),
            asset_type: Some(if number == 0 { "server" } else { "switch" }.into()),
            model: Some((*model).into()),
            status: Some((*status).into()),
            site: Some("평택 1센터".into()),
            ..AssetInput::default()
        };
        let asset: Asset =
            apply_input(&Asset::blank(id), &input).map_err(|errors| format!("{errors:?}"))?;
        let mut doc = AutoCommit::new();
        autosurgeon::reconcile_prop(&mut doc, automerge::ROOT, "schema", 1u64)?;
        autosurgeon::reconcile_prop(&mut doc, automerge::ROOT, "kind", "asset")?;
        autosurgeon::reconcile_prop(&mut doc, automerge::ROOT, "asset", &asset)?;
        doc.commit_with(
            CommitOptions::default()
                .with_message(ChangeMessage::new(&author, "register").encode())
                .with_time(1_700_000_000_000),
        );
        let edited = Asset {
            owner: "인프라운영팀".into(),
            ..asset
        };
        autosurgeon::reconcile_prop(&mut doc, automerge::ROOT, "asset", &edited)?;
        doc.commit_with(
            CommitOptions::default()
                .with_message(ChangeMessage::new(&author, "edit").encode())
                .with_time(1_700_000_600_000),
        );
        tree.insert(format!("doc/asset/{id}"), doc.save())?;
    }
    db.flush()?;
    println!("wrote a schema-1 store to {}", dir.display());
    Ok(())
}
