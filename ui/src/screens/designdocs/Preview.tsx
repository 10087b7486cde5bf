// A version's preview: PDF pages drawn by pdf.js (the first page first, the others as they
// scroll near), an image with zoom (buttons and + / − / 0), text-like files as text. Pinned
// comments are drawn at their spot on their page; in comment mode a click on a page asks for
// a comment there.
import { useEffect, useRef, useState, type MouseEvent } from "react";
import type { CommentPin } from "../../bindings/CommentPin";
import type { CommentThread } from "../../bindings/CommentThread";
import type { VersionView } from "../../bindings/VersionView";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useLanguage, useT } from "../../i18n";
import { call } from "../../ipc";
import { describeError } from "../../lib/errors";
import { formatBytes } from "../../lib/format";
import { refusal } from "../../lib/problems";
import { useCommand } from "../../lib/useCommand";
import { useAnyModalOpen } from "../../lib/modalStack";
import { useShortcuts } from "../../lib/shortcuts";
import { pinFromClick, pinStyle } from "./pins";

/** What kind of preview a media type gets. */
export function previewKind(
  mediaType: string,
  fileName: string,
): "pdf" | "image" | "text" | "none" {
  if (mediaType === "application/pdf") return "pdf";
  if (mediaType.startsWith("image/") && !mediaType.includes("dwg") && !mediaType.includes("dxf"))
    return "image";
  if (
    mediaType.startsWith("text/") ||
    ["application/json", "application/yaml"].includes(mediaType) ||
    /\.(md|markdown|ya?ml|json|csv|txt)$/i.test(fileName)
  )
    return "text";
  return "none";
}

interface PreviewProps {
  docId: string;
  version: VersionView;
  /** Every version, oldest first: a text-like one is compared with any other. */
  versions: readonly VersionView[];
  threads: readonly CommentThread[];
  commentMode: boolean;
  onPin: (pin: CommentPin) => void;
}

/** The largest version the preview reads: its bytes are held whole, in the app and the window
 * (a larger one is saved and opened in its own program). */
export const maxPreviewBytes = 128 * 1024 * 1024;

export function Preview(props: PreviewProps) {
  const t = useT();
  const { language } = useLanguage();
  const { version } = props.version;
  const tooLarge = version.size > maxPreviewBytes;
  const kind = tooLarge ? "none" : previewKind(version.media_type, version.file_name);
  const [bytes, setBytes] = useState<ArrayBuffer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (kind === "none") return;
    let live = true;
    setBytes(null);
    setError(null);
    call("designdoc_file", { id: props.docId, version: version.number })
      .then((data) => live && setBytes(data))
      .catch((failure: unknown) => live && setError(describeError(t, failure)));
    return () => {
      live = false;
    };
  }, [props.docId, version.sha256, kind]);

  if (tooLarge)
    return (
      <p className="muted designdoc-preview-none" data-testid="designdoc-preview-too-large">
        {t("designdoc.preview.tooLarge", {
          size: formatBytes(version.size, language),
          limit: formatBytes(maxPreviewBytes, language),
        })}
      </p>
    );
  if (kind === "none")
    return (
      <p className="muted designdoc-preview-none" data-testid="designdoc-preview-none">
        {t("designdoc.preview.none", { type: version.media_type })}
      </p>
    );
  if (error !== null)
    return (
      <p role="alert" className="designdoc-preview-error">
        {t("designdoc.preview.failed", { message: error })}
      </p>
    );
  if (bytes === null)
    return (
      <div className="center-message">
        <Spinner size={20} label={t("designdoc.preview.loading")} />
      </div>
    );
  const pins = props.threads.filter((thread) => thread.comment.pin !== null);
  if (kind === "pdf")
    return (
      <PdfPages bytes={bytes} pins={pins} commentMode={props.commentMode} onPin={props.onPin} />
    );
  if (kind === "image")
    return (
      <ZoomImage
        bytes={bytes}
        type={version.media_type}
        pins={pins}
        commentMode={props.commentMode}
        onPin={props.onPin}
      />
    );
  const others = props.versions.filter((other) => other.key !== props.version.key);
  return (
    <div className="designdoc-text" data-testid="designdoc-text">
      {others.length > 0 && (
        <TextDiff docId={props.docId} version={version.number} versions={props.versions} />
      )}
      <pre>{new TextDecoder().decode(bytes)}</pre>
    </div>
  );
}

/** Two versions of a text-like file side by side (core's diff: unchanged runs folded, a
 * folded run opened in place with the lines it carries). */
