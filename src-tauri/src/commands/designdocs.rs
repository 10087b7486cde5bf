//! The design documents screen (issue 20): the list with its filters, a document's view, a
//! new document, a new version uploaded in parts (so the window shows its progress and never
//! sends a large file in one message), a review requested, a decision signed by this device's
//! member key (as purchasing's approvals are), comments pinned or general, replies, resolving,
//! and the documents linked to a rack or a room; a version's bytes read for the preview and
//! saved where exports go, through core's `design_doc_file` (wherever `designdocs::files`
//! keeps them).

use std::io::Write;
use std::path::PathBuf;

use cloudwright_core::assets::parse_date;
use cloudwright_core::designdocs::ops::person_of;
use cloudwright_core::designdocs::{
    CommentInput, DocInput, DocRow, DocView, ReviewInput, ReviewVerdict,
};
use cloudwright_core::stamp::Stamp;
use cloudwright_core::store::Workspace;
use cloudwright_core::sync::large_files::{LargeFileProgress, MAX_LARGE_FILE_BYTES};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{export_path, Ctx, ExportResult};
use crate::error::CommandError;
use crate::ipc::{Bytes, Reply};

/// The list's filters; empty ones filter nothing.
#[derive(Deserialize, TS, Default)]
#[serde(rename_all = "camelCase")]
pub struct DesignDocFilter {
    // Words the title, a tag or the owner's name holds (all of them, any case).
    words: String,
    // A kind's code (`network`), or empty.
    kind: String,
    // A state's code (`in_review`), or empty.
    state: String,
    // Only documents with an open review that waits on this device's member.
    waiting_for_me: bool,
}

#[derive(Deserialize, TS)]
pub struct DesignDocListArgs {
    filter: DesignDocFilter,
}

/// Whether `row` passes the filter's words, kind and state (not who it waits for).
fn row_matches(row: &DocRow, filter: &DesignDocFilter) -> bool {
    let haystack = format!(
        "{} {} {}",
        row.title.to_lowercase(),
        row.tags.join(" ").to_lowercase(),
        row.owner.name.to_lowercase()
    );
    let words_match = filter
        .words
        .split_whitespace()
        .all(|word| haystack.contains(&word.to_lowercase()));
    let kind_match = filter.kind.is_empty() || row.kind.code() == filter.kind;
    let state_match = filter.state.is_empty() || row.state.code() == filter.state;
    words_match && kind_match && state_match
}

/// The documents, newest activity first, as the filter narrows them.
pub fn designdoc_list(
    cx: &Ctx,
    DesignDocListArgs { filter }: DesignDocListArgs,
) -> Reply<Vec<DocRow>> {
    let workspace = cx.workspace()?;
    let me = person_of(&cx.stamp()?).who;
    let rows = workspace
        .design_doc_rows()
        .into_iter()
        .filter(|row| row_matches(row, &filter))
        .filter(|row| {
            !filter.waiting_for_me
                || workspace.design_doc(&row.id).is_ok_and(|doc| {
                    doc.reviews.keys().any(|review| {
                        workspace.design_doc_waits_for(&doc, review, &me, crate::state::now_ms())
                    })
                })
        })
        .collect();
    Ok(rows)
}

#[derive(Deserialize, TS)]
pub struct DesignDocGetArgs {
    // The document's id (or its exact title).
    id: String,
}

/// A whole document: its versions, reviews with their decisions, and the comment threads on
/// its current version.
pub fn designdoc_get(cx: &Ctx, DesignDocGetArgs { id }: DesignDocGetArgs) -> Reply<DocView> {
    Ok(cx.workspace()?.design_doc_view(&id)?)
}

#[derive(Deserialize, TS)]
pub struct DesignDocAddArgs {
    input: DocInput,
}

