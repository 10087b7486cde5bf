// The review panel of a document: its reviews (rule, approvals, who it waits on, due date),
// each decision with whether it still counts (a decision on an earlier version is stale), a
// review requested (reviewers from the members, or holders of sign_off_designs; all, N of M
// or any one; a due date), a decision with a comment (signed by this device's key in Rust),
// and the comment threads on the current version (pinned or general, replies, resolve,
// "made on v1" for one carried forward).
import { useState } from "react";
import type { CommentPin } from "../../bindings/CommentPin";
import type { CommentThread } from "../../bindings/CommentThread";
import type { DecisionView } from "../../bindings/DecisionView";
import type { DocView } from "../../bindings/DocView";
import type { ReviewVerdict } from "../../bindings/ReviewVerdict";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useToast } from "../../components/Toast";
import { useLanguage, useT, type MessageKey } from "../../i18n";
import { call } from "../../ipc";
import { formatDateTime, localDate } from "../../lib/format";
import { useRefusal } from "../../lib/problems";
import { useCommand } from "../../lib/useCommand";
import { stateKey } from "./columns";

/** Whether a decision is stale: made on another version than the one now current. */
export function isStale(decision: DecisionView, currentNumber: number | null): boolean {
  return currentNumber !== null && decision.version_number !== currentNumber;
}

export function ReviewPanel(props: {
  view: DocView;
  pin: CommentPin | null;
  onPinDone: () => void;
}) {
  const t = useT();
  const { view } = props;
  const [requesting, setRequesting] = useState(false);
  const current = view.row.current_version;
  const open = view.reviews.some(
    (review) =>
      review.version_number === current &&
      (review.state === "in_review" || review.state === "changes_requested"),
  );
  return (
    <aside className="designdoc-review" data-testid="designdoc-review">
      <h3>{t("designdoc.review.title")}</h3>
      {view.reviews.length === 0 && <p className="muted">{t("designdoc.review.none")}</p>}
      {view.reviews.map((review) => (
        <div
          key={review.key}
          className="designdoc-review-item"
          data-testid="designdoc-review-item"
          data-state={review.state}
          data-version={review.version_number}
        >
          <p>
            <span className={`designdoc-state state-${review.state}`}>
              {t(stateKey(review.state))}
            </span>{" "}
            {t("designdoc.review.summary", {
              version: review.version_number,
              approvals: review.approvals,
              required: review.required,
            })}
            {review.review.due !== "" && (
              <span className="muted">
                {" "}
                · {t("designdoc.review.dueOn", { due: review.review.due })}
              </span>
            )}
          </p>
          {review.waiting_on.length > 0 && (
            <p className="muted" data-testid="designdoc-waiting">
              {t("designdoc.review.waiting", {
                names: review.waiting_on.map((person) => person.name).join(", "),
              })}
            </p>
          )}
          <ul className="designdoc-decisions">
            {review.decisions.map((decision) => (
              <Decision key={decision.key} decision={decision} current={current} />
            ))}
          </ul>
        </div>
      ))}
      {current !== null && !open && view.row.state !== "approved" && (
        <Button
          edits="records"
          size="sm"
          onClick={() => setRequesting(true)}
          data-testid="designdoc-review-request"
        >
          {t("designdoc.review.request")}
        </Button>
      )}
      {open && <DecideForm id={view.row.id} version={current} />}
      <Comments view={view} pin={props.pin} onPinDone={props.onPinDone} />
      {requesting && <RequestReviewDialog id={view.row.id} onClose={() => setRequesting(false)} />}
    </aside>
  );
}

function Decision(props: { decision: DecisionView; current: number | null }) {
  const t = useT();
  const { language } = useLanguage();
  const { decision } = props.decision;
  const stale = isStale(props.decision, props.current);
  return (
    <li
      data-testid="designdoc-decision"
      data-verdict={decision.verdict}
      data-stale={stale ? "yes" : "no"}
      className={stale || props.decision.flag !== null ? "is-stale" : ""}
    >
      {t(`designdoc.decision.${decision.verdict}` as MessageKey, { name: decision.by.name })}
      <span className="muted"> · {formatDateTime(decision.at_ms, language)}</span>
      {decision.signed !== null && <span className="badge">{t("designdoc.decision.signed")}</span>}
      {stale && (
        <span className="designdoc-stale" data-testid="designdoc-stale">
          {" "}
          {t("designdoc.decision.stale", { number: props.decision.version_number })}
        </span>
      )}
      {props.decision.flag !== null && (
        <span className="designdoc-stale">
          {" "}
          {t(`designdoc.decision.flag.${props.decision.flag}` as MessageKey)}
        </span>
      )}
      {decision.comment !== "" && <p className="designdoc-comment-text">{decision.comment}</p>}
    </li>
  );
}

