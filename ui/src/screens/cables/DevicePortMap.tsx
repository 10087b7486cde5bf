import { useState } from "react";
import type { CableEnd } from "../../bindings/CableEnd";
import { useT } from "../../i18n";
import { RecordLink } from "../../lib/navigation";
import { useCommand } from "../../lib/useCommand";
import { CableStatusBadge } from "./CableStatusBadge";
import { endText, portText } from "./cableText";
import { TracePath } from "./TracePath";

/**
 * A placed device's port map: its cabled ports with the cable and where it goes, and how
 * many are free; a click on a port traces its path.
 */
export function DevicePortMap(props: { rack: string; placement: string }) {
  const t = useT();
  const ports = useCommand("device_ports", props);
  const [traced, setTraced] = useState<CableEnd | null>(null);
  const list = ports.data ?? [];
  const used = list.filter((port) => port.cables.length > 0);
  if (list.length === 0) return null;
  return (
    <section className="port-map" data-testid="port-map">
      <h4 className="device-panel-sub">
        {t("cable.portMap.title", { used: used.length, all: list.length })}
      </h4>
      {used.length === 0 ? (
        <p className="muted">{t("cable.portMap.none")}</p>
      ) : (
        <ul className="port-map-list">
          {used.map((port) => (
            <li key={`${port.role}:${port.name}`} data-testid="port-map-row">
              <button
                type="button"
                className="link-btn"
                onClick={() =>
                  setTraced({
                    rack: props.rack,
                    placement: props.placement,
                    role: port.role,
                    port: port.name,
                  })
                }
              >
                {portText(t, port.role, port.name)}
              </button>
              {port.cables.map((cable) => (
                <span key={cable.id} className="port-map-cable">
                  <RecordLink
                    record={`cable/${cable.id}`}
                    className="mono"
                    testId="port-map-cable-link"
                  >
                    {cable.label}
                  </RecordLink>{" "}
                  →{" "}
                  <RecordLink
                    record={`rack/${cable.far.end.rack}`}
                    focus={cable.far.end.placement}
                    testId="port-map-far-link"
                  >
                    {endText(t, cable.far)}
                  </RecordLink>{" "}
                  <CableStatusBadge status={cable.status} />
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      {traced !== null && <TracePath start={traced} />}
    </section>
  );
}
