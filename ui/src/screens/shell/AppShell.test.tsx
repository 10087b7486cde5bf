import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Alert } from "../../bindings/Alert";
import { call } from "../../ipc";
import type { AppState } from "../../lib/dto";
import { fakeBackend } from "../../test/backend";
import { renderWithApp } from "../../test/render";
import { syncStatus } from "../../test/syncStatus";
import { AppShell } from "./AppShell";
import { screens, type ScreenEntry } from "./screens";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const workspace = { meta: { id: "01W", name: "평택 1센터", created_at_ms: 0 }, asset_count: 0 };

function appState(open: boolean): AppState {
  return {
    data_dir: "/data",
    profile_chosen: true,
    os_user: null,
    language: "ko",
    profile: { name: "김민준", initials: "MJ" },
    workspaces: [workspace.meta],
    current: open ? workspace : null,
  };
}

function alert(n: number): Alert {
  return {
    source: "lifecycle",
    kind: "return_overdue",
    record: `asset/A${n}`,
    title: `PT1-SRV-000${n}`,
    subject: "이서연",
    due: "2025-01-01",
    days_overdue: 3,
    values: {},
    key: `return/${n}`,
  };
}

function backend(open: boolean) {
  fakeBackend({
    app_state: () => appState(open),
    sync_status: () => syncStatus({ findings: 3 }),
    asset_query: ({ query }) => ({ total: 0, offset: query.offset, rows: [] }),
    life_alerts: () => [alert(1), alert(2)],
    alerts_to_notify: () => [],
  });
}

function navItems(): HTMLElement[] {
  return within(screen.getByRole("navigation")).getAllByRole("link");
}

/** A table unlike the app's: the shell must show these two screens and nothing else. */
const twoScreens: readonly ScreenEntry[] = [
  {
    id: "first",
    icon: "box",
    label: "nav.plans",
    listedWithoutWorkspace: true,
    shortcuts: [{ keys: [["N"]], action: "help.newAsset" }],
    render: ({ workspace: open }) => <p data-testid="screen-first">{open.meta.name}</p>,
  },
  {
    id: "second",
    icon: "inbox",
    label: "nav.people",
    badge: { useCount: () => 7, label: "nav.alertsCount" },
    render: () => <p data-testid="screen-second" />,
  },
];

describe("<AppShell/> and the screen table", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("builds the navigation, the screen shown, badges and shortcut help from the table", async () => {
    backend(true);
    renderWithApp(<AppShell screens={twoScreens} />);
    expect((await screen.findByTestId("screen-first")).textContent).toBe("평택 1센터");
    expect(navItems().map((item) => item.dataset.testid)).toEqual(["nav-first", "nav-second"]);
    expect(navItems().map((item) => item.textContent)).toEqual(["유지보수 계획", "담당자별7"]);
    expect(screen.getByTestId("nav-first").getAttribute("aria-current")).toBe("page");
    expect(screen.getByTestId("second-badge").getAttribute("aria-label")).toBe("알림 7건");

    fireEvent.click(screen.getByTestId("nav-second"));
    expect(screen.getByTestId("screen-second")).toBeTruthy();
    expect(screen.queryByTestId("screen-first")).toBeNull();
    expect(screen.getByTestId("nav-second").getAttribute("aria-current")).toBe("page");
    expect(screen.getByTestId("nav-first").getAttribute("aria-current")).toBeNull();

    // The help lists the table's screens' keys and the shell's, not those of screens elsewhere.
    fireEvent.keyDown(window, { key: "?" });
    const help = screen.getByTestId("shortcut-help").textContent;
    expect(help).toContain("새 자산 등록");
    expect(help).toContain("지금 동기화");
    expect(help).not.toContain("케이블: 일괄 계획");
  });

  it("lists only the screens marked for it before a workspace exists", async () => {
    backend(false);
    renderWithApp(<AppShell screens={twoScreens} />);
    await screen.findByTestId("first-run");
    expect(navItems().map((item) => item.dataset.testid)).toEqual(["nav-first"]);
  });

  it("lists every screen of the app's table, in order, with the test ids end-to-end tests use", async () => {
    backend(true);
    renderWithApp(<AppShell />);
    await screen.findByTestId("assets-empty");
    expect(navItems().map((item) => item.dataset.testid)).toEqual(
      screens.map((entry) => entry.navTestId ?? `nav-${entry.id}`),
    );
    expect(navItems().map((item) => item.dataset.testid)).toEqual([
      "nav-assets",
      "nav-racks",
      "nav-cables",
      "nav-alerts",
      "nav-plans",
      "nav-people",
      "nav-audits",
      "nav-purchasing",
      "nav-designdocs",
      "nav-reports",
      "findings-nav",
      "nav-members",
      "nav-backups",
    ]);
    await waitFor(() => expect(screen.getByTestId("alerts-badge").textContent).toBe("2"));
    await waitFor(() => expect(screen.getByTestId("findings-badge").textContent).toBe("3"));
    expect(navItems().map((item) => item.textContent)).toEqual([
      "자산",
      "랙·전산실",
      "케이블",
      "알림2",
      "유지보수 계획",
      "담당자별",
      "실사",
      "구매",
      "설계 문서",
      "보고서",
      "발견 사항3",
      "회원",
      "백업",
    ]);
    // Screens with their own keys list them in the help.
    fireEvent.keyDown(window, { key: "?" });
    expect(screen.getByTestId("shortcut-help").textContent).toContain("케이블: 일괄 계획");
  });
});
