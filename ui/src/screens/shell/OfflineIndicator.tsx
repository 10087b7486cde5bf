import { useId } from "react";
import { Icon } from "../../components/Icon";
import { useT } from "../../i18n";
import { useAppState } from "../../lib/appState";

/** Says plainly that the app runs from the local store; the tooltip says where that is. */
export function OfflineIndicator() {
  const t = useT();
  const { state } = useAppState();
  const tooltipId = useId();
  return (
    <span
      className="pill pill-offline has-tooltip"
      tabIndex={0}
      aria-describedby={tooltipId}
      data-testid="offline-indicator"
    >
      <Icon name="database" size={14} />
      {t("offline.label")}
      <span className="tooltip" role="tooltip" id={tooltipId}>
        {t("offline.tooltip")}
        {state !== undefined && (
          <span className="tooltip-detail">{t("offline.path", { path: state.data_dir })}</span>
        )}
      </span>
    </span>
  );
}
