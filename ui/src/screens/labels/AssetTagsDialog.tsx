import { useState } from "react";
import type { LabelTarget } from "../../bindings/LabelTarget";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { defaultTarget, LabelTargetFields, printedText } from "./LabelTargetFields";
import { useRefusable } from "../cables/useRefusable";
import { ProblemList } from "../cables/AddCableDialog";

/**
 * Asset tags on the label machinery: one label per asset (its tag large, model and serial,
 * rack and unit when placed) with a QR code of the tag, for the assets the filter names.
 */
export function AssetTagsDialog(props: { initialFilter: string; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const [filter, setFilter] = useState(props.initialFilter);
  const [target, setTarget] = useState<LabelTarget>({ ...defaultTarget, media: "a4-4x10" });
  const { busy, problems, run } = useRefusable();
  const print = () =>
    run(async () => {
      const result = await call("asset_tags_print", { filter, target });
      toast(printedText(t, result), "success");
      props.onClose();
    });
  return (
    <Dialog
      title={t("labels.assetTagsTitle")}
      onClose={props.onClose}
      testId="asset-tags-dialog"
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={() => void print()}
            data-testid="asset-tags-go"
          >
            {t("cable.print.go")}
          </Button>
        </>
      }
    >
      <Field label={t("labels.assetFilter")} hint={t("labels.assetFilterHint")}>
        <input
          value={filter}
          data-autofocus
          data-testid="asset-tags-filter"
          onChange={(event) => setFilter(event.target.value)}
        />
      </Field>
      <LabelTargetFields value={target} onChange={setTarget} />
      {problems.length > 0 && <ProblemList lines={problems} />}
    </Dialog>
  );
}
