// One design document: its versions (number, uploader, time, size, SHA-256 with copy, the
// current one marked, each saved where exports go), a new version uploaded in parts with a
// progress bar, the preview of the chosen version with its pinned comments, and the review
// panel. Keys: C comment mode, Esc leaves it (or closes the document).
import { useState } from "react";
import type { CommentPin } from "../../bindings/CommentPin";
import type { DocView } from "../../bindings/DocView";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { call, upload } from "../../ipc";
import { describeError } from "../../lib/errors";
import { readBytes } from "../../lib/files";
import { formatBytes, formatDateTime } from "../../lib/format";
import { useAnyModalOpen } from "../../lib/modalStack";
import { RecordLink } from "../../lib/navigation";
import { useRefusal } from "../../lib/problems";
import { useShortcuts } from "../../lib/shortcuts";
import { useCommand, useEvent } from "../../lib/useCommand";
import { kindKey, stateKey } from "./columns";
import { Preview, previewKind } from "./Preview";
import { ReviewPanel } from "./ReviewPanel";

/** A part of an upload: small enough for one message, large enough to keep up. */
export const uploadPartBytes = 4 * 1024 * 1024;

/** A ULID-shaped id for one upload (time + randomness, Crockford base 32). */
export function newUploadId(now = Date.now(), random: () => number = Math.random): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let time = "";
  let left = now;
  for (let i = 0; i < 10; i += 1) {
    time = alphabet[left % 32] + time;
    left = Math.floor(left / 32);
  }
  let rest = "";
  for (let i = 0; i < 16; i += 1) rest += alphabet[Math.floor(random() * 32)];
  return time + rest;
}

/**
 * Sends `file` in parts (read one at a time, never whole), calling `progress` with the bytes
 * the app holds after each, then adds it as the document's next version.
 */
export async function uploadVersion(
  id: string,
  file: Blob & { name: string },
  note: string,
  progress: (done: number, total: number) => void,
  uploadId: string = newUploadId(),
): Promise<DocView> {
  let offset = 0;
  progress(0, file.size);
  while (offset < file.size) {
    const part = await readBytes(file.slice(offset, offset + uploadPartBytes) as File);
    const held = await upload("designdoc_upload_part", { upload: uploadId, offset }, part);
    offset = held.held;
    progress(offset, file.size);
  }
  return call("designdoc_version_add", { id, upload: uploadId, name: file.name, note });
}

