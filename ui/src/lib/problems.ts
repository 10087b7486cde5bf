// Refused commands in words. Every area's rules refuse with the same `Problem` shape
// (`{ field, code, value, line?, detail?, message }`, see crates/core/src/problem.rs): this is
// the one place that words them (`problem.{code}` in the catalogue, with the value and the
// problem's facts as parameters) and the one hook that puts them under the fields of a form.
import { useState } from "react";
import type { Problem } from "../bindings/Problem";
import { type MessageKey, type MessageParams, type Translate, useT } from "../i18n";
import { ko } from "../i18n/catalogue";
import { CommandError } from "../ipc";
import { describeError } from "./errors";

/**
 * One problem in words: `problem.{code}` given the value and the problem's facts (`params`
 * adds or replaces some, e.g. a code the caller translates); the English message for a code
 * this version has no words for (one from a newer version). Without the line of a file.
 */
export function problemText(t: Translate, problem: Problem, params: MessageParams = {}): string {
  const key = `problem.${problem.code}`;
  if (!(key in ko)) return problem.message;
  return t(key as MessageKey, { value: problem.value, ...problem.detail, ...params });
}

/** A form's label for one of its fields (undefined: show the field's name as it is). */
export type Labeler = (t: Translate, field: string) => string | undefined;

/** A problem as a line of its own: with the file line it came from and its field's label. */
export function problemLine(
  t: Translate,
  problem: Problem,
  label: Labeler = () => undefined,
  params: MessageParams = {},
): string {
  const text = problemText(t, problem, params);
  const name = problem.field === "" ? undefined : (label(t, problem.field) ?? problem.field);
  const what = name === undefined ? text : `${name}: ${text}`;
  return problem.line === undefined ? what : t("problem.atLine", { line: problem.line, what });
}

/** A problem a form finds itself before sending, in the shape Rust refuses with. */
export function formProblem(field: string, code: string, value = ""): Problem {
  return { field, code, value, message: code };
}

/** A failed command, split: words under the form's own fields, and lines for the rest. */
export interface Refusal {
  /** The first problem of each field the form shows, by field. */
  fields: Partial<Record<string, string>>;
  /** Problems about the record as a whole or a field the form lacks; the failure itself when
   * it carries no problems. */
  lines: string[];
}

export const noRefusal: Refusal = { fields: {}, lines: [] };

/** The problems of a failed command (none for anything else). */
export function problemsOf(failure: unknown): readonly Problem[] {
  return failure instanceof CommandError ? failure.problems : [];
}

/**
 * Splits `failure`: each problem about a field in `formFields` goes under it (the first one
 * per field); the others become lines, named by `label` when it knows the field. A failure
 * without problems is one line (`describeError`).
 */
export function refusal(
  t: Translate,
  failure: unknown,
  formFields: readonly string[],
  label?: Labeler,
): Refusal {
  const problems = problemsOf(failure);
  if (problems.length === 0) return { fields: {}, lines: [describeError(t, failure)] };
  const result: Refusal = { fields: {}, lines: [] };
  for (const problem of problems) {
    if (problem.field !== "" && problem.line === undefined && formFields.includes(problem.field)) {
      result.fields[problem.field] ??= problemText(t, problem);
    } else {
      result.lines.push(problemLine(t, problem, label));
    }
  }
  return result;
}

/**
 * Runs a form's command: busy while it runs; when refused, the problems under their fields
 * and the rest as lines (`refusal`).
 */
export function useRefusal(formFields: readonly string[], label?: Labeler) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<Refusal>(noRefusal);
  /** Runs `work`; true when it went through. */
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setRefused(noRefusal);
    try {
      await work();
      return true;
    } catch (failure) {
      setRefused(refusal(t, failure, formFields, label));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, refused, run };
}
