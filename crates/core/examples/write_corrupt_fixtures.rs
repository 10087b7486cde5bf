//! Writes damaged Automerge documents into the folder given as the first argument; they
//! produced `tests/fixtures/corrupt`, whose files must all fail to load cleanly.

use automerge::transaction::CommitOptions;
use automerge::AutoCommit;
use cloudwright_core::assets::{apply_input, Asset, AssetInput};
use cloudwright_core::AssetId;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: write_corrupt_fixtures DIR")?,
    );
    std::fs::create_dir_all(&dir)?;
    let input = AssetInput {
        asset_tag: Some("PT1-SRV-0001".into()),
        model: Some("PowerEdge R760".into()),
        ..AssetInput::default()
    };
    let asset: Asset = apply_input(&Asset::blank(AssetId(ulid::Ulid(7))), &input)
        .map_err(|errors| format!("{errors:?}"))?;
    let mut doc = AutoCommit::new();
    autosurgeon::reconcile_prop(&mut doc, automerge::ROOT, "asset", &asset)?;
    doc.commit_with(CommitOptions::default().with_time(1_700_000_000_000));
    let bytes = doc.save();
    std::fs::write(dir.join("truncated-half.bin"), &bytes[..bytes.len() / 2])?;
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x5a;
    std::fs::write(dir.join("checksum-mismatch.bin"), flipped)?;
    std::fs::write(
        dir.join("not-automerge.bin"),
        b"PK\x03\x04 this is a zip header, not a document",
    )?;
    let mut wrong_magic = bytes;
    wrong_magic[0] = 0;
    std::fs::write(dir.join("wrong-magic.bin"), wrong_magic)?;
    println!("wrote damaged documents to {}", dir.display());
    Ok(())
}
