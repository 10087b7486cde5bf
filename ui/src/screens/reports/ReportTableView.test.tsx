import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ReportTable } from "../../bindings/ReportTable";
import { ReportTableView } from "./ReportTableView";

const byLocation: ReportTable = {
  title: "위치별 자산",
  columns: ["전산실", "자산 수", "비율(%)"],
  numeric: [false, true, true],
  summary: [{ label: "기준일", value: "2026-11-25" }],
  sections: [
    { heading: "가산 IDC", rows: [["3층 전산실", "2", "28.6"]] },
    {
      heading: "평택 1센터",
      rows: [
        ["전산실 A", "3", "42.9"],
        ["(미지정)", "2", "28.6"],
      ],
    },
  ],
  totals: ["합계", "7", "100.0"],
};

describe("report table", () => {
  it("shows headings across the table, numbers right-aligned and the totals last", () => {
    render(<ReportTableView table={byLocation} emptyText="없음" />);
    const table = screen.getByTestId("report-table");
    const rows = within(table).getAllByRole("row");
    expect(rows.map((row) => row.textContent)).toEqual([
      "전산실자산 수비율(%)",
      "가산 IDC",
      "3층 전산실228.6",
      "평택 1센터",
      "전산실 A342.9",
      "(미지정)228.6",
      "합계7100.0",
    ]);
    expect(within(rows[1]!).getByRole("columnheader").getAttribute("colspan")).toBe("3");
    const cells = within(rows[2]!).getAllByRole("cell");
    expect(cells.map((cell) => cell.className)).toEqual(["", "num", "num"]);
    expect(screen.getByText("2026-11-25")).toBeTruthy();
  });

  it("says so when the report has no rows", () => {
    const empty = { ...byLocation, sections: [{ rows: [] }], totals: undefined };
    render(<ReportTableView table={empty} emptyText="이 기간 안에 끝나는 보증이 없습니다." />);
    expect(screen.queryByTestId("report-table")).toBeNull();
    expect(screen.getByTestId("report-no-rows").textContent).toBe(
      "이 기간 안에 끝나는 보증이 없습니다.",
    );
  });
});
