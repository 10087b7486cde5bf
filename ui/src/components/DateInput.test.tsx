import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { localDate as today } from "../lib/format";
import { DateInput, shiftDate } from "./DateInput";

function Harness({ start }: { start: string }) {
  const [value, setValue] = useState(start);
  return <DateInput value={value} onChange={setValue} testId="date" />;
}

describe("<DateInput/>", () => {
  it("moves a day, a month's 30 days, across month and year ends", () => {
    expect(shiftDate("2026-12-31", 1)).toBe("2027-01-01");
    expect(shiftDate("2026-03-01", -1)).toBe("2026-02-28");
    expect(shiftDate("2026-01-15", 30)).toBe("2026-02-14");
    expect(shiftDate("", 1, new Date(2026, 11, 7))).toBe("2026-12-08");
    expect(shiftDate("2026-02-30", 1)).toBeNull();
    expect(shiftDate("12/07/2026", 1)).toBeNull();
    expect(today(new Date(2026, 0, 5))).toBe("2026-01-05");
  });

  it("takes ↑ ↓ and T from the keyboard and leaves text it cannot read to be typed", () => {
    render(<Harness start="2026-12-07" />);
    const input = screen.getByTestId("date") as HTMLInputElement;
    expect(input.placeholder).toBe("YYYY-MM-DD");
    fireEvent.keyDown(input, { key: "ArrowUp" });
    fireEvent.keyDown(input, { key: "ArrowUp" });
    expect(input.value).toBe("2026-12-09");
    fireEvent.keyDown(input, { key: "PageDown" });
    expect(input.value).toBe("2026-11-09");
    fireEvent.change(input, { target: { value: "2026-1" } });
    fireEvent.keyDown(input, { key: "ArrowUp" });
    expect(input.value).toBe("2026-1");
    fireEvent.change(input, { target: { value: "" } });
    fireEvent.keyDown(input, { key: "t" });
    expect(input.value).toBe(today());
  });
});
