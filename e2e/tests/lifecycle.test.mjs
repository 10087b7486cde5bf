// An asset's life end to end: a workspace made by the real CLI, the app assigns the asset
// (refused first without a name, in Korean under the field), takes it back with its condition,
// and both steps show in the history; the person's view lists the past assignment.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

const workspace = sharedWorkspace("평택 1센터", (cli) => {
  cli("workspace", "create", "평택 1센터");
  cli(
    "asset",
    "add",
    "--asset-tag",
    "PT1-LT-0001",
    "--type",
    "other",
    "--model",
    "ThinkPad T14",
    "--status",
    "in_stock",
  );
});

async function texts(app, testId) {
  return app.session.execute(
    (id) =>
      [...document.querySelectorAll(`[data-testid="${id}"]`)].map((element) => element.textContent),
    testId,
  );
}

test(
  "assign an asset, take it back, and see both in its history",
  { timeout: 300_000 },
  async (t) => {
    const app = await workspace.open();
    const size = await app.session.getWindowSize();
    await app.session.setWindowSize(1280, 800);
    t.after(() => app.session.setWindowSize(size.width, size.height));

    await app.waitForText("asset-count", "총 1개");
    await app.click("asset-row");
    await app.waitForText("detail-asset-tag", "PT1-LT-0001");
    await app.waitForTestId("lifecycle");

    // Assign without a name: refused, the reason under the field, nothing written.
    await app.click("life-assign");
    await app.waitForTestId("assign-dialog");
    await app.click("assign-dialog-save");
    await app.waitFor(
      async () =>
        (await app.session.execute(() => document.body.textContent)).includes("필수 항목입니다."),
      { message: "the refusal under the assignee field" },
    );
    await app.type("life-assignee", "김민준");
    await app.click("assign-dialog-save");
    await app.waitFor(async () => /김민준에게 배정/.test(await app.text("life-current")), {
      message: "the current assignment",
    });

    // Take it back, worn.
    await app.click("life-return");
    await app.waitForTestId("return-dialog");
    await (await app.waitForTestId("life-condition")).selectByAttribute("value", "worn");
    await app.click("return-dialog-save");
    await app.waitFor(async () => (await texts(app, "history-entry")).length === 3, {
      message: "register, assign and return in the history",
    });
    // Each step in words (issue 18: an assignment said 바뀐 항목 없음).
    const [returned, assigned] = await texts(app, "history-entry");
    assert.match(returned, /김민준에게서 반납 받음 \(\d{4}-\d\d-\d\d, 상태: 사용감 있음\)/);
    assert.match(assigned, /김민준에게 배정 \(\d{4}-\d\d-\d\d부터\)/);
    for (const entry of [returned, assigned]) assert.doesNotMatch(entry, /바뀐 항목 없음/);
    assert.match(await app.text("life-assignment"), /지난 배정 1건/);
    await app.session.execute(() =>
      document.querySelector('[data-testid="lifecycle"]').scrollIntoView({ block: "start" }),
    );
    await app.screenshot("asset-lifecycle");
    await app.click("language-en");
    await app.waitFor(
      async () =>
        /Returned by 김민준 \(.*condition: Worn\)/.test((await texts(app, "history-entry"))[0]),
      { message: "the return in words, in English" },
    );
    await app.click("language-ko");

    // The person's view lists it as a past assignment.
    await app.click("nav-people");
    await app.type("people-search", "김민준");
    await app.waitFor(async () => /PT1-LT-0001/.test(await app.text("people-past")), {
      message: "the past assignment in the person's view",
    });
  },
);
