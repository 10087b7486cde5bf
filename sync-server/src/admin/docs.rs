//! `admin doc list|show|quarantine`: what the server holds of a workspace's documents, and
//! taking a bad one out of the feed (kept aside, never deleted) while the server is stopped.
//! Devices that hold it keep it; a push of it is refused on its own from then on.

use clap::Subcommand;
use serde_json::json;

use cloudwright_core::store::Store;
use cloudwright_core::sync::hub::Hub;

use crate::session::now_ms;
use crate::state::random_epoch;

#[derive(Subcommand)]
pub enum DocCommand {
    /// List a workspace's documents: id, kind, schema, size, and whether each fits its kind
    List {
        /// Workspace name or id
        workspace: String,
        /// Only the documents that do not fit their kind
        #[arg(long)]
        unfit: bool,
        /// The quarantined documents instead
        #[arg(long)]
        quarantined: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show one document: how it stands and its content as JSON
    Show {
        /// Workspace name or id
        workspace: String,
        /// The document id (e.g. asset/01J…)
        doc_id: String,
    },
    /// Take a document out of the feed and every answer; its bytes are kept aside
    Quarantine {
        /// Workspace name or id
        workspace: String,
        /// The document id (e.g. asset/01J…)
        doc_id: String,
        /// Why, kept with it
        #[arg(long)]
        reason: String,
    },
}

pub fn doc(store: &Store, command: DocCommand) -> anyhow::Result<()> {
    match command {
        DocCommand::List {
            workspace,
            unfit,
            quarantined,
            json,
        } => {
            let hub = open_hub(store, &workspace)?;
            if quarantined {
                let notes = hub.quarantined()?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&notes)?);
                } else if notes.is_empty() {
                    println!("no quarantined documents");
                } else {
                    for note in notes {
                        println!(
                            "{}\t{} bytes\t{}\t{}",
                            note.doc_id,
                            note.bytes,
                            cloudwright_core::stamp::UtcTime::from_ms(note.at_ms),
                            note.reason
                        );
                    }
                }
                return Ok(());
            }
            let list: Vec<_> = hub
                .document_list()?
                .into_iter()
                .filter(|info| !unfit || info.fit.starts_with("unfit"))
                .collect();
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else if list.is_empty() {
                println!(
                    "{}",
                    if unfit {
                        "every document fits its kind"
                    } else {
                        "no documents"
                    }
                );
            } else {
                for info in list {
                    let schema = info.schema.map_or("-".to_owned(), |s| s.to_string());
                    println!(
                        "{}\tschema {schema}\t{} bytes\t{}",
                        info.doc_id, info.bytes, info.fit
                    );
                }
            }
        }
        DocCommand::Show { workspace, doc_id } => {
            let hub = open_hub(store, &workspace)?;
            let (info, content) = hub.document_show(&doc_id)?;
            println!(
                "{}",
                serde_json::to_string_pretty(&json!({ "document": info, "content": content }))?
            );
        }
        DocCommand::Quarantine {
            workspace,
            doc_id,
            reason,
        } => {
            let reason = reason.trim();
            anyhow::ensure!(
                !reason.is_empty(),
                "say why with --reason: it is kept with the document"
            );
            let hub = open_hub(store, &workspace)?;
            let note = hub.quarantine(&doc_id, reason, now_ms())?;
            println!(
                "{} quarantined ({} bytes kept aside): it leaves the feed; devices that hold it keep it, and a push of it is refused",
                note.doc_id, note.bytes
            );
        }
    }
    Ok(())
}

fn open_hub(store: &Store, workspace: &str) -> anyhow::Result<Hub> {
    let meta = store.find_workspace(workspace)?;
    Ok(Hub::open(store, &meta.id, random_epoch())?)
}
