import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { call } from "../../ipc";
import type { AppState } from "../../lib/dto";
import type { SyncStatus } from "../../lib/syncText";
import { callsOf, fakeBackend } from "../../test/backend";
import { emitEvent } from "../../test/ipcMock";
import { renderWithApp } from "../../test/render";
import { SyncStatusPill } from "./SyncStatusPill";
import { syncStatus } from "../../test/syncStatus";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const appState: AppState = {
  data_dir: "/tmp/cw",
  profile_chosen: true,
  os_user: null,
  language: "ko",
  profile: { name: "김민준", initials: "MJ" },
  workspaces: [{ id: "01W", name: "평택 1센터", created_at_ms: 0 }],
  current: { meta: { id: "01W", name: "평택 1센터", created_at_ms: 0 }, asset_count: 3 },
};

const base: SyncStatus = syncStatus({
  state: "synced",
  server: "https://sync.example.kr:8443",
  user: "minjun",
});

/** Today at 14:05 local time, as the pill should show it. */
function todayAt(hours: number, minutes: number): number {
  const date = new Date();
  date.setHours(hours, minutes, 0, 0);
  return date.getTime();
}

function serve(status: SyncStatus, language: "ko" | "en" = "ko") {
  fakeBackend({
    app_state: () => ({ ...appState, language }),
    sync_status: () => status,
    sync_now: () => null,
    sync_logout: () => null,
  });
}

async function pill(): Promise<HTMLElement> {
  return screen.findByTestId("sync-status");
}

describe("<SyncStatusPill/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("says offline, counts what waits, and explains when it retries", async () => {
    serve({
      ...base,
      state: "offline",
      pending: 3,
      error_code: "offline",
      error_message: "the server cannot be reached: connection refused",
      retry_in_secs: 8,
    });
    renderWithApp(<SyncStatusPill />);
    const element = await pill();
    expect(element.dataset.state).toBe("offline");
    expect(screen.getByTestId("sync-status-text").textContent).toBe("오프라인");
    expect(screen.getByTestId("sync-pending").textContent).toBe("보낼 변경 3건");
    // The pill has a fixed width (the top bar never moves): its tooltip has the words whole.
    expect(element.title).toBe("오프라인 · 보낼 변경 3건 · 팀 동기화");

    fireEvent.click(element);
    expect(screen.getByTestId("sync-explanation").textContent).toBe(
      "서버에 연결할 수 없습니다. 네트워크가 돌아오면 자동으로 다시 시도합니다 (8초 후). 그동안의 변경은 이 컴퓨터에 저장됩니다.",
    );
    expect(screen.getByTestId("sync-server").textContent).toBe("https://sync.example.kr:8443");
    expect(screen.getByTestId("sync-popover").textContent).toContain("minjun");
  });

  it("shows the local time of the last sync", async () => {
    serve({ ...base, last_synced_at_ms: todayAt(14, 5) });
    renderWithApp(<SyncStatusPill />);
    const element = await pill();
    expect(element.dataset.state).toBe("synced");
    expect(screen.getByTestId("sync-status-text").textContent).toBe("동기화됨 14:05");
    expect(screen.queryByTestId("sync-pending")).toBeNull();
    fireEvent.click(element);
    expect(screen.getByTestId("sync-explanation").textContent).toBe(
      "모든 변경이 서버와 맞춰져 있습니다.",
    );
  });

  it("explains a read-only account and what to do, in Korean and English", async () => {
    const status = {
      ...base,
      state: "error",
      pending: 1,
      error_code: "read_only",
      error_message: "the server refused (403 read_only): this account may read the workspace",
    };
    serve(status);
    const view = renderWithApp(<SyncStatusPill />);
    fireEvent.click(await pill());
    expect(screen.getByTestId("sync-status-text").textContent).toBe("오류: 보기 전용 계정");
    expect(screen.getByTestId("sync-explanation").textContent).toBe(
      "보기 전용 계정입니다 — 변경을 보낼 수 없습니다. 관리자에게 편집 권한을 요청하세요.",
    );
    view.unmount();

    serve(status, "en");
    renderWithApp(<SyncStatusPill />, { language: "en" });
    await waitFor(() =>
      expect(screen.getByTestId("sync-status-text").textContent).toBe("Error: view-only account"),
    );
    fireEvent.click(screen.getByTestId("sync-status"));
    expect(screen.getByTestId("sync-explanation").textContent).toBe(
      "This is a view-only account — changes cannot be sent. Ask an administrator for edit access.",
    );
  });

  it("follows sync_status events, with progress in words", async () => {
    serve({ ...base, last_synced_at_ms: todayAt(9, 30) });
    renderWithApp(<SyncStatusPill />);
    await waitFor(() =>
      expect(screen.getByTestId("sync-status-text").textContent).toBe("동기화됨 09:30"),
    );
    act(() =>
      emitEvent("sync_status", {
        ...base,
        state: "syncing",
        progress: "push 1200/5000",
        pending: 5000,
      }),
    );
    expect((await pill()).dataset.state).toBe("syncing");
    expect(screen.getByTestId("sync-status-text").textContent).toBe(
      "동기화 중… 보내는 중 1,200/5,000",
    );
    expect(screen.getByTestId("sync-pending").textContent).toBe("보낼 변경 5,000건");
  });

  it("asks to log in again when the login expired", async () => {
    serve({ ...base, state: "logged_out", error_code: "token_expired" });
    renderWithApp(<SyncStatusPill />);
    const element = await pill();
    expect(screen.getByTestId("sync-status-text").textContent).toBe("로그아웃됨");
    fireEvent.click(element);
    expect(screen.getByTestId("sync-explanation").textContent).toBe(
      "로그인이 만료되었습니다. 다시 로그인하세요.",
    );
    expect(screen.getByTestId("sync-login").textContent).toBe("다시 로그인");
    expect(screen.queryByTestId("sync-now")).toBeNull();
  });

  it("offers to log in when no server is set up", async () => {
    serve({ ...base, state: "not_configured", server: null, user: null });
    renderWithApp(<SyncStatusPill />);
    const element = await pill();
    expect(element.dataset.state).toBe("not_configured");
    expect(screen.getByTestId("sync-status-text").textContent).toBe("서버 미연결");
    fireEvent.click(element);
    expect(screen.getByTestId("sync-login").textContent).toBe("서버에 로그인");
    expect(screen.queryByTestId("sync-logout")).toBeNull();
  });

  it("syncs now and logs out from the panel", async () => {
    serve({ ...base, last_synced_at_ms: todayAt(8, 0) });
    renderWithApp(<SyncStatusPill />);
    fireEvent.click(await pill());
    fireEvent.click(screen.getByTestId("sync-now"));
    await waitFor(() => expect(callsOf("sync_now")).toHaveLength(1));
    const before = callsOf("sync_status").length;
    fireEvent.click(screen.getByTestId("sync-logout"));
    await waitFor(() => expect(callsOf("sync_logout")).toHaveLength(1));
    // After logging out the status is asked for again.
    await waitFor(() => expect(callsOf("sync_status").length).toBe(before + 1));
    expect(
      await screen.findByText("로그아웃했습니다. 변경은 이 컴퓨터에 그대로 남습니다."),
    ).toBeTruthy();
  });
});
