import { useRef, useState } from "react";
import type { CsvOptions } from "../bindings/CsvOptions";
import { useT } from "../i18n";
import { describeError } from "../lib/errors";
import { problemsOf } from "../lib/problems";
import { Button } from "./Button";
import { Dialog } from "./Dialog";
import { Icon } from "./Icon";
import { useToast } from "./Toast";

/**
 * A button that picks a file and hands it to an all-or-nothing import. Success is a toast;
 * a refusal with reasons lists every one in a dialog (so the file can be fixed and tried
 * again), anything else is a toast. A file refused for columns no field answers to can be
 * imported again from that dialog without them (CSV imports). An import changes records: an
 * account whose role may not (a viewer, an auditor) gets the button's reason instead (see
 * lib/editAccess).
 */
export function FileImportButton(props: {
  label: string;
  accept: string;
  testId: string;
  variant?: "secondary" | "ghost";
  /** Imports the file as `options` say and says what was done. */
  onFile: (file: File, options: CsvOptions) => Promise<string>;
  /** The reasons a failure lists, or null when it is not a refusal with reasons. */
  reasonsOf: (failure: unknown) => readonly string[] | null;
  refusedTitle: string;
  refusedBody: string;
}) {
  const t = useT();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [reasons, setReasons] = useState<readonly string[] | null>(null);
  // The file refused for its unknown columns, which may be imported again without them.
  const [unknownColumnsIn, setUnknownColumnsIn] = useState<File | null>(null);
  const close = () => {
    setReasons(null);
    setUnknownColumnsIn(null);
  };
  const read = async (file: File | undefined, options: CsvOptions) => {
    if (file === undefined) return;
    setBusy(true);
    close();
    try {
      toast(await props.onFile(file, options), "success");
    } catch (failure) {
      const listed = props.reasonsOf(failure);
      if (listed !== null && listed.length > 0) {
        setReasons(listed);
        const unknownColumns = problemsOf(failure).some((p) => p.code === "unknown_columns");
        if (unknownColumns && !options.ignore_unknown_columns) setUnknownColumnsIn(file);
      } else toast(t("toast.failed", { message: describeError(t, failure) }), "error");
    } finally {
      setBusy(false);
      if (input.current !== null) input.current.value = "";
    }
  };
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        className="sr-only"
        tabIndex={-1}
        data-testid={`${props.testId}-file`}
        onChange={(event) => void read(event.target.files?.[0], { ignore_unknown_columns: false })}
      />
      <Button
        edits="records"
        size="sm"
        variant={props.variant}
        icon={<Icon name="upload" size={14} />}
        busy={busy}
        onClick={() => input.current?.click()}
        data-testid={props.testId}
      >
        {props.label}
      </Button>
      {reasons !== null && (
        <Dialog
          title={props.refusedTitle}
          onClose={close}
          testId={`${props.testId}-refused`}
          footer={
            <>
              {unknownColumnsIn !== null && (
                <Button
                  edits="records"
                  variant="primary"
                  onClick={() => void read(unknownColumnsIn, { ignore_unknown_columns: true })}
                  data-testid={`${props.testId}-ignore-unknown`}
                >
                  {t("csv.ignoreUnknownColumns")}
                </Button>
              )}
              <Button onClick={close}>{t("common.close")}</Button>
            </>
          }
        >
          <p>{props.refusedBody}</p>
          <ul className="problem-list" role="alert">
            {reasons.map((reason, index) => (
              <li key={index} data-testid={`${props.testId}-problem`}>
                {reason}
              </li>
            ))}
          </ul>
        </Dialog>
      )}
    </>
  );
}
