import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Finding } from "../../bindings/Finding";
import { call, CommandError } from "../../ipc";
import type { AssetRow } from "../../lib/dto";
import { callsOf, fakeBackend } from "../../test/backend";
import { emitEvent } from "../../test/ipcMock";
import { recordingNavigation, WithNavigation } from "../../test/navigation";
import { renderWithProviders } from "../../test/render";
import { FindingsScreen } from "./FindingsScreen";
import { noLife } from "../../test/life";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

function row(id: string, serial: string): AssetRow {
  return {
    asset: {
      id,
      asset_tag: "PT1-SRV-0007",
      asset_type: "server",
      manufacturer: "Dell",
      model: "R750",
      serial,
      purchase_date: null,
      cost: null,
      warranty_end: null,
      status: "in_use",
      location: { site: "평택 1센터", room: "", row: "", rack: "R03-12", unit: null },
      owner: "",
      notes: "",
      tags: [],
    },
    created_at_ms: 0,
    updated_at_ms: 0,
    updated_by: "김민준",
    life: noLife,
  };
}

const statusConflict: Finding = {
  kind: "conflict",
  doc_id: "asset/01A",
  record_kind: "asset",
  title: "PT1-SRV-0001",
  conflict: {
    path: "asset.status",
    values: [
      { text: "in_use", author: "김민준", at_ms: 1_700_000_000_000 },
      { text: "maintenance", author: "이서연", at_ms: 1_700_000_060_000 },
    ],
  },
};

const costConflict: Finding = {
  kind: "conflict",
  doc_id: "asset/01B",
  record_kind: "asset",
  title: "PT1-SRV-0002",
  conflict: {
    path: "asset.cost",
    values: [
      { text: "amount_minor: 12500000, currency: KRW", author: "김민준", at_ms: 0 },
      { text: "amount_minor: 9900, currency: USD", author: "이서연", at_ms: 0 },
    ],
  },
};

const rackConflict: Finding = {
  kind: "conflict",
  doc_id: "rack/01R",
  record_kind: "rack",
  title: "A-R01",
  conflict: {
    path: "rack.name",
    values: [
      { text: "A-R01", author: "김민준", at_ms: 0 },
      { text: "A-R01-old", author: "이서연", at_ms: 0 },
    ],
  },
};

const duplicate: Finding = { kind: "duplicate_tag", tag: "PT1-SRV-0007", assets: ["01C", "01D"] };

