import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { call, CommandError } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { CatalogueImport } from "./CatalogueImport";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

function pick(name: string, text: string) {
  const input = screen.getByTestId("catalogue-file") as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File([text], name)] } });
}

describe("<CatalogueImport/>", () => {
  beforeEach(() => {
    // Braces: a function returned from beforeEach is run as a cleanup hook.
    vi.mocked(call).mockReset();
  });

  it("sends a CSV file as csv and a YAML file as yaml, and says how many were added", async () => {
    fakeBackend({ device_types_import: () => [] });
    renderWithProviders(<CatalogueImport />);
    pick("types.csv", "manufacturer,model\nDell,R660\n");
    await waitFor(() => expect(callsOf("device_types_import")).toHaveLength(1));
    expect(callsOf("device_types_import")[0]).toEqual({
      text: "manufacturer,model\nDell,R660\n",
      format: "csv",
      options: { ignore_unknown_columns: false },
    });
    pick("netbox.yaml", "- manufacturer: Dell\n");
    await waitFor(() => expect(callsOf("device_types_import")).toHaveLength(2));
    expect(callsOf("device_types_import")[1]?.format).toBe("yaml");
    expect(await screen.findAllByText("장비 유형 0개를 추가했습니다.")).not.toHaveLength(0);
  });

  it("lists every refused entry with its number, field and reason", async () => {
    fakeBackend({
      device_types_import: () => {
        throw new CommandError("device_types_import", "catalogue_refused", "nothing was imported", {
          problems: [
            { line: 2, field: "u_height", code: "out_of_range", value: "1.3", message: "" },
            {
              line: 3,
              field: "model",
              code: "duplicate_model",
              value: "Dell PowerEdge R650",
              message: "",
            },
          ],
        });
      },
    });
    renderWithProviders(<CatalogueImport />);
    pick("types.yaml", "- x: 1\n");
    const items = await screen.findAllByTestId("catalogue-problem");
    expect(items.map((item) => item.textContent)).toEqual([
      "항목 2 · u_height: 허용 범위를 벗어난 값입니다: 1.3",
      "항목 3 · model: 이미 카탈로그에 있는 모델입니다: Dell PowerEdge R650",
    ]);
  });

  it("offers to import a file refused for an unknown column again without it", async () => {
    fakeBackend({
      device_types_import: ({ options }) => {
        if (options.ignore_unknown_columns) return [];
        throw new CommandError("device_types_import", "catalogue_refused", "nothing was imported", {
          problems: [
            {
              line: 1,
              field: "",
              code: "unknown_columns",
              value: "",
              detail: { columns: "part_number", known: "manufacturer, model" },
              message: "",
            },
          ],
        });
      },
    });
    renderWithProviders(<CatalogueImport />);
    pick("types.csv", "manufacturer,model,part_number\nDell,R660,X\n");
    const items = await screen.findAllByTestId("catalogue-problem");
    expect(items.map((item) => item.textContent)).toEqual([
      "1행: 알 수 없는 열이 있습니다: part_number. 쓸 수 있는 열은 manufacturer, model입니다. 열 이름을 고치거나, 알 수 없는 열은 무시하고 가져오세요.",
    ]);
    const retry = screen.getByTestId("catalogue-ignore-unknown");
    expect(retry.textContent).toBe("알 수 없는 열은 무시하고 가져오기");
    fireEvent.click(retry);
    await waitFor(() => expect(callsOf("device_types_import")).toHaveLength(2));
    expect(callsOf("device_types_import")[1]?.options).toEqual({ ignore_unknown_columns: true });
    expect(await screen.findAllByText("장비 유형 0개를 추가했습니다.")).not.toHaveLength(0);
    expect(screen.queryByTestId("catalogue-refused")).toBeNull();
  });

  it("offers no retry for a refusal that is not about columns", async () => {
    fakeBackend({
      device_types_import: () => {
        throw new CommandError("device_types_import", "catalogue_refused", "nothing was imported", {
          problems: [{ line: 2, field: "model", code: "required", value: "", message: "" }],
        });
      },
    });
    renderWithProviders(<CatalogueImport />);
    pick("types.csv", "manufacturer,model\nDell,\n");
    await screen.findAllByTestId("catalogue-problem");
    expect(screen.queryByTestId("catalogue-ignore-unknown")).toBeNull();
  });
});
