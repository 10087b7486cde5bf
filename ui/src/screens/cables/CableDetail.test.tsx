import { fireEvent, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CableTest } from "../../bindings/CableTest";
import { call } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { cableRow } from "../../test/cables";
import { renderWithProviders } from "../../test/render";
import { CableDetail } from "./CableDetail";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const here = "a".repeat(64);
const onItsWay = "b".repeat(64);

function test(n: number, report: string, name: string): CableTest {
  return {
    passed: true,
    tester: "이서연",
    at_ms: 1_751_241_600_000 + n,
    measured_length_m: 2,
    loss_db: null,
    report,
    report_name: name,
  };
}

describe("<CableDetail/> test reports", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("saves a report that is here, and shows one still on its way as waiting, never an error", async () => {
    fakeBackend({
      cable_get: () =>
        cableRow(1, {
          status: "tested",
          tests: [test(1, here, "fluke-1.pdf"), test(2, onItsWay, "fluke-2.pdf")],
        }),
      file_state: ({ sha256 }) => (sha256 === here ? "here" : "waiting_for_sync"),
      attachment_save: ({ name }) => ({ path: `/home/minjun/Downloads/${name}`, rows: 1 }),
    });
    renderWithProviders(<CableDetail id="CABLE1" onClose={() => undefined} />);
    await screen.findAllByTestId("cable-test-entry");
    const [newest, older] = await Promise.all([
      screen.findByText("fluke-2.pdf"),
      screen.findByText("fluke-1.pdf"),
    ]);
    // Newest first: the report not here yet says so, with nothing to click.
    const waiting = newest.closest<HTMLElement>("[data-testid=cable-test-report]")!;
    expect((await within(waiting).findByTestId("file-waiting")).textContent).toBe("동기화 대기");
    expect(within(waiting).queryByTestId("file-save")).toBeNull();

    const saved = older.closest<HTMLElement>("[data-testid=cable-test-report]")!;
    fireEvent.click(await within(saved).findByTestId("file-save"));
    expect(
      await screen.findByText("저장했습니다: /home/minjun/Downloads/fluke-1.pdf"),
    ).toBeTruthy();
    expect(callsOf("attachment_save")).toEqual([{ sha256: here, name: "fluke-1.pdf" }]);
    expect(screen.queryByText(/^실패:/)).toBeNull();
  });

  it("words the waiting report in English", async () => {
    fakeBackend({
      cable_get: () => cableRow(1, { status: "tested", tests: [test(1, onItsWay, "otdr.sor")] }),
      file_state: () => "waiting_for_sync",
    });
    renderWithProviders(<CableDetail id="CABLE1" onClose={() => undefined} />, {
      language: "en",
    });
    expect((await screen.findByTestId("file-waiting")).textContent).toBe("Waiting for sync");
    expect(screen.getByTestId("cable-test-report").textContent).toContain("otdr.sor");
  });
});
