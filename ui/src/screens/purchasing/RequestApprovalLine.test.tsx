import { screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PurchaseRequest } from "../../bindings/PurchaseRequest";
import type { RequestView } from "../../bindings/RequestView";
import type { StepDecision } from "../../bindings/StepDecision";
import { call } from "../../ipc";
import { fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { RequestDetail } from "./RequestDetail";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const reviewer = { who: "u-review", name: "이검토" };
const head = { who: "u-head", name: "박팀장" };
const approver = (person: { who: string; name: string }) => ({
  person,
  substitute: null,
  substitute_from: "",
  substitute_until: "",
});
const decision = (
  step: number,
  by: { who: string; name: string },
  verdict: StepDecision["verdict"],
  at_ms: number,
): StepDecision => ({
  step,
  verdict,
  by,
  acting_for: null,
  comment: "",
  at_ms,
  on: "2027-01-15",
  content: "c0",
  signed: null,
});

const request: PurchaseRequest = {
  id: "01R1",
  number: "PR-20270115-7Q2F",
  title: "GPU 서버",
  requester: { who: "u-kim", name: "김민준" },
  department: "인프라팀",
  needed_by: "2027-03-01",
  justification: "",
  budget: "",
  rates: {},
  lines: {},
  files: {},
  created_at_ms: 0,
  copied_from: "",
  line: {
    rule: "기본 결재",
    steps: [
      { kind: "review", approvers: [approver(reviewer)] },
      { kind: "approve", approvers: [approver(head)] },
    ],
    cc: [],
    delegated: false,
    return_to: 0,
    for_krw: 0,
  },
  submissions: {},
  // The review approved twice: on the first content (stale), then again after the edit.
  decisions: {
    d1: decision(0, reviewer, "approve", 1),
    d2: decision(1, head, "changes", 2),
    d3: decision(0, reviewer, "approve", 3),
  },
  snapshots: {},
  messages: {},
  rfqs: {},
  quotes: {},
  selections: {},
  orders: {},
  receipts: {},
  cancelled: {},
  completed: {},
};

function view(stale: string[] | undefined): RequestView {
  return {
    request,
    status: "in_review",
    total_krw: 0,
    step: 1,
    waiting_on: [head],
    budget_title: "",
    ...(stale === undefined ? {} : { stale }),
  };
}

function approvers() {
  return screen.getAllByTestId("request-approver").map((element) => ({
    name: element.dataset.name,
    verdict: element.dataset.verdict,
    stale: element.dataset.stale,
    text: element.textContent,
  }));
}

describe("<RequestDetail/> approval line", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("shows each approver's latest decision, and one an edit made stale as made before the edit", async () => {
    fakeBackend({ purchase_get: () => view(["d1", "d2"]) });
    renderWithProviders(<RequestDetail id="01R1" onClose={() => undefined} />);
    await screen.findByTestId("request-approval-line");
    await waitFor(() => expect(approvers()).toHaveLength(2));
    expect(approvers()).toEqual([
      { name: "이검토", verdict: "approve", stale: "false", text: "이검토 승인" },
      {
        name: "박팀장",
        verdict: "changes",
        stale: "true",
        text: "박팀장 보완 요청 (수정 전 내용)",
      },
    ]);
  });

  it("shows every decision as it is when none is stale (stale left out)", async () => {
    fakeBackend({ purchase_get: () => view(undefined) });
    renderWithProviders(<RequestDetail id="01R1" onClose={() => undefined} />);
    await screen.findByTestId("request-approval-line");
    await waitFor(() => expect(approvers()).toHaveLength(2));
    expect(approvers().map((shown) => shown.text)).toEqual(["이검토 승인", "박팀장 보완 요청"]);
  });
});
