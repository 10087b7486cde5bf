import { describe, expect, it } from "vitest";
import type { Alert } from "../../bindings/Alert";
import { createTranslator } from "../../i18n/translate";
import { CommandError } from "../../ipc";
import { refusal } from "../../lib/problems";
import {
  alertLine,
  decidesAgain,
  disposalActions,
  lifeCodes,
  lifeFieldLabel,
  localDate,
  notificationText,
} from "./lifeText";
import { en, ko } from "../../i18n/catalogue";

const tKo = createTranslator("ko");
const tEn = createTranslator("en");

function refused(problems: { code: string; field: string; value: string }[]) {
  return new CommandError("life_assign", "life_refused", "refused: …", {
    problems: problems.map((problem) => ({ ...problem, message: `english ${problem.code}` })),
  });
}

describe("lifecycle texts", () => {
  it("give every refusal code a Korean and an English line", () => {
    for (const code of lifeCodes) {
      expect(ko[`problem.${code}` as keyof typeof ko], code).toBeTruthy();
      expect(en[`problem.${code}` as keyof typeof ko], code).toBeTruthy();
    }
  });

  it("put field problems under their fields and the asset's state in lines, in Korean", () => {
    const failure = refused([
      { code: "required", field: "assignee", value: "" },
      { code: "invalid_date", field: "due", value: "2026-02-30" },
      { code: "already_assigned", field: "", value: "" },
      { code: "before_start", field: "from", value: "2026-01-01" },
    ]);
    const result = refusal(tKo, failure, ["assignee", "due", "note"], lifeFieldLabel);
    expect(result.fields).toEqual({
      assignee: "필수 항목입니다.",
      due: "날짜 형식이 아닙니다: 2026-02-30 (YYYY-MM-DD)",
    });
    expect(result.lines).toEqual([
      "이미 배정된 자산입니다. 먼저 반납받으세요.",
      "배정일: 2026-01-01은 앞 단계의 날짜보다 이릅니다.",
    ]);
  });

  it("say that the requester cannot approve, and that a wipe is needed, as whole-form lines", () => {
    const failure = refused([
      { code: "same_person", field: "approver", value: "김민준" },
      { code: "wipe_required", field: "", value: "" },
    ]);
    expect(refusal(tKo, failure, ["note", "on"], lifeFieldLabel).lines).toEqual([
      "승인자: 폐기를 요청한 사람은 승인할 수 없습니다. 다른 사람이 승인해야 합니다.",
      "데이터를 담은 자산입니다. 검증된 데이터 삭제 기록(NIST SP 800-88)을 먼저 남기세요.",
    ]);
    expect(refusal(tEn, failure, ["note", "on"], lifeFieldLabel).lines[1]).toBe(
      "The asset holds data: record a verified data wipe (NIST SP 800-88) first.",
    );
  });

  it("show other failures as one translated line", () => {
    const failure = new CommandError("life_assign", "not_found", "no asset");
    const result = refusal(tKo, failure, ["assignee"]);
    expect(result.fields).toEqual({});
    expect(result.lines).toEqual([ko["error.not_found"]]);
  });

  it("offer the disposal steps the stage allows", () => {
    expect(disposalActions(null, true)).toEqual(["request"]);
    expect(disposalActions("requested", true)).toEqual(["decide"]);
    expect(disposalActions("approved", true)).toEqual(["wipe"]);
    expect(disposalActions("approved", false)).toEqual(["wipe", "complete"]);
    expect(disposalActions("wiped", true)).toEqual(["wipe", "complete"]);
    expect(disposalActions("rejected", true)).toEqual(["request"]);
    expect(disposalActions("disposed", true)).toEqual([]);
  });

  it("take today from the local calendar", () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
    expect(localDate(new Date(2026, 11, 31, 0, 1))).toBe("2026-12-31");
  });

  const alert = (kind: string, days: number, tag = "PT1-SRV-0001"): Alert => ({
    source: "lifecycle",
    kind,
    record: tag === "" ? "" : "asset/01ASSET",
    title: tag === "" ? "평택 1센터" : tag,
    subject: tag === "" ? "" : "김민준",
    due: "2026-03-10",
    days_overdue: days,
    values: {},
    key: `${kind}/${tag}/${days}`,
  });

  it("word alerts and the notification of new ones", () => {
    expect(alertLine(tKo, alert("return_overdue", 3))).toBe(
      "반납 기한 지남: PT1-SRV-0001 · 김민준 (3일 지남)",
    );
    expect(alertLine(tEn, alert("maintenance_due", -5))).toBe(
      "Maintenance due: PT1-SRV-0001 · 김민준 (5 days left)",
    );
    expect(alertLine(tKo, alert("audit_overdue", 0, ""))).toBe(
      "실사 기한 지남: 평택 1센터 (오늘까지)",
    );
    const rack: Alert = {
      source: "racks",
      kind: "no_failover",
      record: "rack/01RACK",
      title: "A-R01",
      subject: "",
      due: null,
      days_overdue: 0,
      values: { max_draw_w: "8200", one_feed_w: "5632" },
      key: "budget/rack/01RACK/no_failover",
    };
    expect(alertLine(tKo, rack)).toBe("이중화 전원 부족: A-R01");
    expect(alertLine(tEn, { ...rack, kind: "from_a_newer_app" })).toBe("from_a_newer_app: A-R01");
    expect(notificationText(tKo, [])).toBeNull();
    const many = Array.from({ length: 7 }, (_, n) => alert("return_overdue", n + 1));
    const text = notificationText(tKo, many);
    expect(text?.title).toBe("Cloudwright 알림 7건");
    expect(text?.body.split("\n")).toHaveLength(6);
    expect(text?.body.endsWith("…")).toBe(true);
  });
});

describe("decidesAgain", () => {
  it("offers deciding again only a decided request whose decision does not hold", () => {
    expect(decidesAgain("approved", false, "not_entitled")).toBe(true);
    expect(decidesAgain("rejected", false, "unsigned")).toBe(true);
    expect(decidesAgain("approved", false, "valid")).toBe(false);
    expect(decidesAgain("approved", false, "unsigned_local")).toBe(false);
    expect(decidesAgain("approved", true, "not_entitled")).toBe(false);
    expect(decidesAgain("requested", false, undefined)).toBe(false);
    expect(decidesAgain("approved", false, undefined)).toBe(false);
  });
});
