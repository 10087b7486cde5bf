// How cables read on screen: ends as "A-R01 · U12 · web-01 · eno1", statuses, kinds and
// the reasons a cable, a plan or a file was refused, in the user's language.
import type { CableProblem } from "../../bindings/CableProblem";
import type { CableKind } from "../../bindings/CableKind";
import type { CableStatus } from "../../bindings/CableStatus";
import type { EndView } from "../../bindings/EndView";
import type { PortRole } from "../../bindings/PortRole";
import type { Problem } from "../../bindings/Problem";
import type { MessageParams, Translate } from "../../i18n";
import { describeError } from "../../lib/errors";
import { problemLine, problemsOf } from "../../lib/problems";

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
  return t(`problem.${problem.code}`, {
    end_port: "end" in problem ? problem.end.port : "",
    label: "label" in problem ? problem.label : "",
    kind: "kind" in problem ? kindText(problem.kind) : "",
    port_kind: "port_kind" in problem ? problem.port_kind : "",
  });
}

/** The words a cable refusal's problems need beyond their own: a kind as people write it,
 * a template position counted from 1. */
function cableParams(problem: Problem): MessageParams {
  const params: Record<string, string | number> = {};
  const kind = problem.detail?.kind;
  if (kind !== undefined && (cableKinds as readonly string[]).includes(kind)) {
    params.kind = kindText(kind as CableKind);
  }
  const at = problem.detail?.at;
  if (at !== undefined) params.at = Number(at) + 1;
  return params;
}

/**
 * Every line that says why a cable command was refused: each rule (with the file line it
 * came from), each bad row, or the file or template problem; else the one-line description.
 */
export function refusalLines(t: Translate, failure: unknown): string[] {
  const problems = problemsOf(failure);
  if (problems.length === 0) return [describeError(t, failure)];
  return problems.map((problem) => problemLine(t, problem, undefined, cableParams(problem)));
}
