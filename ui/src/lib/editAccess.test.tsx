import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { MembersMe } from "../bindings/MembersMe";
import { AccessBanner } from "../components/AccessBanner";
import { Button } from "../components/Button";
import { createTranslator } from "../i18n";
import { call, CommandError } from "../ipc";
import { AssetsScreen } from "../screens/assets/AssetsScreen";
import { fakeBackend } from "../test/backend";
import { noLife } from "../test/life";
import { me, meAs } from "../test/members";
import { renderWithApp } from "../test/render";
import { syncStatus } from "../test/syncStatus";
import type { AppState, AssetRow, WorkspaceSummary } from "./dto";
import { accessReason, EditAccessProvider } from "./editAccess";
import { describeError } from "./errors";

vi.mock("../ipc", async (importOriginal) =>
  (await import("../test/ipcMock")).mockedIpc(importOriginal as never),
);

const workspace: WorkspaceSummary = {
  meta: { id: "01W", name: "평택 1센터", created_at_ms: 0 },
  asset_count: 1,
};

const appState: AppState = {
  data_dir: "/data",
  profile_chosen: true,
  os_user: null,
  language: "ko",
  profile: { name: "이서연", initials: "SY" },
  workspaces: [workspace.meta],
  current: workspace,
};

const asset: AssetRow = {
  asset: {
    id: "A1",
    asset_tag: "PT1-SRV-0001",
    asset_type: "server",
    manufacturer: "Dell",
    model: "R750",
    serial: "SN1",
    purchase_date: null,
    cost: null,
    warranty_end: null,
    status: "in_use",
    location: { site: "평택 1센터", room: "", row: "", rack: "", unit: null },
    owner: "",
    notes: "",
    tags: [],
  },
  created_at_ms: 0,
  updated_at_ms: 0,
  updated_by: "김민준",
  life: noLife,
};

function backend(who: MembersMe) {
  fakeBackend({
    app_state: () => appState,
    sync_status: () => syncStatus(),
    members_me: () => who,
    asset_query: ({ query }) => ({ total: 1, offset: query.offset, rows: [asset] }),
    asset_get: () => asset,
    asset_history: () => [],
    asset_attachments: () => [],
    life_get: () => ({ assignments: {}, maintenance: {}, disposal: null, holds_data: null }),
    life_decisions: () => [],
    file_state: () => ({ state: "here", size: 0 }) as never,
  });
}

function Edits(props: { onEdit: () => void }) {
  return (
    <EditAccessProvider>
      <AccessBanner />
      <Button edits="records" onClick={props.onEdit} data-testid="edit-record">
        편집
      </Button>
      <Button edits="audits" onClick={props.onEdit} data-testid="edit-audit">
        실사 표시
      </Button>
    </EditAccessProvider>
  );
}

describe("what a role lets the app change", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("maps each access to the reason an edit is refused", () => {
    expect(accessReason("everything", "records")).toBeUndefined();
    expect(accessReason("audits_only", "audits")).toBeUndefined();
    expect(accessReason("audits_only", "records")).toBe("access.audits_only");
    expect(accessReason("read_only", "audits")).toBe("access.read_only");
    expect(accessReason("not_a_member", "records")).toBe("access.not_a_member");
  });

  it("words Rust's refusal of a role by what is missing", () => {
    const refusal = (kind: string, code: string) =>
      new CommandError("asset_edit", kind, "refused", {
        problems: [{ field: "", code, value: "", message: "refused" }],
      });
    const ko = createTranslator("ko");
    expect(describeError(ko, refusal("read_only", "read_only"))).toBe(
      "보기 전용 계정입니다 — 변경할 수 없습니다.",
    );
    expect(describeError(ko, refusal("not_entitled", "audits_only"))).toBe(
      "감사자 계정입니다 — 실사만 기록할 수 있고 다른 기록은 변경할 수 없습니다.",
    );
    expect(
      describeError(createTranslator("en"), refusal("not_entitled", "needs_member_admin")),
    ).toBe(
      "Changing the members needs the admin role or the Administer members capability. Ask a workspace admin.",
    );
  });

  it("shows a viewer the read-only reason, and edit buttons say it instead of acting", async () => {
    backend(meAs("viewer", "read_only"));
    const onEdit = vi.fn();
    renderWithApp(<Edits onEdit={onEdit} />);
    const banner = await screen.findByTestId("access-banner");
    expect(banner.textContent).toBe("보기 전용 계정입니다 — 변경할 수 없습니다");
    for (const testId of ["edit-record", "edit-audit"]) {
      const button = screen.getByTestId(testId);
      expect(button.getAttribute("aria-disabled")).toBe("true");
      expect(button.getAttribute("title")).toBe("보기 전용 계정입니다 — 변경할 수 없습니다");
      fireEvent.click(button);
    }
    expect(onEdit).not.toHaveBeenCalled();
  });

  it("lets an auditor record audits but not change other records", async () => {
    backend(meAs("auditor", "audits_only"));
    const onEdit = vi.fn();
    renderWithApp(<Edits onEdit={onEdit} />);
    expect((await screen.findByTestId("access-banner")).textContent).toContain("감사자 계정입니다");
    expect(screen.getByTestId("edit-record").getAttribute("aria-disabled")).toBe("true");
    const audit = screen.getByTestId("edit-audit");
    expect(audit.getAttribute("aria-disabled")).toBeNull();
    fireEvent.click(audit);
    expect(onEdit).toHaveBeenCalledTimes(1);
  });

  it("restricts nothing for an editor, or before the roster arrives", async () => {
    backend(me({ role: "editor", administers: false }));
    const onEdit = vi.fn();
    renderWithApp(<Edits onEdit={onEdit} />);
    await waitFor(() => expect(vi.mocked(call)).toHaveBeenCalledWith("members_me", {}));
    expect(screen.queryByTestId("access-banner")).toBeNull();
    fireEvent.click(screen.getByTestId("edit-record"));
    expect(onEdit).toHaveBeenCalledTimes(1);
  });

  it("disables the asset list's edits for a viewer, shortcuts included", async () => {
    backend(meAs("viewer", "read_only"));
    renderWithApp(
      <EditAccessProvider>
        <AssetsScreen workspace={workspace} />
      </EditAccessProvider>,
    );
    await screen.findAllByTestId("asset-row");
    await waitFor(() =>
      expect(screen.getByTestId("new-asset").getAttribute("aria-disabled")).toBe("true"),
    );
    expect(screen.getByTestId("import-button").getAttribute("aria-disabled")).toBe("true");
    fireEvent.click(screen.getByTestId("new-asset"));
    expect(screen.queryByTestId("asset-form")).toBeNull();
    // N would open the form: it says why instead.
    fireEvent.keyDown(window, { key: "n" });
    expect(screen.queryByTestId("asset-form")).toBeNull();
    expect((await screen.findByTestId("toast")).textContent).toContain("보기 전용 계정입니다");
    fireEvent.click(screen.getAllByTestId("asset-row")[0] as HTMLElement);
    await screen.findByTestId("detail-asset-tag");
    expect(screen.getByTestId("edit-asset").getAttribute("aria-disabled")).toBe("true");
    expect(screen.getByTestId("edit-asset").getAttribute("title")).toBe(
      "보기 전용 계정입니다 — 변경할 수 없습니다",
    );
  });
});
