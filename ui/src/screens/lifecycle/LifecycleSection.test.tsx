import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AssetLife } from "../../bindings/AssetLife";
import type { AssetRow } from "../../bindings/AssetRow";
import type { DecisionCheck } from "../../bindings/DecisionCheck";
import { call } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { noLife } from "../../test/life";
import { renderWithApp, renderWithProviders } from "../../test/render";
import { me } from "../../test/members";
import { recordingNavigation, WithNavigation } from "../../test/navigation";
import { syncStatus } from "../../test/syncStatus";
import { LifecycleSection } from "./LifecycleSection";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const report = "d".repeat(64);

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
    status: "retiring",
    location: { site: "", room: "", row: "", rack: "", unit: null },
    owner: "",
    notes: "",
    tags: [],
  },
  created_at_ms: 0,
  updated_at_ms: 0,
  updated_by: "김민준",
  life: { ...noLife, disposal: "wiped" },
};

function wiped(name: string | null): AssetLife {
  return {
    assignments: {},
    maintenance: {},
    holds_data: null,
    disposal: {
      stage: "wiped",
      reason: "보증 만료",
      requested_by: "김민준",
      requested_on: "2025-06-01",
      decided_by: "이서연",
      decided_on: "2025-06-02",
      decision_note: "",
      wipe: {
        method: "purge",
        tool: "Blancco Drive Eraser 7",
        on: "2025-06-03",
        wiped_by: "박지훈",
        verified_by: "이서연",
        certificate: "BLN-2025-0603-001",
        attachment: report,
        attachment_name: name,
        wiped_by_account: null,
        verified_by_account: null,
        verification: null,
      },
      disposed_on: null,
      vendor: "",
      batch: "",
      status_before: "in_use",
      requested_by_account: null,
      decision: null,
    },
  };
}

describe("<LifecycleSection/> wipe report", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("lists the wipe report by its name and saves it", async () => {
    fakeBackend({
      life_get: () => wiped("blancco-report.pdf"),
      life_decisions: () => [],
      file_state: () => "here",
      attachment_save: ({ name }) => ({ path: `/home/minjun/Downloads/${name}`, rows: 1 }),
    });
    renderWithProviders(<LifecycleSection row={row} />);
    const link = await screen.findByTestId("life-wipe-report");
    fireEvent.click(await within(link).findByTestId("file-save"));
    expect(
      await screen.findByText("저장했습니다: /home/minjun/Downloads/blancco-report.pdf"),
    ).toBeTruthy();
    expect(callsOf("attachment_save")).toEqual([{ sha256: report, name: "blancco-report.pdf" }]);
  });

  it("shows a wipe report on its way as waiting for sync, named by its kind when unnamed", async () => {
    fakeBackend({
      life_get: () => wiped(null),
      life_decisions: () => [],
      file_state: () => "waiting_for_sync",
    });
    renderWithProviders(<LifecycleSection row={row} />, { language: "en" });
    const link = await screen.findByTestId("life-wipe-report");
    expect((await within(link).findByTestId("file-waiting")).textContent).toBe("Waiting for sync");
    expect(link.textContent).toContain("Wipe report");
  });
});

const signedAt = Date.UTC(2025, 5, 2, 1, 30);

function check(action: string, verdict: string, more: Partial<DecisionCheck> = {}): DecisionCheck {
  return {
    action,
    signer: "01USERLEE",
    signer_name: "이서연",
    at_ms: signedAt,
    verdict,
    key_revoked_at_ms: null,
    ...more,
  };
}

