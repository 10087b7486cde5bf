import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { BackupList } from "../../bindings/BackupList";
import type { BackupRow } from "../../bindings/BackupRow";
import { call, CommandError } from "../../ipc";
import type { AppState, WorkspaceSummary } from "../../lib/dto";
import { callsOf, fakeBackend, type Handlers } from "../../test/backend";
import { emitEvent } from "../../test/ipcMock";
import { renderWithApp } from "../../test/render";
import { syncStatus } from "../../test/syncStatus";
import { backupTime, localStamp } from "./backupText";
import { BackupsScreen } from "./BackupsScreen";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const workspace: WorkspaceSummary = {
  meta: { id: "01W", name: "평택 1센터", created_at_ms: 0 },
  asset_count: 2000,
};

function appState(names: string[] = []): AppState {
  return {
    data_dir: "/data",
    profile_chosen: true,
    os_user: null,
    language: "ko",
    profile: { name: "김민준", initials: "MJ" },
    workspaces: [
      workspace.meta,
      ...names.map((name, n) => ({ id: `0${n}X`, name, created_at_ms: 0 })),
    ],
    current: workspace,
  };
}

const older: BackupRow = {
  name: "01W/20261206T090000000Z",
  created_at_ms: Date.UTC(2026, 11, 6, 9),
  documents: 3000,
  files: 1,
  bytes: 2_000_000,
  path: "/data/backups/01W/20261206T090000000Z",
};
const newer: BackupRow = {
  name: "01W/20261207T090000000Z",
  created_at_ms: Date.UTC(2026, 11, 7, 9),
  documents: 3044,
  files: 2,
  bytes: 2_223_806,
  path: "/data/backups/01W/20261207T090000000Z",
};

function list(backups: BackupRow[]): BackupList {
  return {
    folder: "/data/backups/01W",
    keep: 7,
    backups,
    export_suggestion: "/home/kim/Downloads/평택 1센터-20261207T0900Z",
  };
}

function backend(handlers: Handlers, names: string[] = []) {
  fakeBackend({
    app_state: () => appState(names),
    sync_status: () => syncStatus(),
    ...handlers,
  });
}

