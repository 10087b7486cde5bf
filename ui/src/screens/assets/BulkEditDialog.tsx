import { useState } from "react";
import type { AssetStatus } from "../../bindings/AssetStatus";
import type { BulkAssetEdit } from "../../bindings/BulkAssetEdit";
import { ChangeList } from "../../components/ChangeList";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Field } from "../../components/Field";
import { useToast } from "../../components/Toast";
import { useLanguage, useT, type Translate } from "../../i18n";
import { call } from "../../ipc";
import { assetStatuses } from "../../lib/dto";
import { formatCount } from "../../lib/format";
import { problemText, refusal } from "../../lib/problems";
import { useUndoToast } from "../../lib/undo";
import { useCommand } from "../../lib/useCommand";
import { useSettled } from "../../lib/useSettled";

/** Disposal is a record of its own: a bulk edit never sets it. */
const choosableStatuses = assetStatuses.filter((status) => status !== "disposed");

function splitTags(text: string): string[] {
  return text
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "");
}

/** The changed fields of one asset, before or after, as one line. */
function fieldsText(
  t: Translate,
  fields: { status: AssetStatus | null; owner: string | null; tags: string[] | null },
): string {
  const parts: string[] = [];
  if (fields.status !== null) parts.push(t(`status.${fields.status}`));
  if (fields.owner !== null) parts.push(fields.owner === "" ? "—" : fields.owner);
  if (fields.tags !== null) parts.push(fields.tags.length === 0 ? "—" : fields.tags.join(", "));
  return parts.join(" · ");
}

/**
 * Changes the status, owner or tags of the chosen assets at once. Every choice shows first
 * what it will change (how many, which: each asset's values before and after, the ones left
 * as they are); the change is written in one step and the toast offers 되돌리기.
 */
export function BulkEditDialog(props: {
  ids: readonly string[];
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const undoToast = useUndoToast();
  const [status, setStatus] = useState<AssetStatus | "">("");
  const [changeOwner, setChangeOwner] = useState(false);
  const [owner, setOwner] = useState("");
  const [addTags, setAddTags] = useState("");
  const [removeTags, setRemoveTags] = useState("");
  const [busy, setBusy] = useState(false);

  const edit: BulkAssetEdit = {
    ids: [...props.ids],
    status: status === "" ? null : status,
    owner: changeOwner ? owner : null,
    add_tags: splitTags(addTags),
    remove_tags: splitTags(removeTags),
  };
  const anything =
    edit.status !== null ||
    edit.owner !== null ||
    edit.add_tags.length > 0 ||
    edit.remove_tags.length > 0;
  const settled = useSettled(edit, 150);
  const preview = useCommand("asset_bulk_preview", anything ? { edit: settled } : null);
  const shown =
    anything && JSON.stringify(settled) === JSON.stringify(edit) ? preview.data : undefined;
  const skipped = shown?.skipped.filter((s) => s.reason === "disposed").length ?? 0;

  const apply = async () => {
    setBusy(true);
    try {
      const done = await call("asset_bulk_edit", { edit });
      undoToast(t("assets.bulk.done", { count: formatCount(done.changed, language) }), done.undo);
      props.onDone();
    } catch (failure) {
      toast(refusal(t, failure, []).lines.join(" "), "error");
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      title={t("assets.bulk.title", { count: formatCount(props.ids.length, language) })}
      summary={
        shown === undefined
          ? t("assets.bulk.nothing")
          : t("assets.bulk.summary", { count: formatCount(shown.changing, language) })
      }
      confirmLabel={t("assets.bulk.go", {
        count: formatCount(shown?.changing ?? 0, language),
      })}
      disabled={shown === undefined || shown.changing === 0 || shown.problems.length > 0}
      busy={busy}
      onConfirm={() => void apply()}
      onClose={props.onClose}
      testId="asset-bulk"
    >
      <div className="form-row">
        <Field label={t("field.status")}>
          <select
            className="input"
            value={status}
            data-testid="asset-bulk-status"
            onChange={(event) => setStatus(event.target.value as AssetStatus | "")}
          >
            <option value="">{t("assets.bulk.keep")}</option>
            {choosableStatuses.map((code) => (
              <option key={code} value={code}>
                {t(`status.${code}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("field.owner")}>
          <div className="inline-fields">
            <label className="checkbox-line">
              <input
                type="checkbox"
                checked={changeOwner}
                data-testid="asset-bulk-owner-change"
                onChange={(event) => setChangeOwner(event.target.checked)}
              />
              {t("assets.bulk.ownerChange")}
            </label>
            <input
              className="input"
              value={owner}
              disabled={!changeOwner}
              aria-label={t("field.owner")}
              data-testid="asset-bulk-owner"
              onChange={(event) => setOwner(event.target.value)}
            />
          </div>
        </Field>
      </div>
      <div className="form-row">
        <Field label={t("assets.bulk.addTags")} hint={t("assets.bulk.tagsHint")}>
          <input
            className="input"
            value={addTags}
            data-testid="asset-bulk-add-tags"
            onChange={(event) => setAddTags(event.target.value)}
          />
        </Field>
        <Field label={t("assets.bulk.removeTags")} hint={t("assets.bulk.tagsHint")}>
          <input
            className="input"
            value={removeTags}
            data-testid="asset-bulk-remove-tags"
            onChange={(event) => setRemoveTags(event.target.value)}
          />
        </Field>
      </div>
      {shown !== undefined && (
        <>
          {shown.problems.length > 0 && (
            <ul className="problem-list" role="alert" data-testid="asset-bulk-problems">
              {shown.problems.map((problem, index) => (
                <li key={index}>{problemText(t, problem)}</li>
              ))}
            </ul>
          )}
          {(shown.unchanged > 0 || skipped > 0) && (
            <p className="muted" data-testid="asset-bulk-left">
              {[
                shown.unchanged > 0
                  ? t("assets.bulk.unchanged", { count: formatCount(shown.unchanged, language) })
                  : "",
                skipped > 0
                  ? t("assets.bulk.skipped", { count: formatCount(skipped, language) })
                  : "",
              ]
                .filter((line) => line !== "")
                .join(" ")}
            </p>
          )}
          {shown.changing > 0 && (
            <ChangeList
              rows={shown.changes.map((change) => ({
                key: change.asset,
                name: change.tag,
                was: fieldsText(t, change.was),
                now: fieldsText(t, change.now),
              }))}
              total={shown.changing}
            />
          )}
        </>
      )}
    </ConfirmDialog>
  );
}
