// Alerts grouped by what raised them: one maintenance plan's 1,147 overdue servers are one
// line that opens, not 1,147 lines. A group is the alerts of one source, kind and subject (the
// plan, the person, the tester); an alert alone in its group stays a line of its own.
import type { Alert } from "../../bindings/Alert";

export interface AlertGroup {
  key: string;
  source: string;
  kind: string;
  subject: string;
  /** In the list's order (most overdue first). */
  alerts: Alert[];
  /** The most days past due in the group. */
  mostOverdue: number;
}

/** The groups in the order of their first alert in `list`. */
export function groupAlerts(list: readonly Alert[]): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const alert of list) {
    const key = `${alert.source}/${alert.kind}/${alert.subject}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        key,
        source: alert.source,
        kind: alert.kind,
        subject: alert.subject,
        alerts: [],
        mostOverdue: alert.days_overdue,
      };
      groups.set(key, group);
    }
    group.alerts.push(alert);
    group.mostOverdue = Math.max(group.mostOverdue, alert.days_overdue);
  }
  return [...groups.values()];
}
