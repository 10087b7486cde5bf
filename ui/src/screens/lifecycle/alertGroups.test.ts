import { describe, expect, it } from "vitest";
import type { Alert } from "../../bindings/Alert";
import { groupAlerts } from "./alertGroups";

function alert(n: number, source: string, kind: string, subject: string, late: number): Alert {
  return {
    source,
    kind,
    record: `asset/A${n}`,
    title: `PT1-SRV-${n}`,
    subject,
    due: "2026-01-01",
    days_overdue: late,
    values: {},
    key: `${kind}/${n}`,
  };
}

describe("groupAlerts", () => {
  it("puts one plan's alerts in one group and keeps a lone alert alone, in list order", () => {
    const list = [
      alert(1, "lifecycle", "return_overdue", "김민준", 40),
      ...Array.from({ length: 1147 }, (_, n) =>
        alert(100 + n, "lifecycle", "maintenance_overdue", "서버 정기 점검", 30 - (n % 5)),
      ),
      alert(2, "lifecycle", "maintenance_overdue", "UPS 점검", 3),
      alert(3, "racks", "power_over_capacity", "", 0),
    ];
    const groups = groupAlerts(list);
    expect(groups.map((g) => [g.kind, g.subject, g.alerts.length, g.mostOverdue])).toEqual([
      ["return_overdue", "김민준", 1, 40],
      ["maintenance_overdue", "서버 정기 점검", 1147, 30],
      ["maintenance_overdue", "UPS 점검", 1, 3],
      ["power_over_capacity", "", 1, 0],
    ]);
  });
});
