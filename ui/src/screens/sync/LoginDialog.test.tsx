import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { call, CommandError } from "../../ipc";
import type { RemoteWorkspace } from "../../bindings/RemoteWorkspace";
import type { AppState, WorkspaceSummary } from "../../lib/dto";
import type { SyncStatus } from "../../lib/syncText";
import { callsOf, fakeBackend, type Handlers } from "../../test/backend";
import { renderWithApp } from "../../test/render";
import { LoginDialog } from "./LoginDialog";
import { syncStatus } from "../../test/syncStatus";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const server = "https://sync.example.kr:8443";

const notConfigured: SyncStatus = syncStatus();

const pyeongtaek: RemoteWorkspace = { id: "01PT", name: "평택 1센터", role: "editor" };
const cheonan: RemoteWorkspace = { id: "01CA", name: "천안 2센터", role: "viewer" };

function summaryOf(remote: RemoteWorkspace): WorkspaceSummary {
  return { meta: { id: remote.id, name: remote.name, created_at_ms: 0 }, asset_count: 0 };
}

/** A backend whose app state follows the login, like Rust's. */
function serve(remotes: RemoteWorkspace[] | CommandError, extra: Handlers = {}) {
  const state: AppState = {
    data_dir: "/tmp/cw",
    profile_chosen: true,
    os_user: null,
    language: "ko",
    profile: { name: "김민준", initials: "MJ" },
    workspaces: [],
    current: null,
  };
  fakeBackend({
    app_state: () => ({ ...state }),
    sync_status: () => notConfigured,
    sync_remote_workspaces: () => {
      if (remotes instanceof CommandError) throw remotes;
      return remotes;
    },
    sync_login: ({ workspace }) => {
      const remote = Array.isArray(remotes) ? remotes.find((r) => r.id === workspace) : undefined;
      if (remote === undefined) throw new CommandError("sync_login", "no_remote_workspace", "no");
      state.current = summaryOf(remote);
      state.workspaces = [state.current.meta];
      return state.current;
    },
    ...extra,
  });
}

function fillIn(password = "hunter2") {
  fireEvent.change(screen.getByTestId("login-server"), { target: { value: ` ${server} ` } });
  fireEvent.change(screen.getByTestId("login-user"), { target: { value: "minjun" } });
  fireEvent.change(screen.getByTestId("login-password"), { target: { value: password } });
}