function DecideForm(props: { id: string; version: number | null }) {
  const t = useT();
  const toast = useToast();
  const [comment, setComment] = useState("");
  const { busy, refused, run } = useRefusal(["comment"]);
  const decide = async (verdict: ReviewVerdict) => {
    const done = await run(() =>
      call("designdoc_decide", { id: props.id, version: props.version, verdict, comment }),
    );
    if (done) {
      setComment("");
      toast(t("designdoc.decide.done"), "success");
    }
  };
  return (
    <div className="designdoc-decide" data-testid="designdoc-decide">
      <Field label={t("designdoc.decide.comment")} error={refused.fields.comment}>
        <textarea
          rows={2}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          data-testid="designdoc-decide-comment"
        />
      </Field>
      <div className="designdoc-decide-buttons">
        <Button
          edits="records"
          size="sm"
          variant="primary"
          busy={busy}
          onClick={() => void decide("approve")}
          data-testid="designdoc-approve"
        >
          {t("designdoc.decide.approve")}
        </Button>
        <Button
          edits="records"
          size="sm"
          busy={busy}
          onClick={() => void decide("changes")}
          data-testid="designdoc-changes"
        >
          {t("designdoc.decide.changes")}
        </Button>
        <Button
          edits="records"
          size="sm"
          variant="danger"
          busy={busy}
          onClick={() => void decide("reject")}
          data-testid="designdoc-reject"
        >
          {t("designdoc.decide.reject")}
        </Button>
      </div>
      {refused.lines.map((line) => (
        <p key={line} className="form-error" role="alert" data-testid="designdoc-decide-error">
          {line}
        </p>
      ))}
    </div>
  );
}

