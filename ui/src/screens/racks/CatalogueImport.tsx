import type { Problem } from "../../bindings/Problem";
import { FileImportButton } from "../../components/FileImportButton";
import { useT, type Translate } from "../../i18n";
import { call, CommandError } from "../../ipc";
import { readCsvText, readText } from "../../lib/files";
import { problemLine, problemText } from "../../lib/problems";

/** A refused entry: its number in the file (the problem's line), its field, what is wrong. */
export function catalogueProblemText(t: Translate, problem: Problem): string {
  // A problem of the file as a whole (a CSV's columns) is at its line, of no entry's field.
  if (problem.field === "") return problemLine(t, problem);
  return t("rack.catalogue.problem", {
    entry: problem.line ?? 0,
    field: problem.field,
    what: problemText(t, problem),
  });
}

/**
 * Adds device types from a YAML file (NetBox devicetype-library shape) or a CSV: every entry
 * or none. Refused entries are listed with their number and field, so the file can be fixed.
 */
export function CatalogueImport() {
  const t = useT();
  return (
    <FileImportButton
      label={t("rack.catalogue.import")}
      accept=".yaml,.yml,.csv"
      testId="catalogue"
      variant="ghost"
      onFile={async (file, options) => {
        const format = file.name.toLowerCase().endsWith(".csv") ? "csv" : "yaml";
        const text =
          format === "csv" ? await readCsvText(file, "device_types_import") : await readText(file);
        const added = await call("device_types_import", { text, format, options });
        return t("rack.catalogue.added", { count: added.length });
      }}
      reasonsOf={(failure) =>
        failure instanceof CommandError && failure.problems.length > 0
          ? failure.problems.map((problem) => catalogueProblemText(t, problem))
          : null
      }
      refusedTitle={t("rack.catalogue.refusedTitle")}
      refusedBody={t("rack.catalogue.refusedBody")}
    />
  );
}
