import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { MembersMe } from "../../bindings/MembersMe";
import type { RosterView } from "../../bindings/RosterView";
import { call, CommandError } from "../../ipc";
import type { AppState } from "../../lib/dto";
import { callsOf, fakeBackend, type Handlers } from "../../test/backend";
import { kim, lee, me, meAs, park, roster } from "../../test/members";
import { renderWithApp } from "../../test/render";
import { syncStatus } from "../../test/syncStatus";
import { MembersScreen } from "./MembersScreen";
import { parseAmount, parseCategories } from "./memberText";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const workspace = { meta: { id: "01W", name: "평택 1센터", created_at_ms: 0 }, asset_count: 0 };

const appState: AppState = {
  data_dir: "/data",
  profile_chosen: true,
  os_user: null,
  language: "ko",
  profile: { name: "박서준", initials: "SJ" },
  workspaces: [workspace.meta],
  current: workspace,
};

function backend(who: MembersMe, list: RosterView, more: Handlers = {}) {
  fakeBackend({
    app_state: () => appState,
    sync_status: () => syncStatus(),
    members_me: () => who,
    members_roster: () => list,
    ...more,
  });
}

function row(name: string): HTMLElement {
  const found = screen
    .getAllByTestId("member-row")
    .find((element) => element.dataset.name === name);
  if (found === undefined) throw new Error(`no row for ${name}`);
  return found;
}

/** A promise the test settles itself: the server answering later. */
function later<T>() {
  let settle!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  return { promise, settle, fail };
}

