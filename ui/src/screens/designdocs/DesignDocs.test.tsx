import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DocRow } from "../../bindings/DocRow";
import type { DocView } from "../../bindings/DocView";
import type { DocVersion } from "../../bindings/DocVersion";
import { call, upload } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { recordingNavigation, WithNavigation } from "../../test/navigation";
import { renderWithProviders } from "../../test/render";
import { DesignDocsScreen } from "./DesignDocsScreen";
import { uploadPartBytes, uploadVersion } from "./DocDetail";
import { LinkedDocs } from "./LinkedDocs";
import { pinFromClick, pinOffset, pinStyle } from "./pins";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await (await import("../../test/ipcMock")).mockedIpc(importOriginal as never)),
  upload: vi.fn(),
}));

const kim = { who: "acc-kim", name: "김민준" };
const lee = { who: "acc-lee", name: "이서연" };
const park = { who: "acc-park", name: "박지훈" };

const row: DocRow = {
  id: "01DOC",
  title: "전력 계통도",
  kind: "power_cooling",
  owner: kim,
  tags: ["A동"],
  current_version: 2,
  state: "in_review",
  approved_version: null,
  open_reviews: 1,
  links: [],
  updated_at_ms: Date.UTC(2027, 0, 4, 1, 0),
};

function version(number: number, sha: string): DocVersion {
  // `file` (the large-file manifest) as core's newer DocVersion has it; unused by the screen.
  return {
    file: "",
    number,
    by: kim,
    at_ms: Date.UTC(2027, 0, number, 1, 0),
    size: 2048 * number,
    sha256: sha.repeat(64 / sha.length),
    file_name: "power.md",
    media_type: "text/markdown",
    note: number === 2 ? "UPS 용량 수정" : "",
  } as DocVersion;
}

/** v2 in review after v1 got an approval from 이서연 and changes from 박지훈 (with a pin on
 * page 2, carried forward). */
function view(overrides: Partial<DocView> = {}): DocView {
  return {
    row,
    links: [],
    versions: [
      { key: "V1", version: version(1, "ab"), current: false, state: "outdated" },
      { key: "V2", version: version(2, "cd"), current: true, state: "in_review" },
    ],
    reviews: [
      {
        key: "R1",
        review: {
          version: "V1",
          reviewers: [lee, park],
          capability: "",
          rule: "all",
          required: 2,
          due: "2027-01-20",
          by: kim,
          at_ms: 0,
          continues: "",
        },
        version_number: 1,
        state: "outdated",
        approvals: 1,
        required: 2,
        waiting_on: [],
        decisions: [
          {
            key: "D1",
            decision: {
              review: "R1",
              version: "V1",
              verdict: "approve",
              by: lee,
              comment: "",
              at_ms: 1,
              content: "",
              signed: "{}",
            },
            version_number: 1,
            flag: null,
            latest: true,
          },
        ],
      },
      {
        key: "R2",
        review: {
          version: "V2",
          reviewers: [lee, park],
          capability: "",
          rule: "all",
          required: 2,
          due: "2027-01-20",
          by: kim,
          at_ms: 2,
          continues: "R1",
        },
        version_number: 2,
        state: "in_review",
        approvals: 0,
        required: 2,
        waiting_on: [lee, park],
        decisions: [],
      },
    ],
    comments: [
      {
        key: "C1",
        comment: {
          version: "V1",
          by: park,
          at_ms: 3,
          text: "2쪽 차단기 용량 확인",
          pin: { page: 2, x: 0.25, y: 0.5 },
          reply_to: null,
          resolved: null,
        },
        made_on: 1,
        carried: true,
        replies: [],
      },
    ],
    ...overrides,
  };
}

