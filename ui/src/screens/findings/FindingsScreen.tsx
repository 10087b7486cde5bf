import { useState } from "react";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT, type Language, type Translate } from "../../i18n";
import { call, CommandError } from "../../ipc";
import type { Finding } from "../../bindings/Finding";
import type { FieldConflict } from "../../bindings/FieldConflict";
import { currencies, type Currency } from "../../lib/dto";
import { describeError } from "../../lib/errors";
import { formatCount, formatMoney } from "../../lib/format";
import { isAssetKey, useCache, useCommand } from "../../lib/useCommand";
import type { OpenAssetRequest } from "../assets/AssetsScreen";
import { valueLabel } from "../assets/FilterBar";
import { BudgetRow, CableFailedRow, CableRuleRow, RackRuleRow } from "./RackFindingRows";

type ConflictFinding = Extract<Finding, { kind: "conflict" }>;
type DuplicateFinding = Extract<Finding, { kind: "duplicate_tag" }>;

/** How a concurrent value reads: the field's label for codes, money as money, "" as (없음). */
export function conflictValueText(
  t: Translate,
  language: Language,
  conflict: FieldConflict,
  value: string,
): string {
  if (value === "") return t("common.none");
  // A whole cost map arrives as "amount_minor: 12500000, currency: KRW".
  const money = /^amount_minor: (-?\d+), currency: (\w+)$/.exec(value);
  const currency = currencies.find((code) => code === money?.[2]);
  if (money !== null && currency !== undefined)
    return formatMoney(
      { amount_minor: Number(money[1]), currency: currency as Currency },
      language,
    );
  if (conflict.field === null) return value;
  return valueLabel(t, conflict.field, value);
}

/**
 * The findings inbox: what the merge of several devices' edits left for a person to decide.
 * Conflicts offer each concurrent value; duplicate tags link to the assets that share one.
 */
export function FindingsScreen({ onOpenAsset }: { onOpenAsset: (open: OpenAssetRequest) => void }) {
  const t = useT();
  const { language } = useLanguage();
  const cache = useCache();
  const findings = useCommand("findings_list", {});
  const list = findings.data;

  let body;
  if (findings.error !== undefined && list === undefined) {
    body = (
      <div className="center-message" role="alert">
        <p>{t("findings.loadFailed")}</p>
        <p className="muted">{describeError(t, findings.error)}</p>
        <Button onClick={() => cache.invalidate(isAssetKey)}>{t("common.retry")}</Button>
      </div>
    );
  } else if (list === undefined) {
    body = (
      <div className="center-message">
        <Spinner size={20} label={t("common.loading")} />
      </div>
    );
  } else if (list.length === 0) {
    body = (
      <EmptyState
        testId="findings-empty"
        icon="inbox"
        title={t("findings.emptyTitle")}
        body={t("findings.emptyBody")}
      />
    );
  } else {
    body = (
      <ul className="findings-list">
        {list.map((finding) =>
          finding.kind === "conflict" ? (
            <ConflictRow
              key={`c:${finding.asset_id}:${finding.conflict.path}:${finding.conflict.values.join("\u0000")}`}
              finding={finding}
              onOpenAsset={onOpenAsset}
            />
          ) : finding.kind === "duplicate_tag" ? (
            <DuplicateRow key={`d:${finding.tag}`} finding={finding} onOpenAsset={onOpenAsset} />
          ) : finding.kind === "rack_rule" ? (
            <RackRuleRow key={`r:${JSON.stringify(finding.invariant)}`} finding={finding} />
          ) : finding.kind === "cable_rule" ? (
            <CableRuleRow key={`k:${JSON.stringify(finding.invariant)}`} finding={finding} />
          ) : finding.kind === "cable_failed" ? (
            <CableFailedRow key={`f:${finding.cable}`} finding={finding} />
          ) : (
            <BudgetRow key={`b:${JSON.stringify(finding.finding)}`} finding={finding} />
          ),
        )}
      </ul>
    );
  }

  return (
    <div className="findings" data-testid="findings-screen">
      <div className="toolbar">
        <div className="toolbar-title">
          <h1 className="page-title">{t("findings.title")}</h1>
          {list !== undefined && (
            <span className="count" data-testid="findings-count">
              {t("findings.count", { count: formatCount(list.length, language) })}
            </span>
          )}
        </div>
        <p className="muted findings-intro">{t("findings.intro")}</p>
      </div>
      <div className="findings-body">{body}</div>
    </div>
  );
}