/** A promise and the function that settles it, for a command still running. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

function render(onOpened = vi.fn()) {
  renderWithApp(<BackupsScreen workspace={workspace} onOpened={onOpened} />);
  return onOpened;
}

describe("<BackupsScreen/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("lists the backups as Rust orders them, newest first, with what each holds", async () => {
    backend({ backup_list: () => list([newer, older]) });
    render();
    const rows = await screen.findAllByTestId("backup-row");
    expect(rows.map((row) => row.dataset.name)).toEqual([newer.name, older.name]);
    expect(within(rows[0]!).getByTestId("backup-when").textContent).toBe(
      backupTime(newer.created_at_ms, "ko"),
    );
    expect(within(rows[0]!).getByTestId("backup-counts").textContent).toBe(
      "문서 3,044개 · 파일 2개 · 2.1 MB",
    );
    expect(rows[0]!.textContent).toContain("최신");
    expect(rows[1]!.textContent).not.toContain("최신");
    expect(screen.getByTestId("backup-folder").textContent).toBe("보관 위치: /data/backups/01W");
    expect(screen.getByTestId("backups-screen").textContent).toContain(
      "하루에 한 번, 그리고 앱을 닫을 때",
    );
  });

  it("says what happens without asking when there is no backup yet", async () => {
    backend({ backup_list: () => list([]) });
    render();
    const empty = await screen.findByTestId("backups-empty");
    expect(empty.textContent).toContain("아직 백업이 없습니다");
    expect(empty.textContent).toContain("앱을 닫을 때 자동으로 백업됩니다(최근 7개 보관)");
    expect(within(empty).getByTestId("backup-now")).toBeTruthy();
  });

  it("backs up now with progress shown while Rust works, then the new backup listed", async () => {
    let backups = [older];
    const running = deferred<BackupRow>();
    backend({
      backup_list: () => list(backups),
      backup_now: () => running.promise,
    });
    render();
    await screen.findAllByTestId("backup-row");
    fireEvent.click(screen.getByTestId("backup-now"));
    expect(await screen.findByTestId("backup-progress")).toBeTruthy();
    const button = screen.getByTestId("backup-now") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toContain("백업하는 중…");
    // The screen is not blocked meanwhile: a restore can be opened.
    fireEvent.click(screen.getByTestId("backup-restore"));
    expect(screen.getByTestId("backup-restore-dialog")).toBeTruthy();
    fireEvent.keyDown(screen.getByTestId("backup-restore-dialog"), { key: "Escape" });

    backups = [newer, older];
    await act(async () => {
      running.resolve(newer);
      await running.promise;
    });
    expect(await screen.findByText("백업했습니다: 문서 3,044개, 파일 2개, 2.1 MB")).toBeTruthy();
    expect(screen.queryByTestId("backup-progress")).toBeNull();
    // Rust announces the write; the list reads again.
    act(() => emitEvent("workspace_changed", { workspace_id: "01W" }));
    await waitFor(() => expect(screen.getAllByTestId("backup-row")).toHaveLength(2));
    expect(callsOf("backup_now")).toHaveLength(1);
  });

  it("backs up with the B key, and shows why when it fails", async () => {
    backend({
      backup_list: () => list([older]),
      backup_now: () => {
        throw new CommandError("backup_now", "disk_full", "the disk is full");
      },
    });
    render();
    await screen.findAllByTestId("backup-row");
    fireEvent.keyDown(window, { key: "b" });
    const failed = await screen.findByTestId("backup-failed");
    expect(failed.textContent).toContain("백업하지 못했습니다.");
    expect(failed.textContent).toContain("디스크");
    expect(callsOf("backup_now")).toHaveLength(1);
  });

  it("restores into a new workspace after saying what will happen, then opens it", async () => {
    const restored: WorkspaceSummary = {
      meta: { id: "01R", name: "평택 1센터 (restored)", created_at_ms: 1 },
      asset_count: 2000,
    };
    const taken = `평택 1센터 (${localStamp(older.created_at_ms)})`;
    backend(
      {
        backup_list: () => list([newer, older]),
        backup_restore: () => restored,
        workspace_open: () => restored,
      },
      [taken],
    );
    const onOpened = render();
    const rows = await screen.findAllByTestId("backup-row");
    fireEvent.click(within(rows[1]!).getByTestId("backup-restore"));
    const dialog = screen.getByTestId("backup-restore-dialog");
    expect(dialog.textContent).toContain(
      `${backupTime(older.created_at_ms, "ko")}에 만든 백업(문서 3,000개, 파일 1개)`,
    );
    expect(dialog.textContent).toContain("지금 작업공간 '평택 1센터'는 그대로 두며");
    expect(dialog.textContent).toContain("이 백업 뒤에 한 변경이 들어 있지 않습니다");
    // That name is taken (restored once already): the next free one is offered.
    await waitFor(() =>
      expect((screen.getByTestId("backup-restore-name") as HTMLInputElement).value).toBe(
        `${taken} (2)`,
      ),
    );
    expect(document.activeElement).toBe(screen.getByTestId("backup-restore-name"));
    fireEvent.click(screen.getByTestId("backup-restore-confirm"));
    const offer = await screen.findByTestId("backup-opened-text");
    expect(offer.textContent).toBe(
      "'평택 1센터 (restored)' 작업공간을 만들었습니다: 자산 2,000개.",
    );
    expect(callsOf("backup_restore")).toEqual([{ name: older.name, newName: `${taken} (2)` }]);
    expect(document.activeElement).toBe(screen.getByTestId("backup-open-workspace"));
    fireEvent.click(screen.getByTestId("backup-open-workspace"));
    await waitFor(() => expect(onOpened).toHaveBeenCalledTimes(1));
    expect(callsOf("workspace_open")).toEqual([{ id: "01R" }]);
  });

  it("shows a damaged backup's files and opens nothing", async () => {
    backend({
      backup_list: () => list([newer]),
      backup_restore: () => {
        throw new CommandError("backup_restore", "export_damaged", "damaged", {
          problems: [
            {
              field: "",
              code: "file_wrong_hash",
              value: "docs/asset%2F01.automerge",
              message: "docs/asset%2F01.automerge does not match",
            },
          ],
        });
      },
    });
    render();
    fireEvent.click(await screen.findByTestId("backup-restore"));
    fireEvent.click(screen.getByTestId("backup-restore-confirm"));
    const problems = await screen.findByTestId("backup-problems");
    expect([...problems.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      "백업이 손상되어 아무것도 가져오거나 복원하지 않았습니다.",
      "docs/asset%2F01.automerge 파일의 내용이 바뀌었거나 손상되었습니다(SHA-256 불일치).",
    ]);
    expect(screen.queryByTestId("backup-opened-text")).toBeNull();
  });

  it("exports to the suggested folder, or says under the field why not", async () => {
    let refuse = true;
    backend({
      backup_list: () => list([newer]),
      workspace_export: ({ folder }) => {
        if (refuse) {
          throw new CommandError("workspace_export", "folder_refused", "not empty", {
            problems: [{ field: "folder", code: "folder_not_empty", value: folder, message: "" }],
          });
        }
        return { folder, documents: 3044, files: 2, bytes: 2_223_806 };
      },
    });
    render();
    await screen.findAllByTestId("backup-row");
    fireEvent.click(screen.getByTestId("backup-export-open"));
    const field = screen.getByTestId("backup-export-folder") as HTMLInputElement;
    expect(field.value).toBe("/home/kim/Downloads/평택 1센터-20261207T0900Z");
    fireEvent.click(screen.getByTestId("backup-export-confirm"));
    expect(await screen.findByText(/이미 있고 비어 있지 않은 폴더입니다/)).toBeTruthy();
    expect(field.getAttribute("aria-invalid")).toBe("true");

    refuse = false;
    fireEvent.change(field, { target: { value: "/media/usb/평택" } });
    fireEvent.submit(field.closest("form")!);
    expect(
      await screen.findByText("내보냈습니다: /media/usb/평택 (문서 3,044개, 파일 2개, 2.1 MB)"),
    ).toBeTruthy();
    expect(screen.queryByTestId("backup-export")).toBeNull();
    expect(callsOf("workspace_export").map(({ folder }) => folder)).toEqual([
      "/home/kim/Downloads/평택 1센터-20261207T0900Z",
      "/media/usb/평택",
    ]);
  });

  it("imports a workspace this computer has as a new one when asked", async () => {
    const imported: WorkspaceSummary = {
      meta: { id: "01N", name: "평택 1센터 (2)", created_at_ms: 1 },
      asset_count: 12,
    };
    backend({
      backup_list: () => list([]),
      workspace_import: ({ asNew }) => {
        if (!asNew) {
          throw new CommandError("workspace_import", "folder_refused", "exists", {
            problems: [
              {
                field: "folder",
                code: "workspace_already_here",
                value: "평택 1센터",
                detail: { name: "평택 1센터" },
                message: "",
              },
            ],
          });
        }
        return imported;
      },
    });
    render();
    await screen.findByTestId("backups-empty");
    fireEvent.click(screen.getByTestId("backup-import-open"));
    expect(screen.queryByTestId("backup-import-as-new")).toBeNull();
    fireEvent.change(screen.getByTestId("backup-import-folder"), {
      target: { value: "/media/usb/평택" },
    });
    fireEvent.click(screen.getByTestId("backup-import-confirm"));
    expect(
      await screen.findByText(
        "이 컴퓨터에 이미 '평택 1센터' 작업공간이 있습니다. 새 작업공간으로 가져올 수 있습니다.",
      ),
    ).toBeTruthy();
    fireEvent.click(screen.getByTestId("backup-import-as-new"));
    expect((await screen.findByTestId("backup-opened-text")).textContent).toBe(
      "'평택 1센터 (2)' 작업공간을 가져왔습니다: 자산 12개.",
    );
    expect(callsOf("workspace_import")).toEqual([
      { folder: "/media/usb/평택", asNew: false },
      { folder: "/media/usb/평택", asNew: true },
    ]);
  });
});
