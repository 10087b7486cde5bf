import { Button } from "../../components/Button";
import { Spinner } from "../../components/Spinner";
import { useLanguage, useT } from "../../i18n";
import { describeError } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import { Elevation } from "./Elevation";
import { PrintButtons } from "./PrintButtons";
import { kw } from "./rackText";

/** Pixels per unit in the row view: a 42U rack fits a 1280×800 window's height, and a 1U
 * device is tall enough for its label at 10 px (the row scrolls sideways). */
const ROW_UNIT_PX = 12;

/**
 * Several racks side by side at a small scale (the front faces), each with its power use;
 * clicking a rack opens its elevation.
 */
export function RowView(props: {
  roomId: string;
  rowId: string;
  onOpenRack: (rackId: string) => void;
  onBack: () => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const racks = useCommand("row_view", { room: props.roomId, row: props.rowId });
  if (racks.data === undefined) {
    return (
      <div className="center-message">
        {racks.error !== undefined ? (
          <p role="alert">{describeError(t, racks.error)}</p>
        ) : (
          <Spinner size={20} label={t("common.loading")} />
        )}
      </div>
    );
  }
  const rowName = racks.data[0]?.row ?? "";
  return (
    <section className="row-view" data-testid="row-view">
      <header className="rack-head">
        <Button size="sm" variant="ghost" onClick={props.onBack} data-testid="row-back">
          {t("rack.back")}
        </Button>
        <h2>{t("rack.rowTitle", { row: rowName, count: racks.data.length })}</h2>
        <div className="rack-actions">
          <PrintButtons racks={racks.data.map((view) => view.rack.id)} />
        </div>
      </header>
      <div className="row-racks">
        {racks.data.map((view) => {
          const findings = view.budget.findings.length + view.invariants.length;
          return (
            <button
              type="button"
              key={view.rack.id}
              className="row-rack"
              data-testid="row-rack"
              data-rack-name={view.rack.name}
              onClick={() => props.onOpenRack(view.rack.id)}
            >
              <span className="row-rack-name">
                {view.rack.name}
                {findings > 0 && <span className="row-rack-findings">{findings}</span>}
              </span>
              <Elevation view={view} face="front" unitPx={ROW_UNIT_PX} compact />
              <span
                className={`row-rack-power ${view.budget.power_level}`}
                data-testid="row-rack-power"
                data-power-level={view.budget.power_level}
              >
                {kw(view.budget.max_draw_w, language)} / {kw(view.budget.capacity_w, language)}
              </span>
            </button>
          );
        })}
      </div>
    </section>
  );
}