describe("<DesignDocsScreen/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
    vi.mocked(upload).mockReset();
  });

  it("says what to do next when there is no document, and adds one from there", async () => {
    fakeBackend({
      designdoc_list: () => [],
      designdoc_add: () => view({ versions: [], reviews: [], comments: [] }),
      designdoc_get: () => view({ versions: [], reviews: [], comments: [] }),
    });
    renderWithProviders(<DesignDocsScreen />);
    const empty = await screen.findByTestId("designdocs-empty");
    expect(empty.textContent).toContain("아직 설계 문서가 없습니다");
    expect(empty.textContent).toContain("첫 버전 파일을 올린 뒤 검토를 요청하세요");
    fireEvent.click(within(empty).getByRole("button", { name: "문서 추가" }));
    fireEvent.change(await screen.findByTestId("designdoc-new-title"), {
      target: { value: "전력 계통도" },
    });
    fireEvent.change(screen.getByTestId("designdoc-new-kind"), {
      target: { value: "power_cooling" },
    });
    fireEvent.click(screen.getByTestId("designdoc-new-save"));
    await screen.findByTestId("designdoc-detail");
    expect(callsOf("designdoc_add")).toEqual([
      { input: { title: "전력 계통도", kind: "power_cooling", tags: [], links: [] } },
    ]);
    expect(screen.getByTestId("designdoc-no-version").textContent).toContain("파일을 올려");
  });

  it("lists documents, filters by state and waiting for me, and opens one with ↓ and Enter", async () => {
    fakeBackend({
      designdoc_list: ({ filter }) => (filter.state === "approved" ? [] : [row]),
      designdoc_get: () => view(),
      designdoc_file: () => new TextEncoder().encode("# 전력 계통도\nUPS 2대").buffer,
    });
    renderWithProviders(<DesignDocsScreen />);
    const grid = await screen.findByTestId("designdoc-table");
    const listed = within(grid).getByTestId("designdoc-row");
    expect(listed.dataset.title).toBe("전력 계통도");
    expect(listed.textContent).toContain("검토 중");
    expect(listed.textContent).toContain("전력·냉방");

    fireEvent.click(screen.getByTestId("designdoc-filter-mine"));
    await waitFor(() =>
      expect(callsOf("designdoc_list").some((args) => args.filter.waitingForMe)).toBe(true),
    );
    fireEvent.change(screen.getByTestId("designdoc-filter-state"), {
      target: { value: "approved" },
    });
    expect((await screen.findByTestId("designdocs-none-match")).textContent).toContain(
      "조건에 맞는 문서가 없습니다",
    );
    fireEvent.change(screen.getByTestId("designdoc-filter-state"), { target: { value: "" } });
    await screen.findByTestId("designdoc-table");

    fireEvent.keyDown(window, { key: "ArrowDown" });
    fireEvent.keyDown(window, { key: "Enter" });
    const detail = await screen.findByTestId("designdoc-detail");
    expect(callsOf("designdoc_get")).toContainEqual({ id: "01DOC" });
    expect(within(detail).getByTestId("designdoc-title").textContent).toBe("전력 계통도");
    // Esc closes the document, back to the list.
    fireEvent.keyDown(window, { key: "Escape" });
    await screen.findByTestId("designdoc-table");
  });

  it("shows the versions with the current one marked, the stale approval and the carried comment", async () => {
    fakeBackend({
      designdoc_list: () => [row],
      designdoc_get: () => view(),
      designdoc_file: () => new TextEncoder().encode("# 전력 계통도\nUPS 2대").buffer,
      designdoc_save: () => ({ path: "/home/kim/Downloads/power-v2.md", rows: 1 }),
      designdoc_record: () => ({ path: "/home/kim/Downloads/review-record.pdf", rows: 2 }),
      designdoc_diff: ({ from, to }) => ({
        left: { number: from, fileName: "power.md", sha256: "ab", lines: 9 },
        right: { number: to, fileName: "power.md", sha256: "cd", lines: 9 },
        rows: [
          {
            kind: "same",
            leftNo: 1,
            left: "# 전력 계통도",
            rightNo: 1,
            right: "# 전력 계통도",
            folded: [],
          },
          { kind: "folded", leftNo: 2, left: "", rightNo: 2, right: "", folded: ["a", "b", "c"] },
          { kind: "changed", leftNo: 5, left: "UPS 1대", rightNo: 5, right: "UPS 2대", folded: [] },
          { kind: "added", leftNo: null, left: "", rightNo: 6, right: "발전기 1대", folded: [] },
        ],
        added: 1,
        removed: 0,
        changed: 1,
      }),
    });
    renderWithProviders(
      <DesignDocsScreen opening={{ kind: "designdoc", id: "01DOC", record: "designdoc/01DOC" }} />,
    );
    const detail = await screen.findByTestId("designdoc-detail");
    const versions = within(detail).getAllByTestId("designdoc-version");
    expect(versions.map((entry) => entry.dataset.number)).toEqual(["2", "1"]);
    expect(versions[0]!.dataset.current).toBe("yes");
    expect(versions[0]!.textContent).toContain("현재");
    expect(versions[0]!.textContent).toContain("cdcdcdcdcdcd");
    expect(versions[0]!.textContent).toContain("UPS 용량 수정");
    expect(versions[1]!.textContent).toContain("이전 버전");

    const stale = within(detail).getByTestId("designdoc-decision");
    expect(stale.dataset.stale).toBe("yes");
    expect(stale.textContent).toContain("이서연 승인");
    expect(stale.textContent).toContain("이전 버전 v1에 대한 결정");
    expect(within(detail).getByTestId("designdoc-waiting").textContent).toContain("이서연, 박지훈");
    const thread = within(detail).getByTestId("designdoc-thread");
    expect(thread.dataset.carried).toBe("yes");
    expect(within(thread).getByTestId("designdoc-made-on").textContent).toBe("v1에서 작성");
    expect(thread.textContent).toContain("2쪽에 고정");
    expect((await within(detail).findByTestId("designdoc-text")).textContent).toContain("UPS 2대");
    expect(screen.queryByTestId("designdoc-locked")).toBeNull();

    // v1 and v2 side by side (the diff's rows), a folded run opened in place.
    const diff = await within(detail).findByTestId("designdoc-diff");
    expect(callsOf("designdoc_diff")).toEqual([{ id: "01DOC", from: 1, to: 2 }]);
    expect(within(diff).getByTestId("designdoc-diff-counts").textContent).toBe(
      "추가 1 · 삭제 0 · 변경 1",
    );
    const changed = within(diff).getAllByTestId("designdoc-diff-row")[1]!;
    expect(changed.dataset.kind).toBe("changed");
    expect(changed.textContent).toBe("5UPS 1대5UPS 2대");
    fireEvent.click(within(diff).getByTestId("designdoc-diff-fold"));
    expect(diff.textContent).toContain("2a2a3b3b4c4c");
    expect(within(diff).queryByTestId("designdoc-diff-fold")).toBeNull();

    // The version's review record (검토 결과서), saved where exports go.
    fireEvent.click(within(detail).getByTestId("designdoc-record"));
    await waitFor(() => expect(callsOf("designdoc_record")).toEqual([{ id: "01DOC", version: 2 }]));
    expect((await screen.findByText(/검토 결과서를 저장했습니다/)).textContent).toContain(
      "review-record.pdf",
    );

    fireEvent.click(within(versions[0]!).getByTestId("designdoc-version-save"));
    await waitFor(() => expect(callsOf("designdoc_save")).toEqual([{ id: "01DOC", version: 2 }]));
  });

  it("does not read a version too large to preview, and says to save it", async () => {
    const huge = view();
    huge.versions[1] = {
      ...huge.versions[1]!,
      version: {
        ...huge.versions[1]!.version,
        size: 500 * 1024 * 1024,
        file_name: "floor.pdf",
        media_type: "application/pdf",
      },
    };
    fakeBackend({
      designdoc_list: () => [row],
      designdoc_get: () => huge,
      designdoc_file: () => new TextEncoder().encode("x").buffer,
    });
    renderWithProviders(
      <DesignDocsScreen opening={{ kind: "designdoc", id: "01DOC", record: "designdoc/01DOC" }} />,
    );
    const said = await screen.findByTestId("designdoc-preview-too-large");
    expect(said.textContent).toContain("미리보기로 열기에 너무 큽니다");
    expect(said.textContent).toContain("저장해서 여세요");
    expect(callsOf("designdoc_file")).toEqual([]);
  });

  it("marks an approved version locked and asks for no review on it", async () => {
    const approved = view();
    approved.row = { ...row, state: "approved", approved_version: 2, open_reviews: 0 };
    approved.versions[1] = { ...approved.versions[1]!, state: "approved" };
    approved.reviews[1] = { ...approved.reviews[1]!, state: "approved", waiting_on: [] };
    fakeBackend({
      designdoc_list: () => [row],
      designdoc_get: () => approved,
      designdoc_file: () => new TextEncoder().encode("x").buffer,
    });
    renderWithProviders(
      <DesignDocsScreen opening={{ kind: "designdoc", id: "01DOC", record: "designdoc/01DOC" }} />,
    );
    expect((await screen.findByTestId("designdoc-locked")).textContent).toContain("잠긴 버전");
    expect(screen.getByTestId("designdoc-state").textContent).toBe("승인됨 (잠김)");
    expect(screen.queryByTestId("designdoc-review-request")).toBeNull();
    expect(screen.queryByTestId("designdoc-decide")).toBeNull();
  });

  it("requests a review from two members, two of them to approve, by a due date", async () => {
    const draft = view({ reviews: [], comments: [] });
    draft.row = { ...row, state: "draft" };
    fakeBackend({
      designdoc_list: () => [row],
      designdoc_get: () => draft,
      designdoc_file: () => new TextEncoder().encode("x").buffer,
      members_roster: () => ({
        status: { state: "verified", version: 1, issued_at_ms: 0 },
        members: [
          { user_id: "acc-lee", name: "이서연", role: "editor", grants: [], keys: [], me: false },
          { user_id: "acc-park", name: "박지훈", role: "editor", grants: [], keys: [], me: false },
        ],
      }),
      designdoc_review: () => view(),
    });
    renderWithProviders(
      <DesignDocsScreen opening={{ kind: "designdoc", id: "01DOC", record: "designdoc/01DOC" }} />,
    );
    fireEvent.click(await screen.findByTestId("designdoc-review-request"));
    const dialog = await screen.findByTestId("designdoc-review-dialog");
    const boxes = await within(dialog).findAllByTestId("designdoc-reviewer");
    boxes.forEach((box) => fireEvent.click(box));
    fireEvent.change(within(dialog).getByTestId("designdoc-review-rule"), {
      target: { value: "n_of_m" },
    });
    fireEvent.change(within(dialog).getByTestId("designdoc-review-required"), {
      target: { value: "2" },
    });
    fireEvent.change(within(dialog).getByLabelText("기한"), { target: { value: "2099-01-20" } });
    fireEvent.click(within(dialog).getByTestId("designdoc-review-send"));
    await waitFor(() => expect(callsOf("designdoc_review")).toHaveLength(1));
    const sent = callsOf("designdoc_review")[0]!;
    expect(sent.input).toEqual({
      version: null,
      reviewers: ["acc-lee", "acc-park"],
      capability: "",
      rule: "n_of_m",
      required: 2,
      due: "2099-01-20",
    });
    expect(sent.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await waitFor(() => expect(screen.queryByTestId("designdoc-review-dialog")).toBeNull());
  });

  it("asks for changes with a comment, and shows a refusal in Korean", async () => {
    const { CommandError } = await import("../../ipc");
    let refuse = true;
    fakeBackend({
      designdoc_list: () => [row],
      designdoc_get: () => view(),
      designdoc_file: () => new TextEncoder().encode("x").buffer,
      designdoc_decide: () => {
        if (refuse)
          throw new CommandError("designdoc_decide", "invalid", "not a reviewer", {
            problems: [{ field: "", code: "not_a_reviewer", value: "이서연, 박지훈", message: "" }],
          });
        return view();
      },
    });
    renderWithProviders(
      <DesignDocsScreen opening={{ kind: "designdoc", id: "01DOC", record: "designdoc/01DOC" }} />,
    );
    const decide = await screen.findByTestId("designdoc-decide");
    fireEvent.change(within(decide).getByTestId("designdoc-decide-comment"), {
      target: { value: "2쪽 차단기 용량이 부족합니다" },
    });
    fireEvent.click(within(decide).getByTestId("designdoc-changes"));
    expect((await screen.findByTestId("designdoc-decide-error")).textContent).toContain(
      "이 버전의 검토자가 아닙니다 (검토자: 이서연, 박지훈)",
    );
    refuse = false;
    fireEvent.click(within(decide).getByTestId("designdoc-changes"));
    await waitFor(() => expect(callsOf("designdoc_decide")).toHaveLength(2));
    expect(callsOf("designdoc_decide")[1]).toEqual({
      id: "01DOC",
      version: 2,
      verdict: "changes",
      comment: "2쪽 차단기 용량이 부족합니다",
    });
  });
});

