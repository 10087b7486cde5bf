import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Ident, identPieces } from "./Ident";

describe("<Ident/>", () => {
  it("may wrap only after separators, never inside a token", () => {
    expect(identPieces("A-R01-U03-eno1/A-R01-U41-1")).toEqual([
      "A-",
      "R01-",
      "U03-",
      "eno1/",
      "A-",
      "R01-",
      "U41-",
      "1",
    ]);
    expect(identPieces("2022-09-19")).toEqual(["2022-", "09-", "19"]);
    expect(identPieces("A-R05")).toEqual(["A-", "R05"]);
    expect(identPieces("--x")).toEqual(["--", "x"]);
    expect(identPieces("PowerEdge")).toEqual(["PowerEdge"]);
    expect(identPieces("")).toEqual([""]);
  });

  it("reads and copies as exactly its text", () => {
    const { container } = render(<Ident text="A-R01-U03-eno1/A-R01-U41-1" />);
    expect(container.textContent).toBe("A-R01-U03-eno1/A-R01-U41-1");
    expect(container.querySelectorAll("wbr")).toHaveLength(7);
  });
});
