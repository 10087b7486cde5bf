import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { RecoveryReport } from "../../bindings/RecoveryReport";
import { CommandError } from "../../ipc";
import type { AppState } from "../../lib/dto";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithApp } from "../../test/render";
import { syncStatus } from "../../test/syncStatus";
import { AppShell } from "./AppShell";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const meta = { id: "01W", name: "평택 1센터", created_at_ms: 0 };
const damage =
  "the store in /data is damaged: store/db at byte 329158 (segment 0): a record is unreadable (its checksum does not match)";

const report: RecoveryReport = {
  damagedCopy: "/data/store.damaged-1765000000000",
  reportFile: "/data/store.damaged-1765000000000.report.txt",
  workspaces: [
    {
      workspace: meta,
      recovered: [{ kind: "asset", id: "01A", title: "PT1-SRV-0001" }],
      lost: [{ kind: "asset", id: "01B", title: "PT1-SRV-0002" }],
      blobsRecovered: 0,
      blobsLost: 0,
    },
  ],
};

const opened: AppState = {
  data_dir: "/data",
  profile_chosen: true,
  os_user: null,
  language: "ko",
  profile: { name: "김민준", initials: "MJ" },
  workspaces: [meta],
  current: { meta, asset_count: 1 },
};

describe("the damaged store screen", () => {
  it("says what is damaged and what to do, recovers, shows the report, then opens the store", async () => {
    let recovered = false;
    fakeBackend({
      app_state: () => {
        if (!recovered) throw new CommandError("app_state", "store_damaged", damage);
        return opened;
      },
      store_recover: () => {
        recovered = true;
        return report;
      },
      sync_status: () => syncStatus({}),
      asset_query: ({ query }) => ({ total: 0, offset: query.offset, rows: [] }),
      life_alerts: () => [],
      alerts_to_notify: () => [],
    });
    renderWithApp(<AppShell />);

    const damageText = await screen.findByTestId("store-damage");
    expect(damageText.textContent).toContain("로컬 저장소가 손상되어 열 수 없습니다");
    expect(damageText.textContent).toContain("store/db at byte 329158");
    expect(screen.getByText(/최근 백업으로 작업공간을 되살립니다/)).toBeTruthy();
    expect(screen.getByText(/팀 서버와 동기화한 작업공간/)).toBeTruthy();

    fireEvent.click(screen.getByTestId("store-recover"));
    const shown = await screen.findByTestId("recovery-report");
    expect(callsOf("store_recover")).toHaveLength(1);
    expect(shown.textContent).toContain("복구한 기록 1건, 잃은 기록 1건");
    expect(screen.getByTestId("recovery-lost").textContent).toContain("자산 PT1-SRV-0002 (01B)");
    expect(shown.textContent).toContain("/data/store.damaged-1765000000000");

    fireEvent.click(screen.getByTestId("recovery-open"));
    await waitFor(() => expect(screen.queryByTestId("recovery-report")).toBeNull());
    expect(screen.queryByTestId("load-failed")).toBeNull();
  });

  it("shows why a recovery failed and keeps the button", async () => {
    fakeBackend({
      app_state: () => {
        throw new CommandError("app_state", "store_damaged", damage);
      },
      store_recover: () => {
        throw new CommandError("store_recover", "io", "permission denied");
      },
    });
    renderWithApp(<AppShell />);
    fireEvent.click(await screen.findByTestId("store-recover"));
    expect((await screen.findByRole("status")).textContent).toContain("복구하지 못했습니다");
    expect(screen.getByTestId("store-recover")).toBeTruthy();
  });
});
