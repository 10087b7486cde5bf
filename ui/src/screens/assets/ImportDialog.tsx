import { useState } from "react";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { type Translate, useLanguage, useT } from "../../i18n";
import { call, CommandError } from "../../ipc";
import { fieldLabel, type AssetField, type ImportPreview, type ImportRow } from "../../lib/dto";
import { describeError, fileErrorMessage } from "../../lib/errors";
import { readCsvText } from "../../lib/files";
import { problemText, problemsOf } from "../../lib/problems";
import { formatCount } from "../../lib/format";
import { valueLabel } from "./FilterBar";

type Stage =
  | { kind: "idle" }
  | { kind: "reading"; name: string }
  | { kind: "preview"; name: string; csv: string; preview: ImportPreview }
  | { kind: "importing"; name: string; csv: string; preview: ImportPreview };

export function canImport(preview: ImportPreview): boolean {
  return preview.file_errors.length === 0 && preview.error_rows === 0 && preview.total_rows > 0;
}

/** Why reading or previewing a file failed: its problems in words, else the failure. */
function failureText(t: Translate, failure: unknown): string {
  const problems = problemsOf(failure);
  if (problems.length > 0) return problems.map((problem) => problemText(t, problem)).join(" ");
  return failure instanceof CommandError
    ? describeError(t, failure)
    : t("import.readFailed", { message: describeError(t, failure) });
}

/**
 * CSV import in two steps: choose a file (read as text here), see what Rust makes of it
 * (nothing is written), then import all rows or none. Import is offered only without errors.
 * A column no field answers to refuses the file, unless the person importing ticks "import
 * without unknown columns" (the preview is read again with it, and the import uses it too).
 */