function TextDiff(props: { docId: string; version: number; versions: readonly VersionView[] }) {
  const t = useT();
  const numbers = props.versions.map((entry) => entry.version.number);
  const earlier = numbers.filter((number) => number < props.version);
  const [from, setFrom] = useState(earlier.at(-1) ?? numbers.find((n) => n !== props.version)!);
  const [to, setTo] = useState(props.version);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const diff = useCommand("designdoc_diff", from === to ? null : { id: props.docId, from, to });
  const pick = (value: number, set: (n: number) => void, label: string, testId: string) => (
    <label>
      {label}{" "}
      <select
        value={value}
        onChange={(event) => set(Number(event.target.value))}
        data-testid={testId}
      >
        {numbers.map((number) => (
          <option key={number} value={number}>
            v{number}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section
      className="designdoc-diff"
      data-testid="designdoc-diff"
      aria-label={t("designdoc.diff.title")}
    >
      <div className="designdoc-diff-bar">
        <strong>{t("designdoc.diff.title")}</strong>
        {pick(from, setFrom, t("designdoc.diff.from"), "designdoc-diff-from")}
        {pick(to, setTo, t("designdoc.diff.to"), "designdoc-diff-to")}
        {diff.data !== undefined && (
          <span className="muted" data-testid="designdoc-diff-counts">
            {t("designdoc.diff.counts", {
              added: diff.data.added,
              removed: diff.data.removed,
              changed: diff.data.changed,
            })}
          </span>
        )}
      </div>
      {diff.error !== undefined && (
        <p role="alert" className="designdoc-preview-error">
          {refusal(t, diff.error, []).lines.join(" · ")}
        </p>
      )}
      {diff.data !== undefined && (
        <table className="designdoc-diff-table">
          {/* Fixed widths: the first row may be a fold spanning all four columns. */}
          <colgroup>
            <col className="designdoc-diff-no" />
            <col />
            <col className="designdoc-diff-no" />
            <col />
          </colgroup>
          <tbody>
            {diff.data.rows.map((row, index) =>
              row.kind === "folded" && !open.has(index) ? (
                <tr key={index} className="is-folded">
                  <td colSpan={4}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setOpen(new Set([...open, index]))}
                      data-testid="designdoc-diff-fold"
                    >
                      {t("designdoc.diff.folded", { count: row.folded.length })}
                    </button>
                  </td>
                </tr>
              ) : row.kind === "folded" ? (
                row.folded.map((line, at) => (
                  <tr key={`${index}-${at}`} className="is-same">
                    <td className="tabular">{(row.leftNo ?? 0) + at}</td>
                    <td>{line}</td>
                    <td className="tabular">{(row.rightNo ?? 0) + at}</td>
                    <td>{line}</td>
                  </tr>
                ))
              ) : (
                <tr
                  key={index}
                  className={`is-${row.kind}`}
                  data-testid="designdoc-diff-row"
                  data-kind={row.kind}
                >
                  <td className="tabular">{row.leftNo ?? ""}</td>
                  <td>{row.left}</td>
                  <td className="tabular">{row.rightNo ?? ""}</td>
                  <td>{row.right}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The pins on one page, drawn over it. */
function PagePins(props: { pins: readonly CommentThread[]; page: number }) {
  return (
    <>
      {props.pins
        .filter((thread) => thread.comment.pin?.page === props.page)
        .map((thread, index) => (
          <span
            key={thread.key}
            className={`designdoc-pin ${thread.comment.resolved ? "is-resolved" : ""}`}
            style={pinStyle(thread.comment.pin!)}
            title={thread.comment.text}
            data-testid="designdoc-pin"
            data-page={props.page}
          >
            {index + 1}
          </span>
        ))}
    </>
  );
}

function placePin(
  event: MouseEvent<HTMLElement>,
  page: number,
  commentMode: boolean,
  onPin: (pin: CommentPin) => void,
) {
  if (!commentMode) return;
  const box = event.currentTarget.getBoundingClientRect();
  onPin(pinFromClick(box, event.clientX, event.clientY, page));
}

type PdfDocument = import("pdfjs-dist/legacy/build/pdf.mjs").PDFDocumentProxy;

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

let pdfJs: Promise<{ pdfjs: PdfJs; worker: InstanceType<PdfJs["PDFWorker"]> }> | null = null;

/**
 * pdf.js and one worker for every document shown, loaded once (the screen asks as it opens,
 * so the first document does not wait for it); the worker is a file vite bundles (offline).
 * One worker: a worker per document would load and parse its 2.4 MB script on every open.
 */
export function loadPdfJs() {
  pdfJs ??= (async () => {
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    if (pdfjs.GlobalWorkerOptions.workerSrc === "") {
      const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs?url");
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
    }
    return { pdfjs, worker: new pdfjs.PDFWorker() };
  })();
  return pdfJs;
}

/** The pages' width on screen: the preview's column at 1280×800 leaves about this much. */
const pageWidth = 640;

function PdfPages(props: {
  bytes: ArrayBuffer;
  pins: readonly CommentThread[];
  commentMode: boolean;
  onPin: (pin: CommentPin) => void;
}) {
  const t = useT();
  const [pdf, setPdf] = useState<PdfDocument | null>(null);
  const [aspect, setAspect] = useState(1.414);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let destroy = () => Promise.resolve();
    loadPdfJs()
      .then(({ pdfjs, worker }) => {
        // A copy: pdf.js hands its buffer over to the worker, which detaches it here.
        const task = pdfjs.getDocument({ data: new Uint8Array(props.bytes.slice(0)), worker });
        destroy = () => task.destroy();
        return task.promise;
      })
      .then(async (document) => {
        const first = await document.getPage(1);
        const viewport = first.getViewport({ scale: 1 });
        if (!live) return;
        setAspect(viewport.height / viewport.width);
        setPdf(document);
      })
      .catch((failure: unknown) => live && setError(String(failure)));
    return () => {
      live = false;
      void destroy();
    };
  }, [props.bytes]);
  if (error !== null)
    return (
      <p role="alert" className="designdoc-preview-error">
        {t("designdoc.preview.failed", { message: error })}
      </p>
    );
  if (pdf === null)
    return (
      <div className="center-message">
        <Spinner size={20} label={t("designdoc.preview.loading")} />
      </div>
    );
  const pages = Array.from({ length: pdf.numPages }, (_, index) => index + 1);
  return (
    <div className="designdoc-pages" data-testid="designdoc-pdf" data-pages={pdf.numPages}>
      {pages.map((page) => (
        <PdfPage
          key={page}
          pdf={pdf}
          page={page}
          pages={pdf.numPages}
          height={Math.round(pageWidth * aspect)}
          pins={props.pins}
          commentMode={props.commentMode}
          onPin={props.onPin}
        />
      ))}
    </div>
  );
}

function PdfPage(props: {
  pdf: PdfDocument;
  page: number;
  pages: number;
  height: number;
  pins: readonly CommentThread[];
  commentMode: boolean;
  onPin: (pin: CommentPin) => void;
}) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  // The first page is drawn at once; the others when they come near the visible part.
  const [near, setNear] = useState(props.page === 1);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    if (near || box.current === null || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: "800px 0px" },
    );
    observer.observe(box.current);
    return () => observer.disconnect();
  }, [near]);
  useEffect(() => {
    if (!near || canvas.current === null) return;
    let task: { cancel: () => void } | null = null;
    let live = true;
    void props.pdf.getPage(props.page).then((page) => {
      if (!live || canvas.current === null) return;
      const base = page.getViewport({ scale: 1 });
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (pageWidth / base.width) * ratio });
      const target = canvas.current;
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      const render = page.render({ canvas: target, viewport });
      task = render;
      render.promise.then(
        () => live && setDrawn(true),
        () => undefined,
      );
    });
    return () => {
      live = false;
      task?.cancel();
    };
  }, [near, props.pdf, props.page]);
  return (
    <div
      ref={box}
      className={`designdoc-page ${props.commentMode ? "is-commenting" : ""}`}
      style={{ width: pageWidth, height: props.height }}
      data-testid="designdoc-page"
      data-page={props.page}
      data-drawn={drawn ? "yes" : "no"}
      aria-label={t("designdoc.preview.page", { page: props.page, pages: props.pages })}
      onClick={(event) => placePin(event, props.page, props.commentMode, props.onPin)}
    >
      <canvas ref={canvas} style={{ width: "100%", height: "100%" }} />
      <PagePins pins={props.pins} page={props.page} />
    </div>
  );
}

const zoomSteps = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4];

