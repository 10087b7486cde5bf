import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SearchHit } from "../../bindings/SearchHit";
import { call } from "../../ipc";
import type { AppState } from "../../lib/dto";
import { RecordLink, useKept } from "../../lib/navigation";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithApp } from "../../test/render";
import { syncStatus } from "../../test/syncStatus";
import { AppShell } from "./AppShell";
import { screens as appScreens, type ScreenEntry } from "./screens";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const workspace = { meta: { id: "01W", name: "평택 1센터", created_at_ms: 0 }, asset_count: 0 };

function appState(language: "ko" | "en"): AppState {
  // Cast: fields the shell does not read here are left out.
  return {
    data_dir: "/data",
    language,
    profile: { name: "김민준", initials: "MJ" },
    workspaces: [workspace.meta],
    current: workspace,
  } as AppState;
}

const hits: SearchHit[] = [
  { kind: "rack", record: "rack/01R", title: "A-R01", detail: "평택 · 전산실 A" },
  { kind: "asset", record: "asset/01A", title: "PT1-SRV-0001", detail: "R650 · A-R01 U10" },
  // A kind no screen opens is not offered.
  { kind: "plan", record: "plan/01P", title: "A-R01 점검", detail: "" },
];

/** A list screen keeping its search and selection, and a detail screen opening records. */
function ListScreen() {
  const [search, setSearch] = useKept("search", "");
  const [picked, setPicked] = useKept<string | null>("picked", null);
  return (
    <div data-testid="list-screen">
      <input aria-label="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      <button type="button" onClick={() => setPicked("row 7")}>
        pick
      </button>
      <span data-testid="picked">{picked ?? "none"}</span>
      <RecordLink record="rack/01R" focus="01P" testId="link-rack">
        A-R01
      </RecordLink>
      <RecordLink record="plan/01P" testId="link-plan">
        no screen shows plans
      </RecordLink>
    </div>
  );
}

const table: readonly ScreenEntry[] = [
  {
    id: "list",
    icon: "box",
    label: "nav.assets",
    opens: [{ kind: "asset", label: "search.kind.asset" }],
    render: ({ opening }) => (
      <>
        <ListScreen />
        <span data-testid="list-opening">{opening?.record ?? "-"}</span>
      </>
    ),
  },
  {
    id: "racks",
    icon: "rack",
    label: "nav.racks",
    opens: [{ kind: "rack", label: "search.kind.rack" }],
    render: ({ opening }) => (
      <p data-testid="rack-screen">
        {opening === undefined ? "no record" : `${opening.kind} ${opening.id} ${opening.focus}`}
      </p>
    ),
  },
];

function backend(language: "ko" | "en" = "ko") {
  fakeBackend({
    app_state: () => appState(language),
    sync_status: () => syncStatus({}),
    search: ({ text }) => ({
      hits: hits.filter((hit) => hit.title.toLowerCase().includes(text.toLowerCase())),
      total: 3,
    }),
  });
}

