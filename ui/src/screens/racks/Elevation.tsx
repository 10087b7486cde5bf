import { memo, type PointerEvent as ReactPointerEvent } from "react";
import type { Face } from "../../bindings/Face";
import type { PlacedDevice } from "../../bindings/PlacedDevice";
import type { RackView } from "../../bindings/RackView";
import { FilePlaceholder, useFileUrl } from "../../components/FileLink";
import { useT } from "../../i18n";
import { heightHu, onRails, spanBox, takesFace, unitLabel, unitRange } from "./elevationMath";

export interface DropPreview {
  face: Face;
  bottomHu: number;
  heightHu: number;
  fullDepth: boolean;
  ok: boolean;
  label: string;
}

interface ElevationProps {
  view: RackView;
  face: Face;
  unitPx: number;
  selected?: string | null;
  preview?: DropPreview | null;
  /** Compact: the row view draws small racks with each device's label, without unit
   * numbers, tags or models (the tooltip has them). */
  compact?: boolean;
  /** The device being dragged is drawn faint where it was. */
  moving?: string | null;
  onSelect?: (id: string) => void;
  onDevicePointerDown?: (event: ReactPointerEvent, device: PlacedDevice) => void;
}

function statusClass(device: PlacedDevice): string {
  return `status-${device.placement.status}`;
}

/**
 * One face of a rack, to scale: units numbered from the rack's starting unit at the bottom,
 * each device a block in its category colour (planned ones hatched), reservations striped,
 * and the drop preview of a drag in progress.
 */
export const Elevation = memo(function Elevation(props: ElevationProps) {
  const t = useT();
  const { view, face, unitPx, compact = false } = props;
  const rack = view.rack;
  const rackHu = rack.height_u * 2;
  const units = Array.from({ length: rack.height_u }, (_, index) => rack.height_u - 1 - index);
  return (
    <div
      className={`elevation ${compact ? "elevation-compact" : ""}`}
      data-testid="elevation"
      data-face={face}
      data-rack-id={rack.id}
    >
      {!compact && (
        <div className="elevation-title">{face === "front" ? t("rack.front") : t("rack.rear")}</div>
      )}
      <div className="elevation-body">
        {!compact && (
          <div
            className="elevation-units"
            aria-hidden="true"
            style={{ height: rack.height_u * unitPx }}
          >
            {units.map((unit) => (
              <div key={unit} className="elevation-unit-number" style={{ height: unitPx }}>
                {unitLabel(rack.starting_unit, unit * 2)}
              </div>
            ))}
          </div>
        )}
        <div
          className="elevation-rails"
          data-elevation-face={face}
          data-rack-id={rack.id}
          data-unit-px={unitPx}
          style={{ height: rack.height_u * unitPx, backgroundSize: `100% ${unitPx}px` }}
        >
          {Object.entries(rack.reservations).map(([id, held]) => {
            const box = spanBox(held.bottom_hu, held.height_hu, unitPx, rackHu);
            return (
              <div
                key={id}
                className="elevation-reservation"
                data-testid="rack-reservation"
                style={{ top: box.top, height: box.height }}
                title={t("rack.reserved.title", {
                  units: unitRange(rack.starting_unit, held.bottom_hu, held.height_hu),
                  reason: held.reason,
                  by: held.by,
                })}
              >
                {!compact && <span>{held.reason}</span>}
              </div>
            );
          })}
          <DeviceLayer
            view={view}
            face={face}
            unitPx={unitPx}
            compact={compact}
            selected={props.selected ?? null}
            moving={props.moving ?? null}
            onSelect={props.onSelect}
            onDevicePointerDown={props.onDevicePointerDown}
          />
          {props.preview !== undefined &&
            props.preview !== null &&
            (props.preview.face === face || props.preview.fullDepth) && (
              <div
                className={`elevation-preview ${props.preview.ok ? "ok" : "refused"}`}
                data-testid="drop-preview"
                data-ok={props.preview.ok}
                data-bottom-hu={props.preview.bottomHu}
                style={spanBox(
                  props.preview.bottomHu,
                  Math.max(props.preview.heightHu, 1),
                  unitPx,
                  rackHu,
                )}
              >
                {props.preview.label} ·{" "}
                {unitRange(rack.starting_unit, props.preview.bottomHu, props.preview.heightHu)}
              </div>
            )}
        </div>
      </div>
    </div>
  );
});

/** The devices of one face: memoised apart from the drop preview, so a drag that only moves
 * the preview does not redraw forty devices on every frame. */
const DeviceLayer = memo(function DeviceLayer(props: {
  view: RackView;
  face: Face;
  unitPx: number;
  compact: boolean;
  selected: string | null;
  moving: string | null;
  onSelect?: (id: string) => void;
  onDevicePointerDown?: (event: ReactPointerEvent, device: PlacedDevice) => void;
}) {
  const t = useT();
  const { view, face, unitPx, compact } = props;
  const rack = view.rack;
  const rackHu = rack.height_u * 2;
  const devices = view.devices.filter((d) => onRails(d) && takesFace(d, face));
  return (
    <>
      {devices.map((device) => {
        const height = heightHu(device);
        const box = spanBox(device.placement.bottom_hu ?? 0, height, unitPx, rackHu);
        const category = device.device?.category ?? "other";
        const selected = props.selected === device.id;
        const where = unitRange(rack.starting_unit, device.placement.bottom_hu ?? 0, height);
        return (
          <button
            type="button"
            key={device.id}
            className={`elevation-device cat-${category} ${statusClass(device)} ${selected ? "selected" : ""} ${props.moving === device.id ? "moving" : ""}`}
            style={{ top: box.top, height: box.height }}
            data-testid="rack-device"
            data-placement-id={device.id}
            data-label={device.placement.label}
            data-status={device.placement.status}
            data-face={face}
            data-bottom-hu={device.placement.bottom_hu ?? ""}
            aria-pressed={selected}
            title={`${device.placement.label} · ${device.device?.manufacturer ?? ""} ${device.device?.model ?? t("rack.unknownType")} · ${where}`}
            onClick={() => props.onSelect?.(device.id)}
            onPointerDown={(event) => props.onDevicePointerDown?.(event, device)}
          >
            <DeviceImage
              sha={face === "front" ? device.device?.front_image : device.device?.rear_image}
            />
            {compact ? (
              <span className="elevation-device-label" data-testid="row-device-label">
                {device.placement.label}
              </span>
            ) : (
              <>
                <span className="elevation-device-label">{device.placement.label}</span>
                {height >= 2 &&
                  device.asset_tag !== null &&
                  device.asset_tag !== device.placement.label && (
                    <span className="elevation-device-tag">{device.asset_tag}</span>
                  )}
                {height >= 2 &&
                  device.device !== null &&
                  device.device.model !== device.placement.label && (
                    <span className="elevation-device-model">{device.device.model}</span>
                  )}
              </>
            )}
          </button>
        );
      })}
    </>
  );
});

/**
 * A device type's front or rear image, filling its box under the label; while the image is on
 * its way (or missing here) a small mark in the corner says so, its words in the tooltip.
 */
function DeviceImage({ sha }: { sha: string | null | undefined }) {
  const { state, url } = useFileUrl(sha);
  if (sha === null || sha === undefined || state === undefined) return null;
  if (url === null) {
    if (state === "here") return null;
    return <FilePlaceholder state={state} className="elevation-device-image-mark" compact />;
  }
  return <img className="elevation-device-image" src={url} alt="" aria-hidden="true" />;
}
