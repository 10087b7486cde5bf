// A file a record names (a cable test report, a wipe report, a photo, a device type's image)
// as this device has it. Records name files by SHA-256 and the files sync apart from them, so
// on a second device a record can arrive before its file: that file is "waiting for sync" (a
// neutral pill, never an error), and "missing" only when no record synced here names it. The
// state is a cached read (`file_state`, no bytes), so the `workspace_changed` a sync sends
// when files arrive turns the pill into the file without anyone asking.
import { useState } from "react";
import type { FileStateView } from "../bindings/FileStateView";
import { useT } from "../i18n";
import { call, CommandError } from "../ipc";
import { useBlobUrl } from "../lib/blobUrls";
import { describeError } from "../lib/errors";
import { useCache, useCommand } from "../lib/useCommand";
import { Icon } from "./Icon";
import { useToast } from "./Toast";

/** `undefined` while the state is being read. A read that fails counts as missing. */
export function useFileState(sha: string | null | undefined): FileStateView | undefined {
  const read = useCommand("file_state", sha ? { sha256: sha } : null);
  return read.error !== undefined ? "unknown" : read.data;
}

/** The file's state, and a Blob URL for its bytes once it is here (for images). */
export function useFileUrl(sha: string | null | undefined): {
  state: FileStateView | undefined;
  url: string | null;
} {
  const state = useFileState(sha);
  const url = useBlobUrl(state === "here" ? sha : null);
  return { state, url };
}

/**
 * A file's name with 저장 (into the downloads folder) when it is here; its name with a
 * "waiting for sync" pill while a synced record names it and the file is on its way; its
 * name, quietly marked missing, otherwise.
 */
export function FileLink(props: { sha: string; name: string; testId?: string }) {
  const t = useT();
  const toast = useToast();
  const cache = useCache();
  const state = useFileState(props.sha);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    try {
      const saved = await call("attachment_save", { sha256: props.sha, name: props.name });
      toast(t("file.saved", { path: saved.path }), "success");
    } catch (failure) {
      // The file left between the read and the click (it cannot, today): read the state
      // again and show it, rather than an error.
      if (failure instanceof CommandError && failure.kind === "not_synced_yet") {
        cache.invalidate((key) => key.startsWith("file_state:"));
      } else {
        toast(t("toast.failed", { message: describeError(t, failure) }), "error");
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <span
      className="file-link"
      data-testid={props.testId ?? "file-link"}
      data-state={state ?? "loading"}
    >
      {state === "here" ? (
        <button
          type="button"
          className="file-link-save"
          title={t("file.save")}
          aria-label={t("file.saveNamed", { name: props.name })}
          disabled={saving}
          onClick={() => void save()}
          data-testid="file-save"
        >
          <Icon name="download" size={14} />
          <span className="file-link-name">{props.name}</span>
        </button>
      ) : (
        <>
          <span className="file-link-name muted">
            <Icon name="file" size={14} /> {props.name}
          </span>
          {state === "waiting_for_sync" && <WaitingPill />}
          {state === "unknown" && (
            <span className="file-missing" title={t("file.missingHint")} data-testid="file-missing">
              {t("file.missing")}
            </span>
          )}
        </>
      )}
    </span>
  );
}

/** The neutral pill of a file on its way to this device. */
export function WaitingPill() {
  const t = useT();
  return (
    <span
      className="pill pill-file-waiting"
      title={t("file.waitingHint")}
      data-testid="file-waiting"
    >
      <Icon name="cloud" size={12} />
      {t("file.waiting")}
    </span>
  );
}

/**
 * Where an image that is not here stands: a box with the waiting words (or "missing"), the
 * size of the image it stands for (`className`). `compact` keeps the words for the tooltip
 * and screen readers, for boxes too small to hold them.
 */
export function FilePlaceholder(props: {
  state: FileStateView | undefined;
  className: string;
  compact?: boolean;
}) {
  const t = useT();
  const { state } = props;
  if (state === undefined || state === "here") {
    return <span className={`file-placeholder ${props.className}`} aria-hidden="true" />;
  }
  const waiting = state === "waiting_for_sync";
  const words = t(waiting ? "file.waiting" : "file.missing");
  return (
    <span
      className={`file-placeholder is-${waiting ? "waiting" : "missing"} ${props.className}`}
      title={t(waiting ? "file.waitingHint" : "file.missingHint")}
      role="img"
      aria-label={words}
      data-testid={waiting ? "file-waiting" : "file-missing"}
    >
      <Icon name={waiting ? "cloud" : "file"} size={14} />
      {props.compact !== true && <span className="file-placeholder-words">{words}</span>}
    </span>
  );
}

/** An image stored as a file: the image once it is here, else its placeholder. */
export function FileImage(props: {
  sha: string;
  alt: string;
  className: string;
  compact?: boolean;
  testId?: string;
}) {
  const { state, url } = useFileUrl(props.sha);
  if (url === null) {
    return <FilePlaceholder state={state} className={props.className} compact={props.compact} />;
  }
  return <img className={props.className} src={url} alt={props.alt} data-testid={props.testId} />;
}
