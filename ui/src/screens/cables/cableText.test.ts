import { describe, expect, it } from "vitest";
import { createTranslator } from "../../i18n/translate";
import type { Problem } from "../../bindings/Problem";
import { CommandError } from "../../ipc";
import { endView } from "../../test/cables";
import { endText, refusalLines } from "./cableText";

const t = createTranslator("ko");

/** A problem as Rust sends it (`Problem::tagged`): about no field, its facts as detail. */
function problem(code: string, detail: Record<string, string>, line?: number): Problem {
  return { field: "", code, value: "", detail, line, message: `english ${code}` };
}

describe("cable text", () => {
  it("names an end the way people read a rack", () => {
    expect(endText(t, endView("pp-1", "7", 42, "rear"))).toBe("A-R02 · U42 · pp-1 · 후면 7");
    expect(endText(t, { ...endView("pdu-a", "C13-1", 0), unit: null })).toBe(
      "A-R02 · pdu-a · C13-1",
    );
  });

  it("spells out every reason a cable, a file or a scheme was refused", () => {
    const end = { port: "3" };
    const refused = new CommandError("cable_import", "cable_refused", "nothing was imported", {
      problems: [
        problem("port_taken", { end_port: end.port, label: "C-0001" }, 4),
        problem("kind_does_not_fit", { end_port: end.port, kind: "om4", port_kind: "8p8c" }),
      ],
    });
    expect(refusalLines(t, refused)).toEqual([
      "4행: 포트 3은 케이블 C-0001이 쓰고 있습니다",
      "OM4 케이블은 포트 3 (8p8c)에 맞지 않습니다",
    ]);
    const rows = new CommandError("cable_tests_import", "rows_refused", "", {
      problems: [{ ...problem("not_a_date", {}, 3), field: "date", value: "30/11" }],
    });
    expect(refusalLines(t, rows)).toEqual([
      "3행: date: 날짜는 YYYY-MM-DD (HH:MM) 형식이어야 합니다: 30/11",
    ]);
    const template = new CommandError("label_scheme_preview", "template", "", {
      problems: [{ ...problem("unknown_field", { name: "shelf", at: "7" }), field: "" }],
    });
    expect(refusalLines(t, template)).toEqual(["8번째 글자의 'shelf'는 필드가 아닙니다."]);
    const file = new CommandError("cable_import", "file_refused", "", {
      problems: [{ ...problem("missing_columns", { columns: "type" }), field: "" }],
    });
    expect(refusalLines(t, file)).toEqual(["필요한 열이 없습니다: type"]);
    const newer = new CommandError("cable_import", "cable_refused", "", {
      problems: [problem("a_rule_from_a_newer_version", {})],
    });
    expect(refusalLines(t, newer)).toEqual(["english a_rule_from_a_newer_version"]);
  });
});
