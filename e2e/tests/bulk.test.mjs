// Big actions are safe (issue 18), in the real window at 1280×800: a bulk status change in
// the asset list shows what it will change (how many, which) before anything is written, and
// 되돌리기 in its toast puts every asset back (written as an edit: in the history); cable
// labels marked printed are unmarked the same way; a closed audit's corrections start
// unticked, say what they write before it is written, and are undone the same way. All use
// the one undo (lib/undo.ts, core's undo.rs).
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

const assetsWorkspace = sharedWorkspace("일괄-편집", (cli) =>
  cli("demo", "--assets", "120", "--seed", "9"),
);

const cablesWorkspace = sharedWorkspace("일괄-라벨", (cli) =>
  cli("demo", "--assets", "200", "--racks", "3", "--cables", "40", "--seed", "11"),
);

const auditWorkspace = sharedWorkspace("일괄-실사", (cli) => {
  cli("demo", "--assets", "200", "--racks", "3", "--seed", "5");
  const rack = JSON.parse(cli("rack", "show", "A-R01", "--json"));
  // A closed audit of A-R01 made by the real CLI: the first item found, the rest missing.
  const started = cli(
    "audit",
    "start",
    "--name",
    "A-R01 실사",
    "--site",
    rack.site,
    "--room",
    rack.room,
    "--rack",
    "A-R01",
  );
  const id = started.trim().split(/\s+/)[0];
  const items = cli("audit", "show", id)
    .trim()
    .split("\n")
    .map((line) => line.split("\t")[0]);
  cli("audit", "scan", id, items[0]);
  cli("audit", "close", id);
  return { items };
});

/** The window at 1280×800 for one test, put back after it. */
async function laptop(app, t) {
  const size = await app.session.getWindowSize();
  await app.session.setWindowSize(1280, 800);
  t.after(() => app.session.setWindowSize(size.width, size.height));
  await app.waitFor(async () => (await app.session.execute(() => window.innerWidth)) <= 1280, {
    message: "the window at 1280 wide",
  });
}

/** Waits until the button is enabled (it waits for its preview), then clicks it. */
async function clickEnabled(app, testId) {
  const button = await app.waitForTestId(testId);
  await app.waitFor(async () => button.isEnabled(), { message: `${testId} to be enabled` });
  await button.click();
}

/** Each listed asset row's tag and text (the status column is in the text). */
async function assetRows(app) {
  return app.session.execute(() =>
    [...document.querySelectorAll('[data-testid="asset-row"]')].map((row) => ({
      tag: row.dataset.assetTag,
      text: row.textContent,
    })),
  );
}

test(
  "at 1280×800: a bulk status change in the asset list is previewed, then undone from its toast",
  { timeout: 240_000 },
  async (t) => {
    const app = await assetsWorkspace.open();
    await laptop(app, t);
    await app.waitFor(async () => (await assetRows(app)).length >= 6, {
      message: "the asset list",
    });
    // Four assets not in maintenance, checked one by one.
    const before = (await assetRows(app)).filter((row) => !row.text.includes("유지보수"));
    const chosen = before.slice(0, 4);
    assert.equal(chosen.length, 4, "four assets not in maintenance among the first rows");
    for (const row of chosen) {
      await (
        await app.session.$(
          `[data-testid="asset-row"][data-asset-tag="${row.tag}"] [data-testid="asset-check"]`,
        )
      ).click();
    }
    await app.waitForText("asset-selection-bar", /4개 선택/);
    await app.click("asset-bulk-open");
    await app.waitForTestId("asset-bulk");
    assert.equal(await (await app.byTestId("asset-bulk-go")).isEnabled(), false);
    await (await app.waitForTestId("asset-bulk-status")).selectByAttribute("value", "maintenance");

    // What it will do first: how many, and which (each tag, its status now and after).
    await app.waitForText("asset-bulk-summary", /자산 4개가 바뀝니다/);
    const listed = await app.session.execute(() =>
      [...document.querySelectorAll('[data-testid="change-row"]')].map((row) => row.textContent),
    );
    assert.equal(listed.length, 4);
    for (const row of chosen) {
      assert.ok(
        listed.some((line) => line.includes(row.tag) && line.endsWith("유지보수")),
        `${row.tag} listed with 유지보수 after (${listed})`,
      );
    }
    await app.screenshot("bulk-edit-preview-1280");
    // Nothing is written by the preview.
    const unchanged = await assetRows(app);
    for (const row of chosen) {
      assert.equal(unchanged.find((r) => r.tag === row.tag)?.text, row.text);
    }

    await clickEnabled(app, "asset-bulk-go");
    await app.waitForText("toast", /자산 4개를 바꿨습니다/);
    await app.waitFor(
      async () => {
        const rows = await assetRows(app);
        return chosen.every((c) => rows.find((r) => r.tag === c.tag)?.text.includes("유지보수"));
      },
      { message: "the four assets in maintenance in the list" },
    );

    // 되돌리기: the same four as they were, written as an edit of each.
    await app.click("toast-undo");
    await app.waitFor(
      async () =>
        app.session.execute(() =>
          [...document.querySelectorAll('[data-testid="toast"]')].some((toast) =>
            toast.textContent.includes("4건을 되돌렸습니다."),
          ),
        ),
      { message: "the undo's toast" },
    );
    await app.waitFor(
      async () => {
        const rows = await assetRows(app);
        return chosen.every((c) => rows.find((r) => r.tag === c.tag)?.text === c.text);
      },
      { message: "each asset's row as it was before" },
    );
    await (
      await app.session.$(`[data-testid="asset-row"][data-asset-tag="${chosen[0].tag}"]`)
    ).click();
    await app.waitFor(
      async () =>
        (await app.session.$$('[data-testid="history-entry"][data-op="undo"]')).length === 1 &&
        (await app.session.$$('[data-testid="history-entry"][data-op="bulk-edit"]')).length === 1,
      { message: "the bulk edit and its undo in the asset's history" },
    );
  },
);

