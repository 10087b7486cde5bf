import { describe, expect, it } from "vitest";
import { createTranslator } from "../../i18n";
import { CommandError } from "../../ipc";
import {
  backupRefusal,
  backupTime,
  countsText,
  importableAsNew,
  localStamp,
  refusalLineLimit,
  restoreName,
} from "./backupText";

const t = createTranslator("ko");
const at = new Date(2026, 11, 7, 18, 6).getTime();

function damaged(files: number): CommandError {
  return new CommandError("backup_restore", "export_damaged", "the export … is damaged", {
    problems: Array.from({ length: files }, (_, n) => ({
      field: "",
      code: "file_missing",
      value: `docs/asset%2F${n}.automerge`,
      message: `docs/asset%2F${n}.automerge is missing`,
    })),
  });
}

describe("restoreName", () => {
  it("is the workspace's name and the backup's local time", () => {
    expect(localStamp(at)).toBe("2026-12-07 18:06");
    expect(restoreName("평택 1센터", at, ["평택 1센터"])).toBe("평택 1센터 (2026-12-07 18:06)");
  });

  it("takes the next free number when that name is taken, as restoring twice does", () => {
    const first = "평택 1센터 (2026-12-07 18:06)";
    expect(restoreName("평택 1센터", at, [first])).toBe(`${first} (2)`);
    expect(restoreName("평택 1센터", at, [first, `${first} (2)`])).toBe(`${first} (3)`);
  });

  it("stays within the store's 80 characters and has no '/'", () => {
    const name = restoreName("A/B ".repeat(30), at, []);
    expect([...name].length).toBeLessThanOrEqual(80);
    expect(name).not.toContain("/");
    expect(name.endsWith("(2026-12-07 18:06)")).toBe(true);
  });
});

describe("backupRefusal", () => {
  it("puts a refused folder under the folder field", () => {
    const failure = new CommandError("workspace_export", "folder_refused", "not empty", {
      problems: [
        {
          field: "folder",
          code: "folder_not_empty",
          value: "/home/kim/x",
          message: "/home/kim/x already exists and is not empty",
        },
      ],
    });
    expect(backupRefusal(t, failure, ["folder"])).toEqual({
      fields: { folder: "이미 있고 비어 있지 않은 폴더입니다. 새 폴더 이름을 적어 주세요." },
      lines: [],
    });
  });

  it("says a damaged backup restored nothing, then names each damaged file", () => {
    const refused = backupRefusal(t, damaged(2), ["name"]);
    expect(refused.lines).toEqual([
      "백업이 손상되어 아무것도 가져오거나 복원하지 않았습니다.",
      "docs/asset%2F0.automerge 파일이 없습니다.",
      "docs/asset%2F1.automerge 파일이 없습니다.",
    ]);
  });

  it("counts the damaged files past the first few instead of listing thousands", () => {
    const refused = backupRefusal(t, damaged(5000), []);
    expect(refused.lines).toHaveLength(refusalLineLimit);
    expect(refused.lines.at(-1)).toBe(`그 밖에 ${5000 - (refusalLineLimit - 2)}개 더`);
  });

  it("words a failure without problems by its kind, with the reason", () => {
    const failure = new CommandError("backup_now", "disk_full", "the disk is full");
    expect(backupRefusal(t, failure, []).lines).toEqual([t("error.disk_full")]);
  });
});

describe("importableAsNew", () => {
  it("is true only when the workspace being here already is the one reason", () => {
    const here = new CommandError("workspace_import", "folder_refused", "", {
      problems: [{ field: "folder", code: "workspace_already_here", value: "평택", message: "" }],
    });
    expect(importableAsNew(here)).toBe(true);
    expect(importableAsNew(damaged(1))).toBe(false);
    expect(importableAsNew(new Error("x"))).toBe(false);
  });
});

describe("countsText", () => {
  it("gives documents, files and size with separators", () => {
    expect(countsText(t, "ko", { documents: 3044, files: 2, bytes: 2_223_806 })).toBe(
      "문서 3,044개 · 파일 2개 · 2.1 MB",
    );
  });
});

describe("backupTime", () => {
  it("tells apart two backups taken within one minute", () => {
    expect(backupTime(at, "ko")).not.toBe(backupTime(at + 30_000, "ko"));
    expect(backupTime(at, "en")).toContain("2026");
  });
});
