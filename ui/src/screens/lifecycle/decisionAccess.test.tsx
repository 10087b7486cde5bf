import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AssetLife } from "../../bindings/AssetLife";
import type { AssetRow } from "../../bindings/AssetRow";
import type { Capability } from "../../bindings/Capability";
import type { MembersMe } from "../../bindings/MembersMe";
import type { MemberView } from "../../bindings/MemberView";
import { call } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { noLife } from "../../test/life";
import { renderWithProviders } from "../../test/render";
import { decisionBlocked } from "./decisionAccess";
import { DisposalDialog } from "./DisposalDialogs";
import { LifecycleSection } from "./LifecycleSection";
import { localDate } from "./lifeText";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

/** park, logged in to a team's workspace, holding `capabilities` now. */
function park(capabilities: Capability[], more: Partial<MembersMe> = {}): MembersMe {
  return {
    bound: true,
    logged_in: true,
    server: "https://sync.example",
    user_id: "01PARK",
    name: "박지훈",
    role: "editor",
    capabilities: capabilities.map((capability) => ({
      capability,
      from_ms: 0,
      until_ms: null,
      in_force: true,
      max_amount_krw: null,
      categories: [],
    })),
    device_key: { state: "registered", id: "k1" },
    roster: { state: "verified", version: 3, issued_at_ms: 0 },
    access: "everything",
    administers: false,
    ...more,
  };
}

const local: MembersMe = {
  ...park([]),
  bound: false,
  logged_in: false,
  server: null,
  user_id: "",
  name: "",
  role: null,
  device_key: { state: "unknown" },
  roster: { state: "none" },
};

describe("decisionBlocked", () => {
  it("blocks nothing in a local workspace or before members_me answers", () => {
    expect(decisionBlocked(undefined, "approve_disposals")).toBeNull();
    expect(decisionBlocked(local, "approve_disposals")).toBeNull();
  });

  it("names the refusal the step would meet, first things first", () => {
    expect(decisionBlocked(park(["approve_disposals"]), "approve_disposals")).toBeNull();
    expect(decisionBlocked(park(["approve_disposals"]), "verify_wipes")).toBe(
      "problem.not_entitled",
    );
    expect(decisionBlocked(park([], { logged_in: false }), "verify_wipes")).toBe(
      "problem.signature_required",
    );
    expect(decisionBlocked(park([], { roster: { state: "tampered" } }), "verify_wipes")).toBe(
      "problem.no_roster",
    );
    expect(decisionBlocked(park(["verify_wipes"], { role: null }), "verify_wipes")).toBe(
      "problem.not_a_member",
    );
    const revoked = { state: "revoked", id: "k1", revoked_at_ms: 5 } as const;
    expect(decisionBlocked(park(["verify_wipes"], { device_key: revoked }), "verify_wipes")).toBe(
      "problem.key_revoked",
    );
    const ended = park(["verify_wipes"]);
    ended.capabilities[0]!.in_force = false;
    expect(decisionBlocked(ended, "verify_wipes")).toBe("problem.not_entitled");
  });
});

const requested: AssetLife = {
  assignments: {},
  maintenance: {},
  holds_data: null,
  disposal: {
    stage: "requested",
    reason: "보증 만료",
    requested_by: "김민준",
    requested_by_account: "01KIM",
    requested_on: "2026-12-01",
    decided_by: "",
    decided_on: null,
    decision_note: "",
    decision: null,
    wipe: null,
    disposed_on: null,
    vendor: "",
    batch: "",
    status_before: "in_use",
  },
};

const row = {
  asset: { id: "01A", asset_tag: "PT1-SRV-0101", status: "retiring" },
  life: { ...noLife, disposal: "requested" },
} as unknown as AssetRow;

describe("<LifecycleSection/> decisions the member may not make", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("turns approve and reject off with the reason in Korean when the member lacks the capability", async () => {
    fakeBackend({ life_get: () => requested, members_me: () => park(["verify_wipes"]) });
    renderWithProviders(<LifecycleSection row={row} />);
    const reason = await screen.findByTestId("life-decide-blocked");
    expect(reason.textContent).toBe(
      "폐기 승인·반려 — 이 결정을 내릴 권한이 없습니다. 관리자에게 권한을 요청하세요.",
    );
    expect((screen.getByTestId("life-approve") as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId("life-reject") as HTMLButtonElement).disabled).toBe(true);
  });

  it("leaves them on for a member who holds it, and in a local workspace", async () => {
    for (const me of [park(["approve_disposals"]), local]) {
      vi.mocked(call).mockReset();
      fakeBackend({ life_get: () => requested, members_me: () => me });
      const { unmount } = renderWithProviders(<LifecycleSection row={row} />);
      const approve = (await screen.findByTestId("life-approve")) as HTMLButtonElement;
      await waitFor(() => expect(callsOf("members_me")).toHaveLength(1));
      expect(approve.disabled).toBe(false);
      expect(screen.queryByTestId("life-decide-blocked")).toBeNull();
      unmount();
    }
  });
});

function member(user_id: string, name: string, me = false): MemberView {
  return { user_id, name, role: "editor", grants: [], keys: [], me };
}

describe("<DisposalDialog/> wipe in a team's workspace", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("picks the wiper from the roster, shows the logged-in verifier and says it is signed", async () => {
    fakeBackend({
      members_me: () => park(["verify_wipes"]),
      members_roster: () => ({
        status: { state: "verified", version: 3, issued_at_ms: 0 },
        members: [
          member("01PARK", "박지훈", true),
          member("01KIM", "김민준"),
          member("01LEE", "이서연"),
        ],
      }),
      life_wipe: () => row,
    });
    const onClose = vi.fn();
    renderWithProviders(<DisposalDialog assetId="01A" step="wipe" onClose={onClose} />);
    const verifier = await screen.findByTestId("life-verified-by");
    expect(within(verifier).getByText("박지훈")).toBeTruthy();
    expect(verifier.textContent).toContain("검증은 로그인한 구성원(박지훈)의 서명으로 남습니다.");
    expect(screen.queryByRole("textbox", { name: /검증자/ })).toBeNull();
    const picker = screen.getByTestId("life-wiped_by") as HTMLSelectElement;
    await waitFor(() => expect(picker.options).toHaveLength(3));
    expect([...picker.options].map((option) => option.textContent)).toEqual([
      "선택하세요",
      "김민준",
      "이서연",
    ]);
    fireEvent.change(picker, { target: { value: "01KIM" } });
    fireEvent.change(screen.getByTestId("life-method"), { target: { value: "purge" } });
    fireEvent.change(screen.getByTestId("life-tool"), { target: { value: "Blancco 7" } });
    fireEvent.change(screen.getByTestId("life-certificate"), { target: { value: "BLN-1" } });
    fireEvent.click(screen.getByTestId("disposal-dialog-save"));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(callsOf("life_wipe")).toEqual([
      {
        id: "01A",
        today: localDate(),
        input: {
          method: "purge",
          tool: "Blancco 7",
          on: localDate(),
          wiped_by: "01KIM",
          verified_by: "",
          certificate: "BLN-1",
        },
      },
    ]);
  });
});
