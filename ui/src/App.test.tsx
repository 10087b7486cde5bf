import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { I18nProvider } from "./i18n";
import { call, CommandError } from "./ipc";
import type { AppState, WorkspaceSummary } from "./lib/dto";
import { QueryCache } from "./lib/queryCache";

vi.mock("./ipc", async (importOriginal) =>
  (await import("./test/ipcMock")).mockedIpc(importOriginal as never),
);

const emptyState: AppState = {
  data_dir: "/home/minjun/.local/share/cloudwright",
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

/** A fake backend: `state` is what app_state returns; other commands answer from `answers`. */
function backend(state: AppState, answers: Record<string, (args: never) => unknown> = {}) {
  vi.mocked(call).mockImplementation(async (name: string, args: unknown) => {
    if (name === "app_state") return state as never;
    const answer = answers[name];
    if (answer === undefined) throw new Error(`unexpected command ${name}`);
    return answer(args as never) as never;
  });
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
});
