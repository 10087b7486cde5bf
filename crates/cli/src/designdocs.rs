//! `cloudwright doc add|edit|version|show|list|review|approve|reject|changes|comment|reply|resolve|export|diff`:
//! design documents (issue 20) by the same rules as every other path in (core's
//! `designdocs::ops`). Decisions are signed by the member logged in here.

use anyhow::anyhow;
use clap::Subcommand;
use cloudwright_core::designdocs::files::path_problems;
use cloudwright_core::designdocs::{
    CommentInput, CommentPin, CommentThread, DesignDocError, DocInput, DocView, ReviewInput,
    ReviewVerdict,
};

use cloudwright_print::review_record::{review_record_pdf, ReviewRecordError};

use crate::context::Context;
use crate::lifecycle::TodayArg;

#[derive(Subcommand)]
pub enum DocCommand {
    /// Add a design document (and, with --file, its first version)
    Add {
        #[arg(long)]
        title: String,
        /// architecture, network, power_cooling, rack_layout, cabling, security, procedure,
        /// other
        #[arg(long, default_value = "other")]
        kind: String,
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// A record it describes: KIND/ID (site, room, rack, cable, purchase)
        #[arg(long = "link")]
        links: Vec<String>,
        /// The first version's file
        #[arg(long)]
        file: Option<std::path::PathBuf>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Change a document's title, kind, tags (--tag replaces them all) or links
    Edit {
        doc: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// Link a record: KIND/ID
        #[arg(long = "link")]
        links: Vec<String>,
        /// Unlink a record: KIND/ID
        #[arg(long = "unlink")]
        unlinks: Vec<String>,
    },
    /// Add a version: the file kept exactly as it is
    Version {
        /// The document's id or title
        doc: String,
        file: std::path::PathBuf,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// A document: versions, reviews and decisions, comments on the current version
    Show {
        doc: String,
        #[arg(long)]
        json: bool,
    },
    /// Documents, newest activity first
    List {
        /// Only those linked to this record (rack/ID, room/ID)
        #[arg(long)]
        linked_to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Request a review of a version (the current one unless --version)
    Review {
        doc: String,
        /// A member (account id or name) who reviews
        #[arg(long = "reviewer")]
        reviewers: Vec<String>,
        /// A capability whose holders review too (sign_off_designs)
        #[arg(long, default_value = "")]
        capability: String,
        /// all, any_one or n_of_m
        #[arg(long, default_value = "all")]
        rule: String,
        /// For n_of_m: how many must approve
        #[arg(long)]
        required: Option<u32>,
        /// The day it is due (YYYY-MM-DD)
        #[arg(long, default_value = "")]
        due: String,
        #[arg(long)]
        version: Option<u32>,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Approve the version under review (signed when logged in)
    Approve {
        doc: String,
        #[arg(long, default_value = "")]
        comment: String,
        #[arg(long)]
        version: Option<u32>,
    },
    /// Reject the version under review, with the reason
    Reject {
        doc: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        version: Option<u32>,
    },
    /// Request changes to the version under review, with what to change
    Changes {
        doc: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        version: Option<u32>,
    },
    /// Comment on a version (the current one unless --version), pinned with --page, --x, --y
    /// (a PDF page or an image; x and y fractions of the page from its top left)
    Comment {
        doc: String,
        #[arg(long)]
        text: String,
        #[arg(long)]
        version: Option<u32>,
        #[arg(long)]
        page: Option<u32>,
        #[arg(long)]
        x: Option<f64>,
        #[arg(long)]
        y: Option<f64>,
    },
    /// Reply to a comment (its key, from `doc show`)
    Reply {
        doc: String,
        comment: String,
        #[arg(long)]
        text: String,
    },
    /// Resolve a comment's thread (or --reopen it)
    Resolve {
        doc: String,
        comment: String,
        #[arg(long)]
        reopen: bool,
    },
    /// Save a version's file (the current one unless --version) to a path; with --record,
    /// the version's review record (검토 결과서) as a PDF instead
    Export {
        doc: String,
        #[arg(long)]
        version: Option<u32>,
        #[arg(long)]
        out: std::path::PathBuf,
        /// The review record PDF: reviews, each decision with its signature as checked here
        /// against the roster, comments with their pins
        #[arg(long)]
        record: bool,
        /// The record's language: ko or en
        #[arg(long, default_value = "ko")]
        lang: String,
    },
    /// Print the unified diff of two versions of a text file (md, yaml, yml, json, csv, txt)
    Diff { doc: String, from: u32, to: u32 },
}

fn explain(error: DesignDocError) -> anyhow::Error {
    match error {
        DesignDocError::Refused(problems) => anyhow!(
            "refused:\n{}",
            problems
                .iter()
                .map(|p| format!("  {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        other => other.into(),
    }
}

fn short(sha256: &str) -> &str {
    sha256.get(..12).unwrap_or(sha256)
}

fn print_thread(thread: &CommentThread) {
    let pin = thread
        .comment
        .pin
        .map(|p| format!(" [page {} at {:.2},{:.2}]", p.page, p.x, p.y))
        .unwrap_or_default();
    let carried = if thread.carried {
        format!(" (made on version {})", thread.made_on)
    } else {
        String::new()
    };
    let resolved = if thread.comment.resolved.is_some() {
        " resolved"
    } else {
        ""
    };
    println!(
        "  comment {}{resolved}{carried}{pin}: {} — {}",
        thread.key, thread.comment.by.name, thread.comment.text
    );
    for (key, reply) in &thread.replies {
        println!("    reply {key}: {} — {}", reply.by.name, reply.text);
    }
}

fn print_view(view: &DocView) {
    let row = &view.row;
    println!(
        "{} {} ({}, {}) owner {}",
        row.id,
        row.title,
        row.kind.code(),
        row.state.code(),
        row.owner.name
    );
    if !row.tags.is_empty() {
        println!("  tags: {}", row.tags.join(", "));
    }
    for link in &view.links {
        println!("  link: {} {}", link.record(), link.title);
    }
    for v in &view.versions {
        let mark = if v.current { "*" } else { " " };
        println!(
            " {mark}version {} {} ({} bytes, {}, sha256 {}) by {} — {}{}",
            v.version.number,
            v.version.file_name,
            v.version.size,
            v.version.media_type,
            v.version.sha256,
            v.version.by.name,
            v.state.code(),
            if v.version.note.is_empty() {
                String::new()
            } else {
                format!(": {}", v.version.note)
            }
        );
    }
    for review in &view.reviews {
        let names: Vec<&str> = review
            .review
            .reviewers
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        let capability = if review.review.capability.is_empty() {
            String::new()
        } else {
            format!(" + holders of {}", review.review.capability)
        };
        let due = if review.review.due.is_empty() {
            String::new()
        } else {
            format!(", due {}", review.review.due)
        };
        println!(
            "  review of version {} ({}, {}/{} approvals{due}): {}{capability} — {}",
            review.version_number,
            review.review.rule.code(),
            review.approvals,
            review.required,
            names.join(", "),
            review.state.code()
        );
        for d in &review.decisions {
            let signed = if d.decision.signed.is_some() {
                ", signed"
            } else {
                ""
            };
            let flag = d
                .flag
                .map(|f| format!(" [does not count: {}]", f.code()))
                .unwrap_or_default();
            let comment = if d.decision.comment.is_empty() {
                String::new()
            } else {
                format!(": {}", d.decision.comment)
            };
            println!(
                "    {} by {} on version {}{signed}{flag}{comment}",
                d.decision.verdict.code(),
                d.decision.by.name,
                d.version_number
            );
        }
        if !review.waiting_on.is_empty() {
            let names: Vec<&str> = review.waiting_on.iter().map(|r| r.name.as_str()).collect();
            println!("    waiting on {}", names.join(", "));
        }
    }
    for thread in &view.comments {
        print_thread(thread);
    }
}

pub fn run(context: &Context, command: DocCommand) -> anyhow::Result<()> {
    let ws = context.workspace()?;
    let decide = |doc: &str, version: Option<u32>, verdict: ReviewVerdict, comment: &str| {
        let member = context.signing_member(&ws)?;
        let signer = member.as_ref().map(|member| member.signer());
        let doc = ws
            .decide_design_review(
                doc,
                version,
                verdict,
                comment,
                &context.stamp()?,
                signer.as_ref(),
            )
            .map_err(explain)?;
        let view = ws.design_doc_view(&doc.id).map_err(explain)?;
        println!(
            "{} {}: {}",
            verdict.code(),
            view.row.title,
            view.row.state.code()
        );
        anyhow::Ok(())
    };
    match command {
        DocCommand::Add {
            title,
            kind,
            tags,
            links,
            file,
            note,
        } => {
            // The file is read (and its parts kept) first: a bad one adds nothing.
            if let Some(path) = &file {
                let problems = path_problems(path);
                if !problems.is_empty() {
                    return Err(explain(DesignDocError::Refused(problems)));
                }
            }
            let stamp = context.stamp()?;
            let doc = ws
                .add_design_doc(
                    ulid::Ulid::new(),
                    &DocInput {
                        title,
                        kind,
                        tags,
                        links,
                    },
                    &stamp,
                )
                .map_err(explain)?;
            println!("added {} {}", doc.id, doc.title);
            if let Some(path) = file {
                let (doc, key) = ws
                    .add_design_doc_version_from_path(&doc.id, &path, &note, &stamp, &mut |_| {})
                    .map_err(explain)?;
                let version = &doc.versions[&key];
                println!(
                    "version {} {} ({} bytes, sha256 {})",
                    version.number, version.file_name, version.size, version.sha256
                );
            }
        }
        DocCommand::Edit {
            doc,
            title,
            kind,
            tags,
            links,
            unlinks,
        } => {
            let current = ws.design_doc(&doc).map_err(explain)?;
            let unlinks: Vec<String> = unlinks.iter().map(|l| l.replacen(':', "/", 1)).collect();
            let mut kept: Vec<String> = current
                .links
                .keys()
                .filter(|record| !unlinks.contains(record))
                .cloned()
                .collect();
            kept.extend(links);
            let doc = ws
                .edit_design_doc(
                    &current.id,
                    &DocInput {
                        title: title.unwrap_or(current.title),
                        kind: kind.unwrap_or_else(|| current.kind.code().to_owned()),
                        tags: if tags.is_empty() { current.tags } else { tags },
                        links: kept,
                    },
                    &context.stamp()?,
                )
                .map_err(explain)?;
            println!("changed {} {} ({})", doc.id, doc.title, doc.kind.code());
        }
        DocCommand::Version { doc, file, note } => {
            let (doc, key) = ws
                .add_design_doc_version_from_path(
                    &doc,
                    &file,
                    &note,
                    &context.stamp()?,
                    &mut |_| {},
                )
                .map_err(explain)?;
            let version = &doc.versions[&key];
            println!(
                "version {} of {}: {} ({} bytes, sha256 {})",
                version.number, doc.title, version.file_name, version.size, version.sha256
            );
        }
        DocCommand::Show { doc, json } => {
            let view = ws.design_doc_view(&doc).map_err(explain)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&view)?);
            } else {
                print_view(&view);
            }
        }
        DocCommand::List { linked_to, json } => {
            let rows = match linked_to {
                Some(record) => ws.design_docs_linked_to(&record),
                None => ws.design_doc_rows(),
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else {
                for row in rows {
                    println!(
                        "{}\t{}\t{}\t{}\tv{}\t{}\t{} open review(s)",
                        row.id,
                        row.title,
                        row.kind.code(),
                        row.owner.name,
                        row.current_version
                            .map_or_else(|| "-".to_owned(), |n| n.to_string()),
                        row.state.code(),
                        row.open_reviews
                    );
                }
            }
        }
        DocCommand::Review {
            doc,
            reviewers,
            capability,
            rule,
            required,
            due,
            version,
            today,
        } => {
            let doc = ws
                .request_design_review(
                    &doc,
                    &ReviewInput {
                        version,
                        reviewers,
                        capability,
                        rule,
                        required,
                        due,
                    },
                    &today.date()?,
                    &context.stamp()?,
                )
                .map_err(explain)?;
            let view = ws.design_doc_view(&doc.id).map_err(explain)?;
            if let Some(review) = view.reviews.last() {
                let names: Vec<&str> = review
                    .review
                    .reviewers
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect();
                println!(
                    "review of {} version {} requested from {} ({}): {}",
                    view.row.title,
                    review.version_number,
                    names.join(", "),
                    review.review.rule.code(),
                    view.row.state.code()
                );
            }
        }
        DocCommand::Approve {
            doc,
            comment,
            version,
        } => decide(&doc, version, ReviewVerdict::Approve, &comment)?,
        DocCommand::Reject {
            doc,
            reason,
            version,
        } => decide(&doc, version, ReviewVerdict::Reject, &reason)?,
        DocCommand::Changes {
            doc,
            reason,
            version,
        } => decide(&doc, version, ReviewVerdict::Changes, &reason)?,
        DocCommand::Comment {
            doc,
            text,
            version,
            page,
            x,
            y,
        } => {
            let pin = match (page, x, y) {
                (None, None, None) => None,
                (Some(page), Some(x), Some(y)) => Some(CommentPin { page, x, y }),
                _ => anyhow::bail!("a pin needs all of --page, --x and --y"),
            };
            let (_, key) = ws
                .comment_design_doc(
                    &doc,
                    &CommentInput {
                        version,
                        text,
                        pin,
                        reply_to: None,
                    },
                    &context.stamp()?,
                )
                .map_err(explain)?;
            println!("comment {key}");
        }
        DocCommand::Reply { doc, comment, text } => {
            let (_, key) = ws
                .comment_design_doc(
                    &doc,
                    &CommentInput {
                        version: None,
                        text,
                        pin: None,
                        reply_to: Some(comment),
                    },
                    &context.stamp()?,
                )
                .map_err(explain)?;
            println!("reply {key}");
        }
        DocCommand::Resolve {
            doc,
            comment,
            reopen,
        } => {
            ws.resolve_design_comment(&doc, &comment, !reopen, &context.stamp()?)
                .map_err(explain)?;
            println!("{} {comment}", if reopen { "reopened" } else { "resolved" });
        }
        DocCommand::Export {
            doc,
            version,
            out,
            record: true,
            lang,
        } => {
            let language = crate::reports::language(&lang)?;
            let generated = crate::reports::generated_line(context)?;
            let pdf =
                review_record_pdf(&ws, &doc, version, language, &generated).map_err(|error| {
                    match error {
                        ReviewRecordError::Doc(error) => explain(error),
                        other => other.into(),
                    }
                })?;
            std::fs::write(&out, &pdf)
                .map_err(|error| anyhow!("cannot write {}: {error}", out.display()))?;
            println!("wrote the review record to {}", out.display());
        }
        DocCommand::Diff { doc, from, to } => {
            print!(
                "{}",
                ws.design_doc_unified_diff(&doc, from, to)
                    .map_err(explain)?
            );
        }
        DocCommand::Export {
            doc, version, out, ..
        } => {
            let (entry, size) = ws
                .save_design_doc_file(&doc, version, &out, &mut |_| {})
                .map_err(explain)?;
            println!(
                "wrote version {} {} ({size} bytes, sha256 {}…) to {}",
                entry.number,
                entry.file_name,
                short(&entry.sha256),
                out.display()
            );
        }
    }
    Ok(())
}
