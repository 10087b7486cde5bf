// A new design document: title, kind, tags and the records it describes.
import { useState } from "react";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { useRefusal } from "../../lib/problems";
import { kindKey } from "./columns";
import { docKinds } from "./DesignDocsScreen";

function list(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

export function NewDocDialog(props: { onClose: () => void; onSaved: (id: string) => void }) {
  const t = useT();
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState("architecture");
  const [tags, setTags] = useState("");
  const [links, setLinks] = useState("");
  const { busy, refused, run } = useRefusal(["title", "kind", "tags", "links"]);
  const save = async () => {
    let id = "";
    const done = await run(async () => {
      const view = await call("designdoc_add", {
        input: { title, kind, tags: list(tags), links: list(links) },
      });
      id = view.row.id;
    });
    if (done) props.onSaved(id);
  };
  const linkError = Object.entries(refused.fields).find(([field]) => field.startsWith("links"));
  return (
    <Dialog
      title={t("designdoc.new.title")}
      onClose={props.onClose}
      dirty={title !== ""}
      testId="designdoc-new"
      footer={
        <>
          <Button onClick={props.onClose}>{t("designdoc.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={() => void save()}
            data-testid="designdoc-new-save"
          >
            {t("designdoc.save")}
          </Button>
        </>
      }
    >
      <Field label={t("designdoc.field.title")} required error={refused.fields.title}>
        <input
          data-autofocus
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          data-testid="designdoc-new-title"
        />
      </Field>
      <Field label={t("designdoc.field.kind")} error={refused.fields.kind}>
        <select
          value={kind}
          onChange={(event) => setKind(event.target.value)}
          data-testid="designdoc-new-kind"
        >
          {docKinds.map((code) => (
            <option key={code} value={code}>
              {t(kindKey(code))}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("designdoc.field.tags")} error={refused.fields.tags}>
        <input value={tags} onChange={(event) => setTags(event.target.value)} />
      </Field>
      <Field label={t("designdoc.field.links")} error={linkError?.[1]}>
        <input
          value={links}
          onChange={(event) => setLinks(event.target.value)}
          data-testid="designdoc-new-links"
        />
      </Field>
      {refused.lines.map((line) => (
        <p key={line} className="form-error" role="alert">
          {line}
        </p>
      ))}
    </Dialog>
  );
}
