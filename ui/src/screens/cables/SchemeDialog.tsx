import { useEffect, useRef, useState } from "react";
import type { SchemePreview } from "../../bindings/SchemePreview";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { useCommand } from "../../lib/useCommand";
import { refusalLines } from "./cableText";
import { ProblemList } from "./AddCableDialog";
import { useRefusable } from "./useRefusable";

const fields = [
  "{site}",
  "{room}",
  "{row}",
  "{rack}",
  "{unit}",
  "{device}",
  "{port}",
  "{far_rack}",
  "{far_unit}",
  "{far_device}",
  "{far_port}",
  "{n:4}",
];

/**
 * The workspace's label naming scheme: a template of fields, tried on the cables there are as
 * it is typed. Setting it relabels cables whose labels were generated and never printed.
 */
export function SchemeDialog(props: { onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const current = useCommand("label_scheme", {});
  const [template, setTemplate] = useState<string | null>(null);
  const [preview, setPreview] = useState<SchemePreview | null>(null);
  const { busy, problems, setProblems, run } = useRefusable();
  const input = useRef<HTMLInputElement>(null);
  const text = template ?? current.data?.template ?? "";

  useEffect(() => {
    if (text === "") return undefined;
    let live = true;
    const timer = window.setTimeout(() => {
      call("label_scheme_preview", { template: text })
        .then((result) => {
          if (!live) return;
          setPreview(result);
          setProblems([]);
        })
        .catch((failure: unknown) => {
          if (!live) return;
          setPreview(null);
          setProblems(refusalLines(t, failure));
        });
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [text, t]);

  const insert = (field: string) => {
    const element = input.current;
    const at = element?.selectionStart ?? text.length;
    setTemplate(text.slice(0, at) + field + text.slice(element?.selectionEnd ?? at));
    element?.focus();
  };

  const save = () =>
    run(async () => {
      const relabelled = await call("label_scheme_set", { template: text });
      toast(t("cable.scheme.saved", { count: relabelled }), "success");
      props.onClose();
    });

  const clashes = preview?.clashes ?? [];
  return (
    <Dialog
      title={t("cable.scheme.title")}
      onClose={props.onClose}
      testId="scheme-dialog"
      footer={
        <>
          <Button
            variant="ghost"
            onClick={() => setTemplate(current.data?.default_template ?? "")}
            data-testid="scheme-default"
          >
            {t("cable.scheme.useDefault")}
          </Button>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={preview === null || clashes.length > 0}
            onClick={() => void save()}
            data-testid="scheme-save"
          >
            {t("common.save")}
          </Button>
        </>
      }
    >
      <Field label={t("cable.scheme.template")} hint={t("cable.scheme.hint")}>
        <input
          ref={input}
          className="mono"
          value={text}
          data-autofocus
          data-testid="scheme-template"
          onChange={(event) => setTemplate(event.target.value)}
        />
      </Field>
      <div className="field-chips" aria-label={t("cable.scheme.fields")}>
        {fields.map((field) => (
          <button key={field} type="button" className="tag" onClick={() => insert(field)}>
            {field}
          </button>
        ))}
      </div>
      {current.data?.set_by != null && (
        <p className="muted">{t("cable.scheme.setBy", { name: current.data.set_by })}</p>
      )}
      {preview !== null && (
        <div className="scheme-preview" data-testid="scheme-preview">
          <p>{t("cable.scheme.relabelled", { count: preview.relabelled })}</p>
          <table className="plain-table">
            <thead>
              <tr>
                <th>{t("cable.scheme.now")}</th>
                <th>{t("cable.scheme.becomes")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.examples.map(([before, after], index) => (
                <tr key={index}>
                  <td className="mono">{before}</td>
                  <td className="mono" data-testid="scheme-example">
                    {after}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {clashes.length > 0 && (
        <ProblemList
          lines={[t("cable.scheme.clashes", { labels: clashes.slice(0, 5).join(", ") })]}
        />
      )}
      {problems.length > 0 && <ProblemList lines={problems} />}
    </Dialog>
  );
}
