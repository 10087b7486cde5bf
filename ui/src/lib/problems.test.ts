import { describe, expect, it } from "vitest";
import type { Problem } from "../bindings/Problem";
import { createTranslator } from "../i18n/translate";
import { CommandError } from "../ipc";
import { formProblem, problemLine, problemText, refusal } from "./problems";

const tKo = createTranslator("ko");
const tEn = createTranslator("en");

function refused(...problems: Problem[]) {
  return new CommandError("rack_save", "invalid", "not saved", { problems });
}

describe("problems", () => {
  it("word a problem by its code in either language, with its value and facts", () => {
    const date = { ...formProblem("due", "invalid_date", "2026-02-30"), message: "english" };
    expect(problemText(tKo, date)).toBe("날짜 형식이 아닙니다: 2026-02-30 (YYYY-MM-DD)");
    expect(problemText(tEn, date)).toBe("Not a date: 2026-02-30 (use YYYY-MM-DD)");
    const past: Problem = {
      field: "",
      code: "past_top",
      value: "",
      detail: { top_unit: "43", rack_height_u: "42" },
      message: "english",
    };
    expect(problemText(tKo, past)).toBe("U43까지 올라가 42U 랙의 맨 위를 넘습니다.");
  });

  it("fall back to Rust's English for a code this version has no words for", () => {
    const newer = { ...formProblem("po", "over_budget", "9"), message: "is over the budget" };
    expect(problemText(tKo, newer)).toBe("is over the budget");
    expect(problemLine(tKo, { ...newer, line: 4 })).toBe("4행: po: is over the budget");
  });

  it("put each problem under the form's field, first one only, and the rest in lines", () => {
    const failure = refused(
      formProblem("name", "required"),
      formProblem("name", "duplicate", "A-R01"),
      formProblem("position", "out_of_range", "99"),
      { ...formProblem("", "no_such_placement"), message: "gone" },
    );
    const result = refusal(tKo, failure, ["name"], (_, field) =>
      field === "position" ? "위치" : undefined,
    );
    expect(result.fields).toEqual({ name: "필수 항목입니다." });
    expect(result.lines).toEqual([
      "위치: 허용 범위를 벗어난 값입니다: 99",
      "그 장비가 이 랙에 없습니다 (다른 곳에서 바뀌었을 수 있습니다).",
    ]);
  });

  it("turn a failure without problems into one translated line", () => {
    const failure = new CommandError("rack_save", "not_found", "no such rack");
    expect(refusal(tKo, failure, ["name"])).toEqual({
      fields: {},
      lines: [tKo("error.not_found")],
    });
  });
});
