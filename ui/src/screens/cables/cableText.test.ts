import { describe, expect, it } from "vitest";
import { createTranslator } from "../../i18n/translate";
import { CommandError } from "../../ipc";
import { endView } from "../../test/cables";
import { endText, refusalLines } from "./cableText";

const t = createTranslator("ko");

describe("cable text", () => {
  it("names an end the way people read a rack", () => {
    expect(endText(t, endView("pp-1", "7", 42, "rear"))).toBe("A-R02 · U42 · pp-1 · 후면 7");
    expect(endText(t, { ...endView("pdu-a", "C13-1", 0), unit: null })).toBe(
      "A-R02 · pdu-a · C13-1",
    );
  });

  it("spells out every reason a cable, a file or a scheme was refused", () => {
    const end = { rack: "R", placement: "P", role: "front" as const, port: "3" };
    const refused = new CommandError("cable_import", "cable_refused", "nothing was imported", {
      cable_problems: [
        [4, { code: "port_taken", end, label: "C-0001" }],
        [null, { code: "kind_does_not_fit", end, kind: "om4", port_kind: "8p8c" }],
      ],
    });
    expect(refusalLines(t, refused)).toEqual([
      "4행: 포트 3은(는) 케이블 C-0001이(가) 쓰고 있습니다",
      "OM4 케이블은 포트 3 (8p8c)에 맞지 않습니다",
    ]);
    const rows = new CommandError("cable_tests_import", "rows_refused", "", {
      rows: [{ line: 3, column: "date", code: "not_a_date", value: "30/11" }],
    });
    expect(refusalLines(t, rows)).toEqual([
      "3행 · date: 날짜는 YYYY-MM-DD (HH:MM) 형식이어야 합니다 ('30/11')",
    ]);
    const template = new CommandError("label_scheme_preview", "template", "", {
      template: { code: "unknown_field", name: "shelf", at: 7 },
    });
    expect(refusalLines(t, template)).toEqual(["8번째 글자의 'shelf'은(는) 필드가 아닙니다."]);
    const file = new CommandError("cable_import", "file_refused", "", {
      file: { code: "missing_columns", columns: ["type"] },
    });
    expect(refusalLines(t, file)).toEqual(["필요한 열이 없습니다: type"]);
  });
});