describe("uploadVersion", () => {
  beforeEach(() => {
    vi.mocked(upload).mockReset();
  });

  it("sends a file in parts from where the app's held bytes end, then adds the version", async () => {
    const size = 2 * uploadPartBytes + 1000;
    const bytes = new Uint8Array(size).map((_, index) => index % 251);
    const file = Object.assign(new Blob([bytes]), { name: "배치도.pdf" });
    const parts: { offset: number; length: number; first: number }[] = [];
    vi.mocked(upload).mockImplementation(async (_name, args, body) => {
      const { offset } = args as { offset: number };
      parts.push({ offset, length: body.length, first: body[0]! });
      return { held: offset + body.length } as never;
    });
    fakeBackend({ designdoc_version_add: () => view() });
    const seen: number[] = [];
    await uploadVersion("01DOC", file, "초안", (done) => seen.push(done));
    expect(parts).toEqual([
      { offset: 0, length: uploadPartBytes, first: 0 },
      { offset: uploadPartBytes, length: uploadPartBytes, first: uploadPartBytes % 251 },
      { offset: 2 * uploadPartBytes, length: 1000, first: (2 * uploadPartBytes) % 251 },
    ]);
    expect(seen).toEqual([0, uploadPartBytes, 2 * uploadPartBytes, size]);
    const uploads = new Set(
      vi.mocked(upload).mock.calls.map(([, args]) => (args as { upload: string }).upload),
    );
    expect(uploads.size).toBe(1);
    const [added] = callsOf("designdoc_version_add");
    expect(added).toMatchObject({ id: "01DOC", name: "배치도.pdf", note: "초안" });
    expect(added!.upload).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});

describe("comment pins", () => {
  it("turn a click into fractions of the page, clamped, and back into a spot at any size", () => {
    const box = { left: 100, top: 50, width: 600, height: 800 };
    const pin = pinFromClick(box, 250, 450, 2);
    expect(pin).toEqual({ page: 2, x: 0.25, y: 0.5 });
    // Drawn twice as large, the pin stays on the same spot of the page.
    expect(pinOffset(pin, 1200, 1600)).toEqual({ left: 300, top: 800 });
    expect(pinStyle(pin)).toEqual({ left: "25.00%", top: "50.00%" });
    // A click on the page's edge (or just past it) stays on the page.
    expect(pinFromClick(box, 90, 900, 1)).toEqual({ page: 1, x: 0, y: 1 });
    expect(pinFromClick(box, 100 + 600 / 3, 50, 1).x).toBe(0.3333);
    expect(pinFromClick({ ...box, width: 0 }, 120, 60, 1).x).toBe(0);
  });
});

describe("<LinkedDocs/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("lists a rack's documents with their state, each opening the document, and nothing when none", async () => {
    fakeBackend({
      designdoc_linked: ({ record }) =>
        record === "rack/R1" ? [{ ...row, state: "approved", links: ["rack/R1"] }] : [],
    });
    const { navigation, routes } = recordingNavigation();
    renderWithProviders(
      <WithNavigation navigation={navigation}>
        <LinkedDocs record="rack/R1" />
        <div data-testid="other-rack">
          <LinkedDocs record="rack/R2" />
        </div>
      </WithNavigation>,
    );
    const line = await screen.findByTestId("linked-docs");
    expect(line.textContent).toBe("연결된 문서: 전력 계통도 (승인됨 (잠김))");
    fireEvent.click(within(line).getByTestId("linked-doc"));
    expect(routes[0]).toMatchObject({ screen: "designdocs" });
    await waitFor(() => expect(callsOf("designdoc_linked")).toHaveLength(2));
    expect(screen.getByTestId("other-rack").textContent).toBe("");
  });
});
