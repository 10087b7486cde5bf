// A request's questions and answers (질문과 답변), in the order they were asked, each question
// with its answers under it; anyone may ask, and answer a question in place. Rust refuses an
// empty text or an answer to a question the request does not have.
import { useState } from "react";
import type { Message } from "../../bindings/Message";
import type { PurchaseRequest } from "../../bindings/PurchaseRequest";
import { Button } from "../../components/Button";
import { Field } from "../../components/Field";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { call } from "../../ipc";
import { formatDateTime } from "../../lib/format";
import { useRefusal } from "../../lib/problems";

type Keyed = [string, Message];

function byTime([, a]: Keyed, [, b]: Keyed): number {
  return a.at_ms - b.at_ms;
}

function Said({ message }: { message: Message }) {
  const { language } = useLanguage();
  return (
    <>
      <div className="request-message-head">
        <strong>{message.by.name}</strong>{" "}
        <span className="muted tabular">{formatDateTime(message.at_ms, language)}</span>
      </div>
      <p className="request-message-text">{message.text}</p>
    </>
  );
}

/** The text field and its button: a new question, or an answer to `answers`. */
function Compose(props: {
  id: string;
  answers: string | null;
  label: string;
  send: string;
  done: string;
  testId: string;
  onSent?: () => void;
}) {
  const toast = useToast();
  const [text, setText] = useState("");
  const { busy, refused, run } = useRefusal(["text"]);
  const send = async () => {
    const sent = await run(() =>
      call("purchase_ask", { id: props.id, text, answers: props.answers }),
    );
    if (sent) {
      setText("");
      toast(props.done, "success");
      props.onSent?.();
    }
  };
  return (
    <div className="request-compose" data-testid={props.testId}>
      <Field label={props.label} error={refused.fields.text ?? refused.lines[0]}>
        <textarea
          value={text}
          rows={2}
          data-testid={`${props.testId}-text`}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) void send();
          }}
        />
      </Field>
      <Button
        edits="records"
        size="sm"
        busy={busy}
        onClick={() => void send()}
        data-testid={`${props.testId}-send`}
      >
        {props.send}
      </Button>
    </div>
  );
}

export function RequestThread({ request }: { request: PurchaseRequest }) {
  const t = useT();
  const [answering, setAnswering] = useState<string | null>(null);
  const all = Object.entries(request.messages);
  const questions = all.filter(([, message]) => message.answers === null).sort(byTime);
  const answersTo = (key: string) =>
    all.filter(([, message]) => message.answers === key).sort(byTime);
  return (
    <section className="detail-section" data-testid="request-thread">
      <h3 className="section-title">{t("request.questions")}</h3>
      {questions.length === 0 ? (
        <p className="muted">{t("request.noQuestions")}</p>
      ) : (
        <ol className="request-questions">
          {questions.map(([key, question]) => (
            <li key={key} className="request-question" data-testid="request-question">
              <Said message={question} />
              {answersTo(key).length > 0 && (
                <ol className="request-answers">
                  {answersTo(key).map(([answerKey, answer]) => (
                    <li key={answerKey} className="request-answer" data-testid="request-answer">
                      <Said message={answer} />
                    </li>
                  ))}
                </ol>
              )}
              {answering === key ? (
                <Compose
                  id={request.id}
                  answers={key}
                  label={t("request.answerTo", { name: question.by.name })}
                  send={t("request.answerSend")}
                  done={t("request.answered")}
                  testId="request-answer-compose"
                  onSent={() => setAnswering(null)}
                />
              ) : (
                <Button
                  size="sm"
                  variant="ghost"
                  edits="records"
                  onClick={() => setAnswering(key)}
                  data-testid="request-answer-open"
                >
                  {t("request.answer")}
                </Button>
              )}
            </li>
          ))}
        </ol>
      )}
      <Compose
        id={request.id}
        answers={null}
        label={t("request.question")}
        send={t("request.ask")}
        done={t("request.asked")}
        testId="request-ask"
      />
    </section>
  );
}
