import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { Tabs } from "./Tabs";

function Sections() {
  const [chosen, setChosen] = useState<"a" | "b" | "c">("a");
  return (
    <Tabs
      label="구역"
      tabs={[
        { id: "a", label: "가" },
        { id: "b", label: "나" },
        { id: "c", label: "다" },
      ]}
      chosen={chosen}
      onChoose={setChosen}
      testId="t"
    >
      <p>{chosen}</p>
    </Tabs>
  );
}

describe("<Tabs/>", () => {
  it("chooses by click and by arrow keys, Home and End, with one tab in the Tab order", () => {
    render(<Sections />);
    const tab = (id: string) => screen.getByTestId(`t-${id}`);
    expect(screen.getByRole("tablist").getAttribute("aria-label")).toBe("구역");
    expect(tab("a").getAttribute("tabindex")).toBe("0");
    expect(tab("b").getAttribute("tabindex")).toBe("-1");
    const panel = screen.getByRole("tabpanel");
    expect(panel.getAttribute("aria-labelledby")).toBe(tab("a").id);

    fireEvent.click(tab("b"));
    expect(tab("b").getAttribute("aria-selected")).toBe("true");
    expect(panel.textContent).toBe("b");

    fireEvent.keyDown(tab("b"), { key: "ArrowRight" });
    expect(tab("c").getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(tab("c"));
    fireEvent.keyDown(tab("c"), { key: "ArrowRight" });
    expect(tab("a").getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(tab("a"), { key: "ArrowLeft" });
    expect(tab("c").getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(tab("c"), { key: "Home" });
    expect(screen.getByRole("tabpanel").textContent).toBe("a");
    fireEvent.keyDown(tab("a"), { key: "End" });
    expect(screen.getByRole("tabpanel").textContent).toBe("c");
    expect(screen.getByRole("tabpanel").getAttribute("aria-labelledby")).toBe(tab("c").id);
  });
});
