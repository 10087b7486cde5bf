// One purchase request beside the list: where it stands and who it waits on, its budget
// line, its lines with their estimated prices, the approval line (결재선) step by step with
// each decision, and what can be done now: submit a draft (or resubmit after changes were
// asked for), or approve, reject or send it back with a comment. Rust decides who may; a
// refusal (not your turn, your own request, over your limit, a stopped budget) is shown here.
// While not yet ordered it is edited in the request dialog (its lines keep their keys); any
// request is copied into a new draft to reorder; one not received or closed is cancelled with
// a reason; its drawings and spec sheets are its files (the purchasing files list, as a
// vendor's); and its questions and answers are the thread at the bottom.
import { useRef, useState } from "react";
import type { PolicyOutcome } from "../../bindings/PolicyOutcome";
import type { Status } from "../../bindings/Status";
import type { Verdict } from "../../bindings/Verdict";
import { Button } from "../../components/Button";
import { Field } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT, type Language } from "../../i18n";
import { addPurchaseFile, call } from "../../ipc";
import { describeError } from "../../lib/errors";
import { formatMoney, localDate } from "../../lib/format";
import { refusal } from "../../lib/problems";
import type { QueryCache } from "../../lib/queryCache";
import { startRead, useCommand } from "../../lib/useCommand";
import { Procurement, procurementReads } from "./procurement/Procurement";
import { PurchasingFiles } from "./PurchasingFiles";
import { RequestCancelDialog } from "./RequestCancelDialog";
import { RequestDialog } from "./RequestDialog";
import { RequestLines } from "./RequestLines";
import { RequestThread } from "./RequestThread";

function won(amount: number, language: Language): string {
  return formatMoney({ amount_minor: amount, currency: "KRW" }, language);
}

/** The budget's answer in words, with its numbers. */
function BudgetAnswer({ outcome }: { outcome: PolicyOutcome }) {
  const t = useT();
  const { language } = useLanguage();
  const n = outcome.numbers;
  return (
    <p
      className={`banner ${outcome.outcome === "allowed" ? "" : outcome.outcome === "warned" ? "banner-warning" : "banner-error"}`}
      data-testid="request-budget-outcome"
      data-outcome={outcome.outcome}
    >
      {t(`request.budget.${outcome.outcome}`, {
        title: n.title,
        available: won(n.available_krw, language),
        request: won(n.request_krw, language),
        after: won(n.available_after_krw, language),
      })}
    </p>
  );
}

/** Starts the request's own read as it is opened (with the procurement section's,
 * `startProcurementReads`), before the detail is drawn. */
export function startRequestReads(cache: QueryCache, id: string) {
  startRead(cache, "purchase_get", { id });
}

const editable: readonly Status[] = [
  "draft",
  "submitted",
  "in_review",
  "changes_requested",
  "approved",
];
const over: readonly Status[] = ["cancelled", "completed", "received", "rejected"];

