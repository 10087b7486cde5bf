import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ApprovalRule } from "../../../bindings/ApprovalRule";
import type { RuleInput } from "../../../bindings/RuleInput";
import type { Substitute } from "../../../bindings/Substitute";
import { call, CommandError } from "../../../ipc";
import { callsOf, fakeBackend, type Handlers } from "../../../test/backend";
import { emitEvent } from "../../../test/ipcMock";
import { kim, lee, me, park, roster } from "../../../test/members";
import { renderWithProviders } from "../../../test/render";
import { PurchasingScreen } from "../PurchasingScreen";

vi.mock("../../../ipc", async (importOriginal) =>
  (await import("../../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const person = (name: string) => ({ who: name, name });

const large: ApprovalRule = {
  id: "01R2",
  name: "고액 구매",
  min_krw: 10_000_000,
  max_krw: null,
  kinds: ["hardware", "software"],
  steps: [
    { kind: "review", approvers: [person("박팀장")] },
    { kind: "agree", approvers: [person("최재무"), person("정보안")] },
    { kind: "approve", approvers: [person("강대표")] },
  ],
  cc: [person("회계팀")],
  delegate_below_krw: 30_000_000,
  delegate_to: person("이본부장"),
  return_to: 1,
  removed: {},
};

const small: ApprovalRule = {
  id: "01R1",
  name: "소액 구매",
  min_krw: 0,
  max_krw: 10_000_000,
  kinds: [],
  steps: [{ kind: "approve", approvers: [person("박팀장")] }],
  cc: [],
  delegate_below_krw: null,
  delegate_to: null,
  return_to: 0,
  removed: {},
};

/** A workspace with no team (names typed) unless `team`. */
function backend(extra: Handlers, team = false) {
  fakeBackend({
    purchase_page: () => ({ rows: [], total: 0 }),
    vendor_list: () => ({ rows: [], total: 0, all: 0, categories: [] }),
    members_me: () => (team ? me() : me({ bound: false, logged_in: false, server: null })),
    members_roster: () => roster([park, kim, lee]),
    approval_rule_list: () => [],
    substitute_list: () => [],
    ...extra,
  });
}

async function openRules() {
  fireEvent.click(await screen.findByTestId("purchasing-tabs-rules"));
  return screen.findByTestId("rules-tab");
}

function refused(field: string, code: string, value = ""): CommandError {
  return new CommandError("approval_rule_put", "invalid", "refused", {
    problems: [{ field, code, value, message: "refused" }],
  });
}

describe("<PurchasingScreen/> approval rules", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("says rules decide who approves when there are none, and lists them by band with their line", async () => {
    let rules: ApprovalRule[] = [];
    backend({ approval_rule_list: () => rules });
    renderWithProviders(<PurchasingScreen />);
    await openRules();
    const empty = await screen.findByTestId("rules-empty");
    expect(empty.textContent).toContain("아직 결재 규칙이 없습니다");
    expect(empty.textContent).toContain("누가 검토·합의·결재할지");
    expect(await screen.findByTestId("substitutes-empty")).toBeTruthy();

    rules = [small, large];
    await act(async () => emitEvent("workspace_changed", { workspace_id: "01W" }));
    await waitFor(() => expect(screen.getAllByTestId("rule-row")).toHaveLength(2));
    const [first, second] = screen.getAllByTestId("rule-row");
    expect(within(first!).getByTestId("rule-band").textContent).toBe("0 KRW – 10,000,000 KRW");
    expect(within(first!).getByTestId("rule-kinds").textContent).toBe("모든 종류");
    expect(within(first!).getByTestId("rule-line").textContent).toBe("결재 박팀장");
    expect(within(second!).getByTestId("rule-band").textContent).toBe("10,000,000 KRW 이상");
    expect(within(second!).getByTestId("rule-kinds").textContent).toBe("하드웨어, 소프트웨어");
    expect(within(second!).getByTestId("rule-line").textContent).toBe(
      "검토 박팀장 → 합의 최재무·정보안 → 결재 강대표",
    );
    expect(within(second!).getByTestId("rule-cc").textContent).toBe("참조: 회계팀");
    expect(within(second!).getByTestId("rule-delegate").textContent).toBe(
      "30,000,000 KRW 미만은 이본부장 전결",
    );
    expect(within(second!).getByTestId("rule-return").textContent).toBe(
      "수정되면 2단계(합의)부터 다시 결재",
    );
  });

  it("words the rules in English, and n opens a new rule", async () => {
    backend({ approval_rule_list: () => [large] });
    renderWithProviders(<PurchasingScreen />, { language: "en" });
    await openRules();
    const row = await screen.findByTestId("rule-row");
    expect(within(row).getByTestId("rule-band").textContent).toBe("10,000,000 KRW and above");
    expect(within(row).getByTestId("rule-line").textContent).toBe(
      "Review 박팀장 → Agreement 최재무·정보안 → Approval 강대표",
    );
    expect(within(row).getByTestId("rule-delegate").textContent).toBe(
      "Below 30,000,000 KRW, 이본부장 approves (delegated)",
    );
    expect(screen.getByTestId("purchasing-tabs-rules").textContent).toBe("Approval rules");
    fireEvent.keyDown(document.body, { key: "n" });
    expect(await screen.findByTestId("rule-dialog")).toBeTruthy();
    expect(screen.getByText("Add approval rule")).toBeTruthy();
  });

  it("shows a refused rule's problems at their fields and at the step", async () => {
    backend({
      approval_rule_put: ({ input }) => {
        if (input.max_krw === "abc") throw refused("max_krw", "not_a_number", "abc");
        if (input.steps[1]!.approvers.length === 0) throw refused("steps.1", "required");
        throw refused("name", "required");
      },
    });
    renderWithProviders(<PurchasingScreen />);
    await openRules();
    fireEvent.click(await screen.findByTestId("rule-add"));
    const dialog = await screen.findByTestId("rule-dialog");
    fireEvent.change(within(dialog).getByTestId("rule-field-max_krw"), {
      target: { value: "abc" },
    });
    fireEvent.click(within(dialog).getByTestId("rule-save"));
    const max = within(dialog).getByTestId("rule-field-max_krw-wrap");
    await waitFor(() => expect(max.textContent).toContain("숫자가 아닙니다: abc"));
    expect(within(dialog).getByTestId("rule-field-max_krw").getAttribute("aria-invalid")).toBe(
      "true",
    );

    // A second step with nobody in it: the problem is at that step.
    fireEvent.change(within(dialog).getByTestId("rule-field-max_krw"), {
      target: { value: "10,000,000" },
    });
    fireEvent.click(within(dialog).getByTestId("rule-step-add"));
    const names = within(dialog).getAllByTestId("rule-step-approvers");
    fireEvent.change(names[0]!, { target: { value: "박팀장" } });
    fireEvent.click(within(dialog).getByTestId("rule-save"));
    await waitFor(() => expect(within(dialog).getAllByTestId("rule-step-error")).toHaveLength(1));
    const steps = within(dialog).getAllByTestId("rule-step");
    expect(within(steps[1]!).getByTestId("rule-step-error").textContent).toBe("필수 항목입니다.");
    expect(within(steps[0]!).queryByTestId("rule-step-error")).toBeNull();
    expect(within(steps[1]!).getByTestId("rule-step-approvers").getAttribute("aria-invalid")).toBe(
      "true",
    );
    expect(max.textContent).not.toContain("숫자가 아닙니다");
    expect(screen.getByTestId("rule-dialog")).toBeTruthy();
  });

  it("saves a rule with a parallel agreement step of two members, 참조 and 전결", async () => {
    let saved: ApprovalRule | null = null;
    backend(
      {
        approval_rule_list: () => (saved === null ? [] : [saved]),
        approval_rule_put: ({ input }) => {
          saved = {
            ...large,
            id: "01R9",
            name: input.name,
            steps: input.steps.map((step) => ({
              kind: step.kind as "review" | "agree" | "approve",
              approvers: step.approvers,
            })),
          };
          return saved;
        },
      },
      true,
    );
    renderWithProviders(<PurchasingScreen />);
    await openRules();
    fireEvent.click(await screen.findByTestId("rule-add"));
    const dialog = await screen.findByTestId("rule-dialog");
    fireEvent.change(within(dialog).getByTestId("rule-field-name"), {
      target: { value: "서버 구매" },
    });
    fireEvent.change(within(dialog).getByTestId("rule-field-min_krw"), {
      target: { value: "5,000,000" },
    });
    fireEvent.click(within(dialog).getByTestId("rule-kind-hardware"));
    // Step 1 becomes 검토 by 박서준; step 2 합의 by 김민준 and 이서연 together; step 3 결재.
    const kinds = () => within(dialog).getAllByTestId("rule-step-kind");
    const pickers = () => within(dialog).getAllByTestId("rule-step-approvers");
    await waitFor(() => expect(within(pickers()[0]!).getByText("김민준")).toBeTruthy());
    fireEvent.change(kinds()[0]!, { target: { value: "review" } });
    fireEvent.change(pickers()[0]!, { target: { value: "U-PARK" } });
    fireEvent.click(within(dialog).getByTestId("rule-step-add"));
    fireEvent.change(kinds()[1]!, { target: { value: "agree" } });
    fireEvent.change(pickers()[1]!, { target: { value: "U-KIM" } });
    fireEvent.change(pickers()[1]!, { target: { value: "U-LEE" } });
    expect(within(dialog).getAllByTestId("rule-step")[1]!.textContent).toContain(
      "합의는 여러 명이 동시에 봅니다.",
    );
    fireEvent.click(within(dialog).getByTestId("rule-step-add"));
    fireEvent.change(pickers()[2]!, { target: { value: "U-PARK" } });
    fireEvent.change(within(dialog).getByTestId("rule-field-cc"), {
      target: { value: "U-LEE" },
    });
    fireEvent.change(within(dialog).getByTestId("rule-field-delegate_below_krw"), {
      target: { value: "3,000,000" },
    });
    fireEvent.change(within(dialog).getByTestId("rule-field-delegate_to"), {
      target: { value: "U-KIM" },
    });
    fireEvent.change(within(dialog).getByTestId("rule-field-return_to"), {
      target: { value: "1" },
    });
    fireEvent.click(within(dialog).getByTestId("rule-save"));
    await waitFor(() => expect(screen.queryByTestId("rule-dialog")).toBeNull());
    const input: RuleInput = {
      name: "서버 구매",
      min_krw: "5,000,000",
      max_krw: "",
      kinds: ["hardware"],
      steps: [
        { kind: "review", approvers: [{ who: "U-PARK", name: "박서준" }] },
        {
          kind: "agree",
          approvers: [
            { who: "U-KIM", name: "김민준" },
            { who: "U-LEE", name: "이서연" },
          ],
        },
        { kind: "approve", approvers: [{ who: "U-PARK", name: "박서준" }] },
      ],
      cc: [{ who: "U-LEE", name: "이서연" }],
      delegate_below_krw: "3,000,000",
      delegate_to: { who: "U-KIM", name: "김민준" },
      return_to: 1,
    };
    expect(callsOf("approval_rule_put")).toEqual([{ id: null, input }]);
    expect(await screen.findByText("서버 구매 규칙을 추가했습니다.")).toBeTruthy();
    await act(async () => emitEvent("workspace_changed", { workspace_id: "01W" }));
    await waitFor(() =>
      expect(screen.getByTestId("rule-line").textContent).toBe(
        "검토 박서준 → 합의 김민준·이서연 → 결재 박서준",
      ),
    );

    // Editing it sends its id and what it holds.
    fireEvent.click(screen.getByTestId("rule-edit"));
    const again = await screen.findByTestId("rule-dialog");
    fireEvent.click(within(again).getByTestId("rule-save"));
    await waitFor(() => expect(callsOf("approval_rule_put")).toHaveLength(2));
    expect(callsOf("approval_rule_put")[1]!.id).toBe("01R9");
  });

  it("says the roster has not arrived when a team's workspace has no members to choose", async () => {
    backend({ members_roster: () => ({ status: { state: "none" }, members: [] }) }, true);
    renderWithProviders(<PurchasingScreen />);
    await openRules();
    fireEvent.click(await screen.findByTestId("substitute-add"));
    const dialog = await screen.findByTestId("substitute-dialog");
    expect((await within(dialog).findByTestId("rules-no-roster")).textContent).toContain(
      "회원 명단을 아직 받지 못해",
    );
    // Pickers, not typed names: a name would not be an account id.
    expect(within(dialog).getByTestId("substitute-field-absent").tagName).toBe("SELECT");
  });

  it("adds a substitute for an absent approver and lists it", async () => {
    const substitutes: Substitute[] = [];
    backend({
      substitute_list: () => [...substitutes],
      substitute_add: ({ input }) => {
        if (input.until < input.from)
          throw new CommandError("substitute_add", "invalid", "refused", {
            problems: [
              { field: "until", code: "range_order", value: input.until, message: "refused" },
            ],
          });
        const row = { id: "01S1", ...input, removed: {} };
        substitutes.push(row);
        return row;
      },
    });
    renderWithProviders(<PurchasingScreen />);
    await openRules();
    fireEvent.click(await screen.findByTestId("substitute-add"));
    const dialog = await screen.findByTestId("substitute-dialog");
    fireEvent.change(within(dialog).getByTestId("substitute-field-absent"), {
      target: { value: "강대표" },
    });
    fireEvent.change(within(dialog).getByTestId("substitute-field-substitute"), {
      target: { value: "이본부장" },
    });
    fireEvent.change(within(dialog).getByTestId("substitute-field-from"), {
      target: { value: "2026-12-20" },
    });
    fireEvent.change(within(dialog).getByTestId("substitute-field-until"), {
      target: { value: "2026-12-10" },
    });
    fireEvent.change(within(dialog).getByTestId("substitute-field-reason"), {
      target: { value: "해외 출장" },
    });
    fireEvent.click(within(dialog).getByTestId("substitute-save"));
    const until = within(dialog).getByTestId("substitute-field-until-wrap");
    await waitFor(() => expect(until.textContent).toContain("앞의 값보다 커야 합니다: 2026-12-10"));

    fireEvent.change(within(dialog).getByTestId("substitute-field-until"), {
      target: { value: "2026-12-31" },
    });
    fireEvent.click(within(dialog).getByTestId("substitute-save"));
    await waitFor(() => expect(screen.queryByTestId("substitute-dialog")).toBeNull());
    expect(callsOf("substitute_add").at(-1)).toEqual({
      input: {
        absent: { who: "강대표", name: "강대표" },
        substitute: { who: "이본부장", name: "이본부장" },
        from: "2026-12-20",
        until: "2026-12-31",
        reason: "해외 출장",
      },
    });
    await act(async () => emitEvent("workspace_changed", { workspace_id: "01W" }));
    const row = await screen.findByTestId("substitute-row");
    expect(row.textContent).toContain("강대표");
    expect(row.textContent).toContain("이본부장");
    expect(row.textContent).toContain("2026-12-20 – 2026-12-31");
    expect(row.textContent).toContain("해외 출장");
  });

  it("removes a rule only after its confirmation says submitted requests keep their line", async () => {
    let rules = [small, large];
    backend({
      approval_rule_list: () => rules,
      approval_rule_remove: ({ id }) => {
        const gone = rules.find((rule) => rule.id === id)!;
        rules = rules.filter((rule) => rule.id !== id);
        return gone;
      },
    });
    renderWithProviders(<PurchasingScreen />);
    await openRules();
    const row = (await screen.findAllByTestId("rule-row")).find(
      (r) => r.dataset.rule === "고액 구매",
    )!;
    fireEvent.click(within(row).getByRole("button", { name: "고액 구매 규칙 삭제" }));
    const confirm = await screen.findByTestId("rule-remove-confirm");
    expect(within(confirm).getByTestId("rule-remove-confirm-summary").textContent).toContain(
      "이미 올라간 요청은 정해진 결재선을 그대로 따릅니다",
    );
    // Cancelled: nothing sent.
    fireEvent.click(within(confirm).getByTestId("rule-remove-confirm-cancel"));
    await waitFor(() => expect(screen.queryByTestId("rule-remove-confirm")).toBeNull());
    expect(callsOf("approval_rule_remove")).toHaveLength(0);

    fireEvent.click(within(row).getByRole("button", { name: "고액 구매 규칙 삭제" }));
    fireEvent.click(await screen.findByTestId("rule-remove-confirm-go"));
    await waitFor(() => expect(screen.queryByTestId("rule-remove-confirm")).toBeNull());
    expect(callsOf("approval_rule_remove")).toEqual([{ id: "01R2", reason: "" }]);
    expect(await screen.findByText("고액 구매 규칙을 삭제했습니다.")).toBeTruthy();
    await act(async () => emitEvent("workspace_changed", { workspace_id: "01W" }));
    await waitFor(() =>
      expect(screen.getAllByTestId("rule-row").map((r) => r.dataset.rule)).toEqual(["소액 구매"]),
    );
  });

  it("edits a substitute with its values filled in, and removes one after asking", async () => {
    let substitutes: Substitute[] = [
      {
        id: "01S1",
        absent: person("강대표"),
        substitute: person("이본부장"),
        from: "2026-12-20",
        until: "2026-12-31",
        reason: "해외 출장",
        removed: {},
      },
    ];
    backend({
      substitute_list: () => substitutes,
      substitute_edit: ({ id, input }) => {
        substitutes = substitutes.map((s) => (s.id === id ? { ...s, ...input } : s));
        return substitutes[0]!;
      },
      substitute_remove: ({ id }) => {
        const gone = substitutes.find((s) => s.id === id)!;
        substitutes = substitutes.filter((s) => s.id !== id);
        return gone;
      },
    });
    renderWithProviders(<PurchasingScreen />);
    await openRules();
    const row = await screen.findByTestId("substitute-row");
    fireEvent.click(within(row).getByRole("button", { name: "강대표 → 이본부장 대결 수정" }));
    const dialog = await screen.findByTestId("substitute-dialog");
    expect(within(dialog).getByRole("heading").textContent).toContain("대결 수정");
    expect((within(dialog).getByTestId("substitute-field-reason") as HTMLInputElement).value).toBe(
      "해외 출장",
    );
    fireEvent.change(within(dialog).getByTestId("substitute-field-until"), {
      target: { value: "2027-01-05" },
    });
    fireEvent.click(within(dialog).getByTestId("substitute-save"));
    await waitFor(() => expect(screen.queryByTestId("substitute-dialog")).toBeNull());
    expect(callsOf("substitute_edit")).toEqual([
      {
        id: "01S1",
        input: {
          absent: person("강대표"),
          substitute: person("이본부장"),
          from: "2026-12-20",
          until: "2027-01-05",
          reason: "해외 출장",
        },
      },
    ]);
    await act(async () => emitEvent("workspace_changed", { workspace_id: "01W" }));
    await waitFor(() =>
      expect(screen.getByTestId("substitute-row").textContent).toContain("2026-12-20 – 2027-01-05"),
    );

    fireEvent.click(
      within(screen.getByTestId("substitute-row")).getByRole("button", {
        name: "강대표 → 이본부장 대결 삭제",
      }),
    );
    const confirm = await screen.findByTestId("substitute-remove-confirm");
    expect(within(confirm).getByTestId("substitute-remove-confirm-summary").textContent).toContain(
      "이미 한 결재는 그대로 유효합니다",
    );
    fireEvent.click(within(confirm).getByTestId("substitute-remove-confirm-go"));
    await waitFor(() => expect(callsOf("substitute_remove")).toEqual([{ id: "01S1", reason: "" }]));
    await act(async () => emitEvent("workspace_changed", { workspace_id: "01W" }));
    expect(await screen.findByTestId("substitutes-empty")).toBeTruthy();
  });
});