/// A new document with no version yet (refused at `title`, `kind`, `links/N`, `tags/N`).
pub fn designdoc_add(cx: &Ctx, DesignDocAddArgs { input }: DesignDocAddArgs) -> Reply<DocView> {
    let workspace = cx.workspace()?;
    let doc = workspace.add_design_doc(ulid::Ulid::new(), &input, &cx.stamp()?)?;
    Ok(workspace.design_doc_view(&doc.id)?)
}

/// Where an upload's parts are gathered until its version is added: one file per upload in
/// the data folder (not the window's memory, nor one message holding the whole file).
fn staged_path(cx: &Ctx, upload: &str) -> Reply<PathBuf> {
    let upload: ulid::Ulid = upload.parse().map_err(|_| {
        CommandError::new(
            "invalid",
            format!("'{upload}' is not an upload's id (a ULID)"),
        )
    })?;
    let uploads = cx.data_dir.join("uploads");
    let folder = uploads.join(upload.to_string());
    if !folder.exists() {
        // A new upload: the window that began an older one and never finished it (closed,
        // the app killed) left its parts here; they go once they are a day old.
        sweep_abandoned_uploads(&uploads, crate::state::now_ms());
    }
    std::fs::create_dir_all(&folder)?;
    Ok(folder)
}

/// How long an upload's parts are kept without its version being added.
const ABANDONED_UPLOAD_MS: i64 = 24 * 60 * 60 * 1000;

