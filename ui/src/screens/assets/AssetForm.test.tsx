import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { call, CommandError } from "../../ipc";
import type { AssetRow } from "../../lib/dto";
import { renderWithProviders } from "../../test/render";
import { AssetForm } from "./AssetForm";
import { noLife } from "../../test/life";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const savedRow = {
  asset: { id: "01J", asset_tag: "PT1-SRV-0001" },
  created_at_ms: 0,
  updated_at_ms: 0,
  updated_by: "김민준",
  life: noLife,
} as unknown as AssetRow;

function invalid(fields: { field: string; code: string; value: string }[]) {
  return new CommandError("asset_register", "invalid", "the asset was not saved: …", {
    problems: fields.map((field) => ({ ...field, message: `english ${field.code}` })),
  });
}

/** Every call fails with `error` (a fresh rejected promise per call). */
function rejectWith(error: CommandError) {
  vi.mocked(call).mockImplementation(async () => {
    throw error;
  });
}

describe("<AssetForm/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("shows each refused field's error translated, under that field", async () => {
    rejectWith(
      invalid([
        { field: "purchase_date", code: "invalid_date", value: "2024-13-01" },
        { field: "unit", code: "unit_out_of_range", value: "99" },
      ]),
    );
    renderWithProviders(
      <AssetForm mode={{ kind: "register" }} onSaved={vi.fn()} onCancel={vi.fn()} />,
    );
    fireEvent.change(screen.getByTestId("field-asset_tag"), { target: { value: "PT1-SRV-0001" } });
    fireEvent.change(screen.getByTestId("field-unit"), { target: { value: "99" } });
    fireEvent.click(screen.getByTestId("save-asset"));

    await screen.findByTestId("form-error");
    expect(screen.getByTestId("form-error").textContent).toBe(
      "저장하지 못했습니다. 표시된 2개 항목을 확인하세요.",
    );
    const unit = screen.getByTestId("field-unit");
    expect(unit.getAttribute("aria-invalid")).toBe("true");
    const message = document.getElementById(unit.getAttribute("aria-describedby") ?? "");
    expect(message?.textContent).toBe("유닛은 1에서 60 사이여야 합니다: 99");
    const date = screen.getByTestId("field-purchase_date");
    expect(document.getElementById(date.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
      "날짜 형식이 아닙니다: 2024-13-01 (YYYY-MM-DD)",
    );
    // The English message from Rust is never shown when a translation exists.
    expect(document.body.textContent).not.toContain("was not saved");
  });

  it("speaks English when the UI does", async () => {
    rejectWith(invalid([{ field: "cost", code: "negative_cost", value: "-5" }]));
    renderWithProviders(
      <AssetForm mode={{ kind: "register" }} onSaved={vi.fn()} onCancel={vi.fn()} />,
      { language: "en" },
    );
    fireEvent.click(screen.getByTestId("save-asset"));
    expect(await screen.findByText("Cost cannot be negative: -5")).toBeTruthy();
  });

  it("explains a duplicate asset tag plainly", async () => {
    rejectWith(
      invalid([{ field: "asset_tag", code: "duplicate_asset_tag", value: "PT1-SRV-0001" }]),
    );
    renderWithProviders(
      <AssetForm mode={{ kind: "register" }} onSaved={vi.fn()} onCancel={vi.fn()} />,
    );
    fireEvent.click(screen.getByTestId("save-asset"));
    expect((await screen.findByTestId("form-error")).textContent).toContain(
      "자산 태그 PT1-SRV-0001은 이미 등록되어 있습니다",
    );
    expect(screen.getByText("이미 다른 자산이 쓰고 있는 태그입니다: PT1-SRV-0001")).toBeTruthy();
  });

  it("clears a field's error as soon as it is edited", async () => {
    rejectWith(invalid([{ field: "asset_tag", code: "required", value: "" }]));
    renderWithProviders(
      <AssetForm mode={{ kind: "register" }} onSaved={vi.fn()} onCancel={vi.fn()} />,
    );
    fireEvent.click(screen.getByTestId("save-asset"));
    await screen.findByText("필수 항목입니다.");
    fireEvent.change(screen.getByTestId("field-asset_tag"), { target: { value: "X" } });
    expect(screen.queryByText("필수 항목입니다.")).toBeNull();
  });

  it("saves with Ctrl+Enter, disables Save while saving, and sends only filled fields", async () => {
    let finish!: (row: AssetRow) => void;
    vi.mocked(call).mockReturnValue(new Promise((resolve) => (finish = resolve as never)) as never);
    const onSaved = vi.fn();
    renderWithProviders(
      <AssetForm mode={{ kind: "register" }} onSaved={onSaved} onCancel={vi.fn()} />,
    );
    fireEvent.change(screen.getByTestId("field-asset_tag"), {
      target: { value: " PT1-SRV-0001 " },
    });
    fireEvent.keyDown(screen.getByTestId("field-asset_tag"), { key: "Enter", ctrlKey: true });
    expect((screen.getByTestId("save-asset") as HTMLButtonElement).disabled).toBe(true);
    expect(call).toHaveBeenCalledWith("asset_register", {
      input: { asset_tag: "PT1-SRV-0001", asset_type: "server", status: "in_stock" },
    });
    await act(async () => finish(savedRow));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(savedRow));
  });

  it("saves with Ctrl+S and cancels with Escape", () => {
    vi.mocked(call).mockReturnValue(new Promise(() => undefined) as never);
    const onCancel = vi.fn();
    renderWithProviders(
      <AssetForm mode={{ kind: "register" }} onSaved={vi.fn()} onCancel={onCancel} />,
    );
    fireEvent.keyDown(screen.getByTestId("field-model"), { key: "s", code: "KeyS", ctrlKey: true });
    expect(call).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByTestId("field-model"), { key: "Escape" });
    expect(onCancel).toHaveBeenCalled();
  });
});