export function DocDetail(props: { id: string; onClose: () => void }) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const modalOpen = useAnyModalOpen();
  const read = useCommand("designdoc_get", { id: props.id });
  const [shown, setShown] = useState<number | null>(null);
  const [commentMode, setCommentMode] = useState(false);
  const [pin, setPin] = useState<CommentPin | null>(null);
  const [uploading, setUploading] = useState(false);
  const view = read.data;
  const current = view?.versions.find((version) => version.current);
  const version = view?.versions.find((candidate) => candidate.version.number === shown) ?? current;
  useShortcuts(
    {
      c: () => setCommentMode((on) => !on),
      Escape: () => (commentMode ? setCommentMode(false) : props.onClose()),
    },
    !modalOpen,
  );
  if (view === undefined) {
    return read.error !== undefined ? (
      <p role="alert">{describeError(t, read.error)}</p>
    ) : (
      <div className="center-message">
        <Spinner size={20} label={t("common.loading")} />
      </div>
    );
  }
  const copy = async (sha: string) => {
    await navigator.clipboard?.writeText(sha);
    toast(t("designdoc.copied"), "success");
  };
  const save = async (number: number) => {
    try {
      const saved = await call("designdoc_save", { id: view.row.id, version: number });
      toast(t("designdoc.saved", { path: saved.path }), "success");
    } catch (failure) {
      toast(describeError(t, failure), "error");
    }
  };
  const record = async (number: number) => {
    try {
      const saved = await call("designdoc_record", { id: view.row.id, version: number });
      toast(t("designdoc.record.saved", { path: saved.path }), "success");
    } catch (failure) {
      toast(describeError(t, failure), "error");
    }
  };
  // Comments are pinned on a PDF's pages or an image (core refuses a pin anywhere else).
  const pinnable =
    version !== undefined &&
    ["pdf", "image"].includes(previewKind(version.version.media_type, version.version.file_name));
  const reviewed = (number: number) =>
    view.reviews.some((review) => review.version_number === number);
  return (
    <section
      className="designdoc-detail"
      data-testid="designdoc-detail"
      aria-label={t("designdoc.detail")}
    >
      <header className="designdoc-head">
        <Button size="sm" variant="ghost" onClick={props.onClose} aria-label={t("designdoc.close")}>
          <Icon name="x" size={14} />
        </Button>
        <h2 data-testid="designdoc-title">{view.row.title}</h2>
        <span className="muted">{t(kindKey(view.row.kind))}</span>
        <span
          className={`designdoc-state state-${view.row.state}`}
          data-testid="designdoc-state"
          data-state={view.row.state}
        >
          {t(stateKey(view.row.state))}
        </span>
        {view.row.approved_version !== null && (
          <span className="muted">
            {t("designdoc.approvedVersion", { number: view.row.approved_version })}
          </span>
        )}
        <span className="muted">{t("designdoc.owner", { name: view.row.owner.name })}</span>
        <Button
          edits="records"
          size="sm"
          variant="primary"
          icon={<Icon name="upload" size={14} />}
          onClick={() => setUploading(true)}
          data-testid="designdoc-upload"
        >
          {t("designdoc.upload")}
        </Button>
      </header>
      {view.links.length > 0 && (
        <p className="designdoc-links">
          {t("designdoc.links")}:{" "}
          {view.links.map((link) => (
            <RecordLink key={`${link.kind}/${link.id}`} record={`${link.kind}/${link.id}`}>
              {link.title || `${link.kind}/${link.id}`}
            </RecordLink>
          ))}
        </p>
      )}
      <div className="designdoc-columns">
        <div className="designdoc-main">
          {view.versions.length === 0 ? (
            <p className="muted" data-testid="designdoc-no-version">
              {t("designdoc.noVersion")}
            </p>
          ) : (
            <>
              <ol className="designdoc-versions" data-testid="designdoc-versions">
                {[...view.versions].reverse().map((entry) => (
                  <li
                    key={entry.key}
                    className={entry === version ? "is-shown" : ""}
                    data-testid="designdoc-version"
                    data-number={entry.version.number}
                    data-state={entry.state}
                    data-current={entry.current ? "yes" : "no"}
                  >
                    <button
                      type="button"
                      className="designdoc-version-pick"
                      onClick={() => setShown(entry.version.number)}
                      aria-label={t("designdoc.preview", { number: entry.version.number })}
                    >
                      <strong>{t("designdoc.version", { number: entry.version.number })}</strong>
                      {entry.current && <span className="badge">{t("designdoc.current")}</span>}
                      <span className={`designdoc-state state-${entry.state}`}>
                        {t(stateKey(entry.state))}
                      </span>
                    </button>
                    <span className="muted">
                      {t("designdoc.versionLine", {
                        who: entry.version.by.name,
                        when: formatDateTime(entry.version.at_ms, language),
                        size: formatBytes(entry.version.size, language),
                      })}
                    </span>
                    <span className="mono" title={entry.version.sha256}>
                      {entry.version.sha256.slice(0, 12)}
                    </span>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => void copy(entry.version.sha256)}
                      aria-label={t("designdoc.copySha")}
                    >
                      <Icon name="copy" size={14} />
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      icon={<Icon name="download" size={14} />}
                      onClick={() => void save(entry.version.number)}
                      data-testid="designdoc-version-save"
                    >
                      {t("designdoc.saveVersion")}
                    </Button>
                    {entry.version.note !== "" && (
                      <p className="designdoc-note">{entry.version.note}</p>
                    )}
                  </li>
                ))}
              </ol>
              {version?.state === "approved" && (
                <p className="designdoc-locked" data-testid="designdoc-locked">
                  <Icon name="check" size={14} /> {t("designdoc.locked")}
                </p>
              )}
              {version !== undefined && (
                <div className="designdoc-preview-bar">
                  {pinnable && (
                    <Button
                      size="sm"
                      variant={commentMode ? "primary" : "secondary"}
                      shortcut="C"
                      aria-pressed={commentMode}
                      onClick={() => setCommentMode((on) => !on)}
                      data-testid="designdoc-comment-mode"
                    >
                      {t("designdoc.commentMode")}
                    </Button>
                  )}
                  {commentMode && <span className="muted">{t("designdoc.commentMode.on")}</span>}
                  {reviewed(version.version.number) && (
                    <Button
                      size="sm"
                      icon={<Icon name="printer" size={14} />}
                      onClick={() => void record(version.version.number)}
                      data-testid="designdoc-record"
                    >
                      {t("designdoc.record")}
                    </Button>
                  )}
                </div>
              )}
              {version !== undefined && (
                <div className="designdoc-preview" data-testid="designdoc-preview">
                  <Preview
                    docId={view.row.id}
                    version={version}
                    versions={view.versions}
                    threads={version.current ? view.comments : []}
                    commentMode={commentMode && version.current}
                    onPin={(spot) => setPin(spot)}
                  />
                </div>
              )}
            </>
          )}
        </div>
        <ReviewPanel view={view} pin={pin} onPinDone={() => setPin(null)} />
      </div>
      {uploading && <UploadDialog id={view.row.id} onClose={() => setUploading(false)} />}
    </section>
  );
}

