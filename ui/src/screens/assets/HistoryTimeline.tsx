import { InitialsBadge } from "../../components/Badge";
import { useLanguage, useT, type Language, type MessageKey, type Translate } from "../../i18n";
import type { AuthorCheck } from "../../bindings/AuthorCheck";
import type { LifeStep } from "../../bindings/LifeStep";
import { historyOps, type FieldChange, type HistoryEntry } from "../../lib/dto";
import { formatDateTime, locale } from "../../lib/format";
import { valueLabel } from "./FilterBar";

function opLabel(t: Translate, op: string): string {
  return (historyOps as readonly string[]).includes(op) ? t(`op.${op}` as MessageKey) : op;
}

/** A lifecycle step as a sentence: "이서연에게 배정 (2026-12-06부터, 반납 예정 2026-12-20)". */
export function stepText(t: Translate, step: LifeStep): string {
  switch (step.step) {
    case "assigned":
      return step.due === null
        ? t("history.step.assigned", { assignee: step.assignee, from: step.from })
        : t("history.step.assignedUntil", {
            assignee: step.assignee,
            from: step.from,
            due: step.due,
          });
    case "returned":
      return t("history.step.returned", {
        assignee: step.assignee,
        on: step.on,
        condition: t(`condition.${step.condition}`),
      });
    case "maintenance_begun":
      return t(
        step.vendor === "" ? "history.step.maintenanceBegun" : "history.step.maintenanceBegunBy",
        {
          kind: t(`maintKind.${step.kind}`),
          vendor: step.vendor,
          on: step.on,
        },
      );
    case "maintenance_finished":
      return t("history.step.maintenanceFinished", {
        kind: t(`maintKind.${step.kind}`),
        on: step.on,
      });
    case "disposal":
      return t(`history.step.disposal.${step.stage}`, { by: step.by });
  }
}

/** Operations that create the asset: their "before" is always empty, so only "after" shows. */
const creatingOps = new Set(["register", "import", "demo"]);

function changeValue(t: Translate, language: Language, change: FieldChange, value: string): string {
  if (value === "") return t("common.none");
  if (change.field === "cost" && /^-?\d+(\.\d+)?$/.test(value)) {
    const digits = value.split(".")[1]?.length ?? 0;
    return new Intl.NumberFormat(locale(language), { minimumFractionDigits: digits }).format(
      Number(value),
    );
  }
  return valueLabel(t, change.field, value);
}

/** The author as the roster names a verified account, else as the change names itself. */
function shownAuthor(entry: HistoryEntry): string {
  const check = entry.author_check;
  return check.state === "verified" && check.name !== "" ? check.name : entry.author.name;
}

/** Whether the team server vouched for the author: a ✓, or words saying why not. */
function AuthorMark({ check }: { check: AuthorCheck }) {
  const t = useT();
  if (check.state === "verified") {
    return (
      <span
        className="author-mark is-verified"
        data-testid="author-check"
        data-state={check.state}
        title={t("history.verifiedTitle")}
        aria-label={t("history.verified")}
      >
        ✓
      </span>
    );
  }
  const key = check.state === "not_synced" ? "history.notSynced" : "history.unverified";
  return (
    <span
      className={`author-mark is-${check.state}`}
      data-testid="author-check"
      data-state={check.state}
      title={t(`${key}Title` as MessageKey)}
    >
      {t(key)}
    </span>
  );
}

/** Who changed what and when, newest first; each change as `label: before → after`. */
export function HistoryTimeline({ entries }: { entries: readonly HistoryEntry[] }) {
  const t = useT();
  const { language } = useLanguage();
  return (
    <ol className="timeline" data-testid="history">
      {entries.map((entry, index) => (
        <li
          key={`${entry.at_ms}-${index}`}
          className="timeline-entry"
          data-testid="history-entry"
          data-op={entry.op}
        >
          <div className="timeline-marker">
            <InitialsBadge initials={entry.author.initials} name={entry.author.name} size="sm" />
          </div>
          <div className="timeline-content">
            <div className="timeline-head">
              <span className="timeline-author">{shownAuthor(entry)}</span>
              <AuthorMark check={entry.author_check} />
              <span className={`op-tag op-${entry.op}`}>{opLabel(t, entry.op)}</span>
              <time className="timeline-time" dateTime={new Date(entry.at_ms).toISOString()}>
                {formatDateTime(entry.at_ms, language)}
              </time>
            </div>
            {entry.steps.length > 0 && (
              <ul className="change-list">
                {entry.steps.map((step, stepIndex) => (
                  <li
                    key={stepIndex}
                    className="change"
                    data-testid="history-step"
                    data-step={step.step}
                  >
                    {stepText(t, step)}
                  </li>
                ))}
              </ul>
            )}
            {entry.changes.length === 0 ? (
              // Attaching a file changes no field; the attachments section lists the file.
              entry.steps.length === 0 && (
                <p className="muted">
                  {t(entry.op === "attach" ? "detail.attached" : "detail.noChanges")}
                </p>
              )
            ) : (
              <ul className="change-list">
                {entry.changes.map((change) => (
                  <li
                    key={change.field}
                    className="change"
                    data-testid="history-change"
                    data-field={change.field}
                  >
                    <span className="change-field">{t(`field.${change.field}`)}:</span>{" "}
                    {!creatingOps.has(entry.op) && (
                      <>
                        <span className={`change-before ${change.before === "" ? "is-empty" : ""}`}>
                          {changeValue(t, language, change, change.before)}
                        </span>
                        <span className="change-arrow" aria-label={t("common.arrow")}>
                          {" → "}
                        </span>
                      </>
                    )}
                    <span className={`change-after ${change.after === "" ? "is-empty" : ""}`}>
                      {changeValue(t, language, change, change.after)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
