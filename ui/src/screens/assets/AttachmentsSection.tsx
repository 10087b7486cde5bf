import { useEffect, useState, type DragEvent } from "react";
import { Button } from "../../components/Button";
import { useFileState, WaitingPill } from "../../components/FileLink";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT, type Translate } from "../../i18n";
import { attachFile, call, CommandError } from "../../ipc";
import type { Attachment } from "../../bindings/Attachment";
import { useEditAccess } from "../../lib/editAccess";
import { readBytes } from "../../lib/files";
import { describeError } from "../../lib/errors";
import { formatBytes, formatDateTime } from "../../lib/format";
import { useCache, useCommand, useEvent } from "../../lib/useCommand";

/** Rust refuses bigger files (`attachment_too_large`); checked here before reading them. */
export const maxAttachmentBytes = 64 * 1024 * 1024;
/** Larger images get no thumbnail: the panel stays light, and 저장 opens them anyway. */
const maxPreviewBytes = 16 * 1024 * 1024;

const attachErrorKinds = [
  "attachment_too_large",
  "attachment_empty",
  "attachment_no_name",
  "not_synced_yet",
] as const;

function attachError(t: Translate, error: unknown, name: string): string {
  if (error instanceof CommandError) {
    const kind = attachErrorKinds.find((known) => known === error.kind);
    if (kind !== undefined) return t(`attach.error.${kind}`, { name });
  }
  return t("attach.error.failed", { name, message: describeError(t, error) });
}

function isAttachmentsKey(key: string): boolean {
  return key.startsWith("asset_attachments:");
}

/**
 * 첨부 파일 of one asset: the list (name, size, who and when, a thumbnail for images), 저장
 * into the downloads folder, and 파일 추가 by picking files or dropping them on the section.
 */
export function AttachmentsSection({ assetId }: { assetId: string }) {
  const t = useT();
  const toast = useToast();
  const cache = useCache();
  const attachments = useCommand("asset_attachments", { id: assetId });
  const [uploading, setUploading] = useState<string[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  // Attaching is an edit: an account that may not make one sees why, and drops do nothing.
  const refused = useEditAccess().reason("records");

  const add = async (files: readonly File[]) => {
    if (files.length === 0) return;
    setErrors(refused === undefined ? [] : [refused]);
    if (refused !== undefined) return;
    for (const file of files) {
      if (file.size > maxAttachmentBytes) {
        setErrors((list) => [...list, t("attach.error.attachment_too_large", { name: file.name })]);
        continue;
      }
      setUploading((list) => [...list, file.name]);
      try {
        const bytes = await readBytes(file);
        const mime = file.type === "" ? "application/octet-stream" : file.type;
        await attachFile({ id: assetId, name: file.name, mime }, bytes);
        toast(t("attach.added", { name: file.name }));
      } catch (failure) {
        setErrors((list) => [...list, attachError(t, failure, file.name)]);
      } finally {
        setUploading((list) => {
          const at = list.indexOf(file.name);
          return at < 0 ? list : [...list.slice(0, at), ...list.slice(at + 1)];
        });
      }
    }
    // Rust also sends workspace_changed; refreshing here does not wait for it.
    cache.invalidate(isAttachmentsKey);
  };

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    void add([...event.dataTransfer.files]);
  };
  const hasFiles = (event: DragEvent<HTMLElement>) =>
    [...event.dataTransfer.types].includes("Files");

  const list = attachments.data;
  return (
    <section
      className={`detail-section attachments ${dragging ? "is-dragging" : ""}`}
      data-testid="attachments"
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <h3 className="section-title">
        {t("attach.title")}
        {list !== undefined && list.length > 0 && (
          <span className="count-badge">{t("detail.historyCount", { count: list.length })}</span>
        )}
        <label
          className={`btn btn-sm attach-pick ${refused === undefined ? "" : "is-read-only"}`}
          title={refused}
          data-read-only={refused === undefined ? undefined : "true"}
          data-testid="attach-button"
        >
          <Icon name="paperclip" size={14} />
          <span className="btn-label">{t("attach.add")}</span>
          <input
            type="file"
            multiple
            className="file-input"
            data-testid="attach-input"
            disabled={refused !== undefined}
            aria-label={t("attach.add")}
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              // Choosing the same file again must attach it again.
              event.target.value = "";
              void add(files);
            }}
          />
        </label>
      </h3>
      {attachments.error !== undefined && (
        <p className="banner banner-error">{describeError(t, attachments.error)}</p>
      )}
      {errors.map((text, index) => (
        <p key={index} className="banner banner-error attach-error" role="alert">
          {text}
        </p>
      ))}
      {uploading.length > 0 && (
        <p className="attach-progress" data-testid="attach-progress" role="status">
          <Spinner size={14} />
          {t("attach.uploading", { name: uploading.join(", ") })}
        </p>
      )}
      {list === undefined && attachments.error === undefined && (
        <Spinner label={t("common.loading")} />
      )}
      {list !== undefined && list.length === 0 && uploading.length === 0 && (
        <p className="attach-empty muted">{t("attach.empty")}</p>
      )}
      {list !== undefined && list.length > 0 && (
        <ul className="attachment-list">
          {list.map((attachment) => (
            <AttachmentRow key={attachment.sha256} attachment={attachment} />
          ))}
        </ul>
      )}
      {dragging && (
        <div className="attach-drop" aria-hidden="true">
          <Icon name="upload" />
          {t("attach.drop")}
        </div>
      )}
    </section>
  );
}

