import { useEffect } from "react";
import type { PortRole } from "../../bindings/PortRole";
import { CreateFirst } from "../../components/EmptyState";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { useCommand } from "../../lib/useCommand";
import { portText } from "./cableText";

/** A port being picked: empty strings until chosen. */
export interface PickedPort {
  rack: string;
  placement: string;
  role: PortRole;
  port: string;
}

export const noPort: PickedPort = { rack: "", placement: "", role: "interface", port: "" };

export function isPicked(port: PickedPort): boolean {
  return port.rack !== "" && port.placement !== "" && port.port !== "";
}

/** Whether the workspace has a rack to cable in; undefined while that is being read. */
export function useHasRacks(): boolean | undefined {
  const racks = useCommand("cable_racks", {});
  return racks.data === undefined ? undefined : racks.data.length > 0;
}

/** What a cable dialog shows instead of its rack pickers while the workspace has no rack. */
export function NoRacksYet(props: { onGo: () => void; testId: string }) {
  const t = useT();
  return (
    <CreateFirst
      icon="rack"
      title={t("cable.noRacks.title")}
      body={t("cable.noRacks.body")}
      screen="racks"
      go={t("createFirst.goRacks")}
      onGo={props.onGo}
      testId={props.testId}
    />
  );
}

/** The racks grouped by room, as <optgroup>s. */
export function RackOptions() {
  const racks = useCommand("cable_racks", {});
  const rooms = new Map<string, { id: string; name: string }[]>();
  for (const rack of racks.data ?? []) {
    rooms.set(rack.room, [...(rooms.get(rack.room) ?? []), rack]);
  }
  return (
    <>
      {[...rooms].map(([room, list]) => (
        <optgroup key={room} label={room}>
          {list.map((rack) => (
            <option key={rack.id} value={rack.id}>
              {rack.name}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

/**
 * One end of a cable: a rack (grouped by room), a device in it (top unit first, as the
 * elevation reads), and one of its ports, taken ports marked with the cable in them.
 */
export function EndPicker(props: {
  legend: string;
  value: PickedPort;
  onChange: (value: PickedPort) => void;
  testId: string;
}) {
  const t = useT();
  const { value, onChange } = props;
  const rack = useCommand("rack_view", value.rack === "" ? null : { id: value.rack });
  const ports = useCommand(
    "device_ports",
    value.placement === "" ? null : { rack: value.rack, placement: value.placement },
  );
  const devices = [...(rack.data?.devices ?? [])].sort(
    (a, b) => (b.placement.bottom_hu ?? -1) - (a.placement.bottom_hu ?? -1),
  );

  // A device with one port list picks its first free port, so a quick plan is two clicks.
  const portList = ports.data ?? [];
  useEffect(() => {
    if (value.placement === "" || value.port !== "" || portList.length === 0) return;
    const free = portList.find((port) => port.cables.length === 0) ?? portList[0];
    if (free !== undefined) onChange({ ...value, role: free.role, port: free.name });
  }, [portList, value, onChange]);

  const portKey = `${value.role}:${value.port}`;
  return (
    <fieldset className="end-picker" data-testid={props.testId}>
      <legend>{props.legend}</legend>
      <Field label={t("cable.end.rack")}>
        <select
          value={value.rack}
          data-testid={`${props.testId}-rack`}
          onChange={(event) => onChange({ ...noPort, rack: event.target.value })}
        >
          <option value="">{t("cable.end.chooseRack")}</option>
          <RackOptions />
        </select>
      </Field>
      <Field
        label={t("cable.end.device")}
        hint={
          rack.data !== undefined && devices.length === 0 ? t("cable.end.noDevices") : undefined
        }
      >
        <select
          value={value.placement}
          disabled={value.rack === ""}
          data-testid={`${props.testId}-device`}
          onChange={(event) =>
            onChange({ ...noPort, rack: value.rack, placement: event.target.value })
          }
        >
          <option value="">{t("cable.end.chooseDevice")}</option>
          {devices.map((device) => (
            <option key={device.id} value={device.id}>
              {device.placement.bottom_hu === null
                ? device.placement.label
                : `U${(rack.data?.rack.starting_unit ?? 1) + Math.floor(device.placement.bottom_hu / 2)} · ${device.placement.label}`}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("cable.end.port")}>
        <select
          value={value.port === "" ? "" : portKey}
          disabled={value.placement === ""}
          data-testid={`${props.testId}-port`}
          onChange={(event) => {
            const [role, ...name] = event.target.value.split(":");
            onChange({ ...value, role: role as PortRole, port: name.join(":") });
          }}
        >
          <option value="">{t("cable.end.choosePort")}</option>
          {portList.map((port) => (
            <option key={`${port.role}:${port.name}`} value={`${port.role}:${port.name}`}>
              {portText(t, port.role, port.name)} ({port.kind})
              {port.cables.length > 0
                ? ` — ${t("cable.end.taken", { label: port.cables[0]!.label })}`
                : ""}
            </option>
          ))}
        </select>
      </Field>
    </fieldset>
  );
}
