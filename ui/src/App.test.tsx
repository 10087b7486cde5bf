import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { I18nProvider } from "./i18n";
import { call, CommandError } from "./ipc";
import type { AppState, AssetRow, WorkspaceSummary } from "./lib/dto";
import type { SyncStatus } from "./lib/syncText";
import { QueryCache } from "./lib/queryCache";
import { syncStatus } from "./test/syncStatus";
import { noLife } from "./test/life";

vi.mock("./ipc", async (importOriginal) =>
  (await import("./test/ipcMock")).mockedIpc(importOriginal as never),
);

const emptyState: AppState = {
  data_dir: "/home/minjun/.local/share/cloudwright",
  profile_chosen: true,
  os_user: null,
  language: "ko",
  profile: { name: "김민준", initials: "MJ" },
  workspaces: [],
  current: null,
};

const summary: WorkspaceSummary = {
  meta: { id: "01W", name: "평택 1센터", created_at_ms: 0 },
  asset_count: 0,
};

function renderApp() {
  return render(
    <I18nProvider>
      <App cache={new QueryCache()} />
    </I18nProvider>,
  );
}

const notConfigured: SyncStatus = syncStatus();

/**
 * A fake backend: `state` is what app_state returns, sync is not set up; other commands
 * answer from `answers`.
 */
function backend(state: AppState, answers: Record<string, (args: never) => unknown> = {}) {
  vi.mocked(call).mockImplementation(async (name: string, args: unknown) => {
    // A fresh object each time, as from Rust: React ignores a state it already holds.
    if (name === "app_state") return { ...state } as never;
    const answer = answers[name] ?? (name === "sync_status" ? () => notConfigured : undefined);
    if (answer === undefined) throw new Error(`unexpected command ${name}`);
    return answer(args as never) as never;
  });
}

function countCalls(name: string): number {
  return vi.mocked(call).mock.calls.filter(([called]) => called === name).length;
}

