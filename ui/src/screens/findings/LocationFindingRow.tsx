import type { Finding } from "../../bindings/Finding";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { useT } from "../../i18n";
import { problemText } from "../../lib/problems";
import type { OpenAssetRequest } from "../assets/AssetsScreen";

type LocationFinding = Extract<Finding, { kind: "location" }>;

/**
 * An asset whose location, written by an older version, names places that could not be made
 * (a rack without its room, a unit past an existing rack's top): what is wrong, in words, and
 * the asset's form to fix it.
 */
export function LocationFindingRow({
  finding,
  onOpenAsset,
}: {
  finding: LocationFinding;
  onOpenAsset: (open: OpenAssetRequest) => void;
}) {
  const t = useT();
  const { unresolved } = finding;
  const { location } = unresolved;
  const path = [location.site, location.room, location.rack]
    .filter((name) => name !== "")
    .join(" / ");
  const unit = location.unit === null ? "" : ` · U${location.unit}`;
  return (
    <li
      className="finding"
      data-testid="finding-row"
      data-kind="location"
      data-asset-tag={unresolved.asset_tag}
    >
      <div className="finding-head">
        <span className="finding-kind finding-kind-duplicate">
          <Icon name="alert" size={14} />
          {t("findings.location")}
        </span>
        <span className="finding-title">
          <span className="tabular finding-tag">{unresolved.asset_tag}</span>
          <span className="finding-field">
            {path}
            {unit}
          </span>
        </span>
      </div>
      <ul className="muted" data-testid="location-problems">
        {unresolved.problems.map((problem) => (
          <li key={`${problem.field}:${problem.code}`}>{problemText(t, problem)}</li>
        ))}
      </ul>
      <p className="muted">{t("findings.locationHelp")}</p>
      <div className="finding-actions">
        <Button
          edits="records"
          size="sm"
          icon={<Icon name="pencil" size={14} />}
          onClick={() => onOpenAsset({ id: unresolved.asset, edit: true })}
          data-testid="location-edit"
        >
          {t("findings.editLocation")}
        </Button>
      </div>
    </li>
  );
}
