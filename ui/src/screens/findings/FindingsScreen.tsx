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
import { assetFields, currencies, type AssetField, type Currency } from "../../lib/dto";
import { describeError } from "../../lib/errors";
import { formatCount, formatDateTime, formatMoney } from "../../lib/format";
import { RecordLink, useKeptScroll, useOpenRecord } from "../../lib/navigation";
import { useCache, useCommand } from "../../lib/useCommand";
import type { OpenAssetRequest } from "../assets/AssetsScreen";
import { valueLabel } from "../assets/FilterBar";
import { DecisionFindingRow } from "./DecisionFindingRow";
import { DuplicateBudgetFindingRow } from "./DuplicateBudgetFindingRow";
import { recordKindLabel } from "./kindLabel";
import { FileTooLargeFindingRow, SetAsideFindingRow } from "./SetAsideFindingRow";
import { LocationFindingRow } from "./LocationFindingRow";
import { CableRuleRow, RackRuleRow } from "./RackFindingRows";

type ConflictFinding = Extract<Finding, { kind: "conflict" }>;
type DuplicateFinding = Extract<Finding, { kind: "duplicate_tag" }>;

/**
 * The asset field a conflict's path is about (`asset.status`, `asset.location.rack`,
 * `asset.cost.amount_minor`), or null for other paths and other kinds.
 */
export function assetFieldOf(conflict: FieldConflict): AssetField | null {
  const path = conflict.path;
  if (!path.startsWith("asset.")) return null;
  const inner = path.slice("asset.".length);
  const code =
    inner === "cost" || inner === "cost.amount_minor"
      ? "cost"
      : inner === "cost.currency"
        ? "currency"
        : inner.startsWith("location.")
          ? inner.slice("location.".length)
          : inner;
  return (assetFields as readonly string[]).includes(code) ? (code as AssetField) : null;
}

/** How a field reads: an asset field by its label, other fields by kind and path. */
export function conflictFieldLabel(t: Translate, finding: ConflictFinding): string {
  const field = assetFieldOf(finding.conflict);
  if (field !== null) return t(`field.${field}`);
  const kindLabel = recordKindLabel(t, finding.record_kind);
  const rest = finding.conflict.path.split(".").slice(1).join(".");
  return rest === "" ? kindLabel : `${kindLabel} · ${rest}`;
}

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
  const field = assetFieldOf(conflict);
  if (field === null) return value;
  return valueLabel(t, field, value);
}

/**
 * The findings inbox: what the merge of several devices' edits left for a person to decide.
 * Conflicts offer each concurrent value; duplicate tags link to the assets that share one;
 * signed decisions that do not hold say why and link to their asset.
 */
export function FindingsScreen() {
  const t = useT();
  const openRecord = useOpenRecord();
  const keptScroll = useKeptScroll("findings");
  const onOpenAsset = (open: OpenAssetRequest) =>
    openRecord(`asset/${open.id}`, { edit: open.edit });
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
        <Button onClick={() => cache.invalidate()}>{t("common.retry")}</Button>
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
              key={`c:${finding.doc_id}:${finding.conflict.path}:${finding.conflict.values.map((v) => v.text).join("\u0000")}`}
              finding={finding}
              onOpenAsset={onOpenAsset}
            />
          ) : finding.kind === "duplicate_tag" ? (
            <DuplicateRow key={`d:${finding.tag}`} finding={finding} onOpenAsset={onOpenAsset} />
          ) : finding.kind === "rack_rule" ? (
            <RackRuleRow key={`r:${JSON.stringify(finding.invariant)}`} finding={finding} />
          ) : finding.kind === "decision" ? (
            <DecisionFindingRow
              key={`s:${finding.doc_id}:${finding.check.action}`}
              finding={finding}
              onOpenAsset={onOpenAsset}
            />
          ) : finding.kind === "set_aside" ? (
            <SetAsideFindingRow key={`a:${finding.aside.doc_id}`} finding={finding} />
          ) : finding.kind === "file_too_large" ? (
            <FileTooLargeFindingRow key={`f:${finding.file.sha256}`} finding={finding} />
          ) : finding.kind === "duplicate_budget" ? (
            <DuplicateBudgetFindingRow
              key={`b:${finding.budgets.map((budget) => budget.id).join(",")}`}
              finding={finding}
            />
          ) : finding.kind === "location" ? (
            <LocationFindingRow
              key={`l:${finding.unresolved.asset}`}
              finding={finding}
              onOpenAsset={onOpenAsset}
            />
          ) : (
            <CableRuleRow key={`k:${JSON.stringify(finding.invariant)}`} finding={finding} />
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
      <div className="findings-body" ref={keptScroll}>
        {body}
      </div>
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
  const label = conflictFieldLabel(t, finding);
  const assetId = finding.record_kind === "asset" ? finding.doc_id.slice("asset/".length) : null;

  const resolve = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await call("conflict_resolve", { docId: finding.doc_id, path: conflict.path, choice });
      toast(t("findings.resolved", { tag: finding.title, field: label }));
      cache.invalidate();
    } catch (failure) {
      if (failure instanceof CommandError && failure.kind === "no_such_conflict") {
        // Settled on another device meanwhile: the list is out of date, not the user.
        toast(t("findings.alreadyResolved"), "info");
        cache.invalidate();
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
      data-record-kind={finding.record_kind}
      data-title={finding.title}
      data-path={conflict.path}
    >
      <div className="finding-head">
        <span className="finding-kind finding-kind-conflict">
          <Icon name="alert" size={14} />
          {t("findings.conflict")}
        </span>
        <span className="finding-title">
          <RecordLink
            record={finding.doc_id}
            className="tabular finding-tag"
            testId="finding-record-link"
          >
            {finding.title || "—"}
          </RecordLink>
          <span className="finding-field">{label}</span>
        </span>
        {assetId !== null && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => onOpenAsset({ id: assetId })}
            data-testid="finding-open-asset"
          >
            {t("findings.openAsset")}
          </Button>
        )}
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
              name={`conflict-${finding.doc_id}-${conflict.path}`}
              value={index}
              checked={choice === index}
              onChange={() => setChoice(index)}
              data-testid="resolve-choice"
            />
            <span className={`choice-label ${value.text === "" ? "is-empty" : ""}`}>
              {conflictValueText(t, language, conflict, value.text)}
            </span>
            <span className="choice-meta" data-testid="resolve-who">
              {t("findings.setBy", {
                author: value.author || "?",
                at: formatDateTime(value.at_ms, language),
              })}
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
          edits="records"
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
        edits="records"
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