describe("going between screens", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("follows a link, and Back (button, Alt+←, mouse) returns with the screen's state", async () => {
    backend();
    renderWithApp(<AppShell screens={table} />);
    await screen.findByTestId("list-screen");
    const back = screen.getByTestId("nav-back") as HTMLButtonElement;
    expect(back.disabled).toBe(true);
    expect(screen.getByTestId("link-plan").tagName).toBe("SPAN");

    fireEvent.change(screen.getByLabelText("search"), { target: { value: "PT1-SRV" } });
    fireEvent.click(screen.getByText("pick"));
    fireEvent.click(screen.getByTestId("link-rack"));
    expect(screen.getByTestId("rack-screen").textContent).toBe("rack 01R 01P");
    expect(screen.queryByTestId("list-screen")).toBeNull();

    fireEvent.click(back);
    expect((screen.getByLabelText("search") as HTMLInputElement).value).toBe("PT1-SRV");
    expect(screen.getByTestId("picked").textContent).toBe("row 7");
    expect(screen.getByTestId("list-opening").textContent).toBe("-");
    expect(back.disabled).toBe(true);

    // Alt+← goes back, also from a text field.
    fireEvent.click(screen.getByTestId("link-rack"));
    fireEvent.keyDown(screen.getByTestId("rack-screen"), { key: "ArrowLeft", altKey: true });
    expect(screen.getByTestId("picked").textContent).toBe("row 7");

    // The mouse's back button.
    fireEvent.click(screen.getByTestId("nav-racks"));
    expect(screen.getByTestId("rack-screen").textContent).toBe("no record");
    fireEvent.mouseUp(window, { button: 3 });
    expect((screen.getByLabelText("search") as HTMLInputElement).value).toBe("PT1-SRV");

    // Leaving by the navigation and coming back by it keeps the state too.
    fireEvent.click(screen.getByTestId("nav-racks"));
    fireEvent.click(screen.getByTestId("nav-list"));
    expect((screen.getByLabelText("search") as HTMLInputElement).value).toBe("PT1-SRV");
    expect(screen.getByTestId("picked").textContent).toBe("row 7");
  });

  it("Ctrl K searches every kind from any screen; arrows choose, Enter opens, Esc closes", async () => {
    backend();
    renderWithApp(<AppShell screens={table} />);
    await screen.findByTestId("list-screen");
    fireEvent.click(screen.getByTestId("nav-racks"));

    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    const input = (await screen.findByTestId("search-palette-input")) as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: "a-r01" } });
    await waitFor(() => expect(screen.getAllByTestId("search-hit")).toHaveLength(1));
    expect(callsOf("search").at(-1)).toEqual({ text: "a-r01", limit: 30 });
    // The plan hit has no screen: only the rack is offered, named with its kind.
    expect(screen.getByTestId("search-hit").textContent).toBe("랙A-R01평택 · 전산실 A");
    expect(screen.getByTestId("search-more")).toBeTruthy();

    fireEvent.change(input, { target: { value: "" } });
    fireEvent.change(input, { target: { value: "PT1" } });
    await waitFor(() =>
      expect(screen.getAllByTestId("search-hit").map((hit) => hit.dataset.record)).toEqual([
        "asset/01A",
      ]),
    );
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(screen.getAllByTestId("search-hit")[0]!.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(input, { key: "Enter" });
    expect(screen.queryByTestId("search-palette")).toBeNull();
    expect(screen.getByTestId("list-opening").textContent).toBe("asset/01A");

    // Back returns to the screen the search was opened on.
    fireEvent.click(screen.getByTestId("nav-back"));
    expect(screen.getByTestId("rack-screen")).toBeTruthy();

    // Ctrl K works from a text field too.
    fireEvent.click(screen.getByTestId("nav-list"));
    fireEvent.keyDown(screen.getByLabelText("search"), { key: "k", ctrlKey: true });
    await screen.findByTestId("search-palette-input");
    fireEvent.keyDown(screen.getByTestId("search-palette-input"), { key: "Escape" });
    expect(screen.queryByTestId("search-palette")).toBeNull();
    fireEvent.click(screen.getByTestId("nav-back"));

    // Esc closes without going anywhere; nothing typed finds nothing and asks nothing.
    fireEvent.click(screen.getByTestId("global-search-button"));
    const again = await screen.findByTestId("search-palette-input");
    const asked = callsOf("search").length;
    fireEvent.keyDown(again, { key: "Escape" });
    expect(screen.queryByTestId("search-palette")).toBeNull();
    expect(screen.getByTestId("rack-screen")).toBeTruthy();
    expect(callsOf("search")).toHaveLength(asked);
  });

  it("says when nothing matches, in English too", async () => {
    backend("en");
    const { container } = renderWithApp(<AppShell screens={table} />, { language: "en" });
    await screen.findByTestId("list-screen");
    expect(container.querySelector("[data-testid=nav-back]")?.getAttribute("aria-label")).toBe(
      "Back",
    );
    await act(async () => {
      fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    });
    fireEvent.change(screen.getByTestId("search-palette-input"), { target: { value: "zzz" } });
    expect((await screen.findByTestId("search-none")).textContent).toBe("No record matches ‘zzz’.");
  });

  it("the asset list keeps its search (and runs it) when another screen was shown", async () => {
    fakeBackend({
      app_state: () => appState("ko"),
      sync_status: () => syncStatus({}),
      asset_query: ({ query }) => ({ total: 0, offset: query.offset, rows: [] }),
      life_alerts: () => [],
      alerts_to_notify: () => [],
      life_assignees: () => [],
      members_me: () => {
        throw new Error("not logged in");
      },
    });
    renderWithApp(<AppShell screens={appScreens} />);
    await screen.findByTestId("assets-empty");
    fireEvent.change(screen.getByTestId("search-input"), { target: { value: "PT1-SRV" } });
    await waitFor(() => expect(callsOf("asset_query").at(-1)?.query.search).toBe("PT1-SRV"));
    await screen.findByTestId("assets-no-match");

    fireEvent.click(screen.getByTestId("nav-people"));
    await screen.findByTestId("people-empty");
    const asked = callsOf("asset_query").length;
    fireEvent.click(screen.getByTestId("nav-assets"));
    expect((screen.getByTestId("search-input") as HTMLInputElement).value).toBe("PT1-SRV");
    await screen.findByTestId("assets-no-match");
    expect(
      callsOf("asset_query")
        .slice(asked)
        .every((args) => args.query.search === "PT1-SRV"),
    ).toBe(true);
  });
});