function ZoomImage(props: {
  bytes: ArrayBuffer;
  type: string;
  pins: readonly CommentThread[];
  commentMode: boolean;
  onPin: (pin: CommentPin) => void;
}) {
  const t = useT();
  const [url, setUrl] = useState<string | null>(null);
  const [zoom, setZoom] = useState(3);
  const modalOpen = useAnyModalOpen();
  useEffect(() => {
    const made = URL.createObjectURL(new Blob([props.bytes], { type: props.type }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [props.bytes, props.type]);
  const zoomIn = () => setZoom((at) => Math.min(zoomSteps.length - 1, at + 1));
  const zoomOut = () => setZoom((at) => Math.max(0, at - 1));
  useShortcuts({ "+": zoomIn, "=": zoomIn, "-": zoomOut, "0": () => setZoom(3) }, !modalOpen);
  return (
    <div className="designdoc-image" data-testid="designdoc-image" data-zoom={zoomSteps[zoom]}>
      <div className="designdoc-zoom">
        <Button size="sm" variant="ghost" onClick={zoomOut} aria-label={t("designdoc.zoomOut")}>
          −
        </Button>
        <span className="tabular">{Math.round(zoomSteps[zoom]! * 100)}%</span>
        <Button size="sm" variant="ghost" onClick={zoomIn} aria-label={t("designdoc.zoomIn")}>
          <Icon name="plus" size={14} />
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setZoom(3)}>
          {t("designdoc.zoomReset")}
        </Button>
      </div>
      <div className="designdoc-image-scroll">
        <div
          className={`designdoc-page ${props.commentMode ? "is-commenting" : ""}`}
          style={{ transform: `scale(${zoomSteps[zoom]})`, transformOrigin: "0 0" }}
          data-testid="designdoc-page"
          data-page={1}
          onClick={(event) => placePin(event, 1, props.commentMode, props.onPin)}
        >
          {url !== null && <img src={url} alt="" draggable={false} />}
          <PagePins pins={props.pins} page={1} />
        </div>
      </div>
    </div>
  );
}