export function ImportDialog({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: (count: number) => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [error, setError] = useState<string>();
  const [ignoreUnknownColumns, setIgnoreUnknownColumns] = useState(false);
  const options = (ignore: boolean) => ({ ignore_unknown_columns: ignore });

  const previewOf = async (name: string, csv: string, ignore: boolean) => {
    const preview = await call("asset_import_preview", { csv, options: options(ignore) });
    setStage({ kind: "preview", name, csv, preview });
  };

  const choose = async (file: File | undefined) => {
    if (file === undefined) return;
    setError(undefined);
    setStage({ kind: "reading", name: file.name });
    try {
      await previewOf(
        file.name,
        await readCsvText(file, "asset_import_preview"),
        ignoreUnknownColumns,
      );
    } catch (failure) {
      setStage({ kind: "idle" });
      setError(failureText(t, failure));
    }
  };

  const setIgnore = async (ignore: boolean) => {
    setIgnoreUnknownColumns(ignore);
    if (stage.kind !== "preview") return;
    setError(undefined);
    try {
      await previewOf(stage.name, stage.csv, ignore);
    } catch (failure) {
      setError(failureText(t, failure));
    }
  };

  const apply = async () => {
    if (stage.kind !== "preview") return;
    setStage({ ...stage, kind: "importing" });
    try {
      const count = await call("asset_import_apply", {
        csv: stage.csv,
        options: options(ignoreUnknownColumns),
      });
      toast(t("toast.imported", { count: formatCount(count, language) }));
      onImported(count);
    } catch (failure) {
      if (failure instanceof CommandError && failure.preview !== undefined) {
        setStage({ kind: "preview", name: stage.name, csv: stage.csv, preview: failure.preview });
      } else {
        setStage({ kind: "preview", name: stage.name, csv: stage.csv, preview: stage.preview });
      }
      setError(describeError(t, failure));
    }
  };

  const preview =
    stage.kind === "preview" || stage.kind === "importing" ? stage.preview : undefined;
  const ready = preview !== undefined && canImport(preview);

  return (
    <Dialog
      title={t("import.title")}
      onClose={onClose}
      size="lg"
      testId="import-dialog"
      footer={
        <>
          {preview !== undefined && !ready && (
            <span className="footer-hint">{t("import.fixHint")}</span>
          )}
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            disabled={!ready}
            busy={stage.kind === "importing"}
            onClick={() => void apply()}
            data-testid="import-apply"
          >
            {stage.kind === "importing"
              ? t("import.importing")
              : t("import.apply", { count: formatCount(preview?.total_rows ?? 0, language) })}
          </Button>
        </>
      }
    >
      <div className="import">
        <p className="muted">{t("import.help")}</p>
        <label className="file-pick">
          <Icon name="file" />
          <span>{t("import.pick")}</span>
          <span className="file-pick-name">{stage.kind === "idle" ? "" : stage.name}</span>
          <input
            type="file"
            className="file-input"
            accept=".csv,text/csv"
            data-testid="import-file"
            data-autofocus
            onChange={(event) => {
              void choose(event.target.files?.[0]);
              // Choosing the same file again (after fixing it) must read it again.
              event.target.value = "";
            }}
            disabled={stage.kind === "importing"}
          />
        </label>
        <label className="checkbox-line">
          <input
            type="checkbox"
            checked={ignoreUnknownColumns}
            disabled={stage.kind === "reading" || stage.kind === "importing"}
            data-testid="import-ignore-unknown"
            onChange={(event) => void setIgnore(event.target.checked)}
          />
          {t("csv.ignoreUnknownColumns")}
        </label>
        {stage.kind === "reading" && (
          <p className="import-status">
            <Spinner /> {t("import.reading")}
          </p>
        )}
        {error !== undefined && (
          <p className="banner banner-error" role="alert" data-testid="import-error">
            {error}
          </p>
        )}
        {preview !== undefined && <PreviewView preview={preview} ready={ready} />}
      </div>
    </Dialog>
  );
}

function PreviewView({ preview, ready }: { preview: ImportPreview; ready: boolean }) {
  const t = useT();
  const { language } = useLanguage();
  return (
    <div className="import-preview" data-testid="import-preview">
      <div className="import-counts">
        <span className="stat" data-testid="import-total">
          {t("import.rows", { count: formatCount(preview.total_rows, language) })}
        </span>
        <span
          className={`stat ${preview.error_rows > 0 ? "stat-error" : ""}`}
          data-testid="import-error-rows"
        >
          {t("import.errorRows", { count: formatCount(preview.error_rows, language) })}
        </span>
        {ready && (
          <span className="stat stat-ok">
            <Icon name="check" size={14} /> {t("import.ready")}
          </span>
        )}
      </div>

      {preview.file_errors.length > 0 && (
        <div className="banner banner-error" role="alert" data-testid="import-file-errors">
          <strong>{t("import.fileErrors")}</strong>
          <ul>
            {preview.file_errors.map((error, index) => (
              <li key={index}>{fileErrorMessage(t, error)}</li>
            ))}
          </ul>
        </div>
      )}

      {preview.columns.length > 0 && (
        <p className="import-columns">
          <span className="field-label">{t("import.columns")}</span>{" "}
          {preview.columns.map((column) => (
            <span key={column} className="tag">
              {t(`field.${column}`)}
            </span>
          ))}
        </p>
      )}
      {preview.ignored_columns.length > 0 && (
        <p className="muted">
          {t("import.ignored", { columns: preview.ignored_columns.join(", ") })}
        </p>
      )}
      {preview.new_places.length > 0 && (
        <div className="banner" data-testid="import-new-places">
          <strong>
            {t("import.newPlaces", { count: formatCount(preview.new_places.length, language) })}
          </strong>
          <ul>
            {preview.new_places.map((place) => (
              <li key={place}>{place}</li>
            ))}
          </ul>
        </div>
      )}

      {preview.rejected.length > 0 && (
        <section>
          <h3 className="section-title">
            {t("import.rejected", { count: formatCount(preview.rejected.length, language) })}
          </h3>
          <ul className="rejected-list" data-testid="import-rejected">
            {preview.rejected.map((row) => (
              <li
                key={row.line}
                className="rejected-row"
                data-testid="import-rejected-row"
                data-line={row.line}
              >
                <span className="rejected-line">{t("import.line", { line: row.line })}</span>
                <span className="rejected-tag tabular">{row.input.asset_tag ?? ""}</span>
                <ul className="rejected-errors">
                  {row.errors.map((error, index) => (
                    <li key={index}>
                      <strong>{fieldLabel(t, error.field)}</strong> {problemText(t, error)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}

      {preview.sample.length > 0 && (
        <section>
          <h3 className="section-title">
            {t("import.sample", { count: formatCount(preview.sample.length, language) })}
          </h3>
          <SampleTable columns={preview.columns} rows={preview.sample} />
        </section>
      )}
    </div>
  );
}

function SampleTable({
  columns,
  rows,
}: {
  columns: readonly AssetField[];
  rows: readonly ImportRow[];
}) {
  const t = useT();
  return (
    <div className="sample-scroll">
      <table className="sample-table" data-testid="import-sample">
        <thead>
          <tr>
            <th>#</th>
            {columns.map((column) => (
              <th key={column}>{t(`field.${column}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const bad = new Set(row.errors.map((error) => error.field));
            return (
              <tr key={row.line} className={row.errors.length > 0 ? "has-error" : ""}>
                <td className="tabular muted">{row.line}</td>
                {columns.map((column) => (
                  <td key={column} className={bad.has(column) ? "cell-error" : ""}>
                    {valueLabel(t, column, row.input[column] ?? "")}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
