import type { CableEnd } from "../../bindings/CableEnd";
import { Spinner } from "../../components/Spinner";
import { useT } from "../../i18n";
import { useCommand } from "../../lib/useCommand";
import { CableStatusBadge } from "./CableStatusBadge";
import { endText, kindText } from "./cableText";

/**
 * The path from a port: each cable it crosses, through patch panels (front ↔ rear), to the
 * port it ends at, drawn as a vertical chain of ports and cables.
 */
export function TracePath({ start }: { start: CableEnd }) {
  const t = useT();
  const trace = useCommand("cable_trace", { start });
  if (trace.data === undefined) {
    return <Spinner size={14} label={t("common.loading")} />;
  }
  const { hops, looped } = trace.data;
  if (hops.length === 0) {
    return (
      <p className="muted">{t("cable.traceNothing", { port: endText(t, trace.data.start) })}</p>
    );
  }
  return (
    <ol className="trace-path" data-testid="trace-path" aria-label={t("cable.trace")}>
      {hops.map((hop, index) => (
        <li key={`${hop.cable}-${index}`} className="trace-hop" data-testid="trace-hop">
          {index > 0 && <span className="trace-pass muted">{t("cable.tracePassThrough")}</span>}
          <span className="trace-port">{endText(t, hop.from)}</span>
          <span className="trace-cable">
            <span className="mono">{hop.label}</span> · {kindText(hop.kind)}{" "}
            <CableStatusBadge status={hop.status} />
          </span>
          <span className={index === hops.length - 1 ? "trace-port trace-end" : "trace-port"}>
            {endText(t, hop.to)}
          </span>
        </li>
      ))}
      {looped && <li className="banner banner-warning">{t("cable.traceLooped")}</li>}
    </ol>
  );
}