describe("<LifecycleSection/> signed decisions", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  function show(decisions: DecisionCheck[], language: "ko" | "en" = "ko") {
    fakeBackend({
      life_get: () => wiped("blancco-report.pdf"),
      life_decisions: () => decisions,
      file_state: () => "here",
    });
    renderWithProviders(<LifecycleSection row={row} />, { language });
  }

  it("shows ✓ with the signer's roster name and the time beside each valid decision", async () => {
    show([check("approve_disposal", "valid"), check("verify_wipe", "valid")]);
    const marks = await screen.findAllByTestId("decision-check");
    expect(marks.map((mark) => [mark.dataset.action, mark.dataset.verdict])).toEqual([
      ["approve_disposal", "valid"],
      ["verify_wipe", "valid"],
    ]);
    expect(marks[0]!.textContent).toMatch(/^✓ 서명 확인됨 · 이서연 · /);
    expect(marks[0]!.closest("li")!.textContent).toContain("이서연 결정 · 2025-06-02");
    expect(marks[1]!.closest("li")!.textContent).toContain("박지훈 삭제, 이서연 검증");
    expect(screen.queryByTestId("decision-key-revoked")).toBeNull();
    expect(callsOf("life_decisions")).toEqual([{ id: "01A" }]);
  });

  it("says quietly when a valid decision's key was revoked since", async () => {
    show([check("approve_disposal", "valid", { key_revoked_at_ms: Date.UTC(2025, 6, 1) })]);
    const revoked = await screen.findByTestId("decision-key-revoked");
    expect(revoked.className).toContain("muted");
    expect(revoked.textContent).toMatch(
      /^서명한 키는 .*에 폐기되었지만, 그 전에 한 결정이라 그대로 유효합니다\.$/,
    );
  });

  it("says what is wrong and what to do, in Korean and in English", async () => {
    show([check("approve_disposal", "not_entitled"), check("verify_wipe", "content_changed")]);
    const marks = await screen.findAllByTestId("decision-check");
    expect(marks[0]!.textContent).toContain(
      "결정 당시 권한이 없던 구성원이 서명했습니다 — 권한 있는 구성원이 다시 결정해야 합니다",
    );
    expect(marks[0]!.textContent).toContain("이서연");
    expect(marks[0]!.textContent).not.toContain("✓");
    expect(marks[1]!.textContent).toContain("결정한 뒤 기록 내용이 바뀌었습니다");
  });

  it("says it in English too, and names a verdict it does not know", async () => {
    show(
      [
        check("approve_disposal", "key_revoked", { key_revoked_at_ms: signedAt - 1 }),
        check("verify_wipe", "forged_by_a_newer_app"),
      ],
      "en",
    );
    const marks = await screen.findAllByTestId("decision-check");
    expect(marks[0]!.textContent).toMatch(
      /^Signed with a key already revoked \(at .+\) — an entitled member must decide again/,
    );
    expect(marks[1]!.textContent).toContain(
      "A verdict this version does not know (forged_by_a_newer_app)",
    );
  });

  it("shows no check at all in a workspace with no team", async () => {
    show([
      check("approve_disposal", "unsigned_local", { signer: "", signer_name: "", at_ms: 0 }),
      check("verify_wipe", "unsigned_local", { signer: "", signer_name: "", at_ms: 0 }),
    ]);
    await screen.findByTestId("life-wipe-report");
    await waitFor(() => expect(callsOf("life_decisions")).toHaveLength(1));
    expect(screen.queryByTestId("decision-check")).toBeNull();
  });
});

describe("<LifecycleSection/> says before any dialog what a step would meet", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  function requestedBy(name: string): AssetLife {
    const life = wiped(null);
    return {
      ...life,
      disposal: {
        ...life.disposal!,
        stage: "requested",
        requested_by: name,
        decided_by: "",
        decided_on: null,
        wipe: null,
      },
    };
  }

  function show(life: AssetLife, shown: AssetRow = row) {
    fakeBackend({
      app_state: () => ({
        data_dir: "/data",
        profile_chosen: true,
        os_user: null,
        language: "ko",
        profile: { name: "김민준", initials: "김민" },
        workspaces: [],
        current: null,
      }),
      sync_status: () => syncStatus(),
      // A workspace with no team: names decide who is who.
      members_me: () => me({ bound: false, logged_in: false }),
      life_get: () => life,
      life_decisions: () => [],
      file_state: () => "here",
    });
    renderWithApp(<LifecycleSection row={shown} />);
  }

  it("keeps the requester from approving their own disposal, with the reason", async () => {
    show(requestedBy("김민준"));
    expect((await screen.findByTestId("life-decide-blocked")).textContent).toBe(
      "폐기 승인·반려 — 폐기를 요청한 사람은 승인할 수 없습니다. 다른 사람이 승인해야 합니다.",
    );
    expect((screen.getByTestId("life-approve") as HTMLButtonElement).disabled).toBe(true);
  });

  it("lets someone else approve", async () => {
    show(requestedBy("박지훈"));
    await waitFor(() =>
      expect((screen.getByTestId("life-approve") as HTMLButtonElement).disabled).toBe(false),
    );
    expect(screen.queryByTestId("life-decide-blocked")).toBeNull();
  });

  it("says when the maintenance status has no maintenance under way", async () => {
    show(
      { ...requestedBy("박지훈"), disposal: null },
      { ...row, asset: { ...row.asset, status: "maintenance" } },
    );
    expect((await screen.findByTestId("life-status-unexplained")).textContent).toContain(
      "상태는 '유지보수'이지만 진행 중인 유지보수 기록이 없습니다",
    );
  });
});

describe("<LifecycleSection/> links", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("links the person an asset is assigned to, to what they hold", async () => {
    fakeBackend({
      life_get: () => ({
        assignments: {
          one: {
            kind: "person",
            assignee: "이서연",
            from: "2026-12-01",
            due: null,
            note: "",
            by: "김민준",
            status_before: "in_stock",
            returned: null,
          },
        },
        maintenance: {},
        holds_data: null,
        disposal: null,
      }),
      life_decisions: () => [],
    });
    const { navigation, routes } = recordingNavigation();
    renderWithProviders(
      <WithNavigation navigation={navigation}>
        <LifecycleSection row={{ ...row, life: noLife }} />
      </WithNavigation>,
    );
    const link = await screen.findByTestId("life-person-link");
    expect(link.textContent).toBe("이서연의 자산 보기");
    fireEvent.click(link);
    expect(routes).toEqual([{ screen: "people", record: "person/이서연" }]);
  });
});
