import type { CableStatus } from "../../bindings/CableStatus";
import { useT } from "../../i18n";

/** A cable's status as a coloured badge: planned, installed, tested, failed or taken out. */
export function CableStatusBadge({
  status,
  testId = "cable-status",
}: {
  status: CableStatus;
  testId?: string;
}) {
  const t = useT();
  return (
    <span className={`badge badge-cable-${status}`} data-status={status} data-testid={testId}>
      <span className="badge-dot" aria-hidden="true" />
      {t(`cable.status.${status}`)}
    </span>
  );
}
