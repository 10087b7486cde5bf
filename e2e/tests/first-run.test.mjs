// A first run at 1280×800 (issue 18): the app asks the user's name before anything (never its
// own name as the author), offers a sample workspace made from the app itself, and opens it
// with what it holds said: 2,000 assets in the list, a room of 20 racks on the floor plan,
// 1,022 cables; the workspace menu makes another. Its own app: the
// first-run screen needs an empty data dir.
import assert from "node:assert/strict";
import { test } from "node:test";
import { startApp } from "../harness.mjs";

test(
  "a first run asks the user's name, makes the sample workspace from the app and opens it",
  { timeout: 300_000 },
  async (t) => {
    const app = await startApp();
    t.after(() => app.close());
    await app.session.setWindowSize(1280, 800);

    await app.waitForTestId("first-run");
    await app.waitForTestId("first-run-name");
    await app.click("first-run-sample");
    await app.waitForText("first-run", /이름을 입력하세요/);
    await app.type("first-run-name", "이서연");
    await app.click("first-run-sample");
    await app.waitForText("workspace-current", "예시 데이터센터", { timeoutMs: 60_000 });
    await app.waitForText("asset-count", "총 2,000개", { timeoutMs: 30_000 });
    assert.equal(
      await (await app.byTestId("profile-button")).getAttribute("aria-label"),
      "내 프로필: 이서연",
    );
    await app.screenshot("first-run-sample-1280");

    // The racks and the cables are there too, as the toast says; the workspace menu makes
    // another, under the next free name.
    await app.waitForText("toast", /자산 2,000개 · 랙 20개 · 케이블 1,022개/);
    await app.click("workspace-switcher");
    await app.click("workspace-sample");
    await app.waitForText("workspace-current", "예시 데이터센터 2", { timeoutMs: 60_000 });
    const state = await app.invoke("app_state", {});
    assert.deepEqual(state.workspaces.map((workspace) => workspace.name).sort(), [
      "예시 데이터센터",
      "예시 데이터센터 2",
    ]);
    assert.equal(state.profile.name, "이서연");
    assert.equal(state.profile_chosen, true);
  },
);