function ConflictRow({
  finding,
  onOpenAsset,
}: {
  finding: ConflictFinding;
  onOpenAsset: (open: OpenAssetRequest) => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const cache = useCache();
  const [choice, setChoice] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const { conflict } = finding;
  const label = conflict.field === null ? conflict.path : t(`field.${conflict.field}`);

  const resolve = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await call("conflict_resolve", { id: finding.asset_id, path: conflict.path, choice });
      toast(t("findings.resolved", { tag: finding.asset_tag, field: label }));
      cache.invalidate(isAssetKey);
    } catch (failure) {
      if (failure instanceof CommandError && failure.kind === "no_such_conflict") {
        // Settled on another device meanwhile: the list is out of date, not the user.
        toast(t("findings.alreadyResolved"), "info");
        cache.invalidate(isAssetKey);
      } else {
        setError(describeError(t, failure));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <li
      className="finding"
      data-testid="finding-row"
      data-kind="conflict"
      data-asset-tag={finding.asset_tag}
      data-path={conflict.path}
    >
      <div className="finding-head">
        <span className="finding-kind finding-kind-conflict">
          <Icon name="alert" size={14} />
          {t("findings.conflict")}
        </span>
        <span className="finding-title">
          <span className="tabular finding-tag">{finding.asset_tag || "—"}</span>
          <span className="finding-field">{label}</span>
        </span>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => onOpenAsset({ id: finding.asset_id })}
          data-testid="finding-open-asset"
        >
          {t("findings.openAsset")}
        </Button>
      </div>
      <p className="muted">{t("findings.conflictHelp")}</p>
      <fieldset className="finding-choices" disabled={busy}>
        <legend className="sr-only">{t("findings.chooseValue", { field: label })}</legend>
        {conflict.values.map((value, index) => (
          <label
            key={index}
            className={`choice ${choice === index ? "is-chosen" : ""}`}
            data-testid="resolve-option"
          >
            <input
              type="radio"
              name={`conflict-${finding.asset_id}-${conflict.path}`}
              value={index}
              checked={choice === index}
              onChange={() => setChoice(index)}
              data-testid="resolve-choice"
            />
            <span className={`choice-label ${value === "" ? "is-empty" : ""}`}>
              {conflictValueText(t, language, conflict, value)}
            </span>
            {index === 0 && <span className="choice-meta">{t("findings.shownValue")}</span>}
          </label>
        ))}
      </fieldset>
      {error !== undefined && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      <div className="finding-actions">
        <Button
          variant="primary"
          size="sm"
          icon={<Icon name="check" size={14} />}
          busy={busy}
          onClick={() => void resolve()}
          data-testid="resolve-submit"
        >
          {t("findings.resolve")}
        </Button>
      </div>
    </li>
  );
}

function DuplicateRow({
  finding,
  onOpenAsset,
}: {
  finding: DuplicateFinding;
  onOpenAsset: (open: OpenAssetRequest) => void;
}) {
  const t = useT();
  return (
    <li
      className="finding"
      data-testid="finding-row"
      data-kind="duplicate_tag"
      data-asset-tag={finding.tag}
    >
      <div className="finding-head">
        <span className="finding-kind finding-kind-duplicate">
          <Icon name="copy" size={14} />
          {t("findings.duplicate")}
        </span>
        <span className="finding-title">
          <span className="tabular finding-tag">{finding.tag}</span>
          <span className="finding-field">
            {t("findings.sharedBy", { count: finding.assets.length })}
          </span>
        </span>
      </div>
      <p className="muted">{t("findings.duplicateHelp")}</p>
      <ul className="finding-assets">
        {finding.assets.map((id, index) => (
          <li key={id}>
            <DuplicateAsset id={id} index={index} onOpenAsset={onOpenAsset} />
          </li>
        ))}
      </ul>
    </li>
  );
}

/** One of the assets sharing a tag, described by its model and location so they can be told apart. */
function DuplicateAsset({
  id,
  index,
  onOpenAsset,
}: {
  id: string;
  index: number;
  onOpenAsset: (open: OpenAssetRequest) => void;
}) {
  const t = useT();
  const row = useCommand("asset_get", { id }).data;
  const asset = row?.asset;
  const description = asset
    ? [asset.manufacturer, asset.model, asset.serial, asset.location.site, asset.location.rack]
        .filter(Boolean)
        .join(" · ")
    : "";
  return (
    <div className="finding-asset" data-testid="duplicate-asset">
      <span className="finding-asset-name">
        {t("findings.assetNumber", { number: index + 1 })}
        <span className="muted">{description}</span>
      </span>
      <Button size="sm" onClick={() => onOpenAsset({ id })} data-testid="duplicate-open">
        {t("findings.openAsset")}
      </Button>
      <Button
        size="sm"
        icon={<Icon name="pencil" size={14} />}
        onClick={() => onOpenAsset({ id, edit: true })}
        data-testid="duplicate-edit"
      >
        {t("findings.editTag")}
      </Button>
    </div>
  );
}
