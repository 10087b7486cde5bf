import type { Finding } from "../../bindings/Finding";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { useLanguage, useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import type { OpenAssetRequest } from "../assets/AssetsScreen";
import { decisionActionText, decisionProblemText, decisionSigner } from "../lifecycle/decisionText";

type DecisionFinding = Extract<Finding, { kind: "decision" }>;

/**
 * A decision others rely on that does not hold by this device's roster: the asset, what was
 * decided, who signed it and when, and what is wrong. Nothing to click here: it goes away
 * when an entitled member decides again in the asset's lifecycle section.
 */
export function DecisionFindingRow({
  finding,
  onOpenAsset,
}: {
  finding: DecisionFinding;
  onOpenAsset: (open: OpenAssetRequest) => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const { check } = finding;
  const assetId = finding.doc_id.startsWith("asset/")
    ? finding.doc_id.slice("asset/".length)
    : null;
  const signer = decisionSigner(check);
  return (
    <li
      className="finding"
      data-testid="finding-row"
      data-kind="decision"
      data-verdict={check.verdict}
      data-action={check.action}
      data-asset-tag={finding.title}
    >
      <div className="finding-head">
        <span className="finding-kind finding-kind-conflict">
          <Icon name="alert" size={14} />
          {t("findings.decision")}
        </span>
        <span className="finding-title">
          <span className="tabular finding-tag">{finding.title || "—"}</span>
          <span className="finding-field">{decisionActionText(t, check.action)}</span>
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
      <p data-testid="decision-problem">{decisionProblemText(t, language, check)}</p>
      <p className="muted" data-testid="decision-signer">
        {signer === ""
          ? t("findings.decisionUnsigned")
          : t("findings.decisionSignedBy", {
              name: signer,
              at: formatDateTime(check.at_ms, language),
            })}
      </p>
      <p className="muted">{t("findings.decisionHelp")}</p>
    </li>
  );
}
