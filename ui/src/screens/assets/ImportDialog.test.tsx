import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { call } from "../../ipc";
import type { ImportPreview } from "../../lib/dto";
import { maxCsvBytes } from "../../lib/files";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { ImportDialog } from "./ImportDialog";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const text = "asset_tag,asset_type,status,modle\nA-1,server,in_use,R760\n";

/** What core answers for `text`: refused for its misspelt column unless told to ignore it. */
function previewOf(ignore: boolean): ImportPreview {
  const row = {
    line: 2,
    input: { asset_tag: "A-1", asset_type: "server", status: "in_use" },
    errors: [],
  };
  return ignore
    ? {
        columns: ["asset_tag", "asset_type", "status"],
        ignored_columns: ["modle"],
        file_errors: [],
        total_rows: 1,
        error_rows: 0,
        sample: [row],
        rejected: [],
        new_places: [],
      }
    : {
        columns: [],
        ignored_columns: [],
        file_errors: [
          {
            code: "unknown_columns",
            columns: ["modle"],
            known: ["id", "asset_tag", "asset_type", "model"],
          },
        ],
        total_rows: 0,
        error_rows: 0,
        sample: [],
        rejected: [],
        new_places: [],
      };
}

function pick(file: File) {
  fireEvent.change(screen.getByTestId("import-file"), { target: { files: [file] } });
}

describe("<ImportDialog/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("refuses an unknown column, and imports without it once the box is ticked", async () => {
    fakeBackend({
      asset_import_preview: ({ options }) => previewOf(options.ignore_unknown_columns),
      asset_import_apply: () => 1,
    });
    const imported = vi.fn();
    renderWithProviders(<ImportDialog onClose={vi.fn()} onImported={imported} />);
    const box = screen.getByTestId("import-ignore-unknown") as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(box.closest("label")?.textContent).toBe("알 수 없는 열은 무시하고 가져오기");

    pick(new File([text], "자산.csv"));
    const errors = await screen.findByTestId("import-file-errors");
    expect(errors.textContent).toContain(
      "알 수 없는 열이 있습니다: modle. 쓸 수 있는 열은 id, asset_tag, asset_type, model입니다.",
    );
    expect((screen.getByTestId("import-apply") as HTMLButtonElement).disabled).toBe(true);
    expect(callsOf("asset_import_preview")[0]).toEqual({
      csv: text,
      options: { ignore_unknown_columns: false },
    });

    fireEvent.click(box);
    await waitFor(() => expect(screen.queryByTestId("import-file-errors")).toBeNull());
    expect(callsOf("asset_import_preview")[1]?.options).toEqual({ ignore_unknown_columns: true });
    expect(screen.getByText("무시한 열: modle")).toBeTruthy();
    const apply = screen.getByTestId("import-apply") as HTMLButtonElement;
    await waitFor(() => expect(apply.disabled).toBe(false));
    fireEvent.click(apply);
    await waitFor(() => expect(imported).toHaveBeenCalledWith(1));
    expect(callsOf("asset_import_apply")).toEqual([
      { csv: text, options: { ignore_unknown_columns: true } },
    ]);
  });

  it("refuses a file larger than an import reads without reading it", async () => {
    fakeBackend({});
    renderWithProviders(<ImportDialog onClose={vi.fn()} onImported={vi.fn()} />);
    const huge = new File(["asset_tag\n"], "huge.csv");
    Object.defineProperty(huge, "size", { value: maxCsvBytes + 1 });
    const read = vi.spyOn(FileReader.prototype, "readAsArrayBuffer");
    pick(huge);
    const error = await screen.findByTestId("import-error");
    expect(error.textContent).toBe("파일이 너무 큽니다. CSV 파일은 64MB까지 가져올 수 있습니다.");
    expect(read).not.toHaveBeenCalled();
    expect(vi.mocked(call)).not.toHaveBeenCalled();
    read.mockRestore();
  });
});
