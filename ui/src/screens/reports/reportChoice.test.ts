import { describe, expect, it } from "vitest";
import { en, ko } from "../../i18n/catalogue";
import {
  kindDescription,
  kindLabel,
  localDate,
  parseDays,
  reportCodes,
  reportKind,
} from "./reportChoice";

describe("report choice", () => {
  it("reads the warranty window and refuses what the core would", () => {
    expect(parseDays(" 90 ")).toEqual({ ok: true, days: 90 });
    expect(parseDays("1,000")).toEqual({ ok: true, days: 1000 });
    expect(parseDays("0")).toEqual({ ok: true, days: 0 });
    expect(parseDays("")).toEqual({ ok: false, reason: "reports.days.empty" });
    expect(parseDays("-5")).toEqual({ ok: false, reason: "reports.days.notNumber" });
    expect(parseDays("3.5")).toEqual({ ok: false, reason: "reports.days.notNumber" });
    expect(parseDays("36501")).toEqual({ ok: false, reason: "reports.days.tooMany" });
  });

  it("asks for the warranty report only with a usable window", () => {
    expect(reportKind("by_owner", parseDays("x"))).toEqual({ kind: "by_owner" });
    expect(reportKind("warranty_expiring", parseDays("30"))).toEqual({
      kind: "warranty_expiring",
      days: 30,
    });
    expect(reportKind("warranty_expiring", parseDays("x"))).toBeNull();
  });

  it("uses the local calendar date, not UTC", () => {
    // 00:30 on 1 January local time is still 31 December in UTC east of Greenwich.
    expect(localDate(new Date(2027, 0, 1, 0, 30))).toBe("2027-01-01");
    expect(localDate(new Date(2026, 10, 5, 23, 59))).toBe("2026-11-05");
  });

  it("has a label and a description for every kind in both languages", () => {
    for (const code of reportCodes) {
      for (const key of [kindLabel(code), kindDescription(code)]) {
        expect(ko[key], key).toBeTruthy();
        expect(en[key], key).toBeTruthy();
      }
    }
  });
});