export function RequestReviewDialog(props: { id: string; onClose: () => void }) {
  const t = useT();
  const roster = useCommand("members_roster", {});
  const members = roster.data?.members ?? [];
  const [reviewers, setReviewers] = useState<string[]>([]);
  // In a workspace with no team (no roster), people are their names: typed, comma separated.
  const [names, setNames] = useState("");
  const [capability, setCapability] = useState(false);
  const [rule, setRule] = useState("all");
  const [required, setRequired] = useState(1);
  const [due, setDue] = useState("");
  const { busy, refused, run } = useRefusal(["reviewers", "rule", "required", "due"]);
  const send = async () => {
    const done = await run(() =>
      call("designdoc_review", {
        id: props.id,
        input: {
          version: null,
          reviewers: [
            ...reviewers,
            ...names
              .split(",")
              .map((name) => name.trim())
              .filter((name) => name !== ""),
          ],
          capability: capability ? "sign_off_designs" : "",
          rule,
          required: rule === "n_of_m" ? required : null,
          due,
        },
        today: localDate(),
      }),
    );
    if (done) props.onClose();
  };
  const toggle = (who: string) =>
    setReviewers((list) =>
      list.includes(who) ? list.filter((item) => item !== who) : [...list, who],
    );
  const reviewerError = Object.entries(refused.fields).find(([field]) =>
    field.startsWith("reviewers"),
  );
  return (
    <Dialog
      title={t("designdoc.review.request")}
      onClose={props.onClose}
      testId="designdoc-review-dialog"
      footer={
        <>
          <Button onClick={props.onClose}>{t("designdoc.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={() => void send()}
            data-testid="designdoc-review-send"
          >
            {t("designdoc.review.send")}
          </Button>
        </>
      }
    >
      <fieldset className="designdoc-reviewers" data-testid="designdoc-reviewers">
        <legend>{t("designdoc.review.reviewers")}</legend>
        {members.length === 0 && (
          <Field label={t("designdoc.review.names")} hint={t("designdoc.review.noMembers")}>
            <input
              value={names}
              onChange={(event) => setNames(event.target.value)}
              data-testid="designdoc-review-names"
            />
          </Field>
        )}
        {members.map((member) => (
          <label key={member.user_id} className="checkbox-label">
            <input
              type="checkbox"
              checked={reviewers.includes(member.user_id)}
              onChange={() => toggle(member.user_id)}
              data-testid="designdoc-reviewer"
              data-name={member.name}
            />
            {member.name}
          </label>
        ))}
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={capability}
            onChange={(event) => setCapability(event.target.checked)}
            data-testid="designdoc-review-capability"
          />
          {t("designdoc.review.capability")}
        </label>
        {reviewerError !== undefined && (
          <p className="field-error" role="alert">
            {reviewerError[1]}
          </p>
        )}
      </fieldset>
      <Field label={t("designdoc.review.rule")} error={refused.fields.rule}>
        <select
          value={rule}
          onChange={(event) => setRule(event.target.value)}
          data-testid="designdoc-review-rule"
        >
          <option value="all">{t("designdoc.review.rule.all")}</option>
          <option value="n_of_m">{t("designdoc.review.rule.n_of_m")}</option>
          <option value="any_one">{t("designdoc.review.rule.any_one")}</option>
        </select>
      </Field>
      {rule === "n_of_m" && (
        <Field label={t("designdoc.review.required")} error={refused.fields.required}>
          <input
            type="number"
            min={1}
            value={required}
            onChange={(event) => setRequired(Number(event.target.value))}
            data-testid="designdoc-review-required"
          />
        </Field>
      )}
      <Field label={t("designdoc.review.due")} error={refused.fields.due}>
        <input type="date" value={due} onChange={(event) => setDue(event.target.value)} />
      </Field>
      {refused.lines.map((line) => (
        <p key={line} className="form-error" role="alert">
          {line}
        </p>
      ))}
    </Dialog>
  );
}

function Comments(props: { view: DocView; pin: CommentPin | null; onPinDone: () => void }) {
  const t = useT();
  const [text, setText] = useState("");
  const { busy, refused, run } = useRefusal(["text", "pin"]);
  const post = async () => {
    const done = await run(() =>
      call("designdoc_comment", {
        id: props.view.row.id,
        input: { version: null, text, pin: props.pin, reply_to: null },
      }),
    );
    if (done) {
      setText("");
      props.onPinDone();
    }
  };
  if (props.view.row.current_version === null) return null;
  return (
    <section className="designdoc-comments" data-testid="designdoc-comments">
      <h3>{t("designdoc.comments")}</h3>
      {props.view.comments.length === 0 && <p className="muted">{t("designdoc.comments.none")}</p>}
      {props.view.comments.map((thread, index) => (
        <Thread key={thread.key} id={props.view.row.id} thread={thread} index={index} />
      ))}
      <Field
        label={
          props.pin === null
            ? t("designdoc.comment.add")
            : t("designdoc.comment.pinAt", { page: props.pin.page })
        }
        error={refused.fields.text ?? refused.fields.pin}
      >
        <textarea
          rows={2}
          value={text}
          autoFocus={props.pin !== null}
          onChange={(event) => setText(event.target.value)}
          data-testid="designdoc-comment-text"
        />
      </Field>
      <Button
        edits="records"
        size="sm"
        busy={busy}
        disabled={text.trim() === ""}
        onClick={() => void post()}
        data-testid="designdoc-comment-send"
      >
        {t("designdoc.comment.send")}
      </Button>
      {refused.lines.map((line) => (
        <p key={line} className="form-error" role="alert">
          {line}
        </p>
      ))}
    </section>
  );
}

function Thread(props: { id: string; thread: CommentThread; index: number }) {
  const t = useT();
  const { language } = useLanguage();
  const { thread } = props;
  const [reply, setReply] = useState("");
  const { busy, refused, run } = useRefusal(["text"]);
  const send = async () => {
    const done = await run(() =>
      call("designdoc_comment", {
        id: props.id,
        input: { version: null, text: reply, pin: null, reply_to: thread.key },
      }),
    );
    if (done) setReply("");
  };
  const resolve = () =>
    run(() =>
      call("designdoc_resolve", {
        id: props.id,
        comment: thread.key,
        resolved: thread.comment.resolved === null,
      }),
    );
  return (
    <div
      className={`designdoc-thread ${thread.comment.resolved ? "is-resolved" : ""}`}
      data-testid="designdoc-thread"
      data-carried={thread.carried ? "yes" : "no"}
      data-page={thread.comment.pin?.page ?? ""}
    >
      <p>
        {thread.comment.pin !== null && (
          <span className="designdoc-pin-number">{props.index + 1}</span>
        )}
        <strong>{thread.comment.by.name}</strong>
        <span className="muted"> · {formatDateTime(thread.comment.at_ms, language)}</span>
        {thread.comment.pin !== null && (
          <span className="muted">
            {" "}
            · {t("designdoc.comment.pinned", { page: thread.comment.pin.page })}
          </span>
        )}
        {thread.carried && (
          <span className="badge" data-testid="designdoc-made-on">
            {t("designdoc.comment.madeOn", { number: thread.made_on })}
          </span>
        )}
        {thread.comment.resolved !== null && (
          <span className="badge">{t("designdoc.comment.resolved")}</span>
        )}
      </p>
      <p className="designdoc-comment-text">{thread.comment.text}</p>
      {thread.replies.map(([key, answer]) => (
        <p key={key} className="designdoc-reply" data-testid="designdoc-reply">
          <strong>{answer.by.name}</strong> {answer.text}
        </p>
      ))}
      <div className="designdoc-thread-actions">
        <input
          value={reply}
          placeholder={t("designdoc.comment.reply")}
          aria-label={t("designdoc.comment.reply")}
          onChange={(event) => setReply(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && reply.trim() !== "") void send();
          }}
          data-testid="designdoc-reply-text"
        />
        <Button
          size="sm"
          variant="ghost"
          busy={busy}
          onClick={() => void resolve()}
          data-testid="designdoc-resolve"
        >
          {thread.comment.resolved === null
            ? t("designdoc.comment.resolve")
            : t("designdoc.comment.reopen")}
        </Button>
      </div>
      {[...Object.values(refused.fields), ...refused.lines].map((line) => (
        <p key={line} className="form-error" role="alert">
          {line}
        </p>
      ))}
    </div>
  );
}