describe("<App/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("explains the first run and offers to create a workspace", async () => {
    backend(emptyState);
    renderApp();
    expect(await screen.findByTestId("first-run")).toBeTruthy();
    expect(screen.getByText("첫 작업공간을 만드세요")).toBeTruthy();
    // The name was chosen before: not asked again.
    expect(screen.queryByTestId("first-run-name")).toBeNull();
    expect(screen.getByTestId("app-title").textContent).toBe("Cloudwright");
    expect(screen.getByTestId("offline-indicator").textContent).toContain(
      "로컬 저장소 · 오프라인 작동",
    );
    expect(screen.getByRole("tooltip").textContent).toContain(emptyState.data_dir);
    // Only areas that exist are in the navigation.
    const nav = screen.getByRole("navigation");
    expect(
      within(nav)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual(["자산"]);
  });

  it("creates a workspace from the first-run screen and shows its errors", async () => {
    const state = { ...emptyState };
    backend(state, {
      workspace_create: ({ name }: { name: string }) => {
        if (name === "평택 1센터" && state.current !== null)
          throw new CommandError("workspace_create", "workspace_exists", "exists");
        state.current = summary;
        state.workspaces = [summary.meta];
        return summary;
      },
      asset_query: () => ({ total: 0, offset: 0, rows: [] }),
    });
    renderApp();
    fireEvent.click(await screen.findByTestId("first-run-create"));
    fireEvent.change(screen.getByTestId("workspace-name-input"), {
      target: { value: "평택 1센터" },
    });
    fireEvent.click(screen.getByTestId("workspace-create-submit"));
    expect(await screen.findByTestId("assets-empty")).toBeTruthy();
    expect(screen.getByTestId("workspace-current").textContent).toBe("평택 1센터");

    // The same name again: the dialog stays open and says why.
    fireEvent.click(screen.getByTestId("workspace-switcher"));
    fireEvent.click(screen.getByTestId("workspace-create"));
    fireEvent.change(screen.getByTestId("workspace-name-input"), {
      target: { value: "평택 1센터" },
    });
    fireEvent.click(screen.getByTestId("workspace-create-submit"));
    expect(await screen.findByText("같은 이름의 작업공간이 이미 있습니다.")).toBeTruthy();
  });

  it("asks a first user's name before anything, then makes and opens a sample workspace", async () => {
    const state: AppState = {
      ...emptyState,
      profile_chosen: false,
      os_user: null,
      profile: { name: "Cloudwright", initials: "CL" },
    };
    const sample: WorkspaceSummary = {
      meta: { id: "01S", name: "예시 데이터센터", created_at_ms: 0 },
      asset_count: 2000,
    };
    backend(state, {
      set_profile: ({ name }: { name: string }) => {
        state.profile = { name, initials: "김민" };
        state.profile_chosen = true;
        return state.profile;
      },
      workspace_create_sample: () => {
        state.current = sample;
        state.workspaces = [sample.meta];
        return { workspace: sample, counts: { assets: 2000, racks: 20, cables: 1022 } };
      },
      asset_query: () => ({ total: 0, offset: 0, rows: [] }),
    });
    renderApp();
    const nameField = (await screen.findByTestId("first-run-name")) as HTMLInputElement;
    // Not the app's own name: the field starts empty when the system gives no user name.
    expect(nameField.value).toBe("");
    fireEvent.click(screen.getByTestId("first-run-sample"));
    expect(
      await screen.findByText("이름을 입력하세요. 변경 이력에 작성자로 남습니다."),
    ).toBeTruthy();
    expect(countCalls("workspace_create_sample")).toBe(0);

    fireEvent.change(nameField, { target: { value: "김민준" } });
    fireEvent.click(screen.getByTestId("first-run-sample"));
    expect(
      await screen.findByText(
        /예시 작업공간을 만들었습니다: 자산 2,000개 · 랙 20개 · 케이블 1,022개/,
      ),
    ).toBeTruthy();
    const calls = vi.mocked(call).mock.calls.map(([name]) => name);
    expect(calls.indexOf("set_profile")).toBeLessThan(calls.indexOf("workspace_create_sample"));
    expect(vi.mocked(call).mock.calls.find(([name]) => name === "set_profile")?.[1]).toEqual({
      name: "김민준",
      initials: "",
    });
    expect(
      vi.mocked(call).mock.calls.find(([name]) => name === "workspace_create_sample")?.[1],
    ).toEqual({ name: "예시 데이터센터" });
    await waitFor(() =>
      expect(screen.getByTestId("workspace-current").textContent).toBe("예시 데이터센터"),
    );
  });

  it("makes the sample workspace from the workspace menu too", async () => {
    const state: AppState = { ...emptyState, current: summary, workspaces: [summary.meta] };
    const sample: WorkspaceSummary = {
      meta: { id: "01S", name: "예시 데이터센터", created_at_ms: 0 },
      asset_count: 2000,
    };
    backend(state, {
      workspace_create_sample: () => {
        state.current = sample;
        state.workspaces = [summary.meta, sample.meta];
        return { workspace: sample, counts: { assets: 2000, racks: 20, cables: 1022 } };
      },
      asset_query: () => ({ total: 0, offset: 0, rows: [] }),
    });
    renderApp();
    fireEvent.click(await screen.findByTestId("workspace-switcher"));
    fireEvent.click(screen.getByTestId("workspace-sample"));
    await waitFor(() =>
      expect(screen.getByTestId("workspace-current").textContent).toBe("예시 데이터센터"),
    );
    expect(countCalls("workspace_create_sample")).toBe(1);
  });

  it("offers the system's user name for the first user's", async () => {
    backend({ ...emptyState, profile_chosen: false, os_user: "minjun" });
    renderApp();
    expect(((await screen.findByTestId("first-run-name")) as HTMLInputElement).value).toBe(
      "minjun",
    );
  });

  it("says under the name why Rust refused it, in Korean, and sends the name as typed", async () => {
    const typed = " 평택\u202e1센터 ";
    backend(emptyState, {
      workspace_create: ({ name }: { name: string }) => {
        // As src-tauri's error.rs sends a refusal by crates/core/src/names.rs.
        throw new CommandError("workspace_create", "invalid_name", "refused", {
          problems: [
            {
              field: "name",
              code: "name_bidi_control",
              value: name,
              detail: { character: "U+202E", position: "4" },
              message: "the workspace name holds a bidirectional control (U+202E) at character 4",
            },
          ],
        });
      },
    });
    renderApp();
    fireEvent.click(await screen.findByTestId("first-run-create"));
    fireEvent.change(screen.getByTestId("workspace-name-input"), { target: { value: typed } });
    fireEvent.click(screen.getByTestId("workspace-create-submit"));
    expect(
      await screen.findByText(
        "이름의 4번째 글자가 글자 방향을 바꾸는 제어 문자(U+202E)입니다. 이 문자 없이 입력하세요.",
      ),
    ).toBeTruthy();
    expect(call).toHaveBeenCalledWith("workspace_create", { name: typed });
    expect(screen.getByTestId("create-workspace-dialog")).toBeTruthy();
    // Typing again clears the reason.
    fireEvent.change(screen.getByTestId("workspace-name-input"), {
      target: { value: "평택 1센터" },
    });
    expect(screen.queryByText(/글자 방향을 바꾸는/)).toBeNull();
  });

  it("switches to English at once and saves the choice in the store", async () => {
    backend(emptyState, { set_language: () => null });
    renderApp();
    await screen.findByTestId("first-run");
    fireEvent.click(screen.getByTestId("language-en"));
    expect(screen.getByText("Create your first workspace")).toBeTruthy();
    expect(screen.getByTestId("offline-indicator").textContent).toContain(
      "Local store · works offline",
    );
    expect(document.documentElement.lang).toBe("en");
    expect(call).toHaveBeenCalledWith("set_language", { language: "en" });
  });

  it("starts in the language stored by Rust", async () => {
    backend({ ...emptyState, language: "en" });
    renderApp();
    expect(await screen.findByText("Create your first workspace")).toBeTruthy();
  });

  it("edits the local profile", async () => {
    backend(emptyState, {
      set_profile: ({ name, initials }: { name: string; initials: string }) => ({ name, initials }),
    });
    renderApp();
    fireEvent.click(await screen.findByTestId("profile-button"));
    fireEvent.change(screen.getByTestId("profile-name"), { target: { value: "이서연" } });
    fireEvent.change(screen.getByTestId("profile-initials"), { target: { value: "SY" } });
    fireEvent.click(screen.getByTestId("profile-save"));
    await waitFor(() =>
      expect(screen.getByTestId("profile-button").textContent).toContain("이서연"),
    );
    expect(call).toHaveBeenCalledWith("set_profile", { name: "이서연", initials: "SY" });
  });

  it("opens the shortcut help with ?", async () => {
    backend(emptyState);
    renderApp();
    await screen.findByTestId("first-run");
    fireEvent.keyDown(window, { key: "?" });
    expect(screen.getByTestId("shortcut-help")).toBeTruthy();
    fireEvent.keyDown(screen.getByTestId("shortcut-help"), { key: "Escape" });
    expect(screen.queryByTestId("shortcut-help")).toBeNull();
  });
  it("shows the sync state and opens the login dialog from the first-run screen", async () => {
    // No name asked for a login: the team server's account names the author there.
    backend({ ...emptyState, profile_chosen: false });
    renderApp();
    const pill = await screen.findByTestId("sync-status");
    expect(pill.dataset.state).toBe("not_configured");
    expect(pill.textContent).toContain("서버 미연결");
    fireEvent.click(screen.getByTestId("first-run-login"));
    expect(screen.getByTestId("login-dialog")).toBeTruthy();
    fireEvent.keyDown(screen.getByTestId("login-server"), { key: "Escape" });
    expect(screen.queryByTestId("login-dialog")).toBeNull();
  });

  it("asks for the sync status again after opening another workspace", async () => {
    const state: AppState = { ...emptyState, workspaces: [summary.meta] };
    backend(state, {
      workspace_open: () => {
        state.current = summary;
        return summary;
      },
      asset_query: () => ({ total: 0, offset: 0, rows: [] }),
    });
    renderApp();
    fireEvent.click(await screen.findByTestId("workspace-option"));
    await screen.findByTestId("assets-empty");
    await waitFor(() => expect(countCalls("sync_status")).toBe(2));
  });

  it("lists findings with their count and opens an asset from one", async () => {
    const open = { ...emptyState, workspaces: [summary.meta], current: summary };
    const row: AssetRow = {
      asset: {
        id: "01A",
        asset_tag: "PT1-SRV-0001",
        asset_type: "server",
        manufacturer: "Dell",
        model: "R750",
        serial: "SN1",
        purchase_date: null,
        cost: null,
        warranty_end: null,
        status: "in_use",
        location: { site: "", room: "", row: "", rack: "", unit: null },
        owner: "",
        notes: "",
        tags: [],
      },
      created_at_ms: 0,
      updated_at_ms: 0,
      updated_by: "김민준",
      life: noLife,
    };
    backend(open, {
      sync_status: () => ({ ...notConfigured, findings: 2 }),
      findings_list: () => [
        {
          kind: "conflict",
          doc_id: "asset/01A",
          record_kind: "asset",
          title: "PT1-SRV-0001",
          conflict: {
            path: "asset.model",
            values: [
              { text: "R750", author: "김민준", at_ms: 0 },
              { text: "R760", author: "이서연", at_ms: 0 },
            ],
          },
        },
        { kind: "duplicate_tag", tag: "PT1-SRV-0009", assets: ["01B", "01C"] },
      ],
      asset_query: () => ({ total: 1, offset: 0, rows: [row] }),
      asset_get: () => row,
      asset_history: () => [],
      asset_attachments: () => [],
    });
    renderApp();
    const nav = await screen.findByTestId("findings-nav");
    await waitFor(() => expect(screen.getByTestId("findings-badge").textContent).toBe("2"));
    expect(nav.textContent).toContain("발견 사항");

    fireEvent.click(nav);
    expect(nav.getAttribute("aria-current")).toBe("page");
    const rows = await screen.findAllByTestId("finding-row");
    expect(rows).toHaveLength(2);
    fireEvent.click(within(rows[0]!).getByTestId("finding-open-asset"));
    await waitFor(() =>
      expect(screen.getByTestId("detail-asset-tag").textContent).toBe("PT1-SRV-0001"),
    );
    expect(screen.getByTestId("nav-assets").getAttribute("aria-current")).toBe("page");
  });

  it("syncs now with Ctrl+Shift+S and lists the shortcut in the help", async () => {
    const open = { ...emptyState, workspaces: [summary.meta], current: summary };
    backend(open, {
      sync_status: () => ({
        ...notConfigured,
        state: "synced",
        server: "https://sync.example.kr:8443",
        user: "minjun",
        last_synced_at_ms: 1,
      }),
      sync_now: () => null,
      asset_query: () => ({ total: 0, offset: 0, rows: [] }),
    });
    renderApp();
    await waitFor(() => expect(screen.getByTestId("sync-status").dataset.state).toBe("synced"));
    fireEvent.keyDown(window, { key: "S", code: "KeyS", ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(countCalls("sync_now")).toBe(1));
    fireEvent.keyDown(window, { key: "?" });
    expect(screen.getByTestId("shortcut-help").textContent).toContain("지금 동기화");
  });
});