export function RequestDetail(props: {
  id: string;
  onClose: () => void;
  /** Opens another request here (the draft a copy made). */
  onOpen?: (id: string) => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const read = useCommand("purchase_get", { id: props.id });
  const [busy, setBusy] = useState(false);
  const [comment, setComment] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<PolicyOutcome | null>(null);
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const view = read.data;
  // A request with quotes is first drawn once its comparison is in too (asked with it as it
  // was opened, it arrives a few milliseconds later): drawn without it first, the whole detail
  // was laid out twice and the comparison's answer waited for the first drawing. Once drawn,
  // the detail stays (a first RFQ asks for a comparison: its section waits, not the detail).
  const comparison = useCommand(
    "purchase_comparison",
    view === undefined ? null : procurementReads(view, localDate()).comparison,
  );
  const drawn = useRef(false);
  if (view === undefined || (comparison.loading && !drawn.current)) {
    return (
      <aside className="vendor-detail" aria-busy={read.error === undefined}>
        {read.error !== undefined ? (
          <p className="banner banner-error" role="alert">
            {describeError(t, read.error)}
          </p>
        ) : (
          <Spinner label={t("common.loading")} />
        )}
      </aside>
    );
  }
  drawn.current = true;
  const { request, status } = view;
  const act = async (work: () => Promise<{ budget: PolicyOutcome | null }>, done: string) => {
    setBusy(true);
    setProblems([]);
    try {
      const answer = await work();
      setOutcome(answer.budget);
      setComment("");
      toast(done, "success");
    } catch (failure) {
      setProblems(refusal(t, failure, []).lines);
    } finally {
      setBusy(false);
    }
  };
  const submit = () =>
    act(
      () => call("purchase_submit", { id: request.id, today: localDate() }),
      t("request.submitted", { number: request.number }),
    );
  const decide = (verdict: Verdict) =>
    act(
      () => call("purchase_decide", { id: request.id, verdict, comment, today: localDate() }),
      t(`request.decided.${verdict}`, { number: request.number }),
    );
  const copy = async () => {
    setBusy(true);
    setProblems([]);
    try {
      const made = await call("purchase_copy", { id: request.id, today: localDate() });
      toast(t("request.copied", { number: request.number, copy: made.request.number }), "success");
      props.onOpen?.(made.request.id);
    } catch (failure) {
      setProblems(refusal(t, failure, []).lines);
    } finally {
      setBusy(false);
    }
  };
  const cancellations = Object.values(request.cancelled).sort((a, b) => a.at_ms - b.at_ms);
  const decisions = Object.entries(request.decisions);
  const canSubmit = status === "draft" || status === "changes_requested";
  const canDecide = status === "submitted" || status === "in_review";

  return (
    <aside
      className="vendor-detail request-detail"
      data-testid="request-detail"
      data-number={request.number}
      data-status={status}
    >
      <div className="vendor-detail-head">
        <div>
          <h2 className="vendor-detail-title">{request.title}</h2>
          <span className="mono muted">{request.number}</span>
        </div>
        <div className="vendor-detail-actions">
          <span className={`request-status is-${status}`} data-testid="request-detail-status">
            {t(`request.status.${status}`)}
          </span>
          <button
            type="button"
            className="icon-btn"
            aria-label={t("common.close")}
            onClick={props.onClose}
          >
            <Icon name="x" />
          </button>
        </div>
      </div>
      <section className="detail-section">
        <dl className="request-facts">
          <dt>{t("request.col.requester")}</dt>
          <dd>
            {request.requester.name}
            {request.department !== "" && ` · ${request.department}`}
          </dd>
          <dt>{t("request.col.neededBy")}</dt>
          <dd className="tabular">{request.needed_by === "" ? "–" : request.needed_by}</dd>
          <dt>{t("request.field.budget")}</dt>
          <dd>{view.budget_title === "" ? t("request.noBudget") : view.budget_title}</dd>
          <dt>{t("request.col.total")}</dt>
          <dd className="tabular" data-testid="request-total">
            {won(view.total_krw, language)}
          </dd>
          {view.waiting_on.length > 0 && (
            <>
              <dt>{t("request.waitingOn")}</dt>
              <dd data-testid="request-waiting-on">
                {view.waiting_on.map((person) => person.name).join(", ")}
              </dd>
            </>
          )}
        </dl>
        {request.justification !== "" && <p className="vendor-notes">{request.justification}</p>}
        {cancellations.map((closing) => (
          <p key={closing.at_ms} className="banner" data-testid="request-cancelled-reason">
            {t("request.cancelledBecause", { name: closing.by.name, reason: closing.reason })}
          </p>
        ))}
        <div className="vendor-detail-actions request-actions">
          {editable.includes(status) && (
            <Button
              edits="records"
              size="sm"
              icon={<Icon name="pencil" size={14} />}
              onClick={() => setEditing(true)}
              data-testid="request-edit"
            >
              {t("request.edit")}
            </Button>
          )}
          <Button
            edits="records"
            size="sm"
            busy={busy}
            onClick={() => void copy()}
            data-testid="request-copy"
          >
            {t("request.copy")}
          </Button>
          {!over.includes(status) && (
            <Button
              edits="records"
              size="sm"
              variant="ghost"
              onClick={() => setCancelling(true)}
              data-testid="request-cancel"
            >
              {t("request.cancel")}
            </Button>
          )}
        </div>
      </section>
      <RequestLines id={request.id} lines={request.lines} />
      <PurchasingFiles
        testId="request"
        title={t("request.files")}
        none={t("request.file.none")}
        removeSummary={(name) => t("request.file.removeSummary", { name })}
        files={request.files}
        closed={
          status === "completed" || status === "cancelled" ? t("problem.request_closed") : undefined
        }
        add={(name, bytes) => addPurchaseFile({ id: request.id, name }, bytes)}
        remove={(sha256) => call("purchase_file_remove", { id: request.id, sha256 })}
      />
      {request.line.steps.length > 0 && (
        <section className="detail-section" data-testid="request-approval-line">
          <h3 className="section-title">
            {t("request.approvalLine")}
            {request.line.delegated && ` · ${t("request.delegated")}`}
          </h3>
          <ol className="request-steps">
            {request.line.steps.map((step, at) => (
              <li key={at} className={at === view.step ? "is-current" : ""}>
                <span className="request-step-kind">{t(`request.step.${step.kind}`)}</span>
                {step.approvers.map((approver) => {
                  // The approver's latest decision at this step; one an edit made stale
                  // (the request asks again) says so.
                  const decided = decisions
                    .filter(
                      ([, decision]) =>
                        decision.step === at &&
                        (decision.by.who === approver.person.who ||
                          decision.acting_for === approver.person.who),
                    )
                    .sort(([, a], [, b]) => b.at_ms - a.at_ms)[0];
                  const stale = decided !== undefined && (view.stale ?? []).includes(decided[0]);
                  const verdict =
                    decided === undefined ? "" : t(`request.verdict.${decided[1].verdict}`);
                  return (
                    <span
                      key={approver.person.who}
                      className="request-approver"
                      data-testid="request-approver"
                      data-step={at}
                      data-name={approver.person.name}
                      data-verdict={decided?.[1].verdict ?? ""}
                      data-stale={stale}
                    >
                      {approver.person.name}
                      {decided !== undefined && (
                        <span
                          className={`request-verdict is-${decided[1].verdict}${stale ? " is-stale" : ""}`}
                        >
                          {" "}
                          {stale ? t("request.verdict.stale", { verdict }) : verdict}
                        </span>
                      )}
                    </span>
                  );
                })}
              </li>
            ))}
          </ol>
        </section>
      )}
      {/* The answer to what was just done; before that, what the budget says to the request
          as it stands, so the approver sees the numbers before deciding. */}
      {(outcome ?? view.budget ?? null) !== null && (
        <BudgetAnswer outcome={(outcome ?? view.budget) as PolicyOutcome} />
      )}
      {problems.length > 0 && (
        <ul className="problem-list" role="alert" data-testid="request-action-problems">
          {problems.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      )}
      {canSubmit && (
        <div className="vendor-detail-actions request-actions">
          <Button
            edits="records"
            variant="primary"
            busy={busy}
            onClick={() => void submit()}
            data-testid="request-submit"
          >
            {t("request.submit")}
          </Button>
        </div>
      )}
      {canDecide && (
        <section className="detail-section request-decide">
          <Field label={t("request.comment")} hint={t("request.commentHint")}>
            <textarea
              value={comment}
              rows={2}
              data-testid="request-comment"
              onChange={(event) => setComment(event.target.value)}
            />
          </Field>
          <div className="vendor-detail-actions request-actions">
            <Button
              edits="records"
              variant="primary"
              busy={busy}
              onClick={() => void decide("approve")}
              data-testid="request-approve"
            >
              {t("request.approve")}
            </Button>
            <Button
              edits="records"
              busy={busy}
              onClick={() => void decide("changes")}
              data-testid="request-changes"
            >
              {t("request.changes")}
            </Button>
            <Button
              edits="records"
              variant="ghost"
              busy={busy}
              onClick={() => void decide("reject")}
              data-testid="request-reject"
            >
              {t("request.reject")}
            </Button>
          </div>
        </section>
      )}
      <Procurement view={view} />
      <RequestThread request={request} />
      {editing && (
        <RequestDialog
          editing={request}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      )}
      {cancelling && <RequestCancelDialog request={request} onClose={() => setCancelling(false)} />}
    </aside>
  );
}
