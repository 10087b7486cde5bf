import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../test/render";
import { Dialog } from "./Dialog";

function form(dirty: boolean, onClose: () => void) {
  return (
    <Dialog title="자산 수정" onClose={onClose} dirty={dirty} testId="form">
      <input data-testid="field" defaultValue="PT1-SRV-0001" />
    </Dialog>
  );
}

describe("<Dialog/>", () => {
  it("closes on Escape when nothing was edited", () => {
    const onClose = vi.fn();
    renderWithProviders(form(false, onClose));
    fireEvent.keyDown(screen.getByTestId("field"), { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("discard-confirm")).toBeNull();
  });

  it("asks before throwing an edited form away: Escape, the close button and a click outside", async () => {
    const onClose = vi.fn();
    renderWithProviders(form(true, onClose));
    screen.getByTestId("field").focus();
    fireEvent.keyDown(screen.getByTestId("field"), { key: "Escape" });
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByTestId("discard-confirm").textContent).toContain("고친 내용을 버릴까요?");
    // Keep editing is where focus lands, and Escape again means the same.
    expect(document.activeElement).toBe(screen.getByTestId("discard-keep"));
    fireEvent.keyDown(screen.getByTestId("discard-keep"), { key: "Escape" });
    expect(screen.queryByTestId("discard-confirm")).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    // Focus goes back where it was, so the next Escape asks again.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("field")));

    fireEvent.click(screen.getByTestId("dialog-close"));
    fireEvent.click(screen.getByTestId("discard-keep"));
    expect(screen.queryByTestId("discard-confirm")).toBeNull();
    const backdrop = screen.getByTestId("form").parentElement!;
    fireEvent.mouseDown(backdrop);
    expect(screen.getByTestId("discard-confirm")).toBeTruthy();
    fireEvent.click(screen.getByTestId("discard-confirm-button"));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("asks in English when the UI does", () => {
    renderWithProviders(form(true, vi.fn()), { language: "en" });
    fireEvent.keyDown(screen.getByTestId("field"), { key: "Escape" });
    expect(screen.getByTestId("discard-confirm").textContent).toContain("Discard your changes?");
    expect(screen.getByTestId("discard-keep").textContent).toBe("Keep editing");
  });
});
