import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { call, CommandError } from "../../ipc";
import type { AssetRow } from "../../lib/dto";
import type { LocationSite } from "../../bindings/LocationSite";
import { callsOf, fakeBackend } from "../../test/backend";
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

const places: LocationSite[] = [
  {
    name: "평택 1센터",
    rooms: [
      {
        name: "전산실 A",
        racks: [
          { name: "A-R01", row: "A열", first_unit: 1, last_unit: 42 },
          { name: "A-R02", row: "A열", first_unit: 1, last_unit: 42 },
          { name: "B-R01", row: "B열", first_unit: 1, last_unit: 45 },
        ],
      },
    ],
  },
  { name: "가산 IDC", rooms: [] },
];

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
    fakeBackend({
      asset_location_choices: () => places,
      asset_register: () => new Promise((resolve) => (finish = resolve)),
    });
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
    fakeBackend({
      asset_location_choices: () => places,
      asset_register: () => new Promise(() => undefined),
    });
    const onCancel = vi.fn();
    renderWithProviders(
      <AssetForm mode={{ kind: "register" }} onSaved={vi.fn()} onCancel={onCancel} />,
    );
    fireEvent.keyDown(screen.getByTestId("field-model"), { key: "s", code: "KeyS", ctrlKey: true });
    expect(callsOf("asset_register")).toHaveLength(1);
    fireEvent.keyDown(screen.getByTestId("field-model"), { key: "Escape" });
    expect(onCancel).toHaveBeenCalled();
  });

  it("picks the site, room and rack by typing, arrows and Enter, and shows the rack's units", async () => {
    fakeBackend({
      asset_location_choices: () => places,
      asset_register: () => {
        throw new CommandError("asset_register", "invalid", "not saved", {
          problems: [
            {
              field: "unit",
              code: "unit_outside_rack",
              value: "43",
              detail: { rack: "A-R02", first: "1", last: "42" },
              message: "U43 is not in rack A-R02",
            },
          ],
        });
      },
    });
    renderWithProviders(
      <AssetForm mode={{ kind: "register" }} onSaved={vi.fn()} onCancel={vi.fn()} />,
    );
    fireEvent.change(screen.getByTestId("field-asset_tag"), { target: { value: "T-1" } });
    const site = screen.getByTestId("field-site");
    await waitFor(() => expect(callsOf("asset_location_choices")).toHaveLength(1));
    fireEvent.change(site, { target: { value: "평택" } });
    expect(screen.getAllByTestId("field-site-option").map((o) => o.textContent)).toEqual([
      "평택 1센터",
    ]);
    fireEvent.keyDown(site, { key: "Enter" });
    expect((site as HTMLInputElement).value).toBe("평택 1센터");

    const room = screen.getByTestId("field-room");
    fireEvent.keyDown(room, { key: "ArrowDown" });
    fireEvent.keyDown(room, { key: "Enter" });
    expect((room as HTMLInputElement).value).toBe("전산실 A");

    const rack = screen.getByTestId("field-rack");
    fireEvent.change(rack, { target: { value: "a-r" } });
    expect(screen.getAllByTestId("field-rack-option").map((o) => o.textContent)).toEqual([
      "A-R01A열 · U1–U42",
      "A-R02A열 · U1–U42",
    ]);
    fireEvent.keyDown(rack, { key: "ArrowDown" });
    fireEvent.keyDown(rack, { key: "Enter" });
    expect((rack as HTMLInputElement).value).toBe("A-R02");
    expect(screen.getByText("이 랙: U1–U42")).toBeTruthy();

    fireEvent.change(screen.getByTestId("field-unit"), { target: { value: "43" } });
    fireEvent.click(screen.getByTestId("save-asset"));
    expect(await screen.findByText("U43: 랙 A-R02의 유닛 범위(U1–U42)를 벗어납니다.")).toBeTruthy();
    expect(callsOf("asset_register")[0]?.input).toMatchObject({
      site: "평택 1센터",
      room: "전산실 A",
      row: "A열",
      rack: "A-R02",
      unit: "43",
    });
  });

  it("says what to pick first when a level has nothing to offer", async () => {
    fakeBackend({ asset_location_choices: () => places });
    renderWithProviders(
      <AssetForm mode={{ kind: "register" }} onSaved={vi.fn()} onCancel={vi.fn()} />,
      { language: "en" },
    );
    await waitFor(() => expect(callsOf("asset_location_choices")).toHaveLength(1));
    fireEvent.keyDown(screen.getByTestId("field-rack"), { key: "ArrowDown" });
    expect(screen.getByText("Pick a room first.")).toBeTruthy();
  });

  it("keeps the rack and unit of an asset mounted in a rack, and says where they change", async () => {
    const mounted: AssetRow = {
      ...savedRow,
      asset: {
        id: "01J",
        asset_tag: "PT1-SRV-0001",
        asset_type: "server",
        manufacturer: "Dell",
        model: "R650",
        serial: "",
        purchase_date: null,
        cost: null,
        warranty_end: null,
        status: "in_use",
        location: { site: "평택 1센터", room: "전산실 A", row: "A열", rack: "A-R01", unit: 10 },
        owner: "",
        notes: "",
        tags: [],
      },
    };
    fakeBackend({
      asset_location_choices: () => places,
      asset_place: () => ({ site: "01S", room: "01R", rack: "01K", placement: "01P" }),
    });
    renderWithProviders(
      <AssetForm mode={{ kind: "edit", row: mounted }} onSaved={vi.fn()} onCancel={vi.fn()} />,
    );
    await screen.findByText("랙에 설치된 자산입니다. 랙과 유닛은 랙 편집기에서 옮기세요.");
    for (const field of ["site", "room", "rack", "unit"])
      expect((screen.getByTestId(`field-${field}`) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByTestId("field-owner") as HTMLInputElement).disabled).toBe(false);
  });
});
