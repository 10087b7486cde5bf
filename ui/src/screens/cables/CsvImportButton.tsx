import { FileImportButton } from "../../components/FileImportButton";
import { useT, type MessageKey } from "../../i18n";
import { call } from "../../ipc";
import { readCsvText } from "../../lib/files";
import { refusalLines } from "./cableText";

/**
 * A CSV of cables, or of test results, imported all or nothing; refusals list every line, and
 * a file refused for unknown columns can be imported again without them.
 */
export function CsvImportButton(props: {
  command: "cable_import" | "cable_tests_import";
  label: MessageKey;
  done: MessageKey;
  testId: string;
}) {
  const t = useT();
  return (
    <FileImportButton
      label={t(props.label)}
      accept=".csv,text/csv"
      testId={props.testId}
      onFile={async (file, options) => {
        const csv = await readCsvText(file, props.command);
        const count = await call(props.command, { csv, options });
        return t(props.done, { count });
      }}
      reasonsOf={(failure) => refusalLines(t, failure)}
      refusedTitle={t("cable.import.refusedTitle")}
      refusedBody={t("cable.import.refusedBody")}
    />
  );
}