describe("<MembersScreen/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("lists members with their roles, capabilities in Korean with amounts in 원, and keys", async () => {
    backend(me(), roster());
    renderWithApp(<MembersScreen />);
    await screen.findByTestId("member-list");
    expect(screen.getByTestId("roster-version").textContent).toMatch(
      /^2026\. 12\. 7\. .*에 서버가 서명한 명단 · 버전 7$/,
    );
    expect(screen.getByTestId("members-me-line").textContent).toBe("박서준 · 관리자");
    expect(screen.getByTestId("members-me-key").textContent).toBe("이 기기 키 등록됨");
    // Admins first, then editors, as the roster lists them.
    expect(screen.getAllByTestId("member-name").map((name) => name.textContent)).toEqual([
      "박서준",
      "김민준",
      "이서연",
    ]);
    expect(within(row("이서연")).getByTestId("member-role").textContent).toBe("보기 전용");
    const grants = within(row("김민준")).getAllByTestId("member-grant");
    expect(grants[0]?.textContent).toContain("구매 승인");
    expect(grants[0]?.textContent).toContain("최대 5,000,000원 · 품목: 서버, 네트워크");
    expect(grants[0]?.dataset.inForce).toBe("true");
    expect(grants[1]?.textContent).toContain("폐기 승인");
    expect(grants[1]?.textContent).toContain("종료");
    const keys = within(row("김민준")).getAllByTestId("member-key");
    expect(keys[0]?.textContent).toContain("kim-laptop");
    expect(keys[1]?.textContent).toContain("kim-old-laptop");
    expect(keys[1]?.textContent).toContain("폐기");
    expect(keys[1]?.dataset.revoked).toBe("true");
    expect(within(row("박서준")).getByTestId("member-key").textContent).toContain("이 기기");
    // An admin's actions: only keys still in force can be revoked, grants in force taken back.
    expect(within(row("김민준")).getAllByTestId("member-revoke-key")).toHaveLength(1);
    expect(within(row("김민준")).getAllByTestId("member-ungrant")).toHaveLength(1);
    expect(screen.queryByTestId("members-read-only")).toBeNull();
  });

  it("grants a purchase approval with its largest amount and categories, with progress while the server answers", async () => {
    const answer = later<RosterView>();
    backend(me(), roster(), { members_grant: () => answer.promise });
    renderWithApp(<MembersScreen />);
    await screen.findByTestId("member-list");
    fireEvent.click(within(row("이서연")).getByTestId("member-grant-open"));
    const dialog = await screen.findByTestId("member-grant-dialog");
    fireEvent.change(within(dialog).getByTestId("grant-capability"), {
      target: { value: "approve_purchases" },
    });
    fireEvent.change(within(dialog).getByTestId("grant-max-amount"), {
      target: { value: "열 개" },
    });
    fireEvent.click(within(dialog).getByTestId("member-confirm"));
    // A typed amount that is not one is refused here, before the server is asked.
    expect(within(dialog).getByRole("alert").textContent).toContain("금액은 0 이상의 정수");
    expect(callsOf("members_grant")).toEqual([]);
    fireEvent.change(within(dialog).getByTestId("grant-max-amount"), {
      target: { value: "3,000,000원" },
    });
    fireEvent.change(within(dialog).getByTestId("grant-categories"), {
      target: { value: "서버, 스토리지," },
    });
    fireEvent.click(within(dialog).getByTestId("member-confirm"));
    await waitFor(() =>
      expect(callsOf("members_grant")).toEqual([
        {
          userId: "U-LEE",
          capability: "approve_purchases",
          maxAmountKrw: 3_000_000,
          categories: ["서버", "스토리지"],
        },
      ]),
    );
    expect(within(dialog).getByTestId("member-asking").textContent).toBe("서버에 요청하는 중…");
    await act(async () => answer.settle(roster()));
    await waitFor(() => expect(screen.queryByTestId("member-grant-dialog")).toBeNull());
    expect(screen.getByTestId("toast").textContent).toContain(
      "이서연에게 '구매 승인' 권한을 부여했습니다.",
    );
  });

  it("asks before taking a capability back, changing a role or revoking a lost laptop's key", async () => {
    backend(me(), roster(), {
      members_ungrant: () => roster(),
      members_set_role: () => roster(),
      members_revoke_key: () => roster(),
    });
    renderWithApp(<MembersScreen />);
    await screen.findByTestId("member-list");

    fireEvent.click(within(row("김민준")).getByTestId("member-ungrant"));
    let dialog = await screen.findByTestId("member-ungrant-dialog");
    expect(dialog.textContent).toContain("김민준의 '구매 승인' 권한을 지금부터 회수합니다.");
    expect(dialog.textContent).toContain("이미 이 권한으로 내린 결정은 그대로 유효합니다.");
    expect(callsOf("members_ungrant")).toEqual([]);
    fireEvent.click(within(dialog).getByTestId("member-confirm"));
    await waitFor(() =>
      expect(callsOf("members_ungrant")).toEqual([
        { userId: "U-KIM", capability: "approve_purchases" },
      ]),
    );
    await waitFor(() => expect(screen.queryByTestId("member-ungrant-dialog")).toBeNull());

    fireEvent.click(within(row("김민준")).getByTestId("member-change-role"));
    dialog = await screen.findByTestId("member-role-dialog");
    fireEvent.click(within(dialog).getByTestId("role-auditor"));
    fireEvent.click(within(dialog).getByTestId("member-confirm"));
    await waitFor(() =>
      expect(callsOf("members_set_role")).toEqual([{ userId: "U-KIM", role: "auditor" }]),
    );
    await waitFor(() => expect(screen.queryByTestId("member-role-dialog")).toBeNull());

    fireEvent.click(within(row("김민준")).getByTestId("member-revoke-key"));
    dialog = await screen.findByTestId("member-revoke-dialog");
    expect(dialog.textContent).toContain("kim-laptop");
    expect(dialog.textContent).toContain("폐기 전에 이 키로 서명한 결정은 그대로 유효하며");
    expect(dialog.textContent).toContain("폐기 후에 이 키로 서명한 결정은 서버가 거부하고");
    // Cancel changes nothing.
    fireEvent.click(within(dialog).getByText("취소"));
    expect(callsOf("members_revoke_key")).toEqual([]);
    fireEvent.click(within(row("김민준")).getByTestId("member-revoke-key"));
    dialog = await screen.findByTestId("member-revoke-dialog");
    fireEvent.click(within(dialog).getByTestId("member-confirm"));
    await waitFor(() =>
      expect(callsOf("members_revoke_key")).toEqual([
        { userId: "U-KIM", keyId: "bbbb000011112222" },
      ]),
    );
  });

  it("says what is missing when the server refuses, and offline in words", async () => {
    let refusal = new CommandError("members_grant", "not_entitled", "403", {
      problems: [{ field: "", code: "needs_member_admin", value: "", message: "needs admin" }],
    });
    backend(me(), roster(), {
      members_grant: () => {
        throw refusal;
      },
    });
    renderWithApp(<MembersScreen />);
    await screen.findByTestId("member-list");
    fireEvent.click(within(row("김민준")).getByTestId("member-grant-open"));
    const dialog = await screen.findByTestId("member-grant-dialog");
    fireEvent.click(within(dialog).getByTestId("member-confirm"));
    expect((await within(dialog).findByTestId("member-problems")).textContent).toContain(
      "회원을 바꾸려면 관리자 역할이나 '회원 관리' 권한이 필요합니다.",
    );
    refusal = new CommandError("members_grant", "offline", "unreachable");
    fireEvent.click(within(dialog).getByTestId("member-confirm"));
    await waitFor(() =>
      expect(within(dialog).getByTestId("member-problems").textContent).toBe(
        "서버에 연결할 수 없습니다.",
      ),
    );
  });

  it("is read-only with the reason for a member who does not administer members", async () => {
    backend(meAs("editor", "everything"), roster());
    renderWithApp(<MembersScreen />);
    await screen.findByTestId("member-list");
    expect(screen.getByTestId("members-read-only").textContent).toContain(
      "회원 명단은 작업공간 관리자",
    );
    for (const action of [
      "member-grant-open",
      "member-ungrant",
      "member-change-role",
      "member-revoke-key",
    ]) {
      expect(screen.queryAllByTestId(action)).toEqual([]);
    }
    // G and R do nothing either.
    fireEvent.keyDown(window, { key: "g" });
    fireEvent.keyDown(window, { key: "r" });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("moves between members with the arrows; G and R open the chosen member's dialogs", async () => {
    backend(me(), roster());
    renderWithApp(<MembersScreen />);
    await screen.findByTestId("member-list");
    expect(row("박서준").getAttribute("aria-current")).toBe("true");
    fireEvent.keyDown(window, { key: "ArrowDown" });
    expect(row("김민준").getAttribute("aria-current")).toBe("true");
    expect(document.activeElement).toBe(row("김민준"));
    fireEvent.keyDown(window, { key: "g" });
    const dialog = await screen.findByTestId("member-grant-dialog");
    expect(dialog.textContent).toContain("김민준에게 부여할 권한");
    fireEvent.keyDown(dialog, { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("member-grant-dialog")).toBeNull());
    fireEvent.keyDown(window, { key: "ArrowDown" });
    fireEvent.keyDown(window, { key: "r" });
    expect((await screen.findByTestId("member-role-dialog")).textContent).toContain("이서연");
  });

  it("says what to do when the workspace is not logged in to a team", async () => {
    backend(
      me({
        bound: false,
        logged_in: false,
        server: null,
        user_id: "",
        name: "",
        role: null,
        roster: { state: "none" },
        device_key: { state: "unknown" },
        administers: false,
      }),
      { status: { state: "none" }, members: [] },
    );
    renderWithApp(<MembersScreen />);
    const empty = await screen.findByTestId("members-not-bound");
    expect(empty.textContent).toContain("팀 서버에 로그인하지 않은 작업공간입니다");
    expect(screen.getByTestId("members-login").textContent).toBe("팀 서버에 로그인");
  });

  it("asks for a sync when there is no roster yet, and trusts none that was tampered with", async () => {
    backend(
      me({ role: null, administers: false, roster: { state: "none" } }),
      {
        status: { state: "none" },
        members: [],
      },
      { sync_now: () => null },
    );
    const { unmount } = renderWithApp(<MembersScreen />);
    expect((await screen.findByTestId("members-no-roster")).textContent).toContain(
      "온라인일 때 한 번 동기화하세요",
    );
    fireEvent.click(screen.getByTestId("members-sync-now"));
    await waitFor(() => expect(callsOf("sync_now")).toHaveLength(1));
    unmount();

    backend(me({ role: null, administers: false, roster: { state: "tampered" } }), {
      status: { state: "tampered" },
      members: [],
    });
    renderWithApp(<MembersScreen />);
    expect((await screen.findByTestId("members-tampered")).textContent).toContain("변조되었습니다");
    expect(screen.queryByTestId("member-list")).toBeNull();
    expect(screen.queryByTestId("roster-version")).toBeNull();
  });

  it("tells an admin whose login expired why the actions are gone", async () => {
    backend(me({ logged_in: false }), roster([park, kim, lee]));
    renderWithApp(<MembersScreen />);
    expect((await screen.findByTestId("members-logged-out")).textContent).toContain(
      "다시 로그인해야",
    );
    expect(screen.queryAllByTestId("member-grant-open")).toEqual([]);
  });
});

describe("the grant dialog's amount and categories", () => {
  it("reads amounts as whole won and categories separated by commas", () => {
    expect(parseAmount("")).toBeNull();
    expect(parseAmount("5,000,000")).toBe(5_000_000);
    expect(parseAmount("5 000 000원")).toBe(5_000_000);
    expect(parseAmount("₩1200")).toBe(1200);
    expect(parseAmount("1.5")).toBeUndefined();
    expect(parseAmount("-3")).toBeUndefined();
    expect(parseCategories(" 서버, 네트워크 ,,스토리지 ")).toEqual([
      "서버",
      "네트워크",
      "스토리지",
    ]);
  });
});
