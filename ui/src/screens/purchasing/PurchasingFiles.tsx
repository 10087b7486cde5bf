// The files kept with a purchasing record — a vendor's contracts and certificates, a
// request's drawings and spec sheets: added by picking files (each refused here, unread, when
// over 64 MB), saved or opened by the file link every record's files use, and taken off the
// list after asking. One component for both; the record says what its files are called, how
// they are added and removed, and (a vendor) the picker for the kind of the next file.
import { useState, type ReactNode } from "react";
import { Button } from "../../components/Button";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { FileLink } from "../../components/FileLink";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { useEditAccess } from "../../lib/editAccess";
import { describeError } from "../../lib/errors";
import { readBytes } from "../../lib/files";
import { formatBytes, formatDateTime } from "../../lib/format";
import { refusal } from "../../lib/problems";

/** Rust refuses larger files (`file_too_large`); checked here before reading one. */
export const maxPurchasingFileBytes = 64 * 1024 * 1024;

/** A file as a vendor or a request lists it, by SHA-256. */
export type ListedFile = {
  name: string;
  size: number;
  added_at_ms: number;
  added_by: string;
};

export function PurchasingFiles<F extends ListedFile>(props: {
  /** `vendor` or `request`: the test ids are `{testId}-files`, `{testId}-file`, … */
  testId: string;
  title: string;
  /** What the empty list says. */
  none: string;
  /** The confirmation's words for taking `name` off. */
  removeSummary: (name: string) => string;
  files: { [sha: string]: F };
  /** Words before the size in a file's line (a vendor's file kind). */
  describe?: (file: F) => string;
  /** Controls before the add button (a vendor's kind picker). */
  picker?: ReactNode;
  /** Why no file can be added here (a closed request), shown on the disabled add button. */
  closed?: string;
  add: (name: string, bytes: Uint8Array) => Promise<unknown>;
  remove: (sha256: string) => Promise<unknown>;
}) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const [uploading, setUploading] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [removing, setRemoving] = useState<{ sha: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const refused = useEditAccess().reason("records") ?? props.closed;
  const id = props.testId;
  const files = Object.entries(props.files).sort(([, a], [, b]) => a.name.localeCompare(b.name));

  const add = async (picked: readonly File[]) => {
    setErrors([]);
    for (const file of picked) {
      if (file.size > maxPurchasingFileBytes) {
        setErrors((list) => [...list, t("files.tooLarge", { name: file.name })]);
        continue;
      }
      setUploading(file.name);
      try {
        await props.add(file.name, await readBytes(file));
        toast(t("files.added", { name: file.name }), "success");
      } catch (failure) {
        const why = refusal(t, failure, []).lines.join(" · ");
        setErrors((list) => [...list, t("files.failed", { name: file.name, message: why })]);
      } finally {
        setUploading(null);
      }
    }
  };
  const remove = async () => {
    if (removing === null) return;
    setBusy(true);
    try {
      await props.remove(removing.sha);
      toast(t("files.removed", { name: removing.name }), "success");
      setRemoving(null);
    } catch (failure) {
      toast(describeError(t, failure), "error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="detail-section vendor-files" data-testid={`${id}-files`}>
      <h3 className="section-title">{props.title}</h3>
      <div className="vendor-file-add">
        {props.picker}
        <label
          className={`btn btn-sm attach-pick ${refused === undefined ? "" : "is-read-only"}`}
          title={refused}
          data-testid={`${id}-file-button`}
        >
          <Icon name="paperclip" size={14} />
          <span className="btn-label">{t("files.add")}</span>
          <input
            type="file"
            multiple
            className="file-input"
            data-testid={`${id}-file-input`}
            disabled={refused !== undefined || uploading !== null}
            aria-label={t("files.add")}
            onChange={(event) => {
              const picked = [...(event.target.files ?? [])];
              // Choosing the same file again must add it again.
              event.target.value = "";
              void add(picked);
            }}
          />
        </label>
      </div>
      {errors.map((text, index) => (
        <p
          key={index}
          className="banner banner-error"
          role="alert"
          data-testid={`${id}-file-error`}
        >
          {text}
        </p>
      ))}
      {uploading !== null && (
        <p className="attach-progress" role="status">
          <Spinner size={14} />
          {t("files.uploading", { name: uploading })}
        </p>
      )}
      {files.length === 0 ? (
        <p className="muted" data-testid={`${id}-files-empty`}>
          {props.none}
        </p>
      ) : (
        <ul className="vendor-file-list">
          {files.map(([sha, file]) => (
            <li key={sha} className="vendor-file" data-testid={`${id}-file`} data-name={file.name}>
              <div className="vendor-file-text">
                <FileLink sha={sha} name={file.name} />
                <span className="muted vendor-file-meta">
                  {props.describe !== undefined && `${props.describe(file)} · `}
                  {t("files.meta", {
                    size: formatBytes(file.size, language),
                    name: file.added_by,
                    time: formatDateTime(file.added_at_ms, language),
                  })}
                </span>
              </div>
              <Button
                edits="records"
                size="sm"
                variant="ghost"
                aria-label={t("files.removeNamed", { name: file.name })}
                onClick={() => setRemoving({ sha, name: file.name })}
                data-testid={`${id}-file-remove`}
              >
                {t("files.remove")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {removing !== null && (
        <ConfirmDialog
          title={t("files.removeNamed", { name: removing.name })}
          summary={props.removeSummary(removing.name)}
          confirmLabel={t("files.remove")}
          danger
          busy={busy}
          onConfirm={() => void remove()}
          onClose={() => setRemoving(null)}
          testId={`${id}-file-remove-confirm`}
        />
      )}
    </section>
  );
}
