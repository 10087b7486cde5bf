import { useState } from "react";
import type { AssetQuery } from "../../bindings/AssetQuery";
import type { LabelTarget } from "../../bindings/LabelTarget";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { call } from "../../ipc";
import { formatCount } from "../../lib/format";
import { useCommand } from "../../lib/useCommand";
import { defaultTarget, LabelTargetFields, printedText } from "./LabelTargetFields";
import { useRefusable } from "../cables/useRefusable";
import { ProblemList } from "../cables/AddCableDialog";

/**
 * Asset tags on the label machinery: one label per asset (its tag large, model and serial,
 * rack and unit when placed) with a QR code of the tag, for exactly the assets the asset
 * list shows (its search and filters); the dialog says how many and which before printing.
 */
export function AssetTagsDialog(props: {
  query: AssetQuery;
  filtered: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const [target, setTarget] = useState<LabelTarget>({ ...defaultTarget, media: "a4-4x10" });
  const { busy, problems, run } = useRefusable();
  const query: AssetQuery = { ...props.query, offset: 0, limit: 5 };
  const shown = useCommand("asset_query", { query });
  const total = shown.data?.total;
  const print = () =>
    run(async () => {
      const result = await call("asset_tags_print", { query: props.query, target });
      toast(printedText(t, result), "success");
      props.onClose();
    });
  const first = (shown.data?.rows ?? []).map((row) => row.asset.asset_tag).join(", ");
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
            disabled={total === undefined || total === 0}
            onClick={() => void print()}
            data-testid="asset-tags-go"
          >
            {total === undefined
              ? t("cable.print.go")
              : t("labels.assetTagsGo", { count: formatCount(total, language) })}
          </Button>
        </>
      }
    >
      <p className="bulk-summary" data-testid="asset-tags-summary">
        {total === undefined
          ? t("common.loading")
          : t(props.filtered ? "labels.assetTagsFiltered" : "labels.assetTagsAll", {
              count: formatCount(total, language),
              first,
            })}
      </p>
      <LabelTargetFields value={target} onChange={setTarget} />
      {problems.length > 0 && <ProblemList lines={problems} />}
    </Dialog>
  );
}
