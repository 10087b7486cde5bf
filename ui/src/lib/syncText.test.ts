import { describe, expect, it } from "vitest";
import { createTranslator } from "../i18n";
import {
  isLoggedIn,
  pillText,
  progressText,
  retryRemaining,
  syncExplanation,
  syncState,
  type SyncStatus,
} from "./syncText";
import { syncStatus } from "../test/syncStatus";

const ko = createTranslator("ko");
const en = createTranslator("en");

const status: SyncStatus = syncStatus({
  state: "synced",
  server: "https://sync.example.kr:8443",
  user: "minjun",
});

describe("sync status in words", () => {
  it("translates Rust's progress and keeps what it does not know", () => {
    expect(progressText(ko, "ko", "push 1200/5000")).toBe("보내는 중 1,200/5,000");
    expect(progressText(ko, "ko", "pull 300")).toBe("받는 중 300건");
    expect(progressText(en, "en", "files 1/2")).toBe("files 1/2");
    expect(progressText(ko, "ko", "files 1/2")).toBe("파일 1/2");
    expect(progressText(ko, "ko", "compacting")).toBe("compacting");
    expect(progressText(ko, "ko", null)).toBeNull();
  });

  it("counts the retry down from when the status arrived", () => {
    const offline = { ...status, state: "offline", retry_in_secs: 8 };
    expect(retryRemaining(offline, 10_000, 10_000)).toBe(8);
    expect(retryRemaining(offline, 10_000, 13_400)).toBe(5);
    expect(retryRemaining(offline, 10_000, 60_000)).toBe(0);
    expect(syncExplanation(ko, offline, 0)).toBe(
      "서버에 연결할 수 없습니다. 네트워크가 돌아오면 자동으로 다시 시도합니다. 그동안의 변경은 이 컴퓨터에 저장됩니다.",
    );
  });

  it("says a logged-in workspace is being checked, not synced, until a pass reaches the server", () => {
    const connecting = { ...status, state: "connecting", last_synced_at_ms: 1_000 };
    expect(pillText(ko, "ko", connecting, 2_000)).toBe("연결 확인 중…");
    expect(pillText(en, "en", connecting, 2_000)).toBe("Checking the server…");
    expect(syncExplanation(ko, connecting, null)).toMatch(
      /^앱을 연 뒤 아직 서버에 닿지 않았습니다/,
    );
    expect(isLoggedIn(syncState(connecting))).toBe(true);
  });

  it("shows an unknown state or error code as an error with the generic text", () => {
    const odd = { ...status, state: "paused", error_code: "teapot", retry_in_secs: 4 };
    expect(pillText(ko, "ko", odd, 0)).toBe("오류: 알 수 없는 오류");
    expect(syncExplanation(ko, odd, 4)).toBe("동기화하지 못했습니다. 4초 후 다시 시도합니다.");
  });

  it("says the team server's disk is full, that nothing was sent and the edits stay here", () => {
    const full = { ...status, state: "error", error_code: "insufficient_storage", pending: 3 };
    expect(pillText(ko, "ko", full, 0)).toBe("오류: 서버 디스크 가득 참");
    expect(pillText(en, "en", full, 0)).toBe("Error: server disk full");
    expect(syncExplanation(ko, full, 8)).toBe(
      "팀 서버의 디스크가 가득 찼습니다. 아무것도 보내지 않았고, 변경은 이 컴퓨터에 그대로 있습니다. 서버 관리자가 공간을 비우면 자동으로 보냅니다. 서버에서 받아오는 것은 계속됩니다. 8초 후 다시 시도합니다.",
    );
  });

  it("says when nothing has been synced yet, and what waits", () => {
    expect(pillText(ko, "ko", status, 0)).toBe("동기화 대기");
    expect(syncExplanation(ko, status, null)).toBe(
      "아직 서버와 동기화하지 않았습니다. 곧 시작합니다.",
    );
    expect(syncExplanation(ko, { ...status, last_synced_at_ms: 1, pending: 2 }, null)).toBe(
      "보낼 변경 2건을 곧 서버로 보냅니다.",
    );
  });
});
