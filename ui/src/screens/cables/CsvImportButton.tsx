import { useRef, useState } from "react";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Icon } from "../../components/Icon";
import { useToast } from "../../components/Toast";
import { useT, type MessageKey } from "../../i18n";
import { call } from "../../ipc";
import { readText } from "../../lib/files";
import { refusalLines } from "./cableText";
import { ProblemList } from "./AddCableDialog";

/**
 * Picks a CSV and hands it to an all-or-nothing import (cables, or test results). When it is
 * refused, every problem is listed with its line, so the file can be fixed and tried again.
 */
export function CsvImportButton(props: {
  command: "cable_import" | "cable_tests_import";
  label: MessageKey;
  done: MessageKey;
  testId: string;
}) {
  const t = useT();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[] | null>(null);
  const read = async (file: File | undefined) => {
    if (file === undefined) return;
    setBusy(true);
    try {
      const count = await call(props.command, { csv: await readText(file) });
      toast(t(props.done, { count }), "success");
    } catch (failure) {
      setProblems(refusalLines(t, failure));
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
        accept=".csv,text/csv"
        className="sr-only"
        tabIndex={-1}
        data-testid={`${props.testId}-file`}
        onChange={(event) => void read(event.target.files?.[0])}
      />
      <Button
        size="sm"
        icon={<Icon name="upload" size={14} />}
        busy={busy}
        onClick={() => input.current?.click()}
        data-testid={props.testId}
      >
        {t(props.label)}
      </Button>
      {problems !== null && (
        <Dialog
          title={t("cable.import.refusedTitle")}
          onClose={() => setProblems(null)}
          testId={`${props.testId}-refused`}
          footer={<Button onClick={() => setProblems(null)}>{t("common.close")}</Button>}
        >
          <p>{t("cable.import.refusedBody")}</p>
          <ProblemList lines={problems} />
        </Dialog>
      )}
    </>
  );
}
