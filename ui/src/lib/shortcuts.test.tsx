import { fireEvent, render } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { isTypingTarget, shortcutName, useShortcuts } from "./shortcuts";

function Harness({ onNew, onSearch }: { onNew: () => void; onSearch: () => void }) {
  useShortcuts({ n: onNew, "mod+k": onSearch, "/": onSearch });
  return (
    <div>
      <input data-testid="text" />
      <input data-testid="checkbox" type="checkbox" />
      <textarea data-testid="notes" />
      <select data-testid="select">
        <option>a</option>
      </select>
      <div data-testid="editable" contentEditable suppressContentEditableWarning>
        x
      </div>
      <button type="button" data-testid="button">
        b
      </button>
    </div>
  );
}

describe("shortcuts", () => {
  it("fire on the page and on buttons", () => {
    const onNew = vi.fn();
    const onSearch = vi.fn();
    const view = render(<Harness onNew={onNew} onSearch={onSearch} />);
    fireEvent.keyDown(document.body, { key: "n" });
    fireEvent.keyDown(view.getByTestId("button"), { key: "N", shiftKey: true });
    fireEvent.keyDown(view.getByTestId("checkbox"), { key: "n" });
    fireEvent.keyDown(document.body, { key: "k", ctrlKey: true });
    fireEvent.keyDown(document.body, { key: "/" });
    expect(onNew).toHaveBeenCalledTimes(3);
    expect(onSearch).toHaveBeenCalledTimes(2);
  });

  it("never fire while typing in a field", () => {
    const onNew = vi.fn();
    const onSearch = vi.fn();
    const view = render(<Harness onNew={onNew} onSearch={onSearch} />);
    for (const testId of ["text", "notes", "select", "editable"]) {
      fireEvent.keyDown(view.getByTestId(testId), { key: "n" });
      fireEvent.keyDown(view.getByTestId(testId), { key: "/" });
      fireEvent.keyDown(view.getByTestId(testId), { key: "k", ctrlKey: true });
    }
    expect(onNew).not.toHaveBeenCalled();
    expect(onSearch).not.toHaveBeenCalled();
  });

  it("never fire while a Hangul syllable is being composed", () => {
    const onNew = vi.fn();
    render(<Harness onNew={onNew} onSearch={vi.fn()} />);
    fireEvent.keyDown(document.body, { key: "n", isComposing: true });
    expect(onNew).not.toHaveBeenCalled();
  });

  it("work with the Korean keyboard layout active", () => {
    expect(
      shortcutName({ key: "ㅜ", code: "KeyN", ctrlKey: false, metaKey: false, altKey: false }),
    ).toBe("n");
    expect(
      shortcutName({ key: "ㅏ", code: "KeyK", ctrlKey: true, metaKey: false, altKey: false }),
    ).toBe("mod+k");
    expect(
      shortcutName({
        key: "ArrowDown",
        code: "ArrowDown",
        ctrlKey: false,
        metaKey: false,
        altKey: false,
      }),
    ).toBe("ArrowDown");
    expect(
      shortcutName({ key: "n", code: "KeyN", ctrlKey: false, metaKey: false, altKey: true }),
    ).toBeNull();
  });

  it("name Shift only together with Ctrl", () => {
    const keys = { ctrlKey: true, metaKey: false, altKey: false };
    expect(shortcutName({ ...keys, key: "S", code: "KeyS", shiftKey: true })).toBe("mod+shift+s");
    // Korean layout: Shift+ㄴ is still ㄴ on the S key.
    expect(shortcutName({ ...keys, key: "ㄴ", code: "KeyS", shiftKey: true })).toBe("mod+shift+s");
    expect(shortcutName({ ...keys, key: "s", code: "KeyS", shiftKey: false })).toBe("mod+s");
    expect(
      shortcutName({ key: "?", code: "Slash", ctrlKey: false, metaKey: false, altKey: false }),
    ).toBe("?");
  });

  it("know which elements take typing", () => {
    const input = document.createElement("input");
    const checkbox = Object.assign(document.createElement("input"), { type: "checkbox" });
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget(checkbox)).toBe(false);
    expect(isTypingTarget(document.createElement("button"))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