describe("<LoginDialog/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("logs in at once when the account has one workspace, on Enter", async () => {
    serve([pyeongtaek]);
    const onClose = vi.fn();
    renderWithApp(<LoginDialog prefill={{}} onClose={onClose} />);
    expect(screen.getByTestId("login-dialog")).toBeTruthy();
    expect(screen.getByTestId("login-password").getAttribute("type")).toBe("password");
    expect(screen.getByTestId("login-server").getAttribute("placeholder")).toBe(server);
    fillIn();
    // Enter in a field submits the form (the browser does it through the form's submit button).
    fireEvent.submit(screen.getByTestId("login-password").closest("form")!);

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(callsOf("sync_remote_workspaces")).toEqual([
      { server, user: "minjun", password: "hunter2" },
    ]);
    expect(callsOf("sync_login")).toEqual([
      { server, user: "minjun", password: "hunter2", workspace: "01PT" },
    ]);
    // The logged-in workspace is shown: the app state and the sync status are read again.
    expect(callsOf("app_state").length).toBeGreaterThanOrEqual(2);
    expect(callsOf("sync_status").length).toBeGreaterThanOrEqual(2);
    expect(
      await screen.findByText(`${server}에 로그인했습니다 · 평택 1센터 동기화를 시작합니다`),
    ).toBeTruthy();
  });

  it("lets the user choose among several workspaces", async () => {
    serve([pyeongtaek, cheonan]);
    const onClose = vi.fn();
    renderWithApp(<LoginDialog prefill={{}} onClose={onClose} />);
    fillIn();
    fireEvent.click(screen.getByTestId("login-submit"));

    const options = await screen.findAllByTestId("login-workspace");
    expect(options.map((option) => option.dataset.workspaceName)).toEqual([
      "평택 1센터",
      "천안 2센터",
    ]);
    expect((options[0] as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText("보기 전용")).toBeTruthy();
    expect(callsOf("sync_login")).toEqual([]);

    fireEvent.click(options[1]!);
    fireEvent.click(screen.getByTestId("login-submit"));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(callsOf("sync_login")).toEqual([
      { server, user: "minjun", password: "hunter2", workspace: "01CA" },
    ]);
  });

  it("says the user or password is wrong, and stays open", async () => {
    serve(new CommandError("sync_remote_workspaces", "invalid_credentials", "refused"));
    const onClose = vi.fn();
    renderWithApp(<LoginDialog prefill={{}} onClose={onClose} />);
    fillIn("wrong");
    fireEvent.click(screen.getByTestId("login-submit"));
    expect((await screen.findByTestId("login-error")).textContent).toBe(
      "사용자 이름 또는 비밀번호가 맞지 않습니다.",
    );
    expect(screen.getByTestId("login-password").getAttribute("aria-invalid")).toBe("true");
    expect(callsOf("sync_login")).toEqual([]);
    expect(onClose).not.toHaveBeenCalled();
  });

  it("explains an unreachable server, a bad address and an account without workspaces", async () => {
    serve(new CommandError("sync_remote_workspaces", "offline", "connection refused"));
    const view = renderWithApp(<LoginDialog prefill={{}} onClose={vi.fn()} />);
    fillIn();
    fireEvent.click(screen.getByTestId("login-submit"));
    expect((await screen.findByTestId("login-error")).textContent).toBe(
      "서버에 연결할 수 없습니다. 주소와 네트워크 연결을 확인하세요.",
    );
    view.unmount();

    serve(new CommandError("sync_remote_workspaces", "bad_address", "not an address"));
    const second = renderWithApp(<LoginDialog prefill={{}} onClose={vi.fn()} />);
    fillIn();
    fireEvent.click(screen.getByTestId("login-submit"));
    expect((await screen.findByTestId("login-error")).textContent).toBe(
      "서버 주소 형식이 아닙니다. 예: https://sync.example.kr:8443",
    );
    second.unmount();

    serve([]);
    renderWithApp(<LoginDialog prefill={{}} onClose={vi.fn()} />);
    fillIn();
    fireEvent.click(screen.getByTestId("login-submit"));
    expect((await screen.findByTestId("login-error")).textContent).toBe(
      "이 계정으로 쓸 수 있는 작업공간이 서버에 없습니다. 관리자에게 작업공간 권한을 요청하세요.",
    );
    expect(callsOf("sync_login")).toEqual([]);
  });

  it("says a full disk on the team server keeps a new device from logging in", async () => {
    serve(new CommandError("sync_remote_workspaces", "insufficient_storage", "disk full"));
    const onClose = vi.fn();
    renderWithApp(<LoginDialog prefill={{}} onClose={onClose} />);
    fillIn();
    fireEvent.click(screen.getByTestId("login-submit"));
    expect((await screen.findByTestId("login-error")).textContent).toBe(
      "팀 서버의 디스크가 가득 차 이 기기의 첫 로그인을 기록할 수 없습니다. 서버 관리자가 공간을 비운 뒤 다시 로그인하세요.",
    );
    expect(onClose).not.toHaveBeenCalled();
  });

  it("starts from the expired login's server and user, and closes on Escape", async () => {
    serve([pyeongtaek]);
    const onClose = vi.fn();
    renderWithApp(<LoginDialog prefill={{ server, user: "minjun" }} onClose={onClose} />);
    expect((screen.getByTestId("login-server") as HTMLInputElement).value).toBe(server);
    expect((screen.getByTestId("login-user") as HTMLInputElement).value).toBe("minjun");
    expect(document.activeElement).toBe(screen.getByTestId("login-password"));
    expect((screen.getByTestId("login-submit") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(screen.getByTestId("login-password"), { key: "Escape" });
    expect(onClose).toHaveBeenCalled();
  });
});
