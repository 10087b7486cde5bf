// How cables read on screen: ends as "A-R01 · U12 · web-01 · eno1", statuses, kinds and
// the reasons a cable, a plan or a file was refused, in the user's language.
import type { CableProblem } from "../../bindings/CableProblem";
import type { CableRowProblem } from "../../bindings/CableRowProblem";
import type { CableFileError } from "../../bindings/CableFileError";
import type { CableKind } from "../../bindings/CableKind";
import type { CableStatus } from "../../bindings/CableStatus";
import type { EndView } from "../../bindings/EndView";
import type { PortRole } from "../../bindings/PortRole";
import type { TemplateError } from "../../bindings/TemplateError";
import type { Translate } from "../../i18n";
import { CommandError } from "../../ipc";
import { describeError } from "../../lib/errors";

export const cableKinds: readonly CableKind[] = [
  "cat5e",
  "cat6",
  "cat6a",
  "cat7",
  "dac",
  "aoc",
  "om3",
  "om4",
  "os2",
  "power",
  "console",
];

export const cableStatuses: readonly CableStatus[] = [
  "planned",
  "installed",
  "tested",
  "failed",
  "decommissioned",
];

export function kindText(kind: CableKind): string {
  return kind === "cat5e" || kind === "cat6" || kind === "cat6a" || kind === "cat7"
    ? kind.replace("cat", "Cat")
    : kind.toUpperCase();
}

/** A port as people say it: patch panel ports with their side. */
export function portText(t: Translate, role: PortRole, port: string): string {
  return role === "front" || role === "rear" ? `${t(`cable.role.${role}`)} ${port}` : port;
}

/** "A-R01 · U12 · web-01 · eno1" */
export function endText(t: Translate, end: EndView): string {
  const unit = end.unit === null ? null : `U${end.unit}`;
  return [end.rack, unit, end.device, portText(t, end.end.role, end.end.port)]
    .filter((part): part is string => part !== null && part !== "")
    .join(" · ");
}

export function problemText(t: Translate, problem: CableProblem): string {
  switch (problem.code) {
    case "no_such_port":
      return t("cable.problem.no_such_port", { port: problem.end.port });
    case "same_ends":
      return t("cable.problem.same_ends");
    case "port_taken":
      return t("cable.problem.port_taken", { port: problem.end.port, label: problem.label });
    case "kind_does_not_fit":
      return t("cable.problem.kind_does_not_fit", {
        kind: kindText(problem.kind),
        port: problem.end.port,
        portKind: problem.port_kind,
      });
    case "label_taken":
      return t("cable.problem.label_taken", { label: problem.label });
  }
}

export function rowProblemText(t: Translate, problem: CableRowProblem): string {
  return t("cable.rowProblem", {
    line: problem.line,
    column: problem.column,
    what: t(`cable.rowCode.${problem.code}`),
    value: problem.value,
  });
}

export function fileErrorText(t: Translate, error: CableFileError): string {
  switch (error.code) {
    case "empty":
      return t("cable.file.empty");
    case "missing_columns":
      return t("cable.file.missing_columns", { columns: error.columns.join(", ") });
    case "malformed":
      return t("cable.file.malformed", { line: error.line, message: error.message });
  }
}

export function templateErrorText(t: Translate, error: TemplateError): string {
  switch (error.code) {
    case "unknown_field":
      return t("cable.scheme.unknownField", { name: error.name, at: error.at + 1 });
    case "unclosed":
      return t("cable.scheme.unclosed", { at: error.at + 1 });
    case "no_field":
      return t("cable.scheme.noField");
  }
}

/**
 * Every line that says why a cable command was refused: each rule (with the file line it
 * came from), each bad row, or the file or template problem; else the one-line description.
 */
export function refusalLines(t: Translate, failure: unknown): string[] {
  if (failure instanceof CommandError) {
    if (failure.cable_problems.length > 0) {
      return failure.cable_problems.map(([line, problem]) =>
        line === null
          ? problemText(t, problem)
          : t("cable.lineProblem", { line, what: problemText(t, problem) }),
      );
    }
    if (failure.rows.length > 0) return failure.rows.map((row) => rowProblemText(t, row));
    if (failure.file !== undefined) return [fileErrorText(t, failure.file)];
    if (failure.template !== undefined) return [templateErrorText(t, failure.template)];
  }
  return [describeError(t, failure)];
}
