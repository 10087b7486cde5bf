import { useState } from "react";
import type { Aisle } from "../../bindings/Aisle";
import type { RoomView } from "../../bindings/RoomView";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { describeError } from "../../lib/errors";

/**
 * The room's hot and cold aisles: each is a whole grid row (or column) by number. Listed with
 * a remove button; a small form adds one.
 */
export function AislesPanel(props: { view: RoomView; onSaved: () => void }) {
  const t = useT();
  const toast = useToast();
  const { room } = props.view;
  const [kind, setKind] = useState<Aisle["kind"]>("cold");
  const [alongX, setAlongX] = useState(true);
  const [index, setIndex] = useState("0");
  const [busy, setBusy] = useState(false);
  const save = async (aisles: Aisle[]) => {
    setBusy(true);
    try {
      await call("room_aisles_set", { room: room.id, aisles });
      props.onSaved();
    } catch (failure) {
      toast(t("toast.failed", { message: describeError(t, failure) }), "error");
    } finally {
      setBusy(false);
    }
  };
  const limit = alongX ? room.rows : room.columns;
  const number = Number(index);
  const valid = Number.isInteger(number) && number >= 0 && number < limit;
  return (
    <section className="floor-panel aisles-panel" data-testid="aisles-panel">
      <h2 className="floor-panel-title">{t("floor.aisles.title")}</h2>
      <ul className="aisles-list">
        {room.aisles.map((aisle, at) => (
          <li key={`${aisle.kind}-${aisle.along_x}-${aisle.index}-${at}`} data-testid="aisle-item">
            <span className={`floor-swatch floor-swatch-aisle-${aisle.kind}`} aria-hidden="true" />
            {t(aisle.along_x ? "floor.aisles.row" : "floor.aisles.column", {
              kind: t(`floor.aisle.${aisle.kind}`),
              index: aisle.index,
            })}
            <button
              type="button"
              className="icon-btn"
              aria-label={t("floor.aisles.remove")}
              disabled={busy}
              onClick={() => void save(room.aisles.filter((_, other) => other !== at))}
            >
              <Icon name="x" size={12} />
            </button>
          </li>
        ))}
        {room.aisles.length === 0 && <li className="muted">{t("floor.aisles.none")}</li>}
      </ul>
      <div className="aisles-form">
        <select
          className="input"
          value={kind}
          aria-label={t("floor.aisles.kind")}
          onChange={(event) => setKind(event.target.value as Aisle["kind"])}
        >
          <option value="cold">{t("floor.aisle.cold")}</option>
          <option value="hot">{t("floor.aisle.hot")}</option>
        </select>
        <select
          className="input"
          value={alongX ? "x" : "y"}
          aria-label={t("floor.aisles.axis")}
          onChange={(event) => setAlongX(event.target.value === "x")}
        >
          <option value="x">{t("floor.aisles.alongRows")}</option>
          <option value="y">{t("floor.aisles.alongColumns")}</option>
        </select>
        <input
          className="input"
          inputMode="numeric"
          value={index}
          aria-label={t("floor.aisles.index", { max: limit - 1 })}
          aria-invalid={!valid}
          data-testid="aisle-index"
          onChange={(event) => setIndex(event.target.value)}
        />
        <Button
          edits="records"
          size="sm"
          busy={busy}
          disabled={!valid}
          data-testid="aisle-add"
          onClick={() => void save([...room.aisles, { kind, along_x: alongX, index: number }])}
        >
          {t("floor.aisles.add")}
        </Button>
      </div>
    </section>
  );
}