function AttachmentRow({ attachment }: { attachment: Attachment }) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const [saving, setSaving] = useState(false);
  const image = attachment.mime.startsWith("image/") && attachment.size <= maxPreviewBytes;
  const preview = usePreview(attachment, image);
  const cache = useCache();
  // Any file, not only an image, can be on its way: it then has no 저장 (and no error).
  const waiting =
    useFileState(attachment.sha256) === "waiting_for_sync" || preview.kind === "pending";

  const save = async () => {
    setSaving(true);
    try {
      const result = await call("attachment_save", {
        sha256: attachment.sha256,
        name: attachment.name,
      });
      toast(t("attach.saved", { path: result.path }), "info");
    } catch (failure) {
      if (failure instanceof CommandError && failure.kind === "not_synced_yet") {
        cache.invalidate((key) => key.startsWith("file_state:"));
      } else {
        toast(attachError(t, failure, attachment.name), "error");
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <li className="attachment" data-testid="attachment-row" data-name={attachment.name}>
      {preview.kind === "ready" ? (
        <img
          className="attachment-thumb"
          src={preview.url}
          alt={attachment.name}
          data-testid="attachment-thumb"
        />
      ) : (
        <span className={`attachment-thumb is-${preview.kind}`} aria-hidden="true">
          {preview.kind === "loading" || preview.kind === "pending" ? (
            <Spinner size={14} />
          ) : (
            <Icon name="file" size={18} />
          )}
        </span>
      )}
      <div className="attachment-text">
        <span className="attachment-name" title={attachment.name}>
          {attachment.name}
        </span>
        <span className="attachment-meta">
          <span className="tabular">{formatBytes(attachment.size, language)}</span>
          {" · "}
          {t("detail.byAt", {
            name: attachment.added_by,
            time: formatDateTime(attachment.added_at_ms, language),
          })}
        </span>
        {waiting && (
          <span className="attachment-pending" data-testid="attachment-pending">
            {t("attach.notSyncedYet")}
          </span>
        )}
      </div>
      {waiting ? (
        <WaitingPill />
      ) : (
        <Button
          size="sm"
          icon={<Icon name="download" size={14} />}
          busy={saving}
          onClick={() => void save()}
          data-testid="attachment-save"
        >
          {t("attach.save")}
        </Button>
      )}
    </li>
  );
}

type Preview =
  { kind: "loading" } | { kind: "ready"; url: string } | { kind: "pending" | "failed" | "file" };

/**
 * An image attachment's thumbnail from its bytes, as a Blob URL revoked when it goes. A file
 * still on its way from the server is `pending`, and asked for again after the next sync.
 */
function usePreview(attachment: Attachment, enabled: boolean): Preview {
  const [preview, setPreview] = useState<Preview>({ kind: enabled ? "loading" : "file" });
  const [attempt, setAttempt] = useState(0);
  const { sha256, mime } = attachment;

  useEffect(() => {
    if (!enabled) return undefined;
    let cancelled = false;
    let url: string | undefined;
    call("attachment_bytes", { sha256 }).then(
      (bytes) => {
        if (cancelled) return;
        url = URL.createObjectURL(new Blob([bytes], { type: mime }));
        setPreview({ kind: "ready", url });
      },
      (failure: unknown) => {
        if (cancelled) return;
        const pending = failure instanceof CommandError && failure.kind === "not_synced_yet";
        setPreview({ kind: pending ? "pending" : "failed" });
      },
    );
    return () => {
      cancelled = true;
      if (url !== undefined) URL.revokeObjectURL(url);
    };
  }, [enabled, sha256, mime, attempt]);

  const retryIfPending = () => {
    if (preview.kind === "pending") setAttempt((value) => value + 1);
  };
  useEvent("workspace_changed", retryIfPending);
  useEvent("sync_status", (status) => {
    if (status.state === "synced") retryIfPending();
  });
  return preview;
}
