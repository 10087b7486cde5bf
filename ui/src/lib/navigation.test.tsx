import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { KeptScope, useKept, useKeptScroll, type KeptValues } from "./navigation";

/** A list whose rows arrive after it mounts, in a scroller that keeps its position. */
function List({ rows }: { rows: number }) {
  const keptScroll = useKeptScroll("list");
  const [shown, setShown] = useState(0);
  const [picked, setPicked] = useKept("picked", "none");
  return (
    <div data-testid="scroller" ref={keptScroll}>
      <button type="button" onClick={() => setShown(rows)}>
        load
      </button>
      <button type="button" onClick={() => setPicked("row 9")}>
        pick
      </button>
      <span data-testid="picked">{picked}</span>
      {Array.from({ length: shown }, (_, index) => (
        <p key={index}>row {index}</p>
      ))}
    </div>
  );
}

/** jsdom lays nothing out: the scroller is as tall as its rows say (20 px each, 200 px shown). */
function layOut(element: HTMLElement) {
  Object.defineProperty(element, "clientHeight", { configurable: true, value: 200 });
  Object.defineProperty(element, "scrollHeight", {
    configurable: true,
    get: () => element.querySelectorAll("p").length * 20,
  });
}

describe("kept state", () => {
  it("gives a remounted screen its values and its scroll once the rows are there", async () => {
    const values: KeptValues = new Map();
    const first = render(
      <KeptScope values={values}>
        <List rows={100} />
      </KeptScope>,
    );
    fireEvent.click(screen.getByText("load"));
    fireEvent.click(screen.getByText("pick"));
    const scroller = screen.getByTestId("scroller");
    layOut(scroller);
    scroller.scrollTop = 640;
    fireEvent.scroll(scroller);
    first.unmount();

    render(
      <KeptScope values={values}>
        <List rows={100} />
      </KeptScope>,
    );
    const again = screen.getByTestId("scroller");
    layOut(again);
    expect(screen.getByTestId("picked").textContent).toBe("row 9");
    // No rows yet: nothing to scroll over; they arrive, and the position is put back.
    expect(again.scrollTop).toBe(0);
    await act(async () => {
      fireEvent.click(screen.getByText("load"));
    });
    expect(again.scrollTop).toBe(640);
  });

  it("is plain state outside a screen", () => {
    render(<List rows={3} />);
    fireEvent.click(screen.getByText("pick"));
    expect(screen.getByTestId("picked").textContent).toBe("row 9");
  });
});
