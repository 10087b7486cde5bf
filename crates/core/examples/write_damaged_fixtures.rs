//! Writes damaged stores into the folder given as the first argument; they produced
//! `tests/fixtures/damaged`, each of which must be refused and left unchanged
//! (`tests/damaged_store_fixtures.rs`). Each is a data directory holding a demo workspace
//! of 50 assets, closed and opened once more (as the next start does, so sled records
//! where its log ends), then damaged: one flipped byte in the middle of the log's data,
//! 200 scattered damaged bytes, the log cut at three fifths of its data, and the log
//! zeroed from there on. The fifth is the damage sled's own files cannot show: five assets
//! registered after that last open, then the log zeroed from where they begin (a message
//! boundary) to the end of its segment; only `store/acked`, the record of the last
//! acknowledged write, says they were there.

use std::path::Path;

use cloudwright_core::assets::AssetInput;
use cloudwright_core::demo::{generate, DemoOptions};
use cloudwright_core::ids::AssetId;
use cloudwright_core::store::integrity::check_sled_store;
use cloudwright_core::store::Store;
use cloudwright_core::{Author, Stamp};
use rand::{Rng, SeedableRng};
use ulid::Ulid;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: write_damaged_fixtures DIR")?,
    );
    let whole = tempfile::tempdir()?;
    {
        let store = Store::open(whole.path())?;
        let meta = store.create_workspace("평택 1센터", 1)?;
        let workspace = store.workspace(&meta.id)?;
        let stamp = Stamp::new(Author::new("픽스처", "FX"), 1_765_000_000_000);
        generate(
            &workspace,
            &DemoOptions {
                assets: 50,
                seed: 1,
            },
            &stamp,
        )?;
    }
    drop(Store::open(whole.path())?);
    let end = check_sled_store(&whole.path().join("store"))?.end_offset as usize;
    let log = std::fs::read(whole.path().join("store/db"))?;

    let after_the_last_open = tempfile::tempdir()?;
    copy_dir(whole.path(), after_the_last_open.path())?;
    {
        let store = Store::open(after_the_last_open.path())?;
        let meta = store.workspaces()?.remove(0);
        let workspace = store.workspace(&meta.id)?;
        let stamp = Stamp::new(Author::new("픽스처", "FX"), 1_765_000_100_000);
        for n in 0..5u128 {
            let input = AssetInput {
                asset_tag: Some(format!("PT1-SRV-{:04}", 9_000 + n)),
                asset_type: Some("server".into()),
                status: Some("in_stock".into()),
                ..AssetInput::default()
            };
            workspace.register_asset(AssetId(Ulid(9_000 + n)), &input, &stamp)?;
        }
    }
    let boundary = end;
    let segment_end = (boundary / (512 * 1024) + 1) * 512 * 1024;
    let mut zeroed_after_the_last_open =
        std::fs::read(after_the_last_open.path().join("store/db"))?;
    let segment_end = segment_end.min(zeroed_after_the_last_open.len());
    zeroed_after_the_last_open[boundary..segment_end].fill(0);

    let mut random = rand::rngs::StdRng::seed_from_u64(15);
    let mut one_flipped_byte = log.clone();
    one_flipped_byte[end / 2] ^= 0x40;
    let mut scattered = log.clone();
    for _ in 0..200 {
        let at = random.gen_range(0..end);
        scattered[at] ^= 0xFF;
    }
    let truncated = log[..end * 3 / 5].to_vec();
    let mut zeroed_tail = log;
    zeroed_tail[end * 3 / 5..].fill(0);

    for (name, damaged_log) in [
        ("one-flipped-byte", one_flipped_byte),
        ("scattered-damage", scattered),
        ("truncated-log", truncated),
        ("zeroed-tail", zeroed_tail),
    ] {
        let target = out.join(name);
        let _ = std::fs::remove_dir_all(&target);
        copy_dir(whole.path(), &target)?;
        std::fs::write(target.join("store/db"), damaged_log)?;
        println!("wrote {}", target.display());
    }
    let target = out.join("zeroed-after-the-last-open");
    let _ = std::fs::remove_dir_all(&target);
    copy_dir(after_the_last_open.path(), &target)?;
    std::fs::write(target.join("store/db"), zeroed_after_the_last_open)?;
    println!("wrote {}", target.display());
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
