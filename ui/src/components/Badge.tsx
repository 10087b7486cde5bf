import type { InstallStatus } from "../bindings/InstallStatus";
import type { AssetStatus } from "../lib/dto";
import { useT } from "../i18n";

/** An asset status as a coloured badge; the colour follows the life cycle. */
export function StatusBadge({ status }: { status: AssetStatus }) {
  const t = useT();
  return (
    <span className={`badge badge-status-${status}`} data-status={status}>
      <span className="badge-dot" aria-hidden="true" />
      {t(`status.${status}`)}
    </span>
  );
}

/** A person's initials in a round badge, coloured consistently from the initials. */
export function InitialsBadge({
  initials,
  name,
  size = "md",
}: {
  initials: string;
  name?: string;
  size?: "sm" | "md";
}) {
  const hue = [...initials].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 6;
  return (
    <span
      className={`initials initials-${size} initials-hue-${hue}`}
      title={name}
      aria-hidden={name === undefined ? true : undefined}
    >
      {initials.slice(0, 3) || "?"}
    </span>
  );
}

/** Where a placed device is in its install: planned, installed or verified. */
export function InstallBadge({ status }: { status: InstallStatus }) {
  const t = useT();
  return (
    <span
      className={`badge badge-install-${status}`}
      data-status={status}
      data-testid="device-status"
    >
      <span className="badge-dot" aria-hidden="true" />
      {t(`rack.status.${status}`)}
    </span>
  );
}