describe("<FindingsScreen/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("resolves a conflict with the chosen value, then shows it gone", async () => {
    let findings: Finding[] = [statusConflict, costConflict];
    fakeBackend({
      findings_list: () => findings,
      conflict_resolve: ({ docId }) => {
        findings = findings.filter((f) => f.kind !== "conflict" || f.doc_id !== docId);
        return null;
      },
    });
    renderWithProviders(<FindingsScreen />);
    const rows = await screen.findAllByTestId("finding-row");
    expect(rows).toHaveLength(2);
    const first = rows[0]!;
    expect(first.textContent).toContain("PT1-SRV-0001");
    expect(first.textContent).toContain("상태");
    const options = within(first).getAllByTestId("resolve-option");
    expect(options.map((option) => option.textContent?.split("·")[0])).toEqual([
      "사용 중김민준 ",
      "유지보수이서연 ",
    ]);
    expect(within(first).getAllByTestId("resolve-who")).toHaveLength(2);
    expect(rows[1]!.textContent).toContain("12,500,000 KRW");
    expect(rows[1]!.textContent).toContain("99.00 USD");

    fireEvent.click(within(first).getAllByTestId("resolve-choice")[1]!);
    fireEvent.click(within(first).getByTestId("resolve-submit"));
    await waitFor(() => expect(screen.getAllByTestId("finding-row")).toHaveLength(1));
    expect(callsOf("conflict_resolve")).toEqual([
      { docId: "asset/01A", path: "asset.status", choice: 1 },
    ]);
    expect(screen.getByTestId("finding-row").dataset.title).toBe("PT1-SRV-0002");
  });

  it("shows a conflict of another kind with its kind, field, and each value's author", async () => {
    fakeBackend({ findings_list: () => [rackConflict], conflict_resolve: () => null });
    renderWithProviders(<FindingsScreen />);
    const row = await screen.findByTestId("finding-row");
    expect(row.dataset.recordKind).toBe("rack");
    expect(row.textContent).toContain("랙 · name");
    expect(row.textContent).toContain("A-R01-old");
    expect(row.textContent).toContain("이서연");
    expect(within(row).queryByTestId("finding-open-asset")).toBeNull();
    fireEvent.click(within(row).getAllByTestId("resolve-choice")[1]!);
    fireEvent.click(within(row).getByTestId("resolve-submit"));
    await waitFor(() =>
      expect(callsOf("conflict_resolve")).toEqual([
        { docId: "rack/01R", path: "rack.name", choice: 1 },
      ]),
    );
  });

  it("keeps the row and says why when resolving fails", async () => {
    fakeBackend({
      findings_list: () => [statusConflict],
      conflict_resolve: () => {
        throw new CommandError("conflict_resolve", "store", "disk full");
      },
    });
    renderWithProviders(<FindingsScreen />);
    fireEvent.click(await screen.findByTestId("resolve-submit"));
    expect((await screen.findByRole("alert")).textContent).toContain(
      "로컬 저장소에 읽거나 쓰지 못했습니다.",
    );
    expect(callsOf("conflict_resolve")).toEqual([
      { docId: "asset/01A", path: "asset.status", choice: 0 },
    ]);
    expect(screen.getAllByTestId("finding-row")).toHaveLength(1);
  });

  it("lists the assets sharing a tag and opens one to edit it", async () => {
    fakeBackend({
      findings_list: () => [duplicate],
      asset_get: ({ id }) => row(id, id === "01C" ? "SN-AAA" : "SN-BBB"),
    });
    const { navigation, routes } = recordingNavigation();
    renderWithProviders(
      <WithNavigation navigation={navigation}>
        <FindingsScreen />
      </WithNavigation>,
    );
    const finding = await screen.findByTestId("finding-row");
    expect(finding.dataset.kind).toBe("duplicate_tag");
    expect(finding.textContent).toContain("PT1-SRV-0007");
    expect(finding.textContent).toContain("자산 2개가 같은 태그를 씁니다");
    await waitFor(() => expect(finding.textContent).toContain("SN-BBB"));
    fireEvent.click(within(finding).getAllByTestId("duplicate-edit")[1]!);
    expect(routes).toEqual([{ screen: "assets", record: "asset/01D", edit: true }]);
    fireEvent.click(within(finding).getAllByTestId("duplicate-open")[0]!);
    expect(routes.at(-1)).toEqual({ screen: "assets", record: "asset/01C" });
  });

  it("shows the empty state, and refreshes when Rust reports new findings", async () => {
    let findings: Finding[] = [];
    fakeBackend({ findings_list: () => findings });
    renderWithProviders(<FindingsScreen />);
    const empty = await screen.findByTestId("findings-empty");
    expect(empty.textContent).toContain("확인할 항목이 없습니다");
    expect(empty.textContent).toContain("여러 기기의 변경이 충돌하면 여기에 나타납니다.");

    findings = [statusConflict];
    await act(async () => emitEvent("workspace_changed", { workspace_id: "01W" }));
    expect(await screen.findByTestId("finding-row")).toBeTruthy();

    findings = [];
    await act(async () => emitEvent("workspace_changed", { workspace_id: "01W" }));
    expect(await screen.findByTestId("findings-empty")).toBeTruthy();
    expect(callsOf("findings_list")).toHaveLength(3);
  });

  it("spells out rack rules and cable rules with their numbers and names", async () => {
    const rack = "01JD00000000000000000000R1";
    fakeBackend({
      findings_list: () => [
        {
          kind: "rack_rule",
          invariant: {
            rule: "past_top",
            rack,
            rack_name: "A-R01",
            placement: "p1",
            label: "db-9",
            top_unit: 42,
            rack_height_u: 40,
          },
        },
        {
          kind: "cable_rule",
          invariant: {
            rule: "port_shared",
            end: { rack, placement: "pp", role: "front", port: "7" },
            cables: ["c1", "c2"],
          },
          port: "A-R01 / pp-1 / 7",
          labels: ["K-01", "L-01"],
        },
      ],
    });
    renderWithProviders(<FindingsScreen />);
    const rows = await screen.findAllByTestId("finding-row");
    expect(rows.map((row) => row.dataset.kind)).toEqual(["rack_rule", "cable_rule"]);
    expect(rows[0]!.textContent).toContain("A-R01: db-9가 U42까지 올라가 40U 랙을 넘습니다.");
    expect(rows[1]!.textContent).toContain(
      "포트 A-R01 / pp-1 / 7에 케이블 2개가 꽂혀 있습니다 (동기화로 생긴 충돌): K-01, L-01",
    );
  });

  it("shows a signed decision that does not hold: the asset, the action, the signer, the words, no resolve", async () => {
    const notEntitled: Finding = {
      kind: "decision",
      doc_id: "asset/01E",
      title: "PT1-SRV-0009",
      check: {
        action: "approve_disposal",
        signer: "01USERKIM",
        signer_name: "김민준",
        at_ms: Date.UTC(2026, 11, 7, 3, 0),
        verdict: "not_entitled",
        key_revoked_at_ms: null,
      },
    };
    const unsigned: Finding = {
      kind: "decision",
      doc_id: "asset/01F",
      title: "PT1-SRV-0010",
      check: {
        action: "verify_wipe",
        signer: "",
        signer_name: "",
        at_ms: 0,
        verdict: "unsigned",
        key_revoked_at_ms: null,
      },
    };
    fakeBackend({ findings_list: () => [notEntitled, unsigned] });
    const { navigation, routes } = recordingNavigation();
    renderWithProviders(
      <WithNavigation navigation={navigation}>
        <FindingsScreen />
      </WithNavigation>,
    );
    const rows = await screen.findAllByTestId("finding-row");
    expect(rows.map((one) => [one.dataset.kind, one.dataset.verdict])).toEqual([
      ["decision", "not_entitled"],
      ["decision", "unsigned"],
    ]);
    const [first, second] = rows as [HTMLElement, HTMLElement];
    expect(first.textContent).toContain("PT1-SRV-0009");
    expect(first.textContent).toContain("폐기 승인");
    expect(within(first).getByTestId("decision-problem").textContent).toBe(
      "결정 당시 권한이 없던 구성원이 서명했습니다 — 권한 있는 구성원이 다시 결정해야 합니다",
    );
    expect(within(first).getByTestId("decision-signer").textContent).toMatch(/^서명: 김민준 · /);
    expect(within(first).queryByTestId("resolve-submit")).toBeNull();
    expect(first.querySelectorAll("button")).toHaveLength(1);
    fireEvent.click(within(first).getByTestId("finding-open-asset"));
    expect(routes).toEqual([{ screen: "assets", record: "asset/01E" }]);

    expect(second.textContent).toContain("데이터 삭제 검증");
    expect(within(second).getByTestId("decision-signer").textContent).toBe("서명: 없음");
    expect(within(second).getByTestId("decision-problem").textContent).toContain(
      "서명 없는 결정입니다",
    );
  });

  it("shows records set aside: a newer version's, a damaged one, one the server refused, each with what to do", async () => {
    const aside = (
      doc_id: string,
      reason: "newer" | "damaged" | "refused_by_server",
      detail: string,
      record_kind: string,
      title: string,
    ): Finding => ({
      kind: "set_aside",
      record_kind,
      title,
      aside: { doc_id, reason, detail, schema: reason === "newer" ? 9 : null },
    });
    fakeBackend({
      findings_list: () => [
        aside("widget/01W", "newer", "a kind of record this app does not know", "widget", ""),
        aside(
          "asset/01D",
          "damaged",
          "its id is of kind asset, its content of kind rack",
          "asset",
          "",
        ),
        aside("asset/01R", "refused_by_server", "missing field asset_tag", "asset", "PT1-SRV-0011"),
      ],
    });
    const { navigation, routes } = recordingNavigation();
    renderWithProviders(
      <WithNavigation navigation={navigation}>
        <FindingsScreen />
      </WithNavigation>,
    );
    const rows = await screen.findAllByTestId("finding-row");
    expect(rows.map((one) => [one.dataset.kind, one.dataset.reason])).toEqual([
      ["set_aside", "newer"],
      ["set_aside", "damaged"],
      ["set_aside", "refused_by_server"],
    ]);
    const [newer, damaged, refused] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(newer.textContent).toContain("새 버전의 기록");
    expect(newer.textContent).toContain("widget/01W");
    expect(within(newer).getByTestId("aside-help").textContent).toContain(
      "앱을 업데이트하면 보입니다",
    );
    expect(damaged.textContent).toContain("자산");
    expect(within(damaged).getByTestId("aside-detail").textContent).toBe(
      "its id is of kind asset, its content of kind rack",
    );
    expect(refused.textContent).toContain("PT1-SRV-0011");
    expect(within(refused).getByTestId("aside-help").textContent).toContain("다시 보냅니다");
    expect(refused.querySelectorAll("button")).toHaveLength(0);
    // The refused record is whole here and opens; the damaged one does not.
    expect(within(damaged).getByTestId("finding-record-link").tagName).toBe("SPAN");
    fireEvent.click(within(refused).getByTestId("finding-record-link"));
    expect(routes).toEqual([{ screen: "assets", record: "asset/01R" }]);
  });

  it("shows a file too large for the server with its size and the server's limit", async () => {
    fakeBackend({
      findings_list: () => [
        {
          kind: "file_too_large",
          file: { sha256: "ab".repeat(32), bytes: 200_000_000, limit_bytes: 67_108_864, at_ms: 0 },
        },
      ],
    });
    renderWithProviders(<FindingsScreen />);
    const [row] = (await screen.findAllByTestId("finding-row")) as [HTMLElement];
    expect(row.dataset.kind).toBe("file_too_large");
    expect(row.textContent).toContain("서버에 올리기에 너무 큰 파일");
    expect(within(row).getByTestId("too-large-size").textContent).toMatch(
      /^이 서버에는 너무 큽니다: .+, 한도는 .+입니다$/,
    );
  });

  it("lists a location that names no place, says why in words, and opens the asset to fix it", async () => {
    const location: Finding = {
      kind: "location",
      unresolved: {
        asset: "01L",
        asset_tag: "OLD-0001",
        location: { site: "평택 1센터", room: "전산실 A", row: "A열", rack: "A-R02", unit: 50 },
        problems: [
          {
            field: "unit",
            code: "unit_outside_rack",
            value: "50",
            detail: { rack: "A-R02", first: "1", last: "42" },
            message: "U50 is not in rack A-R02",
          },
        ],
      },
    };
    fakeBackend({ findings_list: () => [location] });
    const { navigation, routes } = recordingNavigation();
    renderWithProviders(
      <WithNavigation navigation={navigation}>
        <FindingsScreen />
      </WithNavigation>,
    );
    const finding = await screen.findByTestId("finding-row");
    expect(finding.dataset.kind).toBe("location");
    expect(finding.textContent).toContain("위치 확인 필요");
    expect(finding.textContent).toContain("평택 1센터 / 전산실 A / A-R02 · U50");
    expect(within(finding).getByTestId("location-problems").textContent).toBe(
      "U50: 랙 A-R02의 유닛 범위(U1–U42)를 벗어납니다.",
    );
    fireEvent.click(within(finding).getByTestId("location-edit"));
    expect(routes).toEqual([{ screen: "assets", record: "asset/01L", edit: true }]);
  });

  it("lists two budgets made for one line and year with their numbers, and edits one apart in place", async () => {
    const budget = (id: string, amount_krw: number, policy: "stop" | "warn") => ({
      id,
      year: 2027,
      line: "인프라 증설",
      line_kind: "project" as const,
      code: "",
      amount_krw,
      policy,
      notes: "",
    });
    const duplicate: Finding = {
      kind: "duplicate_budget",
      year: 2027,
      line: "인프라 증설",
      budgets: [budget("01B1", 500_000_000, "stop"), budget("01B2", 450_000_000, "warn")],
    };
    let findings: Finding[] = [duplicate];
    fakeBackend({
      findings_list: () => findings,
      budget_edit: ({ id, input }) => {
        findings = [];
        return { ...budget(id, 450_000_000, "warn"), line: input.line };
      },
    });
    renderWithProviders(<FindingsScreen />);
    const finding = await screen.findByTestId("finding-row");
    expect(finding.dataset.kind).toBe("duplicate_budget");
    expect(finding.textContent).toContain("예산 중복");
    expect(finding.textContent).toContain("2027 인프라 증설");
    const rows = within(finding).getAllByTestId("duplicate-budget");
    expect(rows.map((row) => row.dataset.id)).toEqual(["01B1", "01B2"]);
    expect(rows[0]?.textContent).toContain("500,000,000");
    expect(rows[1]?.textContent).toContain("450,000,000");
    // The second one's form, filled with its numbers; renamed apart, the finding is gone.
    fireEvent.click(within(rows[1] as HTMLElement).getByTestId("duplicate-budget-edit"));
    const line = (await screen.findByTestId("budget-field-line")) as HTMLInputElement;
    expect(line.value).toBe("인프라 증설");
    expect((screen.getByTestId("budget-field-amount_krw") as HTMLInputElement).value).toBe(
      "450000000",
    );
    fireEvent.change(line, { target: { value: "인프라 증설 (2차)" } });
    fireEvent.click(screen.getByTestId("budget-save"));
    await waitFor(() => expect(callsOf("budget_edit")).toHaveLength(1));
    expect(callsOf("budget_edit")[0]?.id).toBe("01B2");
    expect(callsOf("budget_edit")[0]?.input.line).toBe("인프라 증설 (2차)");
    await act(async () => emitEvent("workspace_changed", { workspace_id: "01W" }));
    expect(await screen.findByTestId("findings-empty")).toBeTruthy();
  });
});