test(
  "at 1280×800: cable labels say how many before printing, and the printed mark is undone",
  { timeout: 240_000 },
  async (t) => {
    const app = await cablesWorkspace.open();
    await laptop(app, t);
    await app.click("nav-cables");
    await app.waitFor(async () => (await app.session.$$('[data-testid="cable-row"]')).length >= 5, {
      message: "the cable list",
    });
    const printedMarks = () =>
      app.session.execute(
        () => document.querySelectorAll('[data-testid="cable-printed"] svg').length,
      );
    assert.equal(await printedMarks(), 0, "no label printed yet");
    const checks = await app.session.$$('[data-testid="cable-check"]');
    for (const check of checks.slice(0, 5)) await check.click();
    await app.waitForText("selection-bar", /5개 선택/);

    await app.click("selection-print");
    await app.waitForTestId("print-dialog");
    // How many (and which) before anything is printed or marked.
    await app.waitForText("print-summary", /케이블 5개, 라벨 10장을 인쇄합니다/);
    await app.waitForText("print-go", "라벨 10장 인쇄");
    assert.equal(await (await app.byTestId("print-mark")).isSelected(), true);
    await app.screenshot("print-labels-preview-1280");
    await clickEnabled(app, "print-go");
    await app.waitFor(
      async () =>
        app.session.execute(() =>
          [...document.querySelectorAll('[data-testid="toast"]')].some((toast) =>
            toast.textContent.includes("케이블 5개를 '라벨 인쇄됨'으로 표시했습니다."),
          ),
        ),
      { message: "the print's toast" },
    );
    const pdf = await app.session.execute(() =>
      [...document.querySelectorAll(".toast-message")]
        .map((el) => el.textContent.match(/(\/\S+\.pdf)/)?.[1])
        .find((found) => found !== undefined),
    );
    if (pdf) t.after(() => fs.rmSync(pdf, { force: true }));
    await app.waitFor(async () => (await printedMarks()) === 5, {
      message: "five cables marked printed",
    });

    await app.click("toast-undo");
    await app.waitFor(async () => (await printedMarks()) === 0, {
      message: "the printed mark taken back from the five cables",
    });
    await app.waitFor(
      async () =>
        app.session.execute(() =>
          [...document.querySelectorAll('[data-testid="toast"]')].some((toast) =>
            toast.textContent.includes("5건을 되돌렸습니다."),
          ),
        ),
      { message: "the undo's toast" },
    );
    // Kept after a restart: the undo was written like any edit.
    await app.restart();
    await app.click("nav-cables");
    await app.waitFor(async () => (await app.session.$$('[data-testid="cable-row"]')).length >= 5, {
      message: "the cable list after a restart",
    });
    assert.equal(await printedMarks(), 0);
  },
);

test(
  "at 1280×800: a closed audit's corrections start unticked, are confirmed, then undone",
  { timeout: 240_000 },
  async (t) => {
    const app = await auditWorkspace.open();
    await laptop(app, t);
    const { items } = auditWorkspace.seeded;
    const missing = items.slice(1);
    assert.ok(missing.length >= 2, `A-R01 holds register assets: ${items}`);
    await app.click("nav-audits");
    await app.click("audit-open-A-R01 실사");
    await app.waitForTestId(`audit-discrepancy-${missing[0]}`);
    const ticked = () =>
      app.session.execute(() =>
        [...document.querySelectorAll('[data-testid="audit-choose"]')].map((box) => box.checked),
      );
    // Nothing ticked: applying is off until the reviewer chooses.
    const boxes = await ticked();
    assert.equal(boxes.length, missing.length);
    assert.ok(
      boxes.every((checked) => !checked),
      "every correction unticked by default",
    );
    assert.equal(await (await app.byTestId("audit-apply")).isEnabled(), false);
    await app.screenshot("audit-review-unticked-1280");

    await app.click("audit-choose-all");
    await app.waitFor(async () => (await ticked()).every((checked) => checked), {
      message: "every correction chosen",
    });
    await app.click("audit-apply");
    await app.waitForText(
      "audit-apply-confirm-summary",
      `고른 정정 ${missing.length}건을 자산 대장에 씁니다: 분실로 표시 ${missing.length}건. 반영한 뒤 30초 동안 되돌릴 수 있습니다.`,
    );
    await app.click("audit-apply-confirm-go");
    await app.waitForText(
      "toast",
      new RegExp(`정정 ${missing.length}건을 자산 대장에 반영했습니다`),
    );
    await app.waitFor(async () => (await ticked()).length === 0, {
      message: "the corrections applied (no checkbox left)",
    });

    // 되돌리기: the assets' statuses back, and the corrections to apply again.
    await app.click("toast-undo");
    await app.waitFor(async () => (await ticked()).length === missing.length, {
      message: "the corrections back to apply, unticked",
    });
    assert.ok((await ticked()).every((checked) => !checked));
    await app.click("nav-assets");
    await app.type("search-input", missing[0]);
    await app.waitFor(
      async () => {
        const rows = await assetRows(app);
        return rows.length === 1 && !rows[0].text.includes("분실");
      },
      { message: `${missing[0]} no longer missing in the list` },
    );
  },
);