/// Removes the folders in `uploads` of uploads begun (by their ULID's time) more than
/// [`ABANDONED_UPLOAD_MS`] before `now_ms`; anything not named by a ULID is left alone.
fn sweep_abandoned_uploads(uploads: &std::path::Path, now_ms: i64) {
    let Ok(entries) = std::fs::read_dir(uploads) else {
        return;
    };
    for entry in entries.flatten() {
        let Some(begun) = entry
            .file_name()
            .to_str()
            .and_then(|name| name.parse::<ulid::Ulid>().ok())
            .map(|id| id.timestamp_ms() as i64)
        else {
            continue;
        };
        if now_ms - begun > ABANDONED_UPLOAD_MS {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The file an upload's parts are appended to, in its folder.
const STAGED_PARTS: &str = "parts.upload";

/// How many bytes of an upload are held so far.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct UploadHeld {
    #[ts(type = "number")]
    pub held: u64,
}

#[derive(Deserialize, TS)]
pub struct DesignDocUploadPartArgs {
    // The upload's id: a ULID the window makes for one file.
    upload: String,
    // Where this part starts: the bytes already held (a part sent again is refused, so a
    // window that lost track asks again from what the answer says).
    #[ts(type = "number")]
    offset: u64,
}

/// Adds one part of a file being uploaded as a version; answers the bytes now held. Refused
/// (`upload_offset`, with the bytes held) when the part does not start where the held bytes
/// end, and (`file_too_large`) past the largest version.
pub fn designdoc_upload_part(
    cx: &Ctx,
    DesignDocUploadPartArgs { upload, offset }: DesignDocUploadPartArgs,
    bytes: &[u8],
) -> Reply<UploadHeld> {
    append_part(&staged_path(cx, &upload)?.join(STAGED_PARTS), offset, bytes)
}

/// Appends `bytes` to the staged file at `path` when they start where it ends.
fn append_part(path: &std::path::Path, offset: u64, bytes: &[u8]) -> Reply<UploadHeld> {
    let held = std::fs::metadata(path).map_or(0, |m| m.len());
    if held != offset {
        return Err(CommandError::new(
            "upload_offset",
            format!("this upload holds {held} bytes, not {offset}: send from byte {held}"),
        ));
    }
    let total = held + bytes.len() as u64;
    if total > MAX_LARGE_FILE_BYTES {
        let _ = std::fs::remove_file(path);
        return Err(CommandError::new(
            "file_too_large",
            format!(
                "the file is more than the {} MiB a version may be",
                MAX_LARGE_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(bytes)?;
    Ok(UploadHeld { held: total })
}

#[derive(Deserialize, TS)]
pub struct DesignDocVersionAddArgs {
    id: String,
    // The upload whose parts hold the file.
    upload: String,
    // The file's name as the user picked it.
    name: String,
    note: String,
}

/// How far keeping an uploaded version has got (its bytes read, hashed and split into the
/// large-file store's parts), sent while `designdoc_version_add` runs.
#[derive(Clone, Serialize, TS)]
#[ts(export)]
pub struct DesignDocProgress {
    pub upload: String,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// Adds the uploaded file as the document's next version, kept as a large file (in parts,
/// never whole in memory; `designdoc_progress` events say how far), refused at `file`,
/// `file_name`, `note`. The upload's folder is removed either way: a new try is a new upload.
pub fn designdoc_version_add(
    cx: &Ctx,
    DesignDocVersionAddArgs {
        id,
        upload,
        name,
        note,
    }: DesignDocVersionAddArgs,
) -> Reply<DocView> {
    let folder = staged_path(cx, &upload)?;
    let answer = add_staged_version(
        cx.workspace()?.as_ref(),
        &folder,
        &id,
        &name,
        &note,
        &cx.stamp()?,
        &mut |LargeFileProgress { done, total }| {
            crate::ipc::emit(
                cx.app(),
                DesignDocProgress {
                    upload: upload.clone(),
                    done,
                    total,
                },
            )
        },
    );
    let _ = std::fs::remove_dir_all(&folder);
    answer
}

/// Adds the parts gathered in `folder` as a version of document `id`, under the file's own
/// name (a version's file name is its path's; one with nothing uploaded is an empty file).
fn add_staged_version(
    workspace: &Workspace,
    folder: &std::path::Path,
    id: &str,
    name: &str,
    note: &str,
    stamp: &Stamp,
    progress: &mut dyn FnMut(LargeFileProgress),
) -> Reply<DocView> {
    let clean: String = name
        .trim()
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | '\0') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = match clean.as_str() {
        "" | "." | ".." => "file".to_owned(),
        _ => clean,
    };
    let named = folder.join(&clean);
    let parts = folder.join(STAGED_PARTS);
    if parts.exists() {
        std::fs::rename(&parts, &named)?;
    } else {
        std::fs::File::create(&named)?;
    }
    let (doc, _) = workspace.add_design_doc_version_from_path(id, &named, note, stamp, progress)?;
    Ok(workspace.design_doc_view(&doc.id)?)
}

#[derive(Deserialize, TS)]
pub struct DesignDocFileArgs {
    id: String,
    // The version's number; none: the current one.
    version: Option<u32>,
}

/// The largest version the preview reads whole (the window's `maxPreviewBytes`).
const MAX_PREVIEW_BYTES: u64 = 128 * 1024 * 1024;

/// A version's bytes as this device holds them, for the preview (`invalid` at `file` with
/// `file_not_here` while it is still on its way).
pub fn designdoc_file(
    cx: &Ctx,
    DesignDocFileArgs { id, version }: DesignDocFileArgs,
) -> Reply<Bytes> {
    let workspace = cx.workspace()?;
    let entry = workspace.design_doc_version(&id, version)?;
    if entry.size > MAX_PREVIEW_BYTES {
        return Err(CommandError::new(
            "too_large_to_preview",
            format!(
                "version {} is {} bytes, more than the {} MiB the preview reads: save it",
                entry.number,
                entry.size,
                MAX_PREVIEW_BYTES / (1024 * 1024)
            ),
        ));
    }
    let (_, bytes) = workspace.design_doc_file(&id, version)?;
    Ok(Bytes(bytes))
}

/// Saves a version's file where exports go, named after the file and the time; says where.
/// Written a part at a time with every hash checked (core's `save_design_doc_file`), never
/// whole in memory, however large the version.
pub fn designdoc_save(
    cx: &Ctx,
    DesignDocFileArgs { id, version }: DesignDocFileArgs,
) -> Reply<ExportResult> {
    let workspace = cx.workspace()?;
    let entry = workspace.design_doc_version(&id, version)?;
    let clean: String = entry
        .file_name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | '\0') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let (stem, extension) = clean.rsplit_once('.').unwrap_or((clean.as_str(), "bin"));
    let path = export_path(cx, &format!("{stem}-v{}", entry.number), extension)?;
    workspace.save_design_doc_file(&id, version, &path, &mut |_| {})?;
    Ok(ExportResult {
        path: path.display().to_string(),
        rows: 1,
    })
}

#[derive(Deserialize, TS)]
pub struct DesignDocReviewArgs {
    id: String,
    input: ReviewInput,
    // Today, `YYYY-MM-DD` (a due date must not be past).
    today: String,
}

/// Asks for a review of a version (refused at `reviewers/N`, `rule`, `required`, `due`, …).
pub fn designdoc_review(
    cx: &Ctx,
    DesignDocReviewArgs { id, input, today }: DesignDocReviewArgs,
) -> Reply<DocView> {
    let today = parse_date(&today).ok_or_else(|| {
        CommandError::new(
            "invalid_date",
            format!("'{today}' is not a date (YYYY-MM-DD)"),
        )
    })?;
    let workspace = cx.workspace()?;
    let doc = workspace.request_design_review(&id, &input, &today, &cx.stamp()?)?;
    Ok(workspace.design_doc_view(&doc.id)?)
}

#[derive(Deserialize, TS)]
pub struct DesignDocDecideArgs {
    id: String,
    // The version decided on (its number); none: the current one.
    version: Option<u32>,
    verdict: ReviewVerdict,
    comment: String,
}

/// Approves, rejects or asks for changes on a version, signed by this device's member key in
/// a team's workspace (over the version's hash), exactly as a purchase approval is signed.
pub fn designdoc_decide(
    cx: &Ctx,
    DesignDocDecideArgs {
        id,
        version,
        verdict,
        comment,
    }: DesignDocDecideArgs,
) -> Reply<DocView> {
    let member = cx.signing_member()?;
    let signer = member.as_ref().map(|member| member.signer());
    let workspace = cx.workspace()?;
    let doc = workspace.decide_design_review(
        &id,
        version,
        verdict,
        &comment,
        &cx.stamp()?,
        signer.as_ref(),
    )?;
    Ok(workspace.design_doc_view(&doc.id)?)
}

#[derive(Deserialize, TS)]
pub struct DesignDocCommentArgs {
    id: String,
    // A general comment, a pinned one (page, x, y as fractions) or a reply (`replyTo`).
    input: CommentInput,
}

/// Comments on a version or replies to a thread (refused at `text`, `pin`, `reply_to`).
pub fn designdoc_comment(
    cx: &Ctx,
    DesignDocCommentArgs { id, input }: DesignDocCommentArgs,
) -> Reply<DocView> {
    let workspace = cx.workspace()?;
    let (doc, _) = workspace.comment_design_doc(&id, &input, &cx.stamp()?)?;
    Ok(workspace.design_doc_view(&doc.id)?)
}

#[derive(Deserialize, TS)]
pub struct DesignDocResolveArgs {
    id: String,
    // The thread's comment key (a reply's resolves its thread).
    comment: String,
    // False opens it again.
    resolved: bool,
}

/// Resolves a comment thread, or opens it again.
pub fn designdoc_resolve(
    cx: &Ctx,
    DesignDocResolveArgs {
        id,
        comment,
        resolved,
    }: DesignDocResolveArgs,
) -> Reply<DocView> {
    let workspace = cx.workspace()?;
    let doc = workspace.resolve_design_comment(&id, &comment, resolved, &cx.stamp()?)?;
    Ok(workspace.design_doc_view(&doc.id)?)
}

#[derive(Deserialize, TS)]
pub struct DesignDocLinkedArgs {
    // The record: `rack/01J…`, `room/01J…`.
    record: String,
}

/// The documents linked to a record (a rack's or a room's "linked documents"), by title.
pub fn designdoc_linked(
    cx: &Ctx,
    DesignDocLinkedArgs { record }: DesignDocLinkedArgs,
) -> Reply<Vec<DocRow>> {
    Ok(cx.workspace()?.design_docs_linked_to(&record))
}

#[derive(Deserialize, TS)]
pub struct DesignDocRecordArgs {
    id: String,
    // The version's number; none: the current version.
    version: Option<u32>,
}

/// The version's review record (검토 결과서) as a PDF in the UI's language, where exports go,
/// opened once saved like every other printed page; each decision's signature as this
/// device's roster judges it (cloudwright_print::review_record).
pub fn designdoc_record(
    cx: &Ctx,
    DesignDocRecordArgs { id, version }: DesignDocRecordArgs,
) -> Reply<super::ExportResult> {
    use cloudwright_print::review_record::{review_record_pdf, ReviewRecordError};
    let workspace = cx.workspace()?;
    let bytes = review_record_pdf(
        &workspace,
        &id,
        version,
        super::print_language(cx)?,
        &super::generated_line(cx)?,
    )
    .map_err(|error| match error {
        ReviewRecordError::Doc(error) => CommandError::from(error),
        ReviewRecordError::Store(error) => error.into(),
        ReviewRecordError::Print(error) => CommandError::new("print", error.to_string()),
    })?;
    let saved = super::save_pdf(cx, "review-record", &bytes, 0)?;
    crate::os::open_file(std::path::Path::new(&saved.path));
    Ok(saved)
}

#[derive(Deserialize, TS)]
pub struct DesignDocDiffArgs {
    id: String,
    from: u32,
    to: u32,
}

/// Versions `from` and `to` of a text file side by side, long unchanged runs folded
/// (refused at `from`/`to`: `not_text`, `not_utf8`, `too_large_to_diff`, `unknown_version`).
pub fn designdoc_diff(
    cx: &Ctx,
    DesignDocDiffArgs { id, from, to }: DesignDocDiffArgs,
) -> Reply<cloudwright_core::designdocs::diff::SideBySide> {
    Ok(cx.workspace()?.design_doc_diff(&id, from, to)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(title: &str, kind: &str, state: &str) -> DocRow {
        use cloudwright_core::designdocs::{DocKind, DocPerson, VersionState};
        DocRow {
            id: "01J".into(),
            title: title.into(),
            kind: DocKind::parse(kind).expect("a kind"),
            owner: DocPerson {
                who: "kim".into(),
                name: "김민준".into(),
            },
            tags: vec!["A동".into()],
            current_version: Some(1),
            state: VersionState::parse(state).expect("a state"),
            approved_version: None,
            open_reviews: 0,
            links: Vec::new(),
            updated_at_ms: 0,
        }
    }

    #[test]
    fn the_filter_takes_every_word_the_kind_and_the_state() {
        let power = row("전력 계통도 Rev", "power_cooling", "in_review");
        let filter = |words: &str, kind: &str, state: &str| DesignDocFilter {
            words: words.into(),
            kind: kind.into(),
            state: state.into(),
            waiting_for_me: false,
        };
        assert!(row_matches(&power, &filter("", "", "")));
        assert!(row_matches(
            &power,
            &filter("계통도 rev a동 김민준", "", "")
        ));
        assert!(!row_matches(&power, &filter("계통도 냉방", "", "")));
        assert!(row_matches(
            &power,
            &filter("", "power_cooling", "in_review")
        ));
        assert!(!row_matches(&power, &filter("", "network", "")));
        assert!(!row_matches(&power, &filter("", "", "approved")));
    }

    /// A file sent in three parts is one version (kept as a large file), byte for byte, under
    /// its name made safe, with progress to the whole file; a part that does not start where
    /// the held bytes end is refused with what is held; an upload with nothing in it is
    /// refused as an empty file, writing nothing.
    #[test]
    fn parts_make_one_version_and_a_misplaced_part_is_refused() {
        use cloudwright_core::stamp::Author;
        let dir = tempfile::tempdir().expect("temp dir");
        let store = cloudwright_core::store::Store::open(&dir.path().join("store")).expect("store");
        let meta = store.create_workspace("평택 1센터", 1).expect("workspace");
        let workspace = store.workspace(&meta.id).expect("open");
        let stamp = Stamp::new(Author::from_name("김민준"), 1_800_000_000_000);
        let input = DocInput {
            title: "전력 계통도".into(),
            kind: "power_cooling".into(),
            ..DocInput::default()
        };
        let doc = workspace
            .add_design_doc(ulid::Ulid::new(), &input, &stamp)
            .expect("doc");
        let file: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
        let folder = dir.path().join("upload");
        std::fs::create_dir_all(&folder).expect("folder");
        let staged = folder.join(STAGED_PARTS);
        assert_eq!(
            append_part(&staged, 0, &file[..4000]).expect("first").held,
            4000
        );
        let refused = append_part(&staged, 0, &file[4000..8000]).expect_err("sent again");
        assert_eq!(refused.kind, "upload_offset");
        assert!(
            refused.message.contains("4000 bytes"),
            "{}",
            refused.message
        );
        assert_eq!(
            append_part(&staged, 4000, &file[4000..8000])
                .expect("2")
                .held,
            8000
        );
        assert_eq!(
            append_part(&staged, 8000, &file[8000..]).expect("3").held,
            10_000
        );
        let mut seen = Vec::new();
        let view = add_staged_version(
            &workspace,
            &folder,
            &doc.id,
            "배치/도.bin",
            "초안",
            &stamp,
            &mut |p: LargeFileProgress| seen.push((p.done, p.total)),
        )
        .expect("kept");
        assert_eq!(view.versions[0].version.file_name, "배치_도.bin");
        assert_eq!(
            seen.last(),
            Some(&(10_000, 10_000)),
            "progress ends at the whole file"
        );
        assert_eq!(view.versions.len(), 1);
        assert_eq!(view.versions[0].version.size, 10_000);
        let (_, kept) = workspace.design_doc_file(&doc.id, Some(1)).expect("bytes");
        assert_eq!(kept, file);
        let empty_folder = dir.path().join("empty");
        std::fs::create_dir_all(&empty_folder).expect("folder");
        let empty = add_staged_version(
            &workspace,
            &empty_folder,
            &doc.id,
            "b.bin",
            "",
            &stamp,
            &mut |_| {},
        )
        .expect_err("nothing uploaded");
        assert_eq!(empty.kind, "invalid");
        assert_eq!(empty.problems[0].field, "file");
        assert_eq!(
            workspace
                .design_doc_view(&doc.id)
                .expect("view")
                .versions
                .len(),
            1
        );
    }

    #[test]
    fn uploads_left_for_a_day_are_swept_and_newer_ones_and_other_files_stay() {
        let dir = tempfile::tempdir().expect("temp dir");
        let now_ms: i64 = 1_800_000_000_000;
        let begun = |ago_ms: i64| ulid::Ulid::from_parts((now_ms - ago_ms) as u64, 7).to_string();
        let old = dir.path().join(begun(ABANDONED_UPLOAD_MS + 1));
        let recent = dir.path().join(begun(ABANDONED_UPLOAD_MS - 60_000));
        let other = dir.path().join("not-an-upload");
        for folder in [&old, &recent, &other] {
            std::fs::create_dir_all(folder).expect("folder");
            std::fs::write(folder.join(STAGED_PARTS), b"parts").expect("parts");
        }
        sweep_abandoned_uploads(dir.path(), now_ms);
        assert!(!old.exists(), "a day-old upload is swept");
        assert!(recent.join(STAGED_PARTS).exists(), "a recent upload stays");
        assert!(other.exists(), "a folder not named by a ULID stays");
        // No uploads folder yet: nothing to do, no error.
        sweep_abandoned_uploads(&dir.path().join("missing"), now_ms);
    }
}