function UploadDialog(props: { id: string; onClose: () => void }) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState("");
  // Sending the parts, then keeping them (Rust reads, hashes and splits the file into the
  // large-file store's parts, saying how far in `designdoc_progress`).
  const [progress, setProgress] = useState<{
    phase: "sending" | "keeping";
    done: number;
    total: number;
  } | null>(null);
  const [uploadId, setUploadId] = useState("");
  useEvent("designdoc_progress", (event) => {
    if (event.upload === uploadId)
      setProgress({ phase: "keeping", done: event.done, total: event.total });
  });
  const { busy, refused, run } = useRefusal(["file", "file_name", "note"]);
  const send = async () => {
    if (file === null) return;
    let number = 0;
    const id = newUploadId();
    setUploadId(id);
    const done = await run(async () => {
      const view = await uploadVersion(
        props.id,
        file,
        note,
        (sent, total) => setProgress({ phase: "sending", done: sent, total }),
        id,
      );
      number = view.versions.at(-1)?.version.number ?? 0;
    });
    if (done) {
      toast(t("designdoc.upload.done", { number }), "success");
      props.onClose();
    } else {
      setProgress(null);
    }
  };
  return (
    <Dialog
      title={t("designdoc.upload.title")}
      onClose={props.onClose}
      testId="designdoc-upload-dialog"
      footer={
        <>
          <Button onClick={props.onClose}>{t("designdoc.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={file === null}
            onClick={() => void send()}
            data-testid="designdoc-upload-send"
          >
            {t("designdoc.upload.send")}
          </Button>
        </>
      }
    >
      <Field
        label={t("designdoc.upload.file")}
        required
        error={refused.fields.file ?? refused.fields.file_name}
        hint={t("designdoc.upload.pick")}
      >
        <input
          type="file"
          data-autofocus
          data-testid="designdoc-upload-file"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </Field>
      <Field label={t("designdoc.upload.note")} error={refused.fields.note}>
        <textarea
          value={note}
          rows={3}
          onChange={(event) => setNote(event.target.value)}
          data-testid="designdoc-upload-note"
        />
      </Field>
      {progress !== null && (
        <div
          className="designdoc-progress"
          data-testid="designdoc-upload-progress"
          data-phase={progress.phase}
        >
          <progress max={progress.total} value={progress.done} />
          <span className="tabular">
            {t(
              progress.phase === "sending"
                ? "designdoc.upload.progress"
                : "designdoc.upload.keeping",
              {
                done: formatBytes(progress.done, language),
                total: formatBytes(progress.total, language),
              },
            )}
          </span>
        </div>
      )}
      {refused.lines.map((line) => (
        <p key={line} className="form-error" role="alert">
          {line}
        </p>
      ))}
    </Dialog>
  );
}
