import { useEffect, useRef, useState } from "react";
import { Ident } from "../../components/Ident";
import type { CheckItem } from "../../bindings/CheckItem";
import type { InstallStatus } from "../../bindings/InstallStatus";
import type { PlacedDevice } from "../../bindings/PlacedDevice";
import type { RackView } from "../../bindings/RackView";
import { InstallBadge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { setDeviceTypeImage } from "../../ipc";
import { describeError } from "../../lib/errors";
import { readBytes } from "../../lib/files";
import { formatDateTime } from "../../lib/format";
import { RecordLink } from "../../lib/navigation";
import { heightHu, unitRange } from "./elevationMath";
import { DevicePortMap } from "../cables/DevicePortMap";
import { PlacementPhotos } from "./PlacementPhotos";

export const checkItems: readonly CheckItem[] = [
  "mounted",
  "power_connected",
  "network_connected",
  "powered_on",
  "burn_in_passed",
];

/**
 * The selected device: what it is, where, its install checklist (who ticked what, when),
 * its status steps, notes, and removal.
 */
export function DevicePanel(props: {
  view: RackView;
  device: PlacedDevice;
  busy: boolean;
  onCheck: (item: CheckItem, done: boolean) => void;
  onStatus: (status: InstallStatus) => void;
  onNotes: (notes: string) => void;
  onRemove: () => void;
  onSaved: (view: RackView) => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const { device, view } = props;
  const placement = device.placement;
  const [notes, setNotes] = useState(placement.notes);
  useEffect(() => setNotes(placement.notes), [device.id, placement.notes]);
  const where =
    placement.bottom_hu === null
      ? heightHu(device) === 0
        ? t("rack.zeroU")
        : t("rack.parked")
      : `${unitRange(view.rack.starting_unit, placement.bottom_hu, heightHu(device))} · ${t(`rack.face.${placement.face}`)}`;
  const allChecked = checkItems.every((item) => placement.checks[item] !== undefined);
  return (
    <aside className="device-panel" data-testid="device-panel" aria-label={placement.label}>
      <header className="device-panel-head">
        <h3 data-testid="device-panel-label">
          <Ident text={placement.label} />
        </h3>
        <InstallBadge status={placement.status} />
      </header>
      <dl className="device-facts">
        <dt>{t("rack.device.type")}</dt>
        <dd>
          {device.device === null
            ? t("rack.unknownType")
            : `${device.device.manufacturer} ${device.device.model}`}
        </dd>
        <dt>{t("rack.device.asset")}</dt>
        <dd>
          {device.asset_tag === null ? (
            t("common.none")
          ) : (
            <RecordLink
              record={device.placement.asset === null ? null : `asset/${device.placement.asset}`}
              testId="device-asset-link"
            >
              {device.asset_tag}
            </RecordLink>
          )}
        </dd>
        <dt>{t("rack.device.where")}</dt>
        <dd>{where}</dd>
        {device.device !== null && (
          <>
            <dt>{t("rack.device.power")}</dt>
            <dd>
              {t("rack.device.powerText", {
                typical: device.device.typical_w,
                max: device.device.max_w,
              })}
            </dd>
          </>
        )}
      </dl>
      {device.device !== null && !device.device.key.startsWith("builtin:") && (
        <TypeImages deviceKey={device.device.key} />
      )}
      <h4 className="device-panel-sub">{t("rack.checklist.title")}</h4>
      <ul className="checklist">
        {checkItems.map((item) => {
          const mark = placement.checks[item];
          return (
            <li key={item}>
              <label className="checklist-item">
                <input
                  type="checkbox"
                  checked={mark !== undefined}
                  disabled={props.busy}
                  data-testid={`check-${item}`}
                  onChange={(event) => props.onCheck(item, event.target.checked)}
                />
                <span>{t(`rack.check.${item}`)}</span>
              </label>
              {mark !== undefined && (
                <span className="checklist-mark" data-testid={`check-mark-${item}`}>
                  {t("rack.checklist.mark", {
                    by: mark.by,
                    at: formatDateTime(mark.at_ms, language),
                  })}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <div className="device-panel-actions">
        {placement.status === "planned" && (
          <Button
            edits="records"
            variant="primary"
            size="sm"
            busy={props.busy}
            data-testid="mark-installed"
            onClick={() => props.onStatus("installed")}
          >
            {t("rack.markInstalled")}
          </Button>
        )}
        {placement.status === "installed" && (
          <Button
            edits="records"
            variant="primary"
            size="sm"
            busy={props.busy}
            disabled={!allChecked}
            title={allChecked ? undefined : t("rack.verifyNeedsAll")}
            data-testid="mark-verified"
            onClick={() => props.onStatus("verified")}
          >
            {t("rack.markVerified")}
          </Button>
        )}
        {placement.status !== "planned" && (
          <Button
            edits="records"
            size="sm"
            variant="ghost"
            onClick={() => props.onStatus("planned")}
          >
            {t("rack.backToPlanned")}
          </Button>
        )}
      </div>
      <DevicePortMap rack={view.rack.id} placement={device.id} />
      <PlacementPhotos
        view={view}
        placement={device.id}
        photos={placement.photos}
        onSaved={props.onSaved}
      />
      <label className="field-label" htmlFor={`notes-${device.id}`}>
        {t("rack.device.notes")}
      </label>
      <textarea
        id={`notes-${device.id}`}
        className="input device-notes"
        value={notes}
        rows={3}
        data-testid="device-notes"
        onChange={(event) => setNotes(event.target.value)}
        onBlur={() => {
          if (notes !== placement.notes) props.onNotes(notes);
        }}
      />
      <Button
        edits="records"
        variant="danger"
        size="sm"
        className="device-remove"
        data-testid="device-remove"
        onClick={props.onRemove}
      >
        {t("rack.device.remove")}
      </Button>
    </aside>
  );
}

/** Front and rear images of a device type the workspace added (starter types have none). */
function TypeImages({ deviceKey }: { deviceKey: string }) {
  const t = useT();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [face, setFace] = useState<"front" | "rear">("front");
  const [busy, setBusy] = useState(false);
  const pick = (which: "front" | "rear") => {
    setFace(which);
    input.current?.click();
  };
  const upload = async (file: File | undefined) => {
    if (file === undefined) return;
    setBusy(true);
    try {
      await setDeviceTypeImage({ key: deviceKey, face }, await readBytes(file));
      toast(t("rack.typeImage.saved"), "success");
    } catch (failure) {
      toast(t("toast.failed", { message: describeError(t, failure) }), "error");
    } finally {
      setBusy(false);
      if (input.current !== null) input.current.value = "";
    }
  };
  return (
    <div className="device-panel-actions">
      <input
        ref={input}
        type="file"
        accept="image/*"
        className="sr-only"
        tabIndex={-1}
        data-testid="type-image-input"
        onChange={(event) => void upload(event.target.files?.[0])}
      />
      <Button edits="records" size="sm" variant="ghost" busy={busy} onClick={() => pick("front")}>
        {t("rack.typeImage.front")}
      </Button>
      <Button edits="records" size="sm" variant="ghost" busy={busy} onClick={() => pick("rear")}>
        {t("rack.typeImage.rear")}
      </Button>
    </div>
  );
}
