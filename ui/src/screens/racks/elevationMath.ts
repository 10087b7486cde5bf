// Arithmetic of the rack elevation: half units (hu, 2 per U) to pixels and back, snapping a
// pointer to a position, and which faces a device takes. Pure, so the editor's drag can run
// it on every frame and the tests can check it without a window.
import type { Face } from "../../bindings/Face";
import type { PlacedDevice } from "../../bindings/PlacedDevice";
import type { Reservation } from "../../bindings/Reservation";

/** The faces a device takes: a full-depth device takes both. */
export function takesFace(device: PlacedDevice, face: Face): boolean {
  return device.device === null || device.device.full_depth || device.placement.face === face;
}

/** Height of a placed device in half units; an unknown type is drawn as 1U. */
export function heightHu(device: PlacedDevice): number {
  return device.device?.height_hu ?? 2;
}

/** Whether a device hangs on the rails (zero-U and parked devices do not). */
export function onRails(device: PlacedDevice): boolean {
  return device.placement.bottom_hu !== null && heightHu(device) > 0;
}

/**
 * The bottom position (half units) for a device of `height` whose middle is under the pointer
 * `fromBottomPx` above the rack's bottom edge; whole-unit devices snap to whole units. Clamped
 * to the rack so the preview never leaves it.
 */
export function snapBottomHu(
  fromBottomPx: number,
  unitPx: number,
  height: number,
  rackHeightHu: number,
): number {
  const middle = (fromBottomPx / unitPx) * 2;
  let bottom = Math.round(middle - height / 2);
  if (height % 2 === 0) bottom = Math.round((middle - height / 2) / 2) * 2;
  return Math.max(0, Math.min(rackHeightHu - Math.max(height, 1), bottom));
}

/** The unit number printed beside half unit `hu`, as text: `12` or `12.5`. */
export function unitLabel(startingUnit: number, hu: number): string {
  const whole = startingUnit + Math.floor(hu / 2);
  return hu % 2 === 0 ? String(whole) : `${whole}.5`;
}

/**
 * `U12` for a 1U device, `U11–U12` for taller ones, by the units they touch; a half-U device
 * in the upper half of U12 is `U12.5`.
 */
export function unitRange(startingUnit: number, bottomHu: number, height: number): string {
  const span = Math.max(height, 1);
  const first = unitLabel(startingUnit, bottomHu);
  const topHu = bottomHu + span - 1;
  const last = String(startingUnit + Math.floor(topHu / 2));
  if (span === 1) return `U${first}`;
  return first === last ? `U${first}` : `U${first}–U${last}`;
}

/** Pixel box of a span inside a face whose bottom edge is at `heightPx`. */
export function spanBox(bottomHu: number, height: number, unitPx: number, rackHeightHu: number) {
  const hu = unitPx / 2;
  return { top: (rackHeightHu - bottomHu - height) * hu, height: height * hu };
}

/**
 * A quick local test of a drop, for the preview colour before the what-if answer arrives:
 * past the top, another device on that face, or a reservation.
 */
export function collides(
  devices: readonly PlacedDevice[],
  reservations: readonly Reservation[],
  moving: string | null,
  bottomHu: number,
  height: number,
  face: Face,
  fullDepth: boolean,
  rackHeightHu: number,
): boolean {
  const top = bottomHu + height;
  if (top > rackHeightHu) return true;
  const overlaps = (from: number, to: number) => from < top && bottomHu < to;
  const sameFace = (other: PlacedDevice) => fullDepth || takesFace(other, face);
  return (
    devices.some(
      (other) =>
        other.id !== moving &&
        onRails(other) &&
        sameFace(other) &&
        overlaps(
          other.placement.bottom_hu ?? 0,
          (other.placement.bottom_hu ?? 0) + heightHu(other),
        ),
    ) || reservations.some((held) => overlaps(held.bottom_hu, held.bottom_hu + held.height_hu))
  );
}

/** Where a keyboard move goes: one unit (or half unit for half-U devices) up or down. */
export function stepHu(height: number): number {
  return height % 2 === 0 ? 2 : 1;
}

/**
 * Whether moving a device must be asked first: a verified device was checked where it hangs,
 * and a cabled one has labels naming its unit. `cables` is the number of cables at it.
 */
export function moveNeedsAsking(device: PlacedDevice, cables: number): boolean {
  return device.placement.status === "verified" || cables > 0;
}

/** The distinct cables in a device's port map (a port holds more than one after a merge). */
export function cablesAt(ports: readonly { cables: readonly { id: string }[] }[]): number {
  return new Set(ports.flatMap((port) => port.cables.map((cable) => cable.id))).size;
}
